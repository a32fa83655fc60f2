import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadProjectsIn } from '../../src/config/discover';
import { CODES } from '../../src/validation/codes';
import { validateProject } from '../../src/validation/validate';
import { tempProjects } from './helpers';

// Platform.sh's Django template: `.platform/applications.yaml` holds `- !include pip.app.yaml`,
// a path relative to the including file (Platform.sh docs, create-apps/multi-app, "!include").
describe('applications pulled in with !include', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'include-apps-'));
    await fs.mkdir(path.join(dir, '.platform'));
    await fs.writeFile(path.join(dir, '.platform', 'applications.yaml'), '- !include pip.app.yaml\n- !include missing.app.yaml\n');
    await fs.writeFile(path.join(dir, '.platform', 'pip.app.yaml'), 'name: app\ntype: python:3.13\ndisk: 512\nrelationships:\n  database: "db:postgresql"\nhooks:\n  biuld: pip install\n');
    await fs.writeFile(path.join(dir, '.platform', 'services.yaml'), 'db:\n  type: postgresql:16\n  disk: 1024\nspare:\n  type: redis:8.0\n');
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('are validated as applications, and their relationships count as uses', async () => {
    const [project] = await loadProjectsIn(dir);
    assert.deepStrictEqual(project.applications.map((a) => a.name), ['app']);
    const found = validateProject(project).map((p) => [p.code, path.relative(dir, p.span.file)]);
    assert.deepStrictEqual(found.filter(([code]) => code !== CODES.relationshipLegacy), [
      // `- !include missing.app.yaml` names no file: an error on the tag (issue 24).
      [CODES.includeNotFound, '.platform/applications.yaml'],
      [CODES.unknownKey, '.platform/pip.app.yaml'],
      // `db` is used by the included app; only `spare` is unused.
      [CODES.unusedService, '.platform/services.yaml'],
    ]);
  });
});

// docs.platform.sh/learn/overview/yaml/platform-yaml-tags.html: `!include` takes `type`
// (`string`, `binary` or `yaml`, default `yaml`) and `path`, relative to the including file;
// its first example is `myapp: !include {type: yaml, path: ./app1.yaml}` in
// `.platform/applications.yaml`, and `!include ./app1.yaml` the short form. Every form of an
// entry stands for the included file: the entry's body is validated there, and its
// relationships count as uses.
describe('entries written as !include, mapping and short form, as map values', () => {
  const { dir: folder, write } = tempProjects('include-entries-');
  const findings = async () => {
    const projects = await loadProjectsIn(folder());
    return projects.flatMap((p) => validateProject(p)).map((p) => [p.code, path.relative(folder(), p.span.file), p.message]);
  };

  it('.platform/applications.yaml and services.yaml: `name: !include {type: yaml, path}` and `name: !include <path>`', async () => {
    await write('.platform/applications.yaml', 'myapp: !include {type: yaml, path: ./app1.yaml}\nweb2: !include ./app2.yaml\nblock: !include\n  type: yaml\n  path: app3.yaml\n');
    await write('.platform/app1.yaml', 'type: nodejs:24\ndisk: 256\nrelationships:\n  database:\n    service: db\n    endpoint: postgresql\n');
    await write('.platform/app2.yaml', 'type: php:8.4\ndisk: 256\nrelationships:\n  cache:\n    service: cache\n    endpoint: redis\nbiuld:\n  flavor: none\n');
    await write('.platform/app3.yaml', 'type: python:3.13\ndisk: 256\n');
    await write('.platform/services.yaml', 'db: !include\n  type: yaml\n  path: db.yaml\ncache: !include cache.yaml\nspare:\n  type: redis:8.0\n');
    await write('.platform/db.yaml', 'type: postgresql:16\ndisk: 1024\n');
    await write('.platform/cache.yaml', 'type: redis:8.0\n');
    await write('.platform/routes.yaml', '"https://{default}/":\n  type: upstream\n  upstream: "web2:http"\n');
    const [project] = await loadProjectsIn(folder());
    assert.deepStrictEqual(project.applications.map((a) => [a.name, a.type?.value, path.relative(folder(), a.span.file)]), [
      ['myapp', 'nodejs:24', '.platform/app1.yaml'],
      ['web2', 'php:8.4', '.platform/app2.yaml'],
      ['block', 'python:3.13', '.platform/app3.yaml'],
    ]);
    assert.deepStrictEqual(project.services.map((s) => [s.name, s.type?.value]), [['db', 'postgresql:16'], ['cache', 'redis:8.0'], ['spare', 'redis:8.0']]);
    assert.deepStrictEqual((await findings()).map(([code, file]) => [code, file]), [
      // `name` is not required in the map form: the key names the app.
      [CODES.unknownKey, '.platform/app2.yaml'],
      [CODES.unusedService, '.platform/services.yaml'],
    ]);
    assert.match((await findings())[1][2], /`spare`/);
  });

  it('.upsun applications and services: `web2: !include <path>` and the mapping form', async () => {
    await write('.upsun/config.yaml', 'applications:\n  web1:\n    type: php:8.4\n  web2: !include apps/web2.yaml\n  web3: !include { path: apps/web3.yaml }\nservices:\n  db: !include {type: yaml, path: services/db.yaml}\n  spare:\n    type: redis:8.0\nroutes:\n  "https://{default}/":\n    type: upstream\n    upstream: "web3:http"\n');
    await write('.upsun/apps/web2.yaml', 'type: nodejs:24\nrelationships:\n  database:\n    service: db\n    endpoint: postgresql\n');
    await write('.upsun/apps/web3.yaml', 'type: python:3.13\ndisk: 512\n');
    await write('.upsun/services/db.yaml', 'type: postgresql:16\n');
    assert.deepStrictEqual((await findings()).map(([code, file]) => [code, file]), [
      [CODES.unusedService, '.upsun/config.yaml'],
      // Upsun sets disk with `upsun resources:set`: an error in the included body, as in config.yaml.
      [CODES.unknownKey, '.upsun/apps/web3.yaml'],
    ]);
  });

  it('a file in .upsun/ that another includes is read as the entry body, and the include is an error: Upsun merges that file too', async () => {
    await write('.upsun/config.yaml', 'applications:\n  web2: !include app.yaml\nservices:\n  db:\n    type: postgresql:16\n');
    await write('.upsun/app.yaml', 'type: nodejs:24\nrelationships:\n  database:\n    service: db\n    endpoint: postgresql\n');
    const [project] = await loadProjectsIn(folder());
    assert.deepStrictEqual(project.applications.map((a) => [a.name, a.type?.value]), [['web2', 'nodejs:24']]);
    assert.deepStrictEqual((await findings()).map(([code, file]) => [code, file]), [[CODES.includeInConfigFolder, '.upsun/config.yaml']]);
  });

  it('an include that is not yaml, or whose file is missing, declares the entry without a body; a missing file is reported on its tag', async () => {
    await write('.platform/applications.yaml', 'app: !include {type: string, path: app.txt}\ngone: !include gone.yaml\n');
    await write('.platform/routes.yaml', '"https://{default}/":\n  type: upstream\n  upstream: "gone:http"\n');
    const [project] = await loadProjectsIn(folder());
    assert.deepStrictEqual(project.applications.map((a) => [a.name, a.type]), [['app', undefined], ['gone', undefined]]);
    assert.deepStrictEqual((await findings()).map(([code, file]) => [code, file]), [
      [CODES.includeNotFound, '.platform/applications.yaml'],
      [CODES.includeNotFound, '.platform/applications.yaml'],
    ]);
  });
});
