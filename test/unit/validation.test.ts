import * as assert from 'assert';
import { buildProjectModel } from '../../src/config/buildModel';
import { CODES } from '../../src/validation/codes';
import { check, found, only } from './helpers';

/** A clean single-app project to mutate. */
const CLEAN = `applications:
  app:
    type: "nodejs:24"
    relationships:
      kafka:
    web:
      commands:
        start: node server.js
services:
  kafka:
    type: kafka:4.3
routes:
  "https://{default}/":
    type: upstream
    upstream: "app:http"
`;

describe('validation: a clean project', () => {
  it('reports nothing', () => {
    assert.deepStrictEqual(check(CLEAN), []);
  });

  it('accepts !include and !archive values wherever they stand', () => {
    const text = CLEAN.replace('        start: node server.js', '        start: !include { type: string, path: start.sh }').replace(
      '    type: kafka:4.3',
      '    type: kafka:4.3\n    configuration:\n      conf_dir: !archive "kafka-conf"',
    ) + '  "https://www.{default}/":\n    type: redirect\n    to: !include routes.txt\n';
    assert.deepStrictEqual(check(text), []);
  });

  it('treats an empty .upsun file as a placeholder beside one that declares the application', () => {
    const project = buildProjectModel('/p', [
      { path: '/p/.upsun/config.yaml', kind: 'upsun', text: CLEAN },
      { path: '/p/.upsun/later.yaml', kind: 'upsun', text: '# nothing yet\n' },
    ]);
    assert.deepStrictEqual(found(project), []);
  });

  it('errs when every .upsun file is empty or comments only, and on an empty .platform.app.yaml', () => {
    for (const text of ['', '# comments only\n', '---\n']) {
      const f = check(text);
      assert.deepStrictEqual(f.map((x) => [x.code, x.severity]), [[CODES.missingKey, 'error']], JSON.stringify(text));
      assert.match(f[0].problem.message, /Upsun needs at least one application\. Declare it under `applications:`, with its `type`\.$/);
    }
    const [app] = check('# todo\n', 'platform-app');
    assert.deepStrictEqual([app.code, app.severity, app.problem.message], [CODES.missingKey, 'error', '`.platform.app.yaml` is empty: Platform.sh reads an application from it, which needs at least `name` and `type`. Add them, or remove the file.']);
  });
});

describe('validation: keys and value types from the official schema', () => {
  it('flags an unknown key and suggests the closest allowed one', () => {
    const [f] = only(check(CLEAN.replace('    relationships:', '    relationshps:')), CODES.unknownKey);
    assert.strictEqual(f.text, 'relationshps');
    assert.strictEqual(f.severity, 'error');
    assert.deepStrictEqual(f.problem.data, { replacement: 'relationships' });
    assert.match(f.problem.message, /Did you mean `relationships`/);
  });

  it('lists the allowed keys when nothing is close', () => {
    const [f] = only(check(CLEAN.replace('    type: kafka:4.3', '    type: kafka:4.3\n    zzzzzzzz: 1')), CODES.unknownKey);
    assert.strictEqual(f.text, 'zzzzzzzz');
    assert.strictEqual(f.problem.data, undefined);
    assert.match(f.problem.message, /Allowed keys: .*`configuration`/);
  });

  it('allows keys the schema allows: top-level extensions, variables, stack, container_profile', () => {
    const text = `x-anchors: {}\n${CLEAN.replace('    relationships:', '    container_profile: HIGH_CPU\n    variables:\n      env:\n        N: 5\n    relationships:')}`;
    assert.deepStrictEqual(check(text), []);
  });

  it('tells Upsun users that disk is a resource, not YAML', () => {
    const [f] = only(check(CLEAN.replace('    type: kafka:4.3', '    type: kafka:4.3\n    disk: 1024')), CODES.unknownKey);
    assert.strictEqual(f.text, 'disk');
    assert.strictEqual(f.severity, 'warning');
    assert.match(f.problem.message, /resources:set/);
  });

  it('flags a value of the wrong type on the value', () => {
    const [f] = only(check(CLEAN.replace('    relationships:\n      kafka:', '    relationships: [kafka]')), CODES.wrongType);
    assert.strictEqual(f.text, '[kafka]');
    assert.match(f.problem.message, /`applications.app.relationships` must be a mapping, not a list/);
  });

  it('warns, not errs, when a number stands where text goes', () => {
    const [f] = only(check(CLEAN.replace('    relationships:', '    timezone: 5\n    relationships:')), CODES.wrongType);
    assert.strictEqual(f.severity, 'warning');
    assert.strictEqual(f.text, '5');
  });

  it('checks enums (route type)', () => {
    const [f] = only(check(CLEAN.replace('    type: upstream', '    type: upstraem')), CODES.wrongType);
    assert.strictEqual(f.text, 'upstraem');
    assert.match(f.problem.message, /`proxy`, `redirect` or `upstream`/);
  });

  it('flags a missing `type` on the service name, also for an empty service', () => {
    const f = only(check(CLEAN.replace('    type: kafka:4.3', '    configuration: {}')), CODES.missingKey);
    assert.deepStrictEqual(f.map((x) => x.text), ['kafka']);
    assert.match(f[0].problem.message, /needs the key `type`/);
    const empty = only(check(CLEAN.replace('  kafka:\n    type: kafka:4.3', '  kafka:')), CODES.missingKey);
    assert.deepStrictEqual(empty.map((x) => x.text), ['kafka']);
  });

  it('needs no type beside a stack, as Upsun deploys it, and only warns as the Upsun CLI does', () => {
    const text = CLEAN.replace('    type: "nodejs:24"\n', '    stack: [ "nodejs@24" ]\n');
    assert.deepStrictEqual(check(text).map((f) => [f.code, f.severity]), [[CODES.stackWithoutComposable, 'warning']]);
    assert.strictEqual(only(check(CLEAN.replace('    type: "nodejs:24"\n', '')), CODES.missingKey).length, 1);
  });

  it('applies merge keys before looking for required keys', () => {
    const text = CLEAN.replace('services:\n  kafka:\n    type: kafka:4.3', 'services:\n  base: &base\n    type: kafka:4.3\n  kafka:\n    <<: *base');
    assert.deepStrictEqual(only(check(text), CODES.missingKey), []);
  });
});

describe('validation: image types and versions', () => {
  it('flags an unknown service type and suggests the closest', () => {
    const [f] = only(check(CLEAN.replace('type: kafka:4.3', 'type: kafak:4.3')), CODES.unknownType);
    assert.strictEqual(f.text, 'kafak:4.3');
    assert.deepStrictEqual(f.problem.data, { replacement: 'kafka:4.3' });
  });

  it('flags a service type used as a runtime', () => {
    const [f] = only(check(CLEAN.replace('type: "nodejs:24"', 'type: "kafka:4.3"')), CODES.unknownType);
    assert.match(f.problem.message, /`kafka` is a service, not an application runtime/);
  });

  it('warns on a retired version, which still deploys, listing the maintained ones', () => {
    const found = check(CLEAN.replace('type: kafka:4.3', 'type: kafka:3.7'));
    assert.deepStrictEqual(only(found, CODES.unsupportedVersion), []);
    const [f] = only(found, CODES.retiredVersion);
    assert.strictEqual(f.severity, 'warning');
    assert.match(f.problem.message, /`kafka:3.7` \(Kafka\) is retired: it still deploys.*`4.3` or `4.1`/);
    assert.deepStrictEqual(f.problem.data, { replacement: 'kafka:4.3' });
  });

  it('errs on a decommissioned version, which no longer deploys', () => {
    const [f] = only(check(CLEAN.replace('type: kafka:4.3', 'type: elasticsearch:5.4')), CODES.unsupportedVersion);
    assert.strictEqual(f.severity, 'error');
    assert.match(f.problem.message, /`elasticsearch:5.4` is decommissioned in Upsun's registry and no longer deploys/);
  });

  it('errs on a version that never existed and on a missing version', () => {
    assert.match(only(check(CLEAN.replace('type: kafka:4.3', 'type: kafka:9.9')), CODES.unsupportedVersion)[0].problem.message, /`kafka:9.9` is not in Upsun's registry: it cannot be deployed as a new service/);
    assert.match(only(check(CLEAN.replace('type: kafka:4.3', 'type: kafka')), CODES.unsupportedVersion)[0].problem.message, /needs a version/);
  });

  it('warns on a deprecated version with the newest as the fix', () => {
    const [f] = only(check(CLEAN.replace('nodejs:24', 'nodejs:22')), CODES.deprecatedVersion);
    assert.strictEqual(f.severity, 'warning');
    assert.deepStrictEqual(f.problem.data, { replacement: 'nodejs:26' });
  });

  it('accepts persistent variants and a supported composable channel', () => {
    const text = CLEAN.replace('type: "nodejs:24"', 'type: "composable:26.05"\n    stack: [ "nodejs@24" ]').replace(
      '      kafka:',
      '      kafka:\n      cache:',
    ) + 'services:\n'.slice(0, 0);
    const withCache = text.replace('services:\n', 'services:\n  cache:\n    type: redis-persistent:8.0\n');
    assert.deepStrictEqual(check(withCache), []);
  });
});

// shared/reference/upsun-composable.json (upsun/meta resources/image/composable.json): 26.05
// supported, 25.11 and older retired. Platform.sh publishes no channel list.
describe('validation: composable channels', () => {
  const app = (channel: string) => `applications:\n  app:\n    type: "composable:${channel}"\n    stack: [ "nodejs@24" ]\n`;
  it('warns on a retired channel and errs on one Upsun does not list', () => {
    assert.deepStrictEqual(check(app('25.05')).map((f) => [f.code, f.severity, f.text]), [[CODES.retiredVersion, 'warning', '"composable:25.05"']]);
    assert.deepStrictEqual(check(app('23.11')).map((f) => [f.code, f.severity, f.text]), [[CODES.unsupportedVersion, 'error', '"composable:23.11"']]);
    assert.deepStrictEqual(check(app('26.05')), []);
  });

  // Same file, `packages_versions`: 26.05 offers php 8.2–8.5 and nodejs 22, 24, 26; 25.11
  // offers nodejs 20, 22, 24. Names it does not list are other Nix packages of the channel.
  it('errs on a stack runtime at a version the channel does not offer, in either entry form', () => {
    const stack = (channel: string, entries: string) => `applications:\n  app:\n    type: "composable:${channel}"\n    stack:\n${entries}`;
    const text = stack('26.05', '      - "php@8.9":\n          extensions: [apcu]\n      - nodejs@20\n      - "php@8.4"\n      - yarn\n      - python312Packages.pip\n');
    assert.deepStrictEqual(
      check(text).map((f) => [f.code, f.severity, f.text, f.problem.data]),
      [
        [CODES.stackUnknownVersion, 'error', '"php@8.9"', { replacement: 'php@8.5' }],
        [CODES.stackUnknownVersion, 'error', 'nodejs@20', { replacement: 'nodejs@26' }],
      ],
    );
    assert.match(check(text)[0].problem.message, /channel 26\.05 offers php `8\.2`, `8\.3`, `8\.4` or `8\.5`, not 8\.9/);
    // 25.11 is retired (a warning on its `type:`) but still has a catalogue: nodejs 20 is in it, 26 is not.
    assert.deepStrictEqual(check(stack('25.11', '      - nodejs@20\n')).map((f) => f.code), [CODES.retiredVersion]);
    assert.deepStrictEqual(check(stack('25.11', '      - nodejs@26\n')).map((f) => [f.code, f.text]), [[CODES.retiredVersion, '"composable:25.11"'], [CODES.stackUnknownVersion, 'nodejs@26']]);
    // No catalogue for older channels, and none on Platform.sh: nothing to check against.
    assert.deepStrictEqual(check(stack('25.05', '      - nodejs@99\n')).map((f) => f.code), [CODES.retiredVersion]);
  });

  it('accepts any channel on Platform.sh', () => {
    assert.deepStrictEqual(check('name: app\ntype: composable:25.05\ndisk: 256\nstack: [ "nodejs@24" ]\n', 'platform-app'), []);
  });
});

describe('validation: relationships', () => {
  it('flags a relationship to a missing service on the service name', () => {
    const [f] = only(check(CLEAN.replace('      kafka:\n', '      kafka:\n      events: { service: queue, endpoint: kafka }\n')), CODES.relationshipUnknownService);
    assert.strictEqual(f.text, 'queue');
    assert.deepStrictEqual(f.problem.data, { missingService: 'queue' });
  });

  it('flags the default form naming no service, on the relationship name', () => {
    const [f] = only(check(CLEAN.replace('      kafka:\n', '      kafka:\n      database:\n')), CODES.relationshipUnknownService);
    assert.strictEqual(f.text, 'database');
  });

  it('accepts a relationship to another application', () => {
    const text = CLEAN.replace('services:', '  worker:\n    type: "python:3.14"\n    relationships:\n      api: { service: app, endpoint: http }\nservices:');
    assert.deepStrictEqual(only(check(text), CODES.relationshipUnknownService), []);
  });

  it('flags an endpoint the service lacks, suggesting the one it has', () => {
    const [f] = only(check(CLEAN.replace('      kafka:\n', '      kafka: { service: kafka, endpoint: kafak }\n')), CODES.relationshipUnknownEndpoint);
    assert.strictEqual(f.text, 'kafak');
    assert.deepStrictEqual(f.problem.data, { replacement: 'kafka' });
  });

  it('accepts endpoints a service defines under configuration.endpoints', () => {
    const text = CLEAN.replace('      kafka:\n', '      kafka:\n      db: { service: db, endpoint: reporting }\n').replace(
      'services:\n',
      'services:\n  db:\n    type: mariadb:11.8\n    configuration:\n      schemas: [main]\n      endpoints:\n        reporting:\n          default_schema: main\n          privileges: { main: ro }\n',
    );
    assert.deepStrictEqual(check(text), []);
  });

  it('informs about the legacy string form with the current form as the fix', () => {
    const list = check(CLEAN.replace('      kafka:\n', '      kafka: "kafka:kafka"\n'));
    const [f] = only(list, CODES.relationshipLegacy);
    assert.strictEqual(f.severity, 'information');
    assert.strictEqual(f.text, '"kafka:kafka"');
    assert.deepStrictEqual(f.problem.data, { replacement: '{ service: kafka, endpoint: kafka }' });
    assert.deepStrictEqual(list.map((x) => x.code), [CODES.relationshipLegacy]);
  });

  it('flags a value in no accepted form once, not also as a type error', () => {
    const list = check(CLEAN.replace('      kafka:\n', '      kafka: 42\n'));
    assert.deepStrictEqual(list.filter((x) => x.code !== CODES.unusedService).map((x) => [x.code, x.text]), [[CODES.relationshipInvalid, '42']]);
  });
});

describe('validation: merged files', () => {
  const services = 'services:\n  kafka:\n    type: kafka:4.3\n';
  it('flags a service declared in two .upsun files, pointing at the first', () => {
    const model = buildProjectModel('/p', [
      { path: '/p/.upsun/a.yaml', kind: 'upsun', text: CLEAN },
      { path: '/p/.upsun/b.yaml', kind: 'upsun', text: services },
    ]);
    const [f] = only(found(model), CODES.duplicateService);
    assert.strictEqual(f.problem.span.file, '/p/.upsun/b.yaml');
    assert.strictEqual(f.text, 'kafka');
    assert.strictEqual(f.problem.data?.related?.[0].span.file, '/p/.upsun/a.yaml');
  });

  it('leaves duplicates inside one mapping to the parser', () => {
    const list = check(CLEAN.replace('services:\n', 'services:\n  kafka:\n    type: kafka:4.3\n'));
    assert.deepStrictEqual(only(list, CODES.duplicateService), []);
    assert.strictEqual(only(list, CODES.duplicateKey).length, 1);
  });

  it('flags two applications of the same name in applications.yaml', () => {
    const text = '- name: app\n  type: php:8.4\n- name: app\n  type: php:8.4\n';
    const [f] = only(check(text, 'platform-applications'), CODES.duplicateApplication);
    assert.strictEqual(f.text, 'app');
    assert.ok(f.problem.data?.related?.length === 1);
  });
});

describe('validation: unused services', () => {
  it('hints at a service no one uses', () => {
    const [f] = only(check(CLEAN.replace('services:\n', 'services:\n  cache:\n    type: redis:8.0\n')), CODES.unusedService);
    assert.strictEqual(f.severity, 'hint');
    assert.strictEqual(f.text, 'cache');
  });

  it('counts a worker\'s relationships as uses', () => {
    const text = CLEAN.replace('    web:', '    workers:\n      consumer:\n        commands: { start: ./consume }\n        relationships:\n          cache:\n    web:').replace(
      'services:\n',
      'services:\n  cache:\n    type: redis:8.0\n',
    );
    assert.deepStrictEqual(only(check(text), CODES.unusedService), []);
  });

  it('counts routes, mounts and other services as uses', () => {
    const text = CLEAN.replace('    web:', '    mounts:\n      files: { source: service, service: files }\n    web:')
      .replace('services:\n', 'services:\n  files:\n    type: network-storage:1.0\n  varnish:\n    type: varnish:9.0\n    relationships:\n      app: "app:http"\n')
      .replace('upstream: "app:http"', 'upstream: "varnish:http"');
    assert.deepStrictEqual(only(check(text), CODES.unusedService), []);
  });
});

describe('validation: Platform.sh files and Kafka disk', () => {
  const APP = 'name: app\ntype: php:8.4\ndisk: 1024\nrelationships:\n  kafka: "kafka:kafka"\n';
  it('accepts the .platform forms with name, disk and size', () => {
    const model = buildProjectModel('/p', [
      { path: '/p/.platform/services.yaml', kind: 'platform-services', text: 'kafka:\n  type: kafka:4.3\n  disk: 512\n  size: S\n' },
      { path: '/p/.platform.app.yaml', kind: 'platform-app', text: APP },
    ]);
    assert.deepStrictEqual(found(model).map((f) => f.code), [CODES.relationshipLegacy]);
  });

  it('accepts Platform.sh mounts with source: local', () => {
    const mounts = 'mounts:\n  web/files:\n    source: local\n    source_path: files\n';
    assert.deepStrictEqual(check(`name: app\ntype: php:8.4\ndisk: 512\n${mounts}`, 'platform-app'), []);
  });

  it('reads applications.yaml as a list with names or as a map of name to application', () => {
    const map = check('api:\n  type: php:8.4\n  relationships:\n    kafka:\n', 'platform-applications');
    assert.deepStrictEqual(map.map((f) => f.code), [CODES.relationshipUnknownService]);
    assert.deepStrictEqual(only(check('- type: php:8.4\n', 'platform-applications'), CODES.missingKey).map((f) => f.problem.message), ['`[0]` needs the key `name`. Add `name:` with a value.']);
  });

  it('requires name in .platform.app.yaml', () => {
    const [f] = only(check('type: php:8.4\n', 'platform-app'), CODES.missingKey);
    assert.match(f.problem.message, /needs the key `name`/);
  });

  it('errs when a Platform.sh Kafka service has no disk, with the minimum as the fix', () => {
    const [f] = only(check('kafka:\n  type: kafka:4.3\n', 'platform-services'), CODES.diskMissing);
    assert.strictEqual(f.text, 'kafka');
    assert.deepStrictEqual(f.problem.data, { replacement: '512' });
  });

  it('errs when the disk is below the image minimum, on the disk value', () => {
    const [f] = only(check('kafka:\n  type: kafka:4.3\n  disk: 256\n', 'platform-services'), CODES.diskTooSmall);
    assert.strictEqual(f.text, '256');
    assert.match(f.problem.message, /at least 512 MB/);
  });

  it('only warns when another image is below its registry minimum', () => {
    const [f] = only(check('db:\n  type: mariadb:11.8\n  disk: 128\n', 'platform-services'), CODES.diskTooSmall);
    assert.strictEqual(f.severity, 'warning');
  });

  it('asks no disk of services that keep nothing', () => {
    assert.deepStrictEqual(only(check('cache:\n  type: redis:8.0\n', 'platform-services'), CODES.diskMissing), []);
  });

  it('never asks for disk in .upsun files: Upsun sets it with resources', () => {
    assert.deepStrictEqual(only(check(CLEAN), CODES.diskMissing), []);
  });

  it('flags unknown keys in .platform files as warnings', () => {
    const [f] = only(check('kafka:\n  type: kafka:4.3\n  disk: 512\n  szie: S\n', 'platform-services'), CODES.unknownKey);
    assert.strictEqual(f.severity, 'warning');
    assert.deepStrictEqual(f.problem.data, { replacement: 'size' });
  });
});

describe('validation: parser problems flow through', () => {
  it('includes syntax errors', () => {
    const found = only(check('services:\n  a: [\n'), CODES.yamlSyntax);
    assert.deepStrictEqual(found.map((f) => f.severity), ['error']);
  });

  it('includes duplicate keys, on the second key', () => {
    const found = check('services:\n  a:\n    type: redis:8.0\n  a:\n    type: redis:8.0\n').filter((f) => f.code !== CODES.unusedService);
    assert.deepStrictEqual(found.map((f) => [f.code, f.severity, f.text, f.problem.span.start]), [[CODES.duplicateKey, 'error', 'a', 'services:\n  a:\n    type: redis:8.0\n  '.length]]);
  });
});

describe('validation: every message names its subject', () => {
  it('names the file when its top level has the wrong shape', () => {
    const [f] = check('- app:\n    type: php:8.4\n', 'upsun', '/p/.upsun/applications.yaml');
    assert.deepStrictEqual([f.code, f.severity, f.text], [CODES.wrongType, 'error', '- app:']);
    assert.strictEqual(f.problem.message, 'The top level of `.upsun/applications.yaml` must be a mapping, not a list. Write the file as a mapping with `applications:`, `services:` and `routes:` keys.');
    const [route] = check('hello\n', 'platform-routes');
    assert.strictEqual(route.problem.message, 'The top level of `.platform/routes.yaml` must be a mapping or empty, not a string. Write the file as a mapping of route URLs.');
  });

  it('names the file for a missing top-level key', () => {
    const [f] = only(check('type: php:8.4\n', 'platform-app'), CODES.missingKey);
    assert.strictEqual(f.problem.message, 'The top level of `.platform.app.yaml` needs the key `name`. Add `name:` with a value.');
  });

  it('never leaves an empty name in backticks, whatever the file holds', () => {
    const inputs: [string, Parameters<typeof check>[1]][] = [
      ['- a\n', 'platform-app'], ['[]\n', 'platform-services'], ['7\n', 'upsun'], ['"x"\n', 'platform-applications'], ['- - x\n', 'platform-routes'],
      ['"": {type: kafka:4.3}\n', 'platform-services'], ['applications: []\n', 'upsun'], ['services:\n  "":\n', 'upsun'],
    ];
    for (const [text, kind] of inputs) for (const f of check(text, kind)) assert.ok(!f.problem.message.includes('``'), `${kind} ${JSON.stringify(text)}: ${f.problem.message}`);
  });
});
