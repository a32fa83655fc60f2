import * as assert from 'assert';
import { buildProjectModel } from '../../../src/config/buildModel';
import { buildDeclaredTree, DeclaredTree } from '../../../src/explorer/declaredTree';
import { ExplorerNode, staticChildren } from '../../../src/explorer/nodes';
import { modelOf, textAt } from '../helpers';
import { renderedMarkdown } from '../../harness/markdown';

const SAMPLE = `applications:
  backend:
    type: "nodejs:22"
    relationships:
      kafka:
      events: { service: kafka, endpoint: kafka }
      legacy: "queue:kafka"
      cache: redis
services:
  kafka:
    type: kafka:4.1
    disk: 1024
  queue:
    type: kafka:4.3
    size: L
  redis:
    type: redis:7.2
  db:
    type: postgresql:16
`;

/** Each row as the view shows it: indentation, label and description. */
function outline(nodes: readonly ExplorerNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ''}`, ...outline(staticChildren(n), depth + 1)]);
}

describe('explorer tree: declared services', () => {
  const model = modelOf(SAMPLE);
  const tree = buildDeclaredTree([model]);

  it('lists Kafka services first, then other services in a collapsed section', () => {
    assert.strictEqual(tree.state, 'ready');
    assert.deepStrictEqual(tree.roots.map((n) => [n.label, n.description, n.contextValue]), [
      ['kafka', 'kafka:4.1 · 1024 MB', 'kafka'],
      ['queue', 'kafka:4.3 · size L', 'kafka'],
      ['Other services', '2', 'section'],
    ]);
    const others = tree.roots[2];
    assert.strictEqual(others.expand, 'collapsed');
    assert.deepStrictEqual(staticChildren(others).map((n) => [n.label, n.contextValue, n.icon]), [
      ['redis', 'service', 'server-process'],
      ['db', 'service', 'server-process'],
    ]);
    assert.strictEqual(tree.roots[0].icon, 'kafka');
    assert.deepStrictEqual(buildDeclaredTree([model], { showOtherServices: false }).roots.map((n) => n.label), ['kafka', 'queue']);
  });

  it('shows each relationship bound to a service with its resolved endpoint', () => {
    const kafka = staticChildren(tree.roots[0]);
    assert.deepStrictEqual(kafka.map((n) => [n.label, n.description]), [
      ['backend › kafka → kafka:kafka', undefined],
      ['backend › events → kafka:kafka', undefined],
    ]);
    assert.deepStrictEqual(staticChildren(tree.roots[1]).map((n) => [n.label, n.description]), [['backend › legacy → queue:kafka', 'legacy form']]);
    assert.match(kafka[0].tooltip ?? '', /^Uses the default endpoint `kafka` of `kafka:4.1`/);
  });

  it('gives each relationship its environment variables with example values', () => {
    const events = staticChildren(tree.roots[0])[1];
    const vars = staticChildren(events);
    assert.deepStrictEqual(vars.map((v) => v.label), [
      'EVENTS_HOST', 'EVENTS_PORT', 'EVENTS_SCHEME', 'EVENTS_IP', 'EVENTS_HOSTNAME', 'EVENTS_CLUSTER', 'EVENTS_REL', 'EVENTS_SERVICE', 'EVENTS_TYPE',
    ]);
    const value = (name: string) => vars.find((v) => v.label === name)?.description;
    assert.strictEqual(value('EVENTS_HOST'), 'events.internal');
    // Only the platform knows these: the row says its value is an example.
    assert.strictEqual(value('EVENTS_IP'), 'e.g. 169.254.36.172');
    assert.match(value('EVENTS_HOSTNAME') ?? '', /^e\.g\. [a-z0-9]+\.kafka\.service\./);
    assert.match(value('EVENTS_CLUSTER') ?? '', /^e\.g\. /);
    assert.match(vars.find((v) => v.label === 'EVENTS_IP')?.tooltip ?? '', /the value here is an example/);
    assert.doesNotMatch(vars.find((v) => v.label === 'EVENTS_HOST')?.tooltip ?? '', /the value here is an example/);
    assert.strictEqual(value('EVENTS_PORT'), '9092');
    assert.strictEqual(value('EVENTS_SCHEME'), 'kafka');
    assert.strictEqual(value('EVENTS_REL'), 'kafka');
    assert.strictEqual(value('EVENTS_SERVICE'), 'kafka');
    assert.strictEqual(value('EVENTS_TYPE'), 'kafka:4.1');
    assert.match(vars[0].tooltip ?? '', /PLATFORM_RELATIONSHIPS/);
    const json = /```json\n([\s\S]*)\n```/.exec(vars[0].tooltip ?? '')?.[1];
    const entry = (JSON.parse(json ?? '{}') as { events: Record<string, unknown>[] }).events[0];
    assert.deepStrictEqual([entry.host, entry.port, entry.rel, entry.service, entry.url], ['events.internal', 9092, 'kafka', 'kafka', 'kafka://events.internal:9092']);
  });

  it('points every declared row at its exact place in the YAML', () => {
    assert.strictEqual(textAt(model, tree.roots[0].reveal), 'kafka');
    assert.strictEqual(tree.roots[0].reveal?.start, SAMPLE.indexOf('  kafka:\n    type: kafka:4.1') + 2);
    const binding = staticChildren(tree.roots[0])[1];
    assert.strictEqual(textAt(model, binding.reveal), 'events: { service: kafka, endpoint: kafka }');
    assert.strictEqual(textAt(model, staticChildren(binding)[0].reveal), 'events: { service: kafka, endpoint: kafka }');
  });

  it('gives every row an id that is unique, also for a service declared twice', () => {
    const twice = buildDeclaredTree([modelOf('services:\n  kafka:\n    type: kafka:4.1\n  kafka:\n    type: kafka:4.3\n')]);
    const ids = (nodes: readonly ExplorerNode[]): string[] => nodes.flatMap((n) => [n.id, ...ids(staticChildren(n))]);
    for (const roots of [tree.roots, twice.roots]) {
      const all = ids(roots);
      assert.strictEqual(new Set(all).size, all.length);
    }
    assert.strictEqual(twice.roots.length, 2);
  });

  it('adds Topics and Consumer groups under a connected service, and its notes', () => {
    const connected = buildDeclaredTree([model], {
      statusOf: (key) => (key.endsWith('#kafka') ? { connected: true, filter: 'orders.*' } : key.endsWith('#queue') ? { connected: false, notes: ['connecting…'] } : undefined),
    });
    const kafka = connected.roots[0];
    assert.strictEqual(kafka.contextValue, 'cluster');
    assert.strictEqual(kafka.icon, 'kafka-connected');
    assert.match(renderedMarkdown(kafka.tooltip ?? '').text, /Connected\.\n+Topics and consumer groups filtered by orders\.\*\./);
    // The argument shape Peek, Produce and Set Connection accept from a row.
    assert.strictEqual(kafka.kind === 'service' && kafka.serviceKey, '/p#kafka');
    assert.strictEqual(kafka.description, 'kafka:4.1 · 1024 MB');
    assert.deepStrictEqual(staticChildren(kafka).slice(0, 2).map((n) => [n.kind, n.label, n.description]), [
      ['topics', 'Topics', 'filter: orders.*'],
      ['groups', 'Consumer groups', 'filter: orders.*'],
    ]);
    assert.strictEqual(connected.roots[1].contextValue, 'kafka');
    assert.strictEqual(connected.roots[1].description, 'kafka:4.3 · size L · connecting…');
  });
});

describe('explorer tree: states and projects', () => {
  it('is empty with state noConfig without projects, and noKafka without Kafka', () => {
    assert.deepStrictEqual(buildDeclaredTree([]), { state: 'noConfig', roots: [] });
    const noKafka = buildDeclaredTree([modelOf('services:\n  db:\n    type: postgresql:16\n')]);
    assert.deepStrictEqual(noKafka, { state: 'noKafka', roots: [] });
  });

  it('shows a YAML syntax error as a row that points at it', () => {
    const text = 'services:\n  kafka:\n    type: kafka:4.1\n  bad: [unclosed\n';
    const model = modelOf(text);
    const tree: DeclaredTree = buildDeclaredTree([model]);
    const problem = tree.roots.find((n) => n.kind === 'problem');
    assert.ok(problem, outline(tree.roots).join('\n'));
    assert.match(problem.label, /^YAML error: config\.yaml:\d+$/);
    assert.match(problem.tooltip ?? '', /`\.upsun\/config\.yaml`, line \d+/);
    assert.strictEqual(problem.contextValue, 'problem');
    // An error at the end of the input is placed on the last line, the one left unclosed.
    assert.ok(problem.reveal && problem.reveal.start >= text.indexOf('  bad: [unclosed'));
    const broken = buildDeclaredTree([modelOf('services:\n  kafka: [\n')]);
    assert.strictEqual(broken.state, 'syntaxError');
    assert.strictEqual(broken.roots[0].kind, 'problem');
  });

  it('groups by project when the workspace holds more than one', () => {
    const a = buildProjectModel('/w/shop', [{ path: '/w/shop/.upsun/config.yaml', kind: 'upsun', text: 'services:\n  kafka:\n    type: kafka:4.3\n' }]);
    const b = buildProjectModel('/w/blog', [{ path: '/w/blog/.upsun/config.yaml', kind: 'upsun', text: 'services:\n  db:\n    type: mariadb:11.4\n' }]);
    const tree = buildDeclaredTree([a, b]);
    assert.deepStrictEqual(outline(tree.roots), [
      'shop — /w/shop',
      '  kafka — kafka:4.3',
      'blog — /w/blog',
      '  No Kafka service declared',
    ]);
  });
});

describe('explorer tree: Restricted Mode', () => {
  const restricted = { manageTrustCommand: 'workbench.trust.manage' };

  it('says first why nothing connects, and its click manages Workspace Trust', () => {
    const tree = buildDeclaredTree([modelOf(SAMPLE)], { restricted });
    const [notice, ...rest] = tree.roots;
    assert.strictEqual(tree.state, 'ready');
    assert.deepStrictEqual([notice.kind, notice.label, notice.description, notice.contextValue, notice.icon], ['message', 'Restricted Mode', 'not connecting', 'restricted', 'shield']);
    assert.deepStrictEqual(notice.kind === 'message' && notice.action, { command: 'workbench.trust.manage', title: 'Manage Workspace Trust' });
    // The declared tree below it is the same as when trusted.
    assert.deepStrictEqual(outline(rest), outline(buildDeclaredTree([modelOf(SAMPLE)]).roots));
  });

  it('leaves an empty tree empty, so the welcome views still show', () => {
    assert.deepStrictEqual(buildDeclaredTree([], { restricted }), { state: 'noConfig', roots: [] });
    assert.deepStrictEqual(buildDeclaredTree([modelOf('services:\n  db:\n    type: postgresql:16\n')], { restricted }).roots, []);
  });
});
