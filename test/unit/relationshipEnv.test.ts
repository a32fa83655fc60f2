import * as assert from 'assert';
import { buildProjectModel } from '../../src/config/buildModel';
import { buildDeclaredTree } from '../../src/explorer/declaredTree';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { hoverAt } from '../../src/language/hovers';
import { variablePrefix } from '../../src/language/relationshipEnv';

const FILE = '/p/.upsun/config.yaml';
// MariaDB's self-defined endpoint `reporter` speaks mysql on 3306 (the registry's `mysql` endpoint).
const TEXT = `applications:
  app:
    type: php:8.4
    relationships:
      my-queue.v2: { service: kafka }
      reports: { service: db, endpoint: reporter }
services:
  kafka:
    type: kafka:4.3
  db:
    type: mariadb:11.8
    configuration:
      endpoints:
        reporter: {}
`;

function children(node: ExplorerNode): ExplorerNode[] {
  return 'children' in node && Array.isArray(node.children) ? (node.children as ExplorerNode[]) : [];
}

describe('relationship variables: one module for the hover and the explorer', () => {
  const project = buildProjectModel('/p', [{ path: FILE, kind: 'upsun', text: TEXT }]);

  it('turns every character outside [A-Z0-9_] into _', () => {
    assert.strictEqual(variablePrefix('my-queue.v2'), 'MY_QUEUE_V2');
  });

  it('gives the same variables and values in the hover and in the explorer, also for a self-defined endpoint', () => {
    const tree = buildDeclaredTree([project], { showOtherServices: true });
    const all: ExplorerNode[] = [];
    const walk = (n: ExplorerNode) => (all.push(n), children(n).forEach(walk));
    tree.roots.forEach(walk);
    for (const [relationship, expected] of [
      ['my-queue.v2', { MY_QUEUE_V2_PORT: '9092', MY_QUEUE_V2_SCHEME: 'kafka', MY_QUEUE_V2_REL: 'kafka' }],
      ['reports', { REPORTS_PORT: '3306', REPORTS_SCHEME: 'mysql', REPORTS_REL: 'reporter' }],
    ] as const) {
      const binding = all.find((n) => n.kind === 'binding' && n.label.includes(`› ${relationship} →`));
      assert.ok(binding, `explorer row for ${relationship}`);
      const explorer = Object.fromEntries(children(binding).map((v) => [v.label, v.description]));
      const hover = hoverAt(project, FILE, TEXT.indexOf(relationship) + 1)?.markdown ?? '';
      for (const [name, value] of Object.entries(expected)) {
        assert.strictEqual(explorer[name], value, `explorer ${name}`);
        assert.ok(hover.includes(`| \`${name}\` | \`${value}\` |`), `hover ${name} = ${value}`);
      }
      // The example addresses agree too, and both say they are examples.
      const ip = Object.entries(explorer).find(([k]) => k.endsWith('_IP'))?.[1];
      assert.match(ip ?? '', /^e\.g\. \d+\.\d+\.\d+\.\d+$/);
      assert.ok(hover.includes(` | e.g. \`${ip!.slice('e.g. '.length)}\` | `), 'same example IP, marked as one');
    }
  });
});
