import * as assert from 'assert';
import { cursorContext } from '../../../src/language/cursorContext';
import { atCursor } from './cursor';

function contextOf(marked: string, kind?: Parameters<typeof atCursor>[1], file?: string) {
  const { project, file: path, offset } = atCursor(marked, kind, file);
  const context = cursorContext(project, path, offset);
  assert.ok(context, 'no context');
  return { ...context, typed: project.files[0].text.slice(context.replace.start, context.replace.end) };
}

describe('language: cursor context', () => {
  it('finds a half-typed service type as the service-type slot', () => {
    const c = contextOf('services:\n  kafka:\n    type: ka|\n');
    assert.deepStrictEqual(c.path, ['services', 'kafka', 'type']);
    assert.strictEqual(c.position, 'value');
    assert.deepStrictEqual(c.slot, { kind: 'service-type' });
    assert.strictEqual(c.prefix, 'ka');
    assert.strictEqual(c.typed, 'ka');
  });

  it('replaces the whole quoted scalar without its quotes', () => {
    const c = contextOf('services:\n  kafka:\n    type: "kafka:|3.7"\n');
    assert.strictEqual(c.prefix, 'kafka:');
    assert.strictEqual(c.typed, 'kafka:3.7');
  });

  it('sees an empty value after `type: ` of an application as the app-type slot', () => {
    const c = contextOf('applications:\n  app:\n    type: |\n    source:\n      root: app\n');
    assert.deepStrictEqual(c.slot, { kind: 'app-type' });
    assert.strictEqual(c.prefix, '');
  });

  it('takes an empty line under `relationships:` as a relationship name', () => {
    const c = contextOf('applications:\n  app:\n    type: nodejs:22\n    relationships:\n      |\n    web:\n      commands:\n        start: x\n');
    assert.deepStrictEqual(c.path, ['applications', 'app', 'relationships']);
    assert.strictEqual(c.position, 'key');
    assert.deepStrictEqual(c.slot, { kind: 'relationship-name' });
    assert.strictEqual(c.indent, 6);
  });

  it('knows the keys already present around a new key', () => {
    const c = contextOf('services:\n  kafka:\n    type: kafka:4.3\n    co|\n    size: L\n');
    assert.deepStrictEqual(c.path, ['services', 'kafka']);
    assert.strictEqual(c.position, 'key');
    assert.deepStrictEqual([...c.siblings.keys()], ['type', 'size']);
    assert.strictEqual(c.typed, 'co');
  });

  it('reads `endpoint:` in a flow map with its sibling service', () => {
    const c = contextOf('applications:\n  app:\n    relationships:\n      events: { service: queue, endpoint: | }\n');
    assert.deepStrictEqual(c.slot, { kind: 'relationship-endpoint', relationship: 'events', service: 'queue' });
  });

  it('defaults the endpoint\'s service to the relationship name', () => {
    const c = contextOf('applications:\n  app:\n    relationships:\n      kafka:\n        endpoint: |\n');
    assert.deepStrictEqual(c.slot, { kind: 'relationship-endpoint', relationship: 'kafka', service: 'kafka' });
  });

  it('reads `service:` and the value of a relationship', () => {
    assert.deepStrictEqual(contextOf('applications:\n  app:\n    relationships:\n      events: { service: q| }\n').slot, {
      kind: 'relationship-service',
      relationship: 'events',
    });
    assert.deepStrictEqual(contextOf('applications:\n  app:\n    relationships:\n      events: |\n').slot, {
      kind: 'relationship-value',
      relationship: 'events',
    });
  });

  it('maps the Platform.sh file shapes onto the same slots', () => {
    assert.deepStrictEqual(contextOf('kafka:\n  type: kafka:|\n', 'platform-services', '/p/.platform/services.yaml').slot, { kind: 'service-type' });
    assert.deepStrictEqual(contextOf('name: app\nrelationships:\n  |\n', 'platform-app', '/p/.platform.app.yaml').slot, { kind: 'relationship-name' });
    const list = contextOf('- name: app\n  type: |\n', 'platform-applications', '/p/.platform/applications.yaml');
    assert.deepStrictEqual(list.path, [0, 'type']);
    assert.deepStrictEqual(list.slot, { kind: 'app-type' });
  });

  it('offers nothing inside a comment, and survives a broken file', () => {
    const { project, file, offset } = atCursor('services:\n  kafka: # ty|\n');
    assert.strictEqual(cursorContext(project, file, offset), undefined);
    const broken = atCursor('services:\n  kafka:\n    type: [kafka:|\n  "unclosed: \n');
    assert.doesNotThrow(() => cursorContext(broken.project, broken.file, broken.offset));
  });

  it('keeps the replaced text on the cursor\'s line inside a quote left open above', () => {
    const c = contextOf("'a:\n|  b:\nc: 'd'\ne:");
    assert.deepStrictEqual(c.replace, { start: 4, end: 8 });
  });

  it('returns nothing for a file outside the project', () => {
    const { project, offset } = atCursor('services:|\n');
    assert.strictEqual(cursorContext(project, '/elsewhere.yaml', offset), undefined);
  });
});
