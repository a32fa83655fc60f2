import * as assert from 'assert';
import { CODES } from '../../src/validation/codes';
import { buildProjectModel } from '../../src/config/buildModel';
import { promises as fs } from 'fs';
import { loadProjectsIn } from '../../src/config/discover';
import { withFileText } from '../../src/config/withFileText';
import { validateProject } from '../../src/validation/validate';
import { check, found, only, tempProjects } from './helpers';

// Read-only replicas (docs: add-services/mysql/mysql-readonly-replication and
// add-services/postgresql/postgresql-readonly-replication, both sites of platformsh/platformsh-docs):
// `mariadb-replica:<VERSION>` / `postgresql-replica:<VERSION>` at the primary's version, with the
// relationship `primary: <db>:replicator` the replica "expects to receive".
describe('read-only database replicas', () => {
  const upsun = (replica: string, relationships = '    relationships:\n      primary: db:replicator\n') =>
    `applications:\n  app:\n    type: php:8.4\n    relationships:\n      database: { service: db, endpoint: mysql }\n      readonly: { service: replica }\nservices:\n  db:\n    type: mariadb:11.4\n    configuration:\n      endpoints:\n        mysql: { default_schema: main, privileges: { main: admin } }\n        replicator: { privileges: { main: replication } }\n  replica:\n    type: ${replica}\n${relationships}`;

  it('accepts mariadb-replica and postgresql-replica with their primary relationship', () => {
    assert.deepStrictEqual(check(upsun('mariadb-replica:11.4')).map((f) => [f.code, f.text]), []);
    assert.deepStrictEqual(check(upsun('postgresql-replica:17')).map((f) => [f.code, f.text]), []);
  });

  it('accepts them on Platform.sh too', () => {
    const services = 'db:\n  type: postgresql:17\n  disk: 1024\nreplica:\n  type: postgresql-replica:17\n  disk: 1024\n  relationships:\n    primary: db:replicator\n';
    assert.deepStrictEqual(only(check(services, 'platform-services'), CODES.unknownType), []);
    assert.deepStrictEqual(only(check(services, 'platform-services'), CODES.missingKey), []);
  });

  it('errs on a replica without its primary relationship, on the service name', () => {
    const f = only(check(upsun('mariadb-replica:11.4', '')), CODES.missingKey);
    assert.deepStrictEqual(f.map((x) => [x.severity, x.text]), [['error', 'replica']]);
    assert.strictEqual(f[0].problem.message, 'Service `replica` is a read-only replica (`mariadb-replica`) and needs a relationship named `primary` to its primary database\'s `replicator` endpoint, such as `relationships: { primary: "db:replicator" }`.');
    const other = only(check(upsun('postgresql-replica:17', '    relationships:\n      main: db:replicator\n')), CODES.missingKey);
    assert.deepStrictEqual(other.map((x) => x.text), ['replica']);
  });

  it('reads `postgres-replica` (the spelling of one docs example) as a typo for `postgresql-replica`', () => {
    const [f] = only(check(upsun('postgres-replica:17')), CODES.unknownType);
    assert.strictEqual(f.severity, 'error');
    assert.deepStrictEqual(f.problem.data, { replacement: 'postgresql-replica:17' });
  });
});

// Platform.sh's registry (platformsh/platformsh-docs shared/data/registry.json) lists the
// grid's supported and deprecated versions and, apart, those of Dedicated Gen 2 and Gen 3.
// A version the grid dropped that another list still names (Upsun's registry short of
// decommissioned, or a Dedicated list) was offered: existing apps keep running; a warning.
describe('versions a platform dropped: one rule', () => {
  const app = (type: string) => `name: app\ntype: "${type}"\ndisk: 256\n`;
  const versions = (type: string) => check(app(type), 'platform-app').filter((f) => f.code.endsWith('-version')).map((f) => [f.code, f.severity]);

  it('warns on nodejs 14/12/10, which Dedicated Gen 2 still lists, as on php 7.x', () => {
    for (const type of ['nodejs:14', 'nodejs:12', 'nodejs:10', 'php:7.4', 'php:8.1']) assert.deepStrictEqual(versions(type), [[CODES.retiredVersion, 'warning']], type);
    const [f] = only(check(app('nodejs:14'), 'platform-app'), CODES.retiredVersion);
    assert.match(f.problem.message, /^`nodejs:14` \(JavaScript\/Node\.js\) is no longer in Platform\.sh's registry .*Dedicated/);
    assert.deepStrictEqual(f.problem.data, { replacement: 'nodejs:26' });
  });

  it('errs where the platform is known to refuse: decommissioned, or never listed', () => {
    assert.deepStrictEqual(versions('nodejs:0.12'), [[CODES.unsupportedVersion, 'error']]);
    assert.deepStrictEqual(versions('nodejs:13'), [[CODES.unsupportedVersion, 'error']]);
    const services = (type: string) => check(`s:\n  type: ${type}\n  disk: 1024\n`, 'platform-services').filter((f) => f.code.endsWith('-version')).map((f) => [f.code, f.severity]);
    assert.deepStrictEqual(services('vault-kms:1.6'), [[CODES.unsupportedVersion, 'error']]);
    assert.deepStrictEqual(services('solr:8.6'), [[CODES.retiredVersion, 'warning']]);
  });
});

// upsun/cli internal/lint/types.go (CheckTypes, Flex style): "'type' should be specified (as a
// composable image) when using 'stack'" and "'stack' should be specified when using a
// composable image", both warnings.
describe('composable images', () => {
  const app = (body: string) => `applications:\n  app:\n${body}    web:\n      commands:\n        start: ./run\n`;

  it('warns on a stack without type, on the stack key', () => {
    const f = check(app('    stack: [ "nodejs@24" ]\n'));
    assert.deepStrictEqual(f.map((x) => [x.code, x.severity, x.text]), [[CODES.stackWithoutComposable, 'warning', 'stack']]);
    assert.strictEqual(f[0].problem.message, 'Application `app` has a `stack` but no `type`: Upsun still builds it, but a `stack` belongs with a composable image. Add `type: composable:26.05`.');
  });

  it('warns on a stack beside a runtime type, on the type', () => {
    const f = check(app('    type: php:8.4\n    stack: [ "nodejs@24" ]\n'));
    assert.deepStrictEqual(f.map((x) => [x.code, x.severity, x.text]), [[CODES.stackWithoutComposable, 'warning', 'php:8.4']]);
    assert.match(f[0].problem.message, /`stack` is read only with a composable image/);
  });

  it('warns on a composable image without a stack, and with an empty one', () => {
    for (const body of ['    type: composable:26.05\n', '    type: composable:26.05\n    stack: []\n']) {
      assert.deepStrictEqual(check(app(body)).map((x) => [x.code, x.severity, x.text]), [[CODES.composableWithoutStack, 'warning', 'composable:26.05']], body);
    }
  });

  it('is quiet on a composable image with a stack, and on a runtime without one', () => {
    assert.deepStrictEqual(check(app('    type: composable:26.05\n    stack: [ "nodejs@24" ]\n')), []);
    assert.deepStrictEqual(check(app('    type: nodejs:24\n')), []);
  });
});

// upsun/cli internal/lint/merge.go merges every .upsun/*.yaml and *.yml; platformsh/platformsh-docs#4239.
describe('an !include of a file inside .upsun/', () => {
  const project = (target: string) =>
    buildProjectModel('/p', [{ path: '/p/.upsun/config.yaml', kind: 'upsun', text: `applications:\n  app: !include ${target}\n  other:\n    type: nodejs:24\n    hooks:\n      build: !include { type: string, path: build.sh }\n` }]);

  it('is an error on the tag: Upsun merges that file as config of its own too', () => {
    const f = only(found(project('app.yaml')), CODES.includeInConfigFolder);
    assert.deepStrictEqual(f.map((x) => [x.severity, x.text]), [['error', '!include app.yaml']]);
    assert.match(f[0].problem.message, /^`\.upsun\/app\.yaml` is in `\.upsun\/`, where Upsun reads every YAML file as configuration of its own/);
    assert.deepStrictEqual(only(found(project('"./app.yml"')), CODES.includeInConfigFolder).length, 1);
  });

  it('is quiet for a file outside .upsun/, and for a string include of another file there', () => {
    assert.deepStrictEqual(only(found(project('../apps/app.yaml')), CODES.includeInConfigFolder), []);
  });
});

// upsun/cli internal/lint/source.go: "'<path>' doesn't exist in the repository".
describe('an !include of a file that does not exist', () => {
  const { dir, write } = tempProjects('include-missing-');
  const findings = async () => (await loadProjectsIn(dir())).flatMap((p) => validateProject(p)).filter((p) => p.code === CODES.includeNotFound);

  it('is an error on the tag for a yaml include, a warning for a string one, and quiet once the files exist', async () => {
    await write('.platform/applications.yaml', '- !include pip.app.yaml\n');
    await write('.platform/services.yaml', 'cache:\n  type: varnish:9.0\n  configuration:\n    vcl: !include { type: string, path: config.vcl }\n');
    const found = await findings();
    const text = async (p: (typeof found)[number]) => (await fs.readFile(p.span.file, 'utf8')).slice(p.span.start, p.span.end);
    assert.deepStrictEqual(await Promise.all(found.map(async (p) => [p.severity, await text(p)])), [
      ['error', '!include pip.app.yaml'],
      ['warning', '!include { type: string, path: config.vcl }'],
    ]);
    assert.strictEqual(found[0].message, '`.platform/pip.app.yaml`, which this `!include` names, does not exist: the platform refuses an include of a missing file. Fix the path (it is relative to this file), or add the file.');
    await write('.platform/pip.app.yaml', 'name: app\ntype: python:3.14\ndisk: 256\n');
    await write('.platform/config.vcl', 'vcl 4.0;\n');
    assert.deepStrictEqual(await findings(), []);
  });

  it('keeps the finding while the including file is edited in the editor', async () => {
    await write('.upsun/config.yaml', 'applications:\n  app: !include ../app.yaml\n');
    const [project] = await loadProjectsIn(dir());
    const edited = withFileText(project, project.files[0].path, 'applications:\n  app: !include ../app.yaml\n# edited\n');
    assert.deepStrictEqual(validateProject(edited).filter((p) => p.code === CODES.includeNotFound).map((p) => p.severity), ['error']);
  });
});
