import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadProjects } from '../../src/config/discover';
import { withFileText } from '../../src/config/withFileText';
import { buildDeclaredTree } from '../../src/explorer/declaredTree';
import { CODES } from '../../src/validation/codes';
import { validateProject } from '../../src/validation/validate';

// Upsun reads only .upsun/; Platform.sh only .platform/ and .platform.app.yaml (docs of both:
// "configuration files"); neither merges the other's. A repository migrating keeps both.
describe('a folder with both .upsun/ and .platform/ config', () => {
  let dir: string;
  const files: Record<string, string> = {
    '.upsun/config.yaml': 'applications:\n  app:\n    type: php:8.4\n    relationships:\n      kafka:\n      cache:\nservices:\n  kafka:\n    type: kafka:4.3\n',
    '.platform/services.yaml': 'kafka:\n  type: kafka:3.7\n  disk: 512\ncache:\n  type: redis:7.2\n',
    '.platform.app.yaml': 'name: app\ntype: php:8.4\ndisk: 512\nrelationships:\n  kafka:\n  cache:\n',
  };
  const load = () => loadProjects(Object.keys(files).map((f) => path.join(dir, f)).sort());

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'two-platforms-'));
    for (const [name, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await fs.writeFile(path.join(dir, name), text);
    }
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('is two projects, one per platform', async () => {
    const projects = await load();
    assert.deepStrictEqual(projects.map((p) => [p.platform, p.files.map((f) => path.relative(dir, f.path))]), [
      ['upsun', ['.upsun/config.yaml']],
      ['platformsh', ['.platform.app.yaml', '.platform/services.yaml']],
    ]);
  });

  it('reports no duplicates, one warning on the pair, and resolves relationships within each set', async () => {
    const [upsun, platformsh] = await load();
    const upsunProblems = validateProject(upsun);
    assert.deepStrictEqual(upsunProblems.map((p) => [p.code, p.severity, upsun.files[0].text.slice(p.span.start, p.span.end)]), [
      [CODES.twoPlatforms, 'warning', 'applications:'],
      // `cache` is declared only in .platform/services.yaml, which Upsun does not read.
      [CODES.relationshipUnknownService, 'error', 'cache'],
    ]);
    assert.match(upsunProblems[0].message, /Upsun reads only `\.upsun\/`, Platform\.sh only `\.platform\/` and `\.platform\.app\.yaml`/);
    // Kafka 3.7 and Redis 7.2 are supported in Platform.sh's registry.
    assert.deepStrictEqual(validateProject(platformsh).map((p) => p.code), []);
  });

  it('keeps the pair when the editor replaces one file\'s text', async () => {
    const [upsun] = await load();
    const edited = withFileText(upsun, upsun.files[0].path, `${files['.upsun/config.yaml']}\n`);
    assert.deepStrictEqual(validateProject(edited).map((p) => p.code), [CODES.twoPlatforms, CODES.relationshipUnknownService]);
  });

  it('shows two project rows with distinct ids in the explorer', async () => {
    const tree = buildDeclaredTree(await load());
    assert.deepStrictEqual(tree.roots.map((r) => [r.id, r.label]), [
      [dir, `${path.basename(dir)} (Upsun)`],
      [`${dir}#platformsh`, `${path.basename(dir)} (Platform.sh)`],
    ]);
  });

  it('gives the service both platforms declare two keys: two connections, filters and passwords', async () => {
    const tree = buildDeclaredTree(await load());
    const rows = tree.roots.flatMap((project) => ('children' in project ? project.children : []));
    const kafkaKeys = rows.flatMap((n) => (n.kind === 'service' && n.label === 'kafka' ? [n.serviceKey] : []));
    assert.deepStrictEqual(kafkaKeys, [`${dir}#kafka`, `${dir}#platformsh#kafka`]);
  });
});
