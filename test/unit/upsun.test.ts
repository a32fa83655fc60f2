// The Upsun CLI layer against the stand-in `upsun` (test/fixtures/upsun-cli): real processes,
// real ports, the CLI's own output formats and exit codes.

import * as assert from 'assert';
import { chmodSync, mkdtempSync, writeFileSync } from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import {
  classifyFailure,
  freeLocalPort,
  isConnectable,
  listEnvironments,
  LocatedCli,
  locateCli,
  openEnvironmentConnection,
  openTunnel,
  relationshipsTo,
  resolveExecutable,
  spawnCommand,
  Tunnel,
  UpsunError,
  UpsunFailureKind,
} from '../../src/upsun';
import { ANY_ADVERTISED } from '../../src/kafka/types';
import { eventually } from '../harness/eventually';
import { modelOf } from './helpers';
import { createStandIn, ENVIRONMENTS, processAlive, STAND_IN, STAND_IN_BIN, StandIn } from '../harness/upsunStandIn';

const CLI: LocatedCli = { name: 'upsun', file: STAND_IN };
const READY_MS = 10_000;

/** Sets process.env entries for the stand-in (spawned children inherit them) and undoes it. */
function useEnv(vars: Record<string, string | undefined>): () => void {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  };
  set(vars);
  return () => set(before);
}

async function rejectsWith(promise: Promise<unknown>, kind: UpsunFailureKind, message: RegExp): Promise<UpsunError> {
  let caught: unknown;
  await promise.catch((error) => (caught = error));
  assert.ok(caught instanceof UpsunError, `expected an UpsunError, got ${String(caught)}`);
  assert.strictEqual(caught.kind, kind, caught.message);
  assert.match(caught.message, message);
  return caught;
}

/** A TCP echo server in place of the broker. */
async function echoServer(): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.pipe(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => (server.close(), sockets.forEach((s) => s.destroy())) };
}

function echoes(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(text));
    socket.on('data', (data) => {
      socket.destroy();
      resolve(data.toString());
    });
    socket.on('error', reject);
  });
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(true));
  });
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
    assert.deepStrictEqual(locateCli(undefined, { platform: 'linux', env: { PATH: STAND_IN_BIN } }), { name: 'upsun', file: STAND_IN });
    assert.deepStrictEqual(locateCli(STAND_IN, empty), { name: 'upsun', file: STAND_IN });
  });
});

describe('Upsun CLI: environments', () => {
  let standIn: StandIn;
  let restore: () => void;
  beforeEach(() => {
    standIn = createStandIn();
    restore = useEnv({ ...standIn.env, UPSUN_STANDIN_FAIL: undefined });
  });
  afterEach(() => restore());

  it('lists them from environment:list CSV: quoted titles, statuses turned back, the CLI order', async () => {
    const environments = await listEnvironments(CLI, { cwd: standIn.projectDir, timeoutMs: 20_000 });
    assert.deepStrictEqual(environments, [
      { id: 'main', title: 'Main', status: 'active', type: 'production' },
      { id: 'sleepy', title: 'Sleepy', status: 'paused', type: 'development' },
      { id: 'staging', title: 'Staging, EU "blue"', status: 'active', type: 'staging' },
      { id: 'feature-x', title: 'Feature X', status: 'dirty', type: 'development' },
      { id: 'old-idea', title: 'Old idea', status: 'inactive', type: 'development' },
    ]);
    assert.deepStrictEqual(environments.filter(isConnectable).map((e) => e.id), ['main', 'staging', 'feature-x']);
    assert.deepStrictEqual(standIn.calls(), [['environment:list', '--format', 'csv', '--columns', 'id,title,status,type', '--no-header', '--no-interaction']]);
    assert.strictEqual(ENVIRONMENTS.length, environments.length);
  });

  it('not logged in: exit 3, and the message says `upsun login`', async () => {
    process.env.UPSUN_STANDIN_FAIL = 'not-logged-in';
    await rejectsWith(listEnvironments(CLI, { cwd: standIn.projectDir, timeoutMs: 20_000 }), 'not-logged-in', /not logged in\. Run `upsun login`/);
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

describe('Upsun CLI: tunnels', function () {
  this.timeout(30_000);
  let standIn: StandIn;
  let echo: Awaited<ReturnType<typeof echoServer>>;
  let restore: () => void;
  const opened: Tunnel[] = [];
  const request = (over: Partial<Parameters<typeof openTunnel>[0]> = {}) => ({
    cli: CLI,
    cwd: standIn.projectDir,
    environment: 'staging',
    app: 'backend',
    relationship: 'kafka',
    confirmed: false,
    readyTimeoutMs: READY_MS,
    ...over,
  });
  const keep = (tunnel: Tunnel) => (opened.push(tunnel), tunnel);

  beforeEach(async () => {
    echo = await echoServer();
    standIn = createStandIn({ target: `127.0.0.1:${echo.port}` });
    restore = useEnv({ ...standIn.env, UPSUN_STANDIN_FAIL: undefined, UPSUN_STANDIN_SSH_DELAY_MS: undefined, UPSUN_STANDIN_DROP_WHEN: undefined });
  });
  afterEach(async () => {
    for (const t of opened.splice(0)) await t.close();
    restore();
    echo.close();
  });

  /** Neither the stand-in nor any ssh it started is alive. */
  function assertNothingLeft(pids: number[]): void {
    for (const pid of pids) assert.ok(!processAlive(pid), `process ${pid} is still running`);
  }

  it('opens tunnel:single on a free port, forwards through it, and closing leaves no process and a closed port', async () => {
    const tunnel = keep(await openTunnel(request()));
    assert.strictEqual(tunnel.owned, true);
    assert.strictEqual(tunnel.address, `127.0.0.1:${tunnel.port}`);
    assert.strictEqual(await echoes(tunnel.port, 'ping'), 'ping');
    // The CLI records its ssh about 100 ms after starting it, which may be after the port answers.
    const ssh = await eventually('the stand-in to record its ssh', async () => (standIn.tunnels().length > 0 ? standIn.tunnels().map((t) => t.pid) : undefined));
    assert.strictEqual(ssh.length, 1);
    assert.ok(processAlive(ssh[0]));
    assert.deepStrictEqual(standIn.calls().at(-1), ['tunnel:single', '--environment', 'staging', '--app', 'backend', '--relationship', 'kafka', '--port', String(tunnel.port), '--no-interaction', '--no']);
    await tunnel.close();
    assertNothingLeft([tunnel.pid!, ...ssh]);
    assert.ok(await refuses(tunnel.port));
    assert.deepStrictEqual(await tunnel.ended, { requested: true, code: null, detail: (await tunnel.ended).detail });
  });

  it('waits for a port that answers late (ssh still logging in), polling', async () => {
    process.env.UPSUN_STANDIN_SSH_DELAY_MS = '1500';
    const tunnel = keep(await openTunnel(request()));
    assert.strictEqual(await echoes(tunnel.port, 'late'), 'late');
  });

  it('gives up after the ready timeout and leaves nothing running', async () => {
    process.env.UPSUN_STANDIN_SSH_DELAY_MS = '20000';
    await rejectsWith(openTunnel(request({ readyTimeoutMs: 1_000 })), 'timeout', /did not answer on port \d+ within 1 s/);
    assertNothingLeft(standIn.tunnels().map((t) => t.pid));
  });

  it('cancels while waiting and leaves nothing running', async () => {
    process.env.UPSUN_STANDIN_SSH_DELAY_MS = '20000';
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 500);
    await rejectsWith(openTunnel(request({ signal: abort.signal })), 'cancelled', /Cancelled/);
    assertNothingLeft(standIn.tunnels().map((t) => t.pid));
  });

  it('a tunnel that drops mid-session ends on its own, not requested, with what ssh said', async () => {
    const drop = path.join(standIn.dir, 'drop');
    process.env.UPSUN_STANDIN_DROP_WHEN = drop;
    const tunnel = keep(await openTunnel(request()));
    assert.strictEqual(await echoes(tunnel.port, 'before'), 'before');
    writeFileSync(drop, '');
    const end = await tunnel.ended;
    assert.strictEqual(end.requested, false);
    assert.strictEqual(end.code, 1);
    assert.match(end.detail, /Broken pipe/);
    assert.ok(await refuses(tunnel.port));
  });

  const failures: [string, Partial<Parameters<typeof openTunnel>[0]>, Record<string, string>, UpsunFailureKind, RegExp][] = [
    ['inactive environment', { environment: 'old-idea' }, {}, 'environment-inactive', /inactive.*`upsun environment:activate`/],
    ['paused environment', { environment: 'sleepy' }, {}, 'environment-paused', /environment sleepy \(type: development\) is paused\. Resume it with `upsun environment:resume -e sleepy`/],
    ['unknown environment', { environment: 'nope' }, {}, 'environment-not-found', /Specified environment not found: nope\. `upsun environments` lists them/],
    ['SSH key refused', {}, { UPSUN_STANDIN_FAIL: 'ssh-key' }, 'ssh-refused', /SSH refused.*`upsun ssh-key:add`/],
    ['SSH certificate needed', {}, { UPSUN_STANDIN_FAIL: 'ssh-cert' }, 'ssh-refused', /fresh SSH certificate.*`upsun ssh-cert:load`/],
    ['not logged in', {}, { UPSUN_STANDIN_FAIL: 'not-logged-in' }, 'not-logged-in', /`upsun login`/],
    ['relationship missing on the deployed app', { relationship: 'search' }, {}, 'no-relationship', /Relationship not found: search on the deployed app/],
    ['main environment, not confirmed', { environment: 'main' }, {}, 'main-confirmation', /asks before opening a tunnel to the main environment/],
  ];
  for (const [what, over, env, kind, message] of failures) {
    it(`fails with a message that says what to do: ${what}`, async () => {
      Object.assign(process.env, env);
      await rejectsWith(openTunnel(request(over)), kind, message);
      assertNothingLeft(standIn.tunnels().map((t) => t.pid));
    });
  }

  it('port already taken: says so', async () => {
    const port = await freeLocalPort();
    const squatter = net.createServer().listen(port, '127.0.0.1');
    try {
      // Checked before the CLI runs: the squatter answering would otherwise look like the tunnel.
      await rejectsWith(openTunnel(request({ port })), 'port-taken', new RegExp(`port ${port} is already taken`));
      assert.deepStrictEqual(standIn.calls(), []);
    } finally {
      squatter.close();
    }
  });

  it('connects in one step: the bootstrap address and every advertised address go to the tunnel', async () => {
    const connection = await openEnvironmentConnection({ cli: CLI, cwd: standIn.projectDir, environment: 'staging', target: { app: 'backend', relationship: 'kafka' }, confirmed: false, confirmMain: async () => assert.fail('not main'), readyTimeoutMs: READY_MS });
    keep(connection.tunnel);
    assert.deepStrictEqual(connection.options, { brokers: [connection.tunnel.address], addressMap: { [ANY_ADVERTISED]: connection.tunnel.address } });
    assert.match(connection.description, /^tunnel to staging \(backend:kafka\) at 127\.0\.0\.1:\d+$/);
    assert.deepStrictEqual(standIn.calls().map((c) => c[0]), ['tunnel:info', 'tunnel:single']);
  });

  it('reuses a tunnel tunnel:info lists instead of opening another, and does not close it', async () => {
    const first = keep(await openTunnel(request()));
    const connection = await openEnvironmentConnection({ cli: CLI, cwd: standIn.projectDir, environment: 'staging', target: { app: 'backend', relationship: 'kafka' }, confirmed: false, confirmMain: async () => false, readyTimeoutMs: READY_MS });
    assert.strictEqual(connection.tunnel.owned, false);
    assert.strictEqual(connection.tunnel.address, first.address);
    assert.match(connection.description, /^open tunnel to staging/);
    await connection.tunnel.close();
    assert.strictEqual(await echoes(first.port, 'still'), 'still');
    assert.deepStrictEqual(standIn.calls().map((c) => c[0]), ['tunnel:single', 'tunnel:info']);
  });

  it('the main environment: the CLI question goes to our guard; yes runs it again with --yes', async () => {
    let asked = 0;
    const connection = await openEnvironmentConnection({ cli: CLI, cwd: standIn.projectDir, environment: 'main', target: { app: 'backend', relationship: 'kafka' }, confirmed: false, confirmMain: async () => (asked++, true), readyTimeoutMs: READY_MS });
    keep(connection.tunnel);
    assert.strictEqual(asked, 1);
    assert.deepStrictEqual(standIn.calls().filter((c) => c[0] === 'tunnel:single').map((c) => c.at(-1)), ['--no', '--yes']);
  });

  it('the main environment: no from our guard opens nothing', async () => {
    await rejectsWith(
      openEnvironmentConnection({ cli: CLI, cwd: standIn.projectDir, environment: 'main', target: { app: 'backend', relationship: 'kafka' }, confirmed: false, confirmMain: async () => false, readyTimeoutMs: READY_MS }),
      'cancelled',
      /main environment and you chose not to/,
    );
    assert.deepStrictEqual(standIn.tunnels(), []);
  });

  it('already confirmed (a production environment our guard asked about): --yes from the start', async () => {
    const connection = await openEnvironmentConnection({ cli: CLI, cwd: standIn.projectDir, environment: 'main', target: { app: 'backend', relationship: 'kafka' }, confirmed: true, confirmMain: async () => assert.fail('asked twice'), readyTimeoutMs: READY_MS });
    keep(connection.tunnel);
    assert.deepStrictEqual(standIn.calls().filter((c) => c[0] === 'tunnel:single').map((c) => c.at(-1)), ['--yes']);
  });
});
