import * as assert from 'assert';
import { buildProjectModel } from '../../../src/config/buildModel';
import type { ConfigFileKind } from '../../../src/config/model';
import { completionsAt } from '../../../src/language/completions';
import { cursorContext } from '../../../src/language/cursorContext';
import { definitionAt, referencesAt } from '../../../src/language/definitions';
import { hoverAt } from '../../../src/language/hovers';
import { quickFixesFor } from '../../../src/language/quickFixes';
import { validateProject } from '../../../src/validation/validate';
import { pathOf } from '../helpers';

/** A small file of each kind, with an anchor `&a` the inserted aliases can name. */
const SAMPLES: Record<ConfigFileKind, string> = {
  upsun: 'applications:\n  app: &a\n    type: nodejs:24\n    relationships:\n      kafka:\nservices:\n  kafka:\n    type: kafka:4.3\n',
  'platform-services': 'kafka: &a\n  type: kafka:4.3\n  disk: 512\ncache:\n  type: redis:8.0\n',
  'platform-app': 'name: app\ntype: php:8.4\ndisk: &a 512\nrelationships:\n  kafka: "kafka:kafka"\n',
  'platform-applications': '- name: app\n  type: php:8.4\n  mounts: &a\n    var: { source: local }\n',
  'platform-routes': '"https://{default}/": &a\n  type: upstream\n  upstream: "app:http"\n',
};

/** Anchors, aliases (to an anchor and to none), an alias used as a key, and merge keys. */
const PIECES = ['&b ', '*nope name: java', '<<: [*a, *nope]\n'];

/** Validation and quick fixes once per text, the cursor's features at each offset. */
function everyFeature(kind: ConfigFileKind, text: string, offsets: readonly number[]): void {
  const file = pathOf(kind);
  const project = buildProjectModel('/p', [{ path: file, kind, text }]);
  for (const problem of validateProject(project)) quickFixesFor(project, problem);
  for (const offset of offsets) {
    cursorContext(project, file, offset);
    completionsAt(project, file, offset);
    hoverAt(project, file, offset);
    definitionAt(project, file, offset);
    referencesAt(project, file, offset, true);
  }
}

describe('language: anchors, aliases and merge keys anywhere', () => {
  // The whole-file retry of the cursor context once recursed without end on `*nope name: java`.
  it('completes on a line that starts with an alias used as a key, in every kind of file', () => {
    for (const kind of Object.keys(SAMPLES) as ConfigFileKind[]) {
      const text = '*nope name: java\n';
      const project = buildProjectModel('/p', [{ path: pathOf(kind), kind, text }]);
      assert.deepStrictEqual(completionsAt(project, pathOf(kind), text.indexOf('java') + 2), [], kind);
    }
  });

  it('every feature answers, without throwing, at each position of each insertion point', function () {
    this.timeout(120_000); // about 1 800 project builds; seconds alone, longer on a shared machine
    let calls = 0;
    for (const [kind, sample] of Object.entries(SAMPLES) as [ConfigFileKind, string][]) {
      for (const piece of PIECES) {
        for (let at = 0; at <= sample.length; at++) {
          const text = sample.slice(0, at) + piece + sample.slice(at);
          // The cursor inside the piece, right after it, and at the end of its line.
          const lineEnd = text.indexOf('\n', at + piece.length);
          const offsets = [...new Set([at + 1, at + piece.length, lineEnd < 0 ? text.length : lineEnd])];
          try {
            everyFeature(kind, text, offsets);
          } catch (e) {
            assert.fail(`${kind}: ${JSON.stringify(text)} at ${offsets.join()}: ${(e as Error).message}`);
          }
          calls += offsets.length;
        }
      }
    }
    assert.ok(calls > 1000, `${calls} positions checked`);
  });
});
