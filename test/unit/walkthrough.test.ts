// The getting-started walkthrough's contribution holds together: every step's media file ships,
// every command link and completion event names a command or view that exists.

import * as assert from 'assert';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../harness/paths';

interface Step {
  readonly id: string;
  readonly description: string;
  readonly media: { readonly markdown?: string };
  readonly completionEvents: readonly string[];
}

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]>; walkthroughs: { id: string; steps: Step[] }[] };
};
const ours = new Set(manifest.contributes.commands.map((c) => c.command));
const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
/** Workbench commands the steps link to; VS Code's own, so not in our manifest. */
const WORKBENCH = new Set(['workbench.view.extension.upsunKafka', 'workbench.action.quickOpen']);

describe('getting-started walkthrough', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  const steps = walkthrough?.steps ?? [];

  it('walks through the view, the config, connecting, peek and produce', () => {
    assert.deepStrictEqual(steps.map((s) => s.id), ['view', 'config', 'connect', 'peek', 'produce']);
  });

  it('links only to commands that exist, and ships every step\'s page', () => {
    for (const step of steps) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(linked.length > 0, `step ${step.id} links to no command`);
      for (const command of linked) assert.ok(ours.has(command) || WORKBENCH.has(command), `step ${step.id} links to unknown command ${command}`);
      assert.ok(step.media.markdown && existsSync(path.join(REPO_ROOT, step.media.markdown)), `step ${step.id}: ${step.media.markdown} is missing`);
      for (const event of step.completionEvents) {
        const [kind, name] = event.split(':');
        assert.ok(kind === 'onCommand' ? ours.has(name) || WORKBENCH.has(name) : kind === 'onView' && views.has(name), `step ${step.id}: ${event} names nothing we contribute`);
      }
    }
  });
});
