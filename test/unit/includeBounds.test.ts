import * as assert from 'assert';
import { execFileSync, spawn } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EDITOR_MAX_CONFIG_FILE_BYTES, MAX_CONFIG_FILE_BYTES } from '../../src/config/buildModel';
import { findConfigFiles, loadProjects, loadProjectsIn } from '../../src/config/discover';
import { withFileText } from '../../src/config/withFileText';
import type { ProjectModel } from '../../src/config/model';
import { CODES } from '../../src/validation/codes';
import { validateProject } from '../../src/validation/validate';

const CLI = path.resolve(__dirname, '..', '..', 'src', 'cli', 'main.js');

/** An app whose every line would give a finding if it were read: a stand-in for `~/.ssh/config`. */
const SECRET_APP = 'type: nodejs:24\nsecret_key_from_outside: 1\n';

/** `code`, severity and the text marked, per problem of the project, in file order. */
function problemsOf(project: ProjectModel, root: string): string[][] {
  return validateProject(project).map((p) => {
    const file = project.files.find((f) => f.path === p.span.file);
    return [p.code, p.severity, path.relative(root, p.span.file), file?.text.slice(p.span.start, p.span.end) ?? ''];
  });
}

/**
 * A cloned repository decides what its `!include`s name; the loader reads only regular files
 * inside the project, of at most MAX_CONFIG_FILE_BYTES, and says so on the tag of any other.
 */
describe('!include bounds: only regular files inside the project, size-capped', function () {
  // The old loader read /dev/zero until the heap ran out; a bound loader finishes at once.
  this.timeout(20_000);
  let base: string;
  let root: string;
  const write = async (file: string, text: string | Buffer) => {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), text);
  };

  beforeEach(async () => {
    base = await fs.mkdtemp(path.join(os.tmpdir(), 'include-bounds-'));
    root = path.join(base, 'work', 'project');
    await fs.mkdir(root, { recursive: true });
    await fs.writeFile(path.join(base, 'outside.yaml'), SECRET_APP);
  });
  afterEach(() => fs.rm(base, { recursive: true, force: true }));

  it('refuses paths out of the project (relative, absolute, through a link), devices, pipes and big files, and reads the rest', async () => {
    const outside = path.join(base, 'outside.yaml');
    await write(
      '.upsun/config.yaml',
      [
        'applications:',
        '  up: !include ../../../outside.yaml',
        `  abs: !include ${outside}`,
        '  linked: !include ../linked.yaml',
        '  zero: !include /dev/zero',
        '  fifo: !include ../pipe.yaml',
        '  folder: !include ../apps',
        '  big: !include ../big.yaml',
        '  ok: !include ../app.yaml',
        'services:',
        '  db: !include { type: yaml, path: ../../../outside.yaml }',
        'routes:',
        '  "https://{default}/": !include ../../../outside.yaml',
        '',
      ].join('\n'),
    );
    await fs.symlink(outside, path.join(root, 'linked.yaml'));
    execFileSync('mkfifo', [path.join(root, 'pipe.yaml')]);
    await write('big.yaml', `type: nodejs:24\n#${'x'.repeat(MAX_CONFIG_FILE_BYTES)}\n`);
    await write('app.yaml', 'type: nodejs:24\nbiuld: 1\n');
    await fs.mkdir(path.join(root, 'apps'));

    const [project] = await loadProjectsIn(root);
    assert.deepStrictEqual(
      project.applications.map((a) => [a.name, a.type?.value]),
      [['up', undefined], ['abs', undefined], ['linked', undefined], ['zero', undefined], ['fifo', undefined], ['folder', undefined], ['big', undefined], ['ok', 'nodejs:24']],
    );
    assert.deepStrictEqual(project.services.map((s) => [s.name, s.type?.value]), [['db', undefined]]);
    assert.deepStrictEqual(project.files.map((f) => path.relative(root, f.path)), ['.upsun/config.yaml', 'app.yaml']);
    const outsideMessage = 'is outside the project folder (a symbolic link counts where it leads): the platform builds from the repository and cannot include it, and it was not read. Include a file inside the project.';
    assert.deepStrictEqual(
      validateProject(project).filter((p) => p.code === CODES.includeRefused).map((p) => p.message),
      [
        `The included file ../../../outside.yaml ${outsideMessage}`,
        `The included file ${outside} ${outsideMessage}`,
        `The included file ../linked.yaml ${outsideMessage}`,
        `The included file /dev/zero ${outsideMessage}`,
        'The included file ../pipe.yaml is not a regular file (a device, a pipe or a folder), so it was not read. Include a YAML file.',
        'The included file ../apps is not a regular file (a device, a pipe or a folder), so it was not read. Include a YAML file.',
        'The included file ../big.yaml is over 16 MiB, so it was not read and the entry it stands for is not checked.',
        `The included file ../../../outside.yaml ${outsideMessage}`,
        `The included file ../../../outside.yaml ${outsideMessage}`,
      ],
    );
    assert.deepStrictEqual(problemsOf(project, root).filter(([code]) => code !== CODES.unusedService), [
      [CODES.includeRefused, 'error', '.upsun/config.yaml', '!include ../../../outside.yaml'],
      [CODES.includeRefused, 'error', '.upsun/config.yaml', `!include ${outside}`],
      [CODES.includeRefused, 'error', '.upsun/config.yaml', '!include ../linked.yaml'],
      [CODES.includeRefused, 'error', '.upsun/config.yaml', '!include /dev/zero'],
      [CODES.includeRefused, 'error', '.upsun/config.yaml', '!include ../pipe.yaml'],
      [CODES.includeRefused, 'error', '.upsun/config.yaml', '!include ../apps'],
      [CODES.includeRefused, 'error', '.upsun/config.yaml', '!include ../big.yaml'],
      [CODES.includeRefused, 'error', '.upsun/config.yaml', '!include { type: yaml, path: ../../../outside.yaml }'],
      [CODES.includeRefused, 'error', '.upsun/config.yaml', '!include ../../../outside.yaml'],
      [CODES.unknownKey, 'error', 'app.yaml', 'biuld'],
    ]);
  });

  it('keeps includes read and refused while the including or the included file is edited', async () => {
    // The included file lives outside .upsun/, which Upsun would also merge as config of its own.
    await write('.upsun/config.yaml', 'applications:\n  app: !include ../apps/app.yaml\n  out: !include ../../outside.yaml\n');
    await write('apps/app.yaml', 'type: nodejs:24\n');
    const [loaded] = await loadProjectsIn(root);
    const config = path.join(root, '.upsun', 'config.yaml');
    const edited = withFileText(loaded, config, `${loaded.files[0].text}# typing\n`);
    assert.deepStrictEqual(edited.applications.map((a) => [a.name, a.type?.value]), [['app', 'nodejs:24'], ['out', undefined]]);
    assert.deepStrictEqual(problemsOf(edited, root), [[CODES.includeRefused, 'error', '.upsun/config.yaml', '!include ../../outside.yaml']]);
    const inner = withFileText(edited, path.join(root, 'apps', 'app.yaml'), 'type: php:8.4\n');
    assert.deepStrictEqual(inner.applications.map((a) => [a.name, a.type?.value]), [['app', 'php:8.4'], ['out', undefined]]);
    assert.deepStrictEqual(inner.files.map((f) => [path.relative(root, f.path), f.includedAs]), [['.upsun/config.yaml', undefined], ['apps/app.yaml', 'application']]);
  });

  it('reads a link that stays inside the project', async () => {
    await write('.platform/applications.yaml', '- !include shared/app.yaml\n');
    await write('apps/app.yaml', 'name: app\ntype: nodejs:24\ndisk: 256\n');
    await fs.symlink(path.join(root, 'apps'), path.join(root, '.platform', 'shared'));
    const [project] = await loadProjectsIn(root);
    assert.deepStrictEqual(project.applications.map((a) => [a.name, a.type?.value]), [['app', 'nodejs:24']]);
    assert.deepStrictEqual(validateProject(project).map((p) => p.code), []);
  });

  it('reads no .gitmodules that is a device or leads out of the project', async () => {
    await write('.platform.app.yaml', 'name: app\ntype: nodejs:24\ndisk: 256\n');
    await write('.platform/routes.yaml', '"https://{default}/":\n  type: upstream\n  upstream: "ghost:http"\n');
    const gitmodules = '[submodule "ghost"]\n\tpath = ghost\n';
    await fs.writeFile(path.join(base, 'gitmodules'), gitmodules);
    const upstreamSeverity = async () => {
      const [project] = await loadProjectsIn(root);
      return [project.submodules, validateProject(project).map((p) => [p.code, p.severity])];
    };
    for (const target of ['/dev/zero', path.join(base, 'gitmodules')]) {
      await fs.rm(path.join(root, '.gitmodules'), { force: true });
      await fs.symlink(target, path.join(root, '.gitmodules'));
      // Without submodules to blame, the unknown upstream is an error.
      assert.deepStrictEqual(await upstreamSeverity(), [undefined, [[CODES.routeUnknownUpstream, 'error']]], target);
    }
    await fs.rm(path.join(root, '.gitmodules'));
    await write('.gitmodules', gitmodules);
    assert.deepStrictEqual(await upstreamSeverity(), [['ghost'], [[CODES.routeUnknownUpstream, 'information']]]);
  });

  it('reports a config file over the limit on its first line and checks the others', async () => {
    await write('.upsun/big.yaml', `# ${'x'.repeat(MAX_CONFIG_FILE_BYTES)}\n`);
    await write('.upsun/config.yaml', 'applications:\n  app:\n    type: nodejs:24\n    biuld: 1\n');
    const [project] = await loadProjectsIn(root);
    assert.deepStrictEqual(problemsOf(project, root), [
      [CODES.fileTooLarge, 'error', '.upsun/big.yaml', ''],
      [CODES.unknownKey, 'error', '.upsun/config.yaml', 'biuld'],
    ]);
    assert.strictEqual(
      validateProject(project)[0].message,
      'This file is over 16 MiB, more than any platform config needs, so it was not read and nothing in it is checked. Split it, or check that it is the file you meant.',
    );
  });

  it('the editor stops at its own limit, on disk, in an include and in an edited buffer, and names upsun-kafka lint', async () => {
    const between = `# ${'x'.repeat(EDITOR_MAX_CONFIG_FILE_BYTES)}\n`;
    await write('.upsun/big.yaml', between);
    await write('part.yaml', between);
    await write('.upsun/config.yaml', 'applications:\n  app:\n    type: nodejs:24\n    variables: !include ../part.yaml\n');
    const files = await findConfigFiles(root);
    const [editor] = await loadProjects(files, new Map(), EDITOR_MAX_CONFIG_FILE_BYTES);
    const said = validateProject(editor).map((p) => [p.code, path.relative(root, p.span.file), p.message]);
    assert.deepStrictEqual(said.map(([code, file]) => [code, file]).sort(), [[CODES.fileTooLarge, '.upsun/big.yaml'], [CODES.includeRefused, '.upsun/config.yaml']]);
    assert.strictEqual(said.find(([code]) => code === CODES.fileTooLarge)![2], 'This file is over 1 MiB, so it was not read and nothing in it is checked. The editor stops at 1 MiB to stay responsive; `upsun-kafka lint` checks files up to 16 MiB.');
    assert.match(said.find(([code]) => code === CODES.includeRefused)![2], /is over 1 MiB, so it was not read .* `upsun-kafka lint` checks files up to 16 MiB\.$/);
    // An edit that grows a small file past the editor's limit keeps to it.
    const grown = withFileText(editor, path.join(root, '.upsun', 'config.yaml'), `applications: {}\n${between}`);
    assert.ok(validateProject(grown).some((p) => p.code === CODES.fileTooLarge && p.span.file.endsWith('config.yaml')));
    // The command line reads and checks all three.
    const [lint] = await loadProjectsIn(root);
    assert.deepStrictEqual(validateProject(lint).map((p) => p.code).filter((c) => c === CODES.fileTooLarge || c === CODES.includeRefused), []);
  });

  it('upsun-kafka lint reports `!include /dev/zero` and a pipe, and exits at once', async () => {
    await write('.platform/applications.yaml', '- !include /dev/zero\n- !include pipe.yaml\n');
    execFileSync('mkfifo', [path.join(root, '.platform', 'pipe.yaml')]);
    const child = spawn(process.execPath, [CLI, 'lint', '--format', 'json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.strictEqual(err, '');
    assert.strictEqual(status, 1);
    const findings = JSON.parse(out) as { file: string; line: number; column: number; endColumn: number; code: string }[];
    assert.deepStrictEqual(findings.map((f) => [f.file, f.line, f.column, f.endColumn, f.code]), [
      ['.platform/applications.yaml', 1, 3, 21, CODES.includeRefused],
      ['.platform/applications.yaml', 2, 3, 21, CODES.includeRefused],
    ]);
  });

  it('upsun-kafka lint refuses a named config file that is a pipe, saying so', async () => {
    execFileSync('mkfifo', [path.join(root, '.platform.app.yaml')]);
    const child = spawn(process.execPath, [CLI, 'lint', '.platform.app.yaml'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.strictEqual(status, 2);
    assert.strictEqual(err, 'upsun-kafka lint: .platform.app.yaml: not a regular file; lint reads config files, not devices or pipes.\n');
  });
});
