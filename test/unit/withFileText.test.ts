import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildProjectModel } from '../../src/config/buildModel';
import { loadProjects } from '../../src/config/discover';
import { withFileText } from '../../src/config/withFileText';

const SERVICES = 'services:\n  kafka:\n    type: kafka:4.1\n';
const APPS = 'applications:\n  app:\n    type: nodejs:22\n';

describe('project with one file text replaced', () => {
  const project = buildProjectModel('/p', [
    { path: '/p/.upsun/apps.yaml', kind: 'upsun', text: APPS },
    { path: '/p/.upsun/services.yaml', kind: 'upsun', text: SERVICES },
  ]);

  it('rebuilds the model from the new text and keeps the other files', () => {
    const edited = withFileText(project, '/p/.upsun/services.yaml', SERVICES.replace('kafka:\n', 'events:\n'));
    assert.deepStrictEqual(edited.services.map((s) => s.name), ['events']);
    assert.deepStrictEqual(edited.applications.map((a) => a.name), ['app']);
    assert.strictEqual(edited.files.length, 2);
  });

  it('returns the same project when the text is unchanged or the file is not in it', () => {
    assert.strictEqual(withFileText(project, '/p/.upsun/services.yaml', SERVICES), project);
    assert.strictEqual(withFileText(project, '/elsewhere.yaml', 'x: 1'), project);
  });
});

describe('loading projects with open editor text', () => {
  it('prefers the open text over the file on disk', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'upsun-open-'));
    const file = path.join(root, '.upsun', 'config.yaml');
    await fs.mkdir(path.dirname(file));
    await fs.writeFile(file, SERVICES);
    const [fromDisk] = await loadProjects([file]);
    const [fromEditor] = await loadProjects([file], new Map([[file, SERVICES.replace('kafka:\n', 'unsaved:\n')]]));
    await fs.rm(root, { recursive: true });
    assert.deepStrictEqual(fromDisk.services.map((s) => s.name), ['kafka']);
    assert.deepStrictEqual(fromEditor.services.map((s) => s.name), ['unsaved']);
  });
});
