// Tunnels to an Upsun environment through the stand-in `upsun` (test/fixtures/upsun-cli): real
// processes, real ports, and the level's real Kafka broker behind the stand-in's ssh, since a
// tunnel counts as open only once a Kafka broker answers ApiVersions through it. What answers
// in its place (an HTTP server, garbage, silence) is refused.

import * as assert from 'assert';
import { writeFileSync } from 'fs';
import * as http from 'http';
import { Kafka, logLevel } from 'kafkajs';
import * as net from 'net';
import * as path from 'path';
import { ANY_ADVERTISED } from '../../src/kafka/types';
import { findOpenTunnel, freeLocalPort, LocatedCli, openEnvironmentConnection, openTunnel, Tunnel, UpsunFailureKind } from '../../src/upsun';
import { eventually } from '../harness/eventually';
import { testBrokers } from '../harness/kafkaBroker';
import { createStandIn, PROJECT_ID, portRefuses, processAlive, rejectsWith, STAND_IN, StandIn, useEnv } from '../harness/upsunStandIn';

const CLI: LocatedCli = { name: 'upsun', file: STAND_IN };
const READY_MS = 20_000;

/** The cluster ID as Kafka's own client reads it through the local port (bootstrap only). */
async function clusterIdThrough(port: number): Promise<string> {
  const admin = new Kafka({ clientId: 'upsun-kafka-tests', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  await admin.connect();
  try {
    return (await admin.describeCluster()).clusterId;
  } finally {
    await admin.disconnect();
  }
}

/** A server that is not Kafka on a free loopback port: it answers each connection with `answer`. */
async function impostor(answer: (socket: net.Socket) => void): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    answer(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => (server.close(), sockets.forEach((s) => s.destroy())) };
}

/** An HTTP server: what a relationship to a web service, or a dev server on the port, answers. */
async function httpServer(): Promise<{ port: number; close(): void }> {
  const server = http.createServer((_req, res) => res.end('hello'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => (server.closeAllConnections(), server.close()) };
}

describe('Upsun CLI: tunnels', function () {
  this.timeout(30_000);
  let standIn: StandIn;
  let restore: () => void;
  let clusterId: string;
  const broker = () => testBrokers()[0];
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

  before(async () => {
    clusterId = await clusterIdThrough(Number(broker().slice(broker().lastIndexOf(':') + 1)));
  });
  beforeEach(() => {
    standIn = createStandIn({ target: broker() });
    restore = useEnv({ ...standIn.env, UPSUN_STANDIN_FAIL: undefined, UPSUN_STANDIN_SSH_DELAY_MS: undefined, UPSUN_STANDIN_DROP_WHEN: undefined });
  });
  afterEach(async () => {
    for (const t of opened.splice(0)) await t.close();
    restore();
  });

  /** Neither the stand-in nor any ssh it started is alive. */
  function assertNothingLeft(pids: number[]): void {
    for (const pid of pids) assert.ok(!processAlive(pid), `process ${pid} is still running`);
  }

  it('opens tunnel:single on a free port, forwards through it, and closing leaves no process and a closed port', async () => {
    const tunnel = keep(await openTunnel(request()));
    assert.strictEqual(tunnel.owned, true);
    assert.strictEqual(tunnel.address, `127.0.0.1:${tunnel.port}`);
    assert.strictEqual(await clusterIdThrough(tunnel.port), clusterId);
    // The CLI records its ssh about 100 ms after starting it, which may be after the port answers.
    const ssh = await eventually('the stand-in to record its ssh', async () => (standIn.tunnels().length > 0 ? standIn.tunnels().map((t) => t.pid) : undefined));
    assert.strictEqual(ssh.length, 1);
    assert.ok(processAlive(ssh[0]));
    assert.deepStrictEqual(standIn.calls().at(-1), ['tunnel:single', '--environment=staging', '--app=backend', '--relationship=kafka', `--port=${tunnel.port}`, '--no-interaction', '--no']);
    await tunnel.close();
    assertNothingLeft([tunnel.pid!, ...ssh]);
    assert.ok(await portRefuses(tunnel.port));
    assert.deepStrictEqual(await tunnel.ended, { requested: true, code: null, detail: (await tunnel.ended).detail });
  });

  it('waits for a port that answers late (ssh still logging in), polling', async () => {
    process.env.UPSUN_STANDIN_SSH_DELAY_MS = '1500';
    const tunnel = keep(await openTunnel(request()));
    assert.strictEqual(await clusterIdThrough(tunnel.port), clusterId);
  });

  it('gives up after the ready timeout and leaves nothing running', async () => {
    process.env.UPSUN_STANDIN_SSH_DELAY_MS = '20000';
    await rejectsWith(openTunnel(request({ readyTimeoutMs: 1_000 })), 'timeout', /did not answer on port \d+ within 1 s as a Kafka broker \(the connection closed without an answer|ECONNREFUSED\)/);
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
    assert.strictEqual(await clusterIdThrough(tunnel.port), clusterId);
    writeFileSync(drop, '');
    const end = await tunnel.ended;
    assert.strictEqual(end.requested, false);
    assert.strictEqual(end.code, 1);
    assert.match(end.detail, /Broken pipe/);
    assert.ok(await portRefuses(tunnel.port));
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
    assert.strictEqual(await clusterIdThrough(first.port), clusterId);
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

  // What answers on the tunnel's port in a broker's place: the relationship leads to another
  // service, or another program took the port. Refused before anything uses the tunnel.
  const impostors: [string, () => Promise<{ port: number; close(): void }>, RegExp][] = [
    ['an HTTP server', httpServer, /its answer starts "HTTP\/1\.1 400 Bad Request", which is no Kafka response/],
    ['a server that writes garbage', () => impostor((s) => s.end(Buffer.from('0000001000000000deadbeef00000000cafe', 'hex'))), /not to the request sent \(another correlation ID\)/],
    ['a server that answers with a huge length', () => impostor((s) => s.write(Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 2, 3]))), /its answer starts 0x7fffffff010203, which is no Kafka response/],
  ];
  for (const [what, start, why] of impostors) {
    it(`refuses a tunnel whose port answers as ${what} does, and leaves nothing running`, async () => {
      const server = await start();
      try {
        const standInTo = createStandIn({ target: `127.0.0.1:${server.port}` });
        Object.assign(process.env, standInTo.env);
        const error = await rejectsWith(openTunnel({ ...request(), cwd: standInTo.projectDir }), 'not-kafka', /^Port \d+ of the tunnel answers, but not as a Kafka broker: /);
        assert.match(error.message, why);
        assert.match(error.message, /Relationship "kafka" of app "backend" may lead to another service, or another program took the port; the tunnel was closed\. Check the relationship, then connect again\.$/);
        const ssh = standInTo.tunnels().map((t) => t.pid);
        await eventually('the tunnel processes to end', async () => (ssh.every((pid) => !processAlive(pid)) ? true : undefined), 5_000);
      } finally {
        server.close();
      }
    });
  }

  it('waits for a port that accepts and stays silent, then says no broker answered', async () => {
    const silent = await impostor(() => undefined);
    try {
      const standInTo = createStandIn({ target: `127.0.0.1:${silent.port}` });
      Object.assign(process.env, standInTo.env);
      await rejectsWith(openTunnel({ ...request(), cwd: standInTo.projectDir, readyTimeoutMs: 2_000 }), 'timeout', /did not answer on port \d+ within 2 s as a Kafka broker \(nothing answered within \d+ ms\)/);
    } finally {
      silent.close();
    }
  });

  it('refuses to reuse an open tunnel whose port now answers as something else', async () => {
    const server = await httpServer();
    try {
      // What tunnel:info lists: a tunnel whose process is alive (this one), on the server's port.
      const service = { scheme: 'kafka', host: 'kafka.internal', port: 9092, rel: 'kafka' };
      const id = `${PROJECT_ID}--staging--backend--kafka--0`;
      const record = { id, projectId: PROJECT_ID, environmentId: 'staging', appName: 'backend', relationship: 'kafka', serviceKey: 0, service, localPort: server.port, pid: process.pid };
      writeFileSync(path.join(standIn.dir, 'tunnel-info.json'), JSON.stringify({ [id]: record }));
      const base = { cli: CLI, cwd: standIn.projectDir, environment: 'staging', app: 'backend', relationship: 'kafka' };
      await rejectsWith(findOpenTunnel(base), 'not-kafka', new RegExp(`^The open tunnel to kafka at 127\\.0\\.0\\.1:${server.port} \\(from \`upsun tunnel:info\`\\) does not answer as a Kafka broker: its answer starts "HTTP/1\\.1 400 Bad Request", which is no Kafka response\\. Close it with \`upsun tunnel:close\`, then connect again\\.$`));
      await rejectsWith(openEnvironmentConnection({ ...request(), target: { app: 'backend', relationship: 'kafka' }, confirmMain: async () => false }), 'not-kafka', /does not answer as a Kafka broker/);
    } finally {
      server.close();
    }
  });
});
