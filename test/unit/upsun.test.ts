// The Upsun CLI layer against the stand-in `upsun` (test/fixtures/upsun-cli): real processes,
// the CLI's own output formats and exit codes. Tunnels, which need a Kafka broker to answer
// through them, are tested against the real broker in test/kafka/upsunTunnel.test.ts.

import * as assert from 'assert';
import { spawn } from 'child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  classifyFailure,
  findOpenTunnel,
  isConnectable,
  listEnvironments,
  LocatedCli,
  locateCli,
  openTunnel,
  relationshipsTo,
  resolveExecutable,
  runCli,
  spawnCommand,
  treeKillCommand,
  tunnelSingleArgs,
  UpsunError,
  UpsunFailureKind,
  windowsSystemFile,
} from '../../src/upsun';
import { eventually } from '../harness/eventually';
import { REPO_ROOT } from '../harness/paths';
import { copySampleProject } from '../harness/sampleWorkspace';
import { modelOf } from './helpers';
import { createStandIn, ENVIRONMENTS, processAlive, rejectsWith, STAND_IN, STAND_IN_BIN, StandIn, useEnv } from '../harness/upsunStandIn';

const CLI: LocatedCli = { name: 'upsun', file: STAND_IN };

/** A stand-in of its own for each test of the suite, with its variables (and `extra`) in process.env. */
function freshStandIn(extra: Record<string, string | undefined> = {}): () => StandIn {
  let standIn: StandIn;
  let restore: () => void;
  beforeEach(() => {
    standIn = createStandIn();
    restore = useEnv({ ...standIn.env, UPSUN_STANDIN_FAIL: undefined, ...extra });
  });
  afterEach(() => restore());
  return () => standIn;
}

describe('Upsun CLI: finding it', () => {
  it('finds an executable on PATH and skips a file that is not executable', () => {
    const a = mkdtempSync(path.join(os.tmpdir(), 'path-a-'));
    const b = mkdtempSync(path.join(os.tmpdir(), 'path-b-'));
    writeFileSync(path.join(a, 'upsun'), 'not runnable');
    writeFileSync(path.join(b, 'upsun'), '#!/bin/sh\n');
    chmodSync(path.join(b, 'upsun'), 0o755);
    assert.strictEqual(resolveExecutable('upsun', { platform: 'linux', env: { PATH: `${a}:${b}` } }), path.join(b, 'upsun'));
    assert.strictEqual(resolveExecutable('upsun', { platform: 'linux', env: { PATH: a } }), undefined);
  });

  it('on Windows, looks a bare name up with PATHEXT, in its order', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'path-win-'));
    writeFileSync(path.join(dir, 'upsun.cmd'), '@echo off\r\n');
    const host = { platform: 'win32' as const, env: { Path: dir, PATHEXT: '.COM;.EXE;.BAT;.CMD' } };
    assert.strictEqual(resolveExecutable('upsun', host), path.join(dir, 'upsun.cmd'));
    writeFileSync(path.join(dir, 'upsun.exe'), 'MZ');
    assert.strictEqual(resolveExecutable('upsun', host), path.join(dir, 'upsun.exe'));
    // The stand-in ships a .cmd wrapper for Windows runs.
    assert.strictEqual(resolveExecutable('upsun', { platform: 'win32', env: { PATH: STAND_IN_BIN } }), path.join(STAND_IN_BIN, 'upsun.cmd'));
  });

  it('on Windows runs an .exe directly and a .cmd through cmd.exe, refusing what cmd would read as syntax', () => {
    const host = { platform: 'win32' as const, env: { ComSpec: 'C:\\Windows\\system32\\cmd.exe' } };
    assert.deepStrictEqual(spawnCommand('C:\\u\\upsun.exe', ['tunnel:single', '--port', '30001'], host), { file: 'C:\\u\\upsun.exe', args: ['tunnel:single', '--port', '30001'], verbatim: false });
    assert.deepStrictEqual(spawnCommand('C:\\u\\upsun.cmd', ['tunnel:single', '--environment', 'staging'], host), {
      file: 'C:\\Windows\\system32\\cmd.exe',
      args: ['/d', '/s', '/c', '""C:\\u\\upsun.cmd" tunnel:single --environment staging"'],
      verbatim: true,
    });
    assert.throws(() => spawnCommand('C:\\u\\upsun.bat', ['--environment', 'x&calc'], host), /Cannot pass "x&calc"/);
  });

  it('not installed: says how to install it, for PATH and for a configured path', () => {
    const empty = { platform: 'linux' as const, env: { PATH: mkdtempSync(path.join(os.tmpdir(), 'empty-')) } };
    assert.throws(() => locateCli(undefined, empty), (e: UpsunError) => e.kind === 'not-installed' && /not installed.*Install the Upsun CLI.*upsunKafka\.cli\.path/.test(e.message));
    assert.throws(() => locateCli('/nowhere/upsun', empty), (e: UpsunError) => e.kind === 'not-installed' && /\/nowhere\/upsun, was not found/.test(e.message));
    // The command line names its own option, not the editor's setting.
    const option = { name: '--tunnel-cli', advice: 'pass --tunnel-cli PATH' };
    assert.throws(() => locateCli(undefined, empty, option), (e: UpsunError) => /not installed.*Install the Upsun CLI.*\), or pass --tunnel-cli PATH\.$/.test(e.message) && !/upsunKafka/.test(e.message));
    assert.throws(() => locateCli('/nowhere/upsun', empty, option), { message: /^The CLI set in --tunnel-cli, \/nowhere\/upsun, was not found\. Install the Upsun CLI .*, or pass --tunnel-cli PATH\.$/ });
    assert.deepStrictEqual(locateCli(undefined, { platform: 'linux', env: { PATH: STAND_IN_BIN } }), { name: 'upsun', file: STAND_IN, origin: { name: 'upsunKafka.cli.path', advice: 'set upsunKafka.cli.path' } });
    assert.deepStrictEqual(locateCli(STAND_IN, empty, option), { name: 'upsun', file: STAND_IN, origin: option });
  });

  it('a CLI found and then gone, or flooding its output, is named by where the user set it', async () => {
    const option = { name: '--tunnel-cli', advice: 'pass --tunnel-cli PATH' };
    const gone = path.join(mkdtempSync(path.join(os.tmpdir(), 'gone-')), 'upsun');
    await rejectsWith(runCli(gone, ['environment:list'], { timeoutMs: 5_000, origin: option }), 'not-installed', /^\S+\/upsun could not be started: it is not there\. Install the Upsun CLI .*, or pass --tunnel-cli PATH\.$/);
    await rejectsWith(runCli(gone, ['environment:list'], { timeoutMs: 5_000 }), 'not-installed', /, or set upsunKafka\.cli\.path\.$/);
  });
});

describe('Upsun CLI: no program from the current folder (Windows binary planting)', () => {
  it('skips PATH entries that are not absolute: empty, `.`, `bin`, on every platform', () => {
    const cwd = process.cwd();
    const project = mkdtempSync(path.join(os.tmpdir(), 'planted-'));
    const real = mkdtempSync(path.join(os.tmpdir(), 'path-real-'));
    for (const dir of [project, path.join(project, 'bin'), real]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'upsun'), '#!/bin/sh\n');
      chmodSync(path.join(dir, 'upsun'), 0o755);
      writeFileSync(path.join(dir, 'upsun.exe'), 'MZ');
    }
    process.chdir(project);
    try {
      assert.strictEqual(resolveExecutable('upsun', { platform: 'linux', env: { PATH: `:.:bin:${real}` } }), path.join(real, 'upsun'));
      assert.strictEqual(resolveExecutable('upsun', { platform: 'linux', env: { PATH: '.:bin::./bin' } }), undefined);
      assert.strictEqual(resolveExecutable('upsun', { platform: 'win32', env: { Path: `;.;bin;"bin";C:bin;${real}`, PATHEXT: '.EXE' } }), path.join(real, 'upsun.exe'));
      assert.strictEqual(resolveExecutable('upsun', { platform: 'win32', env: { Path: '.;bin;.\\bin', PATHEXT: '.EXE' } }), undefined);
    } finally {
      process.chdir(cwd);
    }
  });

  it('runs taskkill and cmd.exe from the system folder, never by bare name', () => {
    const host = (env: NodeJS.ProcessEnv) => ({ platform: 'win32' as const, env });
    assert.deepStrictEqual(treeKillCommand(4242, host({ SystemRoot: 'D:\\Windows' })), { file: 'D:\\Windows\\System32\\taskkill.exe', args: ['/pid', '4242', '/T', '/F'] });
    // A SystemRoot that is missing or relative would be looked up from the current folder.
    for (const SystemRoot of [undefined, '', 'Windows', '.', 'C:Windows']) {
      assert.strictEqual(treeKillCommand(1, host({ SystemRoot }))?.file, 'C:\\Windows\\System32\\taskkill.exe', `SystemRoot ${SystemRoot}`);
    }
    assert.strictEqual(windowsSystemFile('cmd.exe', host({ windir: 'E:\\WINNT' })), 'E:\\WINNT\\System32\\cmd.exe');
    const viaCmd = (env: NodeJS.ProcessEnv) => spawnCommand('C:\\u\\upsun.cmd', ['tunnel:info'], host(env)).file;
    assert.strictEqual(viaCmd({ ComSpec: 'C:\\Windows\\system32\\cmd.exe' }), 'C:\\Windows\\system32\\cmd.exe');
    for (const ComSpec of [undefined, 'cmd.exe', '.\\cmd.exe', 'C:\\Users\\me\\project\\evil.exe']) {
      assert.strictEqual(viaCmd({ ComSpec, SystemRoot: 'C:\\Windows' }), 'C:\\Windows\\System32\\cmd.exe', `ComSpec ${ComSpec}`);
    }
    // On POSIX a tree is its process group.
    assert.strictEqual(treeKillCommand(1, { platform: 'linux', env: {} }), undefined);
  });
});

describe('Upsun CLI: names from the config or the CLI passed as arguments', () => {
  const standIn = freshStandIn();
  const base = () => ({ cli: CLI, cwd: standIn().projectDir, environment: 'staging', app: 'backend', relationship: 'kafka' });

  it('passes each name in the --option=value form, so the CLI reads it as a value', async () => {
    assert.deepStrictEqual(tunnelSingleArgs({ environment: 'staging', app: 'backend', relationship: 'kafka', confirmed: false }, 30001), [
      'tunnel:single', '--environment=staging', '--app=backend', '--relationship=kafka', '--port=30001', '--no-interaction', '--no',
    ]);
    // The stand-in read the whole value as the environment's ID.
    await rejectsWith(findOpenTunnel({ ...base(), environment: 'feature/x.y_z' }), 'environment-not-found', /Specified environment not found: feature\/x\.y_z\./);
    assert.strictEqual(await findOpenTunnel(base()), undefined);
    assert.deepStrictEqual(standIn().calls(), [
      ['tunnel:info', '--environment=feature/x.y_z', '--app=backend', '--encode', '--no-interaction'],
      ['tunnel:info', '--environment=staging', '--app=backend', '--encode', '--no-interaction'],
    ]);
  });

  const hostile = ['--help', '-x', '--exec=touch /tmp/pwned', '-', '', 'a b', 'line\nbreak', 'bidi\u202e', 'x'.repeat(256)];
  for (const field of ['environment', 'app', 'relationship'] as const) {
    it(`refuses an ${field} name that the CLI could read as an option or that is not a name, and runs nothing`, async () => {
      for (const name of hostile) {
        const request = { ...base(), [field]: name };
        for (const attempt of [findOpenTunnel(request), openTunnel({ ...request, confirmed: false, readyTimeoutMs: 1_000 })]) {
          const error = await rejectsWith(attempt, 'other', new RegExp(`^The ${field} name .* cannot be passed to the CLI: a name may not start with "-"`));
          assert.ok(error.message.includes(JSON.stringify(name).slice(0, 40)), error.message);
        }
      }
      assert.deepStrictEqual(standIn().calls(), []);
    });
  }
});

describe('Upsun CLI: runs bounded in time and output', function () {
  this.timeout(60_000);
  const standIn = freshStandIn({ UPSUN_STANDIN_HANG_PIDS: undefined, UPSUN_STANDIN_FLOOD_MB: undefined });
  let pidsFile: string;
  beforeEach(() => (pidsFile = path.join(standIn().dir, 'pids.jsonl')));

  /** The stand-in's and its child's PIDs, once it wrote them. */
  const startedPids = () => eventually('the stand-in to start its child', async () => (existsSync(pidsFile) ? (JSON.parse(readFileSync(pidsFile, 'utf8').split('\n')[0]) as { standIn: number; grandchild: number }) : undefined));
  const gone = (pid: number) => eventually(`process ${pid} to end`, async () => (processAlive(pid) ? undefined : true), 10_000);

  it('a timeout ends the CLI and what it started, not just the CLI', async () => {
    process.env.UPSUN_STANDIN_HANG_PIDS = pidsFile;
    const result = await runCli(STAND_IN, ['environment:list'], { cwd: standIn().projectDir, timeoutMs: 1_500 });
    assert.strictEqual(result.code, null);
    assert.match(result.stderr, /stopped after 2 s without an answer/);
    const pids = await startedPids();
    await gone(pids.standIn);
    await gone(pids.grandchild);
  });

  it('a cancel ends the CLI and what it started', async () => {
    process.env.UPSUN_STANDIN_HANG_PIDS = pidsFile;
    const abort = new AbortController();
    const run = runCli(STAND_IN, ['environment:list'], { cwd: standIn().projectDir, timeoutMs: 60_000, signal: abort.signal });
    const pids = await startedPids();
    abort.abort();
    await rejectsWith(run, 'cancelled', /Cancelled/);
    await gone(pids.standIn);
    await gone(pids.grandchild);
  });

  it('Ctrl+C in `upsun-kafka peek --environment` ends the Upsun CLI it runs and what that started', async () => {
    const project = createStandIn({ projectDir: copySampleProject() });
    const env = { ...process.env, ...project.env, UPSUN_STANDIN_HANG_PIDS: pidsFile, PATH: `${STAND_IN_BIN}${path.delimiter}${process.env.PATH}`, PLATFORM_RELATIONSHIPS: '' };
    const cli = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'peek', '--service', 'kafka', '--environment', 'staging', '--topic', 't'], { cwd: project.projectDir, env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
    const pids = await startedPids();
    cli.kill('SIGINT');
    assert.strictEqual(await exited, 130);
    await gone(pids.standIn);
    await gone(pids.grandchild);
  });

  it('a flood from the CLI the command line ran names --tunnel-cli, not the editor setting', async () => {
    process.env.UPSUN_STANDIN_FLOOD_MB = '8';
    const cli = locateCli(STAND_IN, { platform: 'linux', env: { PATH: '' } }, { name: '--tunnel-cli', advice: 'pass --tunnel-cli PATH' });
    await rejectsWith(listEnvironments(cli, { cwd: standIn().projectDir, timeoutMs: 60_000 }), 'other', /was stopped\. Check that --tunnel-cli names the Upsun CLI\.$/);
  });

  it('stops a CLI that prints 100 MiB at 4 MiB, in bounded memory, and says so', async () => {
    process.env.UPSUN_STANDIN_FLOOD_MB = '100';
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = Date.now();
    try {
      await rejectsWith(runCli(STAND_IN, ['environment:list'], { cwd: standIn().projectDir, timeoutMs: 60_000 }), 'other', /^`upsun environment:list` printed more than 4 MiB, far more than it should, and was stopped\. Check that upsunKafka\.cli\.path names the Upsun CLI\.$/);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const grewMiB = (peak - before) / 1024 / 1024;
    console.log(`      resident memory grew ${grewMiB.toFixed(1)} MiB while stopping a 100 MiB flood (${Date.now() - started} ms)`);
    assert.ok(grewMiB < 32, `resident memory grew ${grewMiB.toFixed(1)} MiB`);
  });
});

describe('Upsun CLI: environments', () => {
  const standIn = freshStandIn();

  it('lists them from environment:list CSV: quoted titles, statuses turned back, the CLI order', async () => {
    const environments = await listEnvironments(CLI, { cwd: standIn().projectDir, timeoutMs: 20_000 });
    assert.deepStrictEqual(environments, [
      { id: 'main', title: 'Main', status: 'active', type: 'production' },
      { id: 'sleepy', title: 'Sleepy', status: 'paused', type: 'development' },
      { id: 'staging', title: 'Staging, EU "blue"', status: 'active', type: 'staging' },
      { id: 'feature-x', title: 'Feature X', status: 'dirty', type: 'development' },
      { id: 'old-idea', title: 'Old idea', status: 'inactive', type: 'development' },
    ]);
    assert.deepStrictEqual(environments.filter(isConnectable).map((e) => e.id), ['main', 'staging', 'feature-x']);
    assert.deepStrictEqual(standIn().calls(), [['environment:list', '--format', 'csv', '--columns', 'id,title,status,type', '--no-header', '--no-interaction']]);
    assert.strictEqual(ENVIRONMENTS.length, environments.length);
  });

  it('not logged in: exit 3, and the message says `upsun login`', async () => {
    process.env.UPSUN_STANDIN_FAIL = 'not-logged-in';
    await rejectsWith(listEnvironments(CLI, { cwd: standIn().projectDir, timeoutMs: 20_000 }), 'not-logged-in', /not logged in\. Run `upsun login`/);
  });

  it('no project for the folder: exit 2, and the message says how to link one', async () => {
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'no-project-'));
    await rejectsWith(listEnvironments(CLI, { cwd: elsewhere, timeoutMs: 20_000 }), 'no-project', /`upsun project:set-remote PROJECT_ID`/);
  });

  const texts: [number, string, UpsunFailureKind, RegExp][] = [
    [1, 'Port already in use: 30001', 'port-taken', /already taken.*Port already in use: 30001/],
    [1, 'bind [127.0.0.1]:30001: Address already in use\nchannel_setup_fwd_listener_tcpip: cannot listen to port: 30001', 'port-taken', /already taken/],
    [1, 'A tunnel is already opened to the relationship kafka, at: kafka://127.0.0.1:30000', 'other', /`upsun tunnel:close`/],
    [1, 'No relationships found.', 'no-relationship', /No relationships found on the deployed app/],
    [1, 'Host key verification failed.', 'ssh-refused', /SSH refused/],
    [1, 'The SSH connection failed. An SSH certificate is required.\nGenerate one using: upsun ssh-cert:load', 'ssh-refused', /fresh SSH certificate/],
    [2, '\n  Could not determine the current project.\n\n  To set the project for this Git repository, run:\n    upsun set-remote [id]', 'no-project', /project:set-remote/],
    [1, 'Specified project not found: abc', 'no-project', /Specified project not found: abc\. Check the project ID/],
    [1, 'The environment is not active.', 'environment-inactive', /^The environment is inactive/],
    [5, 'something new', 'other', /`upsun tunnel:single` failed \(exit 5\): something new\./],
  ];
  for (const [code, text, kind, message] of texts) {
    it(`classifies "${text.split('\n').find(Boolean)}" (exit ${code}) as ${kind}`, () => {
      const error = classifyFailure('upsun', 'upsun tunnel:single', code, text);
      assert.strictEqual(error.kind, kind, error.message);
      assert.match(error.message, message);
    });
  }

  it('classifies the texts of the Platform.sh CLI the same way, naming that CLI', () => {
    const error = classifyFailure('platform', 'platform environment:list', 3, '\n  Authentication is required.\n\n  Please log in by running:\n      platform login\n');
    assert.strictEqual(error.kind, 'not-logged-in');
    assert.match(error.message, /Platform\.sh CLI is not logged in\. Run `platform login`/);
  });
});

describe('Upsun CLI: apps and relationships from the config', () => {
  it('every app relationship that leads to the service, in declaration order', () => {
    const model = modelOf(
      [
        'applications:',
        '  backend:',
        '    type: nodejs:22',
        '    relationships:',
        '      kafka:',
        '      events: { service: kafka, endpoint: kafka }',
        '      db: { service: pg }',
        '  worker:',
        '    type: python:3.12',
        '    relationships:',
        '      queue: "kafka:kafka"',
        'services:',
        '  kafka: { type: kafka:4.1 }',
        '  pg: { type: postgresql:16 }',
      ].join('\n'),
    );
    assert.deepStrictEqual(relationshipsTo(model, 'kafka'), [
      { app: 'backend', relationship: 'kafka' },
      { app: 'backend', relationship: 'events' },
      { app: 'worker', relationship: 'queue' },
    ]);
    assert.deepStrictEqual(relationshipsTo(model, 'other'), []);
  });
});
