import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadProjectsIn } from '../../src/config/discover';
import { CODES } from '../../src/validation/codes';
import { validateProject } from '../../src/validation/validate';

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
      [CODES.unknownKey, '.platform/pip.app.yaml'],
      // `db` is used by the included app; only `spare` is unused.
      [CODES.unusedService, '.platform/services.yaml'],
    ]);
  });
});
