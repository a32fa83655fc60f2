import * as assert from 'assert';
import { promises as fs, readFileSync } from 'fs';
import picomatch from 'picomatch';
import * as os from 'os';
import * as path from 'path';
import { configFileKind, projectRootOf } from '../../src/config/fileKinds';
import { findConfigFiles, loadProjectsIn } from '../../src/config/discover';

describe('config files: which paths are platform config', () => {
  it('recognises every platform file form', () => {
    assert.strictEqual(configFileKind('/p/.upsun/config.yaml'), 'upsun');
    assert.strictEqual(configFileKind('/p/.upsun/services.yml'), 'upsun');
    assert.strictEqual(configFileKind('/p/.platform/services.yaml'), 'platform-services');
    assert.strictEqual(configFileKind('/p/.platform/applications.yaml'), 'platform-applications');
    assert.strictEqual(configFileKind('/p/.platform/routes.yaml'), 'platform-routes');
    assert.strictEqual(configFileKind('/p/api/.platform.app.yaml'), 'platform-app');
    assert.strictEqual(configFileKind('C:\\p\\.upsun\\config.yaml'), 'upsun');
  });

  it('ignores files that merely share a name', () => {
    assert.strictEqual(configFileKind('/p/config/services.yaml'), undefined);
    assert.strictEqual(configFileKind('/p/app/config/packages/services.yaml'), undefined);
    assert.strictEqual(configFileKind('/p/.upsun/readme.md'), undefined);
    assert.strictEqual(configFileKind('/p/.platform/local/project.yaml'), undefined);
  });

  it('puts a nested .platform.app.yaml in the project that holds .platform/', () => {
    assert.strictEqual(projectRootOf('/p/apps/api/.platform.app.yaml', ['/p']), '/p');
    assert.strictEqual(projectRootOf('/q/.platform.app.yaml', ['/p']), '/q');
    assert.strictEqual(projectRootOf('/p/.upsun/config.yaml'), '/p');
  });
});

describe('config files: discovery on disk', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upsun-discover-'));
    const write = async (rel: string, text: string) => {
      await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await fs.writeFile(path.join(dir, rel), text);
    };
    await write('upsun/.upsun/config.yaml', 'services:\n  kafka:\n    type: kafka:4.3\n');
    await write('upsun/config/services.yaml', 'parameters: {}\n');
    await write('upsun/node_modules/x/.upsun/config.yaml', 'services: {}\n');
    await write('legacy/.platform/services.yaml', 'queue:\n  type: kafka:4.1\n');
    await write('legacy/api/.platform.app.yaml', 'name: api\ntype: php:8.3\nrelationships:\n  queue: "queue:kafka"\n');
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('finds config files and skips node_modules and look-alikes', async () => {
    const files = (await findConfigFiles(dir)).map((f) => path.relative(dir, f));
    assert.deepStrictEqual(files, ['legacy/.platform/services.yaml', 'legacy/api/.platform.app.yaml', 'upsun/.upsun/config.yaml']);
  });

  it('skips the folders it is told to, by name at any depth', async () => {
    const files = (await findConfigFiles(dir, ['legacy', 'node_modules'])).map((f) => path.relative(dir, f));
    assert.deepStrictEqual(files, ['upsun/.upsun/config.yaml']);
    const withModules = (await findConfigFiles(dir, [])).map((f) => path.relative(dir, f));
    assert.ok(withModules.includes('upsun/node_modules/x/.upsun/config.yaml'));
  });

  it('groups files into one model per project', async () => {
    const projects = await loadProjectsIn(dir);
    assert.deepStrictEqual(projects.map((p) => path.relative(dir, p.root)), ['legacy', 'upsun']);
    const legacy = projects[0];
    assert.deepStrictEqual(legacy.services.map((s) => s.name), ['queue']);
    assert.deepStrictEqual(legacy.applications.map((a) => [a.name, a.sourceRoot]), [['api', 'api']]);
  });
});

describe('activation', () => {
  it('starts the extension for every config file that declares services or applications, .yml included', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { activationEvents: string[] };
    const globs = manifest.activationEvents.filter((e) => e.startsWith('workspaceContains:')).map((e) => picomatch(e.slice('workspaceContains:'.length), { dot: true }));
    for (const file of ['shop/.upsun/config.yaml', 'shop/.upsun/services.yml', 'legacy/.platform/services.yaml', 'legacy/.platform/applications.yaml', 'legacy/api/.platform.app.yaml']) {
      assert.ok(configFileKind(file), file);
      assert.ok(globs.some((matches) => matches(file)), `no activation event for ${file}`);
    }
  });
});
