import * as assert from 'assert';
import { completionsAt, spaceOpensCompletion } from '../../../src/language/completions';
import { atCursor } from './cursor';

function complete(marked: string, kind?: Parameters<typeof atCursor>[1], file?: string) {
  const { project, file: path, offset } = atCursor(marked, kind, file);
  return completionsAt(project, path, offset);
}

const APP = `applications:
  backend:
    type: nodejs:22
    relationships:
      |
services:
  kafka:
    type: kafka:4.1
  db:
    type: mariadb:11.8
    configuration:
      endpoints:
        admin:
          default_schema: main
        reporter:
          default_schema: main
`;

describe('language: completions', () => {
  it('offers the top-level keys of an .upsun file, without those present', () => {
    const labels = complete('applications:\n  app:\n    type: nodejs:22\n|\n').map((c) => c.label);
    assert.deepStrictEqual(labels.sort(), ['routes', 'services']);
  });

  it('offers service keys from the official schema, and no `disk` on Upsun', () => {
    const items = complete('services:\n  kafka:\n    type: kafka:4.3\n    |\n');
    const labels = items.map((c) => c.label);
    assert.ok(labels.includes('configuration') && labels.includes('relationships'), labels.join());
    assert.ok(!labels.includes('type'), 'type is already there');
    assert.ok(!labels.includes('disk'), 'Upsun sizes disks outside the YAML');
    const configuration = items.find((c) => c.label === 'configuration')!;
    assert.strictEqual(configuration.insertText, 'configuration:\n      ');
  });

  it('offers `disk` for a Platform.sh service', () => {
    const labels = complete('kafka:\n  type: kafka:4.3\n  |\n', 'platform-services', '/p/.platform/services.yaml').map((c) => c.label);
    assert.ok(labels.includes('disk'), labels.join());
  });

  it('offers application keys, replacing the word being typed', () => {
    const items = complete('applications:\n  app:\n    type: nodejs:22\n    we|\n');
    for (const key of ['web', 'mounts', 'hooks', 'build', 'dependencies', 'variables', 'crons', 'workers', 'source']) {
      assert.ok(items.some((c) => c.label === key), `missing ${key}`);
    }
    const web = items.find((c) => c.label === 'web')!;
    assert.deepStrictEqual(web.replace.end - web.replace.start, 2);
  });

  it('offers service images after `type:`, then opens their versions', () => {
    const items = complete('services:\n  queue:\n    type: ka|\n');
    const kafka = items.find((c) => c.label === 'kafka');
    assert.ok(kafka);
    assert.strictEqual(kafka.insertText, 'kafka:');
    assert.strictEqual(kafka.retrigger, true);
    assert.ok(!items.some((c) => c.label === 'nodejs'), 'runtimes are not services');
  });

  it('offers runtimes for an application type', () => {
    const labels = complete('applications:\n  app:\n    type: |\n').map((c) => c.label);
    assert.ok(labels.includes('nodejs') && labels.includes('php'));
    assert.ok(!labels.includes('kafka'));
  });

  it('offers Kafka versions newest first and never a retired one', () => {
    const items = complete('services:\n  queue:\n    type: kafka:|\n');
    assert.deepStrictEqual(items.map((c) => [c.label, c.description]), [['4.3', 'supported'], ['4.1', 'supported']]);
    assert.deepStrictEqual(items.map((c) => c.insertText), ['kafka:4.3', 'kafka:4.1']);
    assert.strictEqual(items[0].filterText, 'kafka:4.3');
    assert.strictEqual(items[0].preselect, true);
  });

  it('marks deprecated versions and sorts them after supported ones', () => {
    const items = complete('services:\n  files:\n    type: network-storage:|\n');
    assert.deepStrictEqual(items.map((c) => [c.label, c.deprecated]), [['1.0', false], ['2.0', true]]);
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.strictEqual(sorted[1].label, '2.0');
    assert.match(sorted[1].detail!, /deprecated/);
  });

  it('offers each declared service under `relationships:` in both forms', () => {
    const labels = complete(APP).map((c) => c.label);
    assert.ok(labels.includes('kafka:'), labels.join('\n'));
    assert.ok(labels.includes('kafka: { service: kafka, endpoint: kafka }'));
    assert.ok(labels.includes('db: { service: db, endpoint: admin }'));
    assert.ok(labels.includes('db: { service: db, endpoint: reporter }'));
    assert.ok(!labels.includes('db:'), 'a MariaDB with its own endpoints has no default one');
  });

  it('offers a service whose type is still being typed in the short form only', () => {
    const items = complete(APP.replace('services:\n', 'services:\n  stream:\n    type: kafka:\n'));
    assert.deepStrictEqual(items.filter((c) => c.filterText === 'stream').map((c) => [c.label, c.detail]), [['stream:', 'type not known yet']]);
  });

  it('does not offer the short form twice', () => {
    const labels = complete(APP.replace('      |', '      kafka:\n      |')).map((c) => c.label);
    assert.ok(!labels.includes('kafka:'));
    assert.ok(labels.includes('kafka_kafka: { service: kafka, endpoint: kafka }'));
  });

  it('offers service names after `service:` and that service\'s endpoints after `endpoint:`', () => {
    const services = complete(APP.replace('      |', '      events: { service: | }')).map((c) => c.label);
    assert.deepStrictEqual(services, ['kafka', 'db']);
    const endpoints = complete(APP.replace('      |', '      events: { service: kafka, endpoint: | }'));
    assert.deepStrictEqual(endpoints.map((c) => [c.label, c.detail]), [['kafka', 'scheme kafka, port 9092 (default)']]);
    const own = complete(APP.replace('      |', '      report:\n        service: db\n        endpoint: |')).map((c) => c.label);
    assert.deepStrictEqual(own, ['admin', 'reporter']);
  });

  it('offers the explicit form as a relationship value', () => {
    const labels = complete(APP.replace('      |', '      events: |')).map((c) => c.label);
    assert.ok(labels.includes('{ service: kafka, endpoint: kafka }'));
  });

  it('offers the keys of a relationship map', () => {
    const labels = complete(APP.replace('      |', '      events: { service: kafka, | }')).map((c) => c.label);
    assert.deepStrictEqual(labels, ['endpoint']);
  });

  it('offers nothing where names are free and never throws on half-typed text', () => {
    assert.deepStrictEqual(complete('services:\n  |\n'), []);
    for (const text of ['|', 'services: [|', 'services:\n  kafka:\n    type: "kafka:|', '- |', 'a: b: |', '"|']) {
      assert.doesNotThrow(() => complete(text), text);
    }
  });

  it('opens on a space only where a value is expected', () => {
    assert.deepStrictEqual(['    type: ', '  - ', '      events: ', '    ', 'a b ', '    type:: '].map(spaceOpensCompletion), [true, true, true, false, false, false]);
  });

  it('offers application keys in a Platform.sh applications list, with `disk`', () => {
    const labels = complete('- name: app\n  type: php:8.4\n  |\n', 'platform-applications', '/p/.platform/applications.yaml').map((c) => c.label);
    assert.ok(labels.includes('relationships') && labels.includes('disk'), labels.join());
    assert.ok(!labels.includes('name'));
  });
});
