import * as assert from 'assert';
import { buildProjectModel } from '../../../src/config/buildModel';
import type { ConfigFileKind } from '../../../src/config/model';
import { AddKafkaPlan, applyChanges, planAddKafka } from '../../../src/config/addKafkaService';
import { modelOf } from '../helpers';

const FILE = '/p/.upsun/config.yaml';

function planned(text: string, app?: string): { plan: AddKafkaPlan; after: string } {
  const result = planAddKafka({ project: modelOf(text), folder: '/p', version: '4.3', app });
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  const change = result.changes.find((c) => c.file === FILE);
  assert.ok(change);
  return { plan: result, after: applyChanges(text, change.changes) };
}

describe('explorer: Add Kafka Service', () => {
  it('creates .upsun/config.yaml with the newest version when there is no config', () => {
    const result = planAddKafka({ folder: '/w', version: '4.3' });
    assert.ok(!('error' in result));
    assert.strictEqual(result.changes[0].file, '/w/.upsun/config.yaml');
    assert.strictEqual(result.changes[0].create, true);
    const model = buildProjectModel('/w', [{ path: '/w/.upsun/config.yaml', kind: 'upsun', text: result.changes[0].changes[0].text }]);
    assert.deepStrictEqual(model.services.map((s) => [s.name, s.type?.value]), [['kafka', 'kafka:4.3']]);
    assert.deepStrictEqual(model.problems, []);
  });

  it('adds the service and the app relationship, keeping comments and layout', () => {
    const text = `# our app
applications:
  backend:
    type: "nodejs:22"   # pinned
    relationships:
      db: { service: db, endpoint: postgresql }
    web:
      commands:
        start: node server.js

services:
  # the database
  db:
    type: postgresql:16

routes:
  "https://{default}/":
    type: upstream
    upstream: "backend:http"
`;
    const { plan, after } = planned(text);
    assert.deepStrictEqual([plan.serviceName, plan.relationshipName, plan.app], ['kafka', 'kafka', 'backend']);
    assert.strictEqual(
      after,
      text
        .replace('      db: { service: db, endpoint: postgresql }\n', '      db: { service: db, endpoint: postgresql }\n      kafka:\n')
        .replace('    type: postgresql:16\n', '    type: postgresql:16\n  kafka:\n    type: kafka:4.3\n'),
    );
  });

  it('adds the missing keys: relationships under the app, services at the end', () => {
    const text = 'applications:\n  web:\n    type: php:8.4\n';
    const { after } = planned(text);
    assert.strictEqual(after, 'applications:\n  web:\n    type: php:8.4\n    relationships:\n      kafka:\nservices:\n  kafka:\n    type: kafka:4.3\n');
  });

  it('fills an empty services: key and a services: {} and a file without a final newline', () => {
    assert.strictEqual(planned('services:\nroutes: {}\n').after, 'services:\n  kafka:\n    type: kafka:4.3\nroutes: {}\n');
    assert.strictEqual(planned('services: {}\n').after, 'services:\n  kafka:\n    type: kafka:4.3\n');
    assert.strictEqual(planned('services:\n  db:\n    type: postgresql:16').after, 'services:\n  db:\n    type: postgresql:16\n  kafka:\n    type: kafka:4.3\n');
  });

  it('picks a free service name and an explicit relationship when the names are taken', () => {
    const text = 'applications:\n  app:\n    type: php:8.4\n    relationships:\n      kafka2: { service: db, endpoint: mysql }\nservices:\n  kafka:\n    type: kafka:4.1\n  db:\n    type: mariadb:11.4\n';
    const { plan, after } = planned(text);
    assert.deepStrictEqual([plan.serviceName, plan.relationshipName], ['kafka2', 'kafka']);
    const model = modelOf(after);
    assert.deepStrictEqual(model.services.map((s) => s.name), ['kafka', 'db', 'kafka2']);
    assert.deepStrictEqual(model.applications[0].relationships.map((r) => [r.name, r.service, r.endpoint]), [
      ['kafka2', 'db', 'mysql'],
      ['kafka', 'kafka2', 'kafka'],
    ]);
  });

  it('binds the chosen app when there are several, and none when not chosen', () => {
    const text = 'applications:\n  a:\n    type: php:8.4\n  b:\n    type: php:8.4\n';
    const { after } = planned(text, 'b');
    assert.deepStrictEqual(modelOf(after).applications.map((a) => a.relationships.map((r) => r.name)), [[], ['kafka']]);
    const unbound = planned(text);
    assert.strictEqual(unbound.plan.app, undefined);
    assert.deepStrictEqual(modelOf(unbound.after).applications.map((a) => a.relationships.length), [0, 0]);
  });

  it('writes Platform.sh services.yaml with a disk, and the relationship into .platform.app.yaml', () => {
    const files: { path: string; kind: ConfigFileKind; text: string }[] = [
      { path: '/p/.platform/services.yaml', kind: 'platform-services', text: 'db:\n    type: mariadb:11.4\n    disk: 2048\n' },
      { path: '/p/.platform.app.yaml', kind: 'platform-app', text: 'name: app\ntype: php:8.4\n' },
    ];
    const result = planAddKafka({ project: buildProjectModel('/p', files), folder: '/p', version: '4.3' });
    assert.ok(!('error' in result));
    const text = (p: string) => applyChanges(files.find((f) => f.path === p)!.text, result.changes.find((c) => c.file === p)!.changes);
    assert.strictEqual(text('/p/.platform/services.yaml'), 'db:\n    type: mariadb:11.4\n    disk: 2048\nkafka:\n  type: kafka:4.3\n  disk: 512\n');
    assert.strictEqual(text('/p/.platform.app.yaml'), 'name: app\ntype: php:8.4\nrelationships:\n  kafka:\n');
  });

  it('says what to add by hand when the mapping is written on one line', () => {
    const result = planAddKafka({ project: modelOf('services: { db: { type: "mariadb:11.4" } }\n'), folder: '/p', version: '4.3' });
    assert.ok('error' in result);
    assert.match(result.error, /by hand/);
  });
});
