import * as assert from 'assert';
import { buildProjectModel } from '../../src/config/buildModel';
import { modelOf, textAt } from './helpers';

const UPSUN = `applications:
  backend:
    type: "nodejs:22"
    source:
      root: backend
    relationships:
      kafka:
      events: { service: queue, endpoint: kafka }
      legacy: "queue:kafka"
      broken: 42
services:
  kafka:
    type: kafka:4.1
    disk: 1024
  queue:
    type: kafka:4.3
    size: L
routes:
  "https://{default}/":
    type: upstream
    upstream: "backend:http"
`;

describe('config model: .upsun', () => {
  const model = modelOf(UPSUN);

  it('reads services with type, version, disk and exact spans', () => {
    assert.deepStrictEqual(model.services.map((s) => [s.name, s.typeName, s.version]), [
      ['kafka', 'kafka', '4.1'],
      ['queue', 'kafka', '4.3'],
    ]);
    const kafka = model.services[0];
    assert.strictEqual(kafka.disk?.value, 1024);
    assert.strictEqual(textAt(model, kafka.nameSpan), 'kafka');
    assert.strictEqual(textAt(model, kafka.type?.span), 'kafka:4.1');
    assert.strictEqual(textAt(model, kafka.disk?.span), '1024');
    assert.strictEqual(model.services[1].size?.value, 'L');
    assert.ok(textAt(model, kafka.span)?.startsWith('kafka:\n    type: kafka:4.1'));
  });

  it('reads an application with its runtime and source root', () => {
    const [app] = model.applications;
    assert.strictEqual(app.name, 'backend');
    assert.strictEqual(app.typeName, 'nodejs');
    assert.strictEqual(app.version, '22');
    assert.strictEqual(app.sourceRoot, 'backend');
    assert.strictEqual(textAt(model, app.type?.span), '"nodejs:22"');
  });

  it('reads every relationship form with the spans of service and endpoint', () => {
    const rels = model.applications[0].relationships;
    assert.deepStrictEqual(rels.map((r) => [r.name, r.form, r.service, r.endpoint]), [
      ['kafka', 'default', 'kafka', undefined],
      ['events', 'explicit', 'queue', 'kafka'],
      ['legacy', 'legacy', 'queue', 'kafka'],
      ['broken', 'invalid', undefined, undefined],
    ]);
    assert.strictEqual(textAt(model, rels[1].serviceSpan), 'queue');
    assert.strictEqual(textAt(model, rels[1].endpointSpan), 'kafka');
    assert.strictEqual(textAt(model, rels[2].serviceSpan), 'queue');
    assert.strictEqual(textAt(model, rels[2].endpointSpan), 'kafka');
    assert.strictEqual(textAt(model, rels[2].valueSpan), '"queue:kafka"');
    assert.strictEqual(textAt(model, rels[3].valueSpan), '42');
    assert.ok(rels.every((r) => r.app === 'backend'));
  });

  it('reads routes', () => {
    assert.strictEqual(model.routes.length, 1);
    assert.strictEqual(model.routes[0].url, 'https://{default}/');
    assert.strictEqual(model.routes[0].upstream?.value, 'backend:http');
  });

  it('has no problems for valid config', () => {
    assert.deepStrictEqual(model.problems, []);
  });

  it('merges several .upsun files, keeping duplicates for validation', () => {
    const merged = buildProjectModel('/p', [
      { path: '/p/.upsun/apps.yaml', kind: 'upsun', text: 'applications:\n  app:\n    type: php:8.3\n' },
      { path: '/p/.upsun/services.yaml', kind: 'upsun', text: 'services:\n  kafka:\n    type: kafka:4.3\n' },
      { path: '/p/.upsun/more.yaml', kind: 'upsun', text: 'services:\n  kafka:\n    type: kafka:4.1\n' },
    ]);
    assert.deepStrictEqual(merged.applications.map((a) => a.name), ['app']);
    assert.deepStrictEqual(merged.services.map((s) => [s.name, s.version, s.nameSpan.file]), [
      ['kafka', '4.3', '/p/.upsun/services.yaml'],
      ['kafka', '4.1', '/p/.upsun/more.yaml'],
    ]);
  });
});

describe('config model: .platform forms', () => {
  it('reads .platform/services.yaml as a map of services', () => {
    const model = modelOf('kafka:\n  type: kafka:4.1\n  disk: 512\n', 'platform-services', '/p/.platform/services.yaml');
    assert.deepStrictEqual(model.services.map((s) => [s.name, s.version, s.disk?.value]), [['kafka', '4.1', 512]]);
  });

  it('reads .platform/applications.yaml as a list of named apps', () => {
    const text = '- name: api\n  type: python:3.12\n  relationships:\n    queue: "kafka:kafka"\n- name: web\n  type: nodejs:22\n';
    const model = modelOf(text, 'platform-applications', '/p/.platform/applications.yaml');
    assert.deepStrictEqual(model.applications.map((a) => [a.name, a.typeName]), [['api', 'python'], ['web', 'nodejs']]);
    assert.strictEqual(textAt(model, model.applications[0].nameSpan), 'api');
    assert.strictEqual(model.applications[0].relationships[0].form, 'legacy');
  });

  it('reads .platform.app.yaml with its folder as source root', () => {
    const model = buildProjectModel('/p', [
      { path: '/p/api/.platform.app.yaml', kind: 'platform-app', text: 'name: api\ntype: golang:1.23\nrelationships:\n  kafka: "kafka:kafka"\n' },
    ]);
    assert.strictEqual(model.applications[0].name, 'api');
    assert.strictEqual(model.applications[0].sourceRoot, 'api');
    assert.strictEqual(model.applications[0].relationships[0].service, 'kafka');
  });

  it('reads .platform/routes.yaml', () => {
    const model = modelOf('"https://{default}/":\n  type: redirect\n  to: "https://www.{default}/"\n', 'platform-routes', '/p/.platform/routes.yaml');
    assert.strictEqual(model.routes[0].to?.value, 'https://www.{default}/');
  });
});

describe('config model: YAML features the platform accepts', () => {
  it('an alias names the last node anchored before it, and 20,000 aliases are read in linear time', () => {
    // A name anchored twice: each alias takes the anchor written before it.
    const redefined = modelOf(`services:\n  a: &k\n    type: kafka:4.1\n  b: *k\n  c: &k\n    type: kafka:3.7\n  d: *k\n`);
    assert.deepStrictEqual(redefined.services.map((s) => [s.name, s.version]), [['a', '4.1'], ['b', '4.1'], ['c', '3.7'], ['d', '3.7']]);
    const routes = Array.from({ length: 20_000 }, (_, i) => `  "https://{default}/a${i}": *r\n`).join('');
    const started = process.hrtime.bigint();
    const many = modelOf(`applications:\n  app:\n    type: nodejs:24\nroutes:\n  "https://{default}/": &r\n    type: upstream\n    upstream: "app:http"\n${routes}`);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.strictEqual(many.routes.filter((r) => r.upstream?.value === 'app:http').length, 20_001);
    // Alias.resolve walks the whole document per alias: 20,000 of them took minutes.
    assert.ok(ms < 20_000, `${ms} ms`);
  });

  it('follows anchors, aliases and merge keys', () => {
    const text = `services:
  base: &kafka
    type: kafka:4.1
    disk: 1024
  kafka: *kafka
  other:
    <<: *kafka
    disk: 2048
`;
    const model = modelOf(text);
    assert.deepStrictEqual(model.services.map((s) => [s.name, s.version, s.disk?.value]), [
      ['base', '4.1', 1024],
      ['kafka', '4.1', 1024],
      ['other', '4.1', 2048],
    ]);
    assert.deepStrictEqual(model.problems, []);
  });

  it('reads a key written before a merge key, and one merged in after it, as the merge rules say', () => {
    const text = `services:
  base: &kafka
    type: kafka:4.1
    disk: 1024
    size: S
  other:
    disk: 2048
    <<: *kafka
    size: L
`;
    const model = modelOf(text);
    // Written keys win over merged ones wherever the merge key stands; \`type\` comes only from the merge.
    assert.deepStrictEqual(model.services.map((s) => [s.name, s.version, s.disk?.value, s.size?.value]), [
      ['base', '4.1', 1024, 'S'],
      ['other', '4.1', 2048, 'L'],
    ]);
  });

  it('accepts the platform tags !include and !archive without warnings', () => {
    const text = `applications:
  app:
    type: php:8.3
    hooks:
      build: !include
        type: string
        path: build.sh
    source:
      root: app
services:
  solr:
    type: solr:9.9
    configuration:
      cores:
        main:
          conf_dir: !archive "solr/conf"
`;
    const model = modelOf(text);
    assert.deepStrictEqual(model.problems, []);
    assert.strictEqual(model.services[0].name, 'solr');
  });
});

describe('config model: malformed input never throws', () => {
  it('reports a syntax error with its position and still reads the rest', () => {
    const text = 'services:\n  kafka:\n    type: kafka:4.1\n  bad: [unclosed\n';
    const model = modelOf(text);
    const errors = model.problems.filter((p) => p.severity === 'error');
    assert.ok(errors.length > 0);
    assert.strictEqual(errors[0].code, 'yaml-syntax');
    assert.match(errors[0].message, /YAML syntax error/);
    assert.ok(errors[0].span.end > errors[0].span.start, 'the error span is not empty');
    assert.ok(model.services.some((s) => s.name === 'kafka'));
  });

  it('reports tab indentation', () => {
    const text = 'services:\n\tkafka:\n\t\ttype: kafka:4.1\n';
    const model = modelOf(text);
    const tab = model.problems.find((p) => p.code === 'yaml-tab-indent');
    assert.ok(tab, model.problems.map((p) => p.code).join());
    assert.deepStrictEqual([tab.severity, tab.span.file, tab.span.start], ['error', '/p/.upsun/config.yaml', text.indexOf('\t')]);
  });

  it('reports a duplicate key on the second key', () => {
    const text = 'services:\n  kafka:\n    type: kafka:4.1\n  kafka:\n    type: kafka:4.3\n';
    const model = modelOf(text);
    const dup = model.problems.find((p) => p.code === 'duplicate-key');
    assert.ok(dup, 'duplicate key reported');
    assert.strictEqual(dup.span.start, text.lastIndexOf('kafka:\n    type: kafka:4.3'));
    assert.match(dup.message, /Duplicate key "kafka"/);
  });

  it('warns that only the first of several documents counts', () => {
    const model = modelOf('services:\n  a:\n    type: redis:7.2\n---\nservices:\n  b:\n    type: redis:7.2\n');
    assert.deepStrictEqual(model.services.map((s) => s.name), ['a']);
    assert.ok(model.problems.some((p) => p.code === 'multiple-documents' && p.severity === 'warning'));
  });

  it('treats an empty file as declaring nothing', () => {
    for (const text of ['', '\n', '# only a comment\n', '---\n']) {
      const model = modelOf(text);
      assert.deepStrictEqual([model.services.length, model.applications.length, model.problems.length], [0, 0, 0], JSON.stringify(text));
    }
  });

  it('tolerates wrong shapes at every level', () => {
    for (const text of ['42', '- a\n- b', 'services: 5', 'services: [a, b]', 'applications:\n  app: 7', 'applications:\n  app:\n    relationships: nope', 'services:\n  k:\n    type: [1]']) {
      assert.doesNotThrow(() => modelOf(text), text);
    }
    assert.deepStrictEqual(modelOf('applications:\n  app: 7').applications.map((a) => [a.name, a.relationships.length]), [['app', 0]]);
  });

  it('survives alias loops and a dangling alias', () => {
    assert.doesNotThrow(() => modelOf('services: &a\n  x: *a\n'));
    const text = 'services:\n  kafka: *missing\n';
    const model = modelOf(text);
    assert.deepStrictEqual(model.problems.map((p) => [p.code, p.severity, text.slice(p.span.start, p.span.end)]), [['yaml-unknown-alias', 'error', '*missing']]);
  });

  it('parses a 2 MB file', function () {
    // About 5 s of CPU, the heaviest unit test: the level's 30 s bound for a hang is too tight
    // when the machine is shared (it took 75 s at a load of 30 on two cores).
    this.timeout(120_000);
    const chunk = Array.from({ length: 200 }, (_, i) => `  svc${i}:\n    type: redis:7.2\n    disk: ${i}\n`).join('');
    let text = 'services:\n';
    let n = 0;
    while (text.length < 2 * 1024 * 1024) {
      text += chunk.replace(/svc(\d+)/g, (_, i: string) => `svc${n}_${i}`);
      n++;
    }
    const model = modelOf(text);
    assert.ok(model.services.length > 40_000);
    assert.deepStrictEqual(model.problems, []);
  });
});
