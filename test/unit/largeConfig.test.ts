import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { exceedsConfigLimit, MAX_CONFIG_FILE_BYTES } from '../../src/config/buildModel';
import { loadProjects, loadProjectsIn } from '../../src/config/discover';
import { withFileText } from '../../src/config/withFileText';
import type { ProjectModel } from '../../src/config/model';
import { CODES } from '../../src/validation/codes';
import { validateProject } from '../../src/validation/validate';

const APP = 'applications:\n  app:\n    type: nodejs:24\n';

/** Routes, one app of its own, and a misspelled key per route: every line would give work, and findings. */
function bigConfig(bytes: number): string {
  let text = `${APP}routes:\n`;
  for (let i = 0; text.length < bytes; i++) text += `  "https://r${i}.{default}/":\n    type: upstream\n    upstream: "app:http"\n    biuld: 1\n`;
  return text;
}

/** Code, severity and file (relative to `root`) of each problem, in order. */
function problemsOf(project: ProjectModel, root: string): string[][] {
  return validateProject(project).map((p) => [p.code, p.severity, path.relative(root, p.span.file)]);
}

/**
 * A config file past MAX_CONFIG_FILE_BYTES is not parsed, whether it comes from the disk or
 * from an editor's unsaved text (the extension host stalled for minutes on a 2.9 MB buffer
 * parsed on every keystroke), and it is said on the file, as "not read", never as "empty".
 */
describe('config files over the size limit', function () {
  this.timeout(20_000);
  let root: string;
  const file = (name: string) => path.join(root, name);
  const write = async (name: string, text: string) => {
    await fs.mkdir(path.dirname(file(name)), { recursive: true });
    await fs.writeFile(file(name), text);
  };
  beforeEach(async () => (root = await fs.mkdtemp(path.join(os.tmpdir(), 'large-config-'))));
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('counts UTF-8 bytes, not characters', () => {
    const euros = '€'.repeat(Math.ceil(MAX_CONFIG_FILE_BYTES / 3) + 1); // 3 bytes each
    assert.deepStrictEqual(
      [exceedsConfigLimit('x'.repeat(MAX_CONFIG_FILE_BYTES)), exceedsConfigLimit('x'.repeat(MAX_CONFIG_FILE_BYTES + 1)), exceedsConfigLimit(euros), exceedsConfigLimit(euros.slice(2))],
      [false, true, true, false],
    );
  });

  it('a 5 MB config is checked, every finding at its key', async function () {
    this.timeout(120_000); // about 2 s on an idle machine; the shared one runs up to 40 processes at once
    const text = bigConfig(5 * 1024 * 1024);
    await write('.upsun/config.yaml', text);
    const [project] = await loadProjectsIn(root);
    const problems = validateProject(project);
    const misspelled: number[] = [];
    for (let at = text.indexOf('biuld'); at >= 0; at = text.indexOf('biuld', at + 1)) misspelled.push(at);
    assert.strictEqual(project.routes.length, misspelled.length);
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.span.start, p.span.end]),
      misspelled.map((at) => [CODES.unknownKey, at, at + 'biuld'.length]),
    );
  });

  it('a lone .upsun file over the limit is file-too-large only, not also "declares nothing"', async () => {
    await write('.upsun/config.yaml', bigConfig(MAX_CONFIG_FILE_BYTES + 10));
    const [project] = await loadProjectsIn(root);
    assert.deepStrictEqual(problemsOf(project, root), [[CODES.fileTooLarge, 'error', '.upsun/config.yaml']]);
  });

  it('a .platform.app.yaml over the limit is not called empty', async () => {
    await write('.platform.app.yaml', `name: app\ntype: nodejs:24\n#${'x'.repeat(MAX_CONFIG_FILE_BYTES)}\n`);
    await write('.platform/routes.yaml', '"https://{default}/":\n  type: upstream\n  upstream: "app:http"\n');
    const projects = await loadProjectsIn(root);
    assert.deepStrictEqual(projects.flatMap((p) => problemsOf(p, root)).filter((p) => p[0] !== CODES.routeUnknownUpstream), [[CODES.fileTooLarge, 'error', '.platform.app.yaml']]);
  });

  it('an editor text over the limit is not parsed when the project loads', async () => {
    await write('.upsun/config.yaml', APP);
    const [project] = await loadProjects([file('.upsun/config.yaml')], new Map([[file('.upsun/config.yaml'), bigConfig(MAX_CONFIG_FILE_BYTES + 10)]]));
    assert.deepStrictEqual([project.routes.length, project.applications.length], [0, 0]);
    assert.deepStrictEqual(problemsOf(project, root), [[CODES.fileTooLarge, 'error', '.upsun/config.yaml']]);
  });

  it('an edit past the limit is file-too-large, further edits past it change nothing, and an edit back under it is checked again', async () => {
    await write('.upsun/config.yaml', APP);
    const [project] = await loadProjectsIn(root);
    const big = withFileText(project, file('.upsun/config.yaml'), bigConfig(MAX_CONFIG_FILE_BYTES + 10));
    assert.deepStrictEqual([big.routes.length, problemsOf(big, root)], [0, [[CODES.fileTooLarge, 'error', '.upsun/config.yaml']]]);
    assert.strictEqual(withFileText(big, file('.upsun/config.yaml'), bigConfig(MAX_CONFIG_FILE_BYTES + 100)), big);
    const small = withFileText(big, file('.upsun/config.yaml'), bigConfig(200));
    assert.deepStrictEqual([small.routes.length > 0, [...new Set(problemsOf(small, root).map((p) => p[0]))]], [true, [CODES.unknownKey]]);
  });

  it('a file with an !include is parsed once: the model holds the parse the include scan made', async () => {
    await write('.upsun/config.yaml', 'applications:\n  app: !include ../app.yaml\n');
    await write('app.yaml', 'type: nodejs:24\n');
    const [project] = await loadProjectsIn(root);
    assert.ok(project.sources[0].parsed, 'the loader keeps its parse');
    assert.strictEqual(project.files[0], project.sources[0].parsed.file);
    // An edit parses the new text; the loader's parse of the old one is dropped.
    const edited = withFileText(project, file('.upsun/config.yaml'), 'applications:\n  web: !include ../app.yaml\n');
    assert.deepStrictEqual([edited.sources[0].parsed, edited.applications.map((a) => [a.name, a.type?.value])], [undefined, [['web', 'nodejs:24']]]);
  });

  it('an included file whose editor text is over the limit is include-refused, on load and on edit', async () => {
    await write('.upsun/config.yaml', 'applications:\n  app: !include ../app.yaml\n');
    await write('app.yaml', 'type: nodejs:24\n');
    const big = `type: nodejs:24\n#${'x'.repeat(MAX_CONFIG_FILE_BYTES)}\n`;
    const [loaded] = await loadProjects([file('.upsun/config.yaml')], new Map([[file('app.yaml'), big]]));
    const [project] = await loadProjectsIn(root);
    const edited = withFileText(project, file('app.yaml'), big);
    for (const model of [loaded, edited]) {
      assert.deepStrictEqual(problemsOf(model, root), [[CODES.includeRefused, 'error', '.upsun/config.yaml']]);
      assert.deepStrictEqual(model.applications.map((a) => [a.name, a.type?.value]), [['app', undefined]]);
    }
  });
});
