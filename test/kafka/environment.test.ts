// Connect to an Upsun environment in one step, against the real broker: the stand-in `upsun`
// (test/fixtures/upsun-cli) opens a real forward to a broker that advertises
// `kafka.internal:9092`, a name and port that lead nowhere here, so nothing works unless the
// advertised-address mapping does. Then the tunnel is closed and nothing may be left running.

import * as assert from 'assert';
import { execFile } from 'child_process';
import { Kafka, logLevel } from 'kafkajs';
import * as net from 'net';
import * as path from 'path';
import { connectCluster } from '../../src/kafka/connect';
import { LocatedCli, openEnvironmentConnection } from '../../src/upsun';
import { BROKERS_GIVEN, RunningBroker, startBroker } from '../harness/kafkaBroker';
import { REPO_ROOT } from '../harness/paths';
import { copySampleProject } from '../harness/sampleWorkspace';
import { createStandIn, portRefuses, processAlive, STAND_IN, STAND_IN_BIN, StandIn } from '../harness/upsunStandIn';
import { NO_DUPLICATES, uniqueName } from './helpers';
import { createTopicsWithLeaders } from '../harness/topics';

const CLI_JS = path.join(REPO_ROOT, 'dist', 'cli.js');
const UPSUN: LocatedCli = { name: 'upsun', file: STAND_IN };

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

(BROKERS_GIVEN ? describe.skip : describe)('connect to an Upsun environment through the stand-in CLI', function () {
  this.timeout(240_000);
  let broker: RunningBroker;
  let standIn: StandIn;
  let topic: string;
  const restore: Record<string, string | undefined> = {};

  /** `upsun-kafka ARGS` in the project folder, with the stand-in first on PATH. */
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [CLI_JS, ...args],
        { cwd: standIn.projectDir, env: { ...process.env, ...standIn.env, PATH: `${STAND_IN_BIN}${path.delimiter}${process.env.PATH}`, PLATFORM_RELATIONSHIPS: '', ...env } },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      ).stdin?.end();
    });

  /** Every tunnel process the stand-in started is gone, and its port refuses connections. */
  async function assertAllClosed(): Promise<void> {
    const tunnels = standIn.tunnels();
    assert.ok(tunnels.length > 0, 'the stand-in recorded no tunnel');
    for (const t of tunnels) {
      assert.ok(!processAlive(t.pid), `ssh stand-in ${t.pid} is still running`);
      assert.ok(await portRefuses(t.localPort), `port ${t.localPort} still answers`);
    }
  }

  before(async () => {
    broker = await startBroker({ advertisedHost: 'kafka.internal', advertisedPort: 9092, progress: () => undefined });
    standIn = createStandIn({ target: broker.brokers, projectDir: copySampleProject() });
    for (const [k, v] of Object.entries(standIn.env)) {
      restore[k] = process.env[k];
      process.env[k] = v;
    }
    // Ground truth written straight to the broker, not through anything of ours.
    topic = uniqueName('env-peek');
    const kafka = new Kafka({ clientId: 'upsun-kafka-tests', logLevel: logLevel.NOTHING, brokers: [broker.brokers], socketFactory: ({ onConnect }) => net.connect({ host: '127.0.0.1', port: broker.port }, onConnect) });
    const admin = kafka.admin();
    await admin.connect();
    await createTopicsWithLeaders(admin, [{ topic, numPartitions: 2 }]);
    await admin.disconnect();
    // Idempotent: a plain producer retrying a timed-out request on a loaded machine wrote the batch twice.
    const producer = kafka.producer(NO_DUPLICATES);
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'a', value: 'one', partition: 0 }, { key: 'b', value: 'two', partition: 1 }, { key: 'c', value: 'three', partition: 0 }] });
    await producer.disconnect();
  });

  after(async () => {
    for (const [k, v] of Object.entries(restore)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    await broker?.stop();
  });

  it('opens the tunnel, peeks through it with the advertised address mapped, and closing leaves nothing', async () => {
    const connection = await openEnvironmentConnection({
      cli: UPSUN,
      cwd: standIn.projectDir,
      environment: 'staging',
      target: { app: 'backend', relationship: 'kafka' },
      confirmed: false,
      confirmMain: async () => assert.fail('staging is not main'),
      readyTimeoutMs: 20_000,
    });
    try {
      const cluster = await connectCluster({ ...connection.options, timeoutMs: 10_000 });
      try {
        const peeked = await cluster.peek({ topic, limit: 10 });
        assert.deepStrictEqual(peeked.map((m) => [m.partition, m.offset, m.key?.text, m.value?.text]).sort(), [[0, '0', 'a', 'one'], [0, '1', 'c', 'three'], [1, '0', 'b', 'two']]);
      } finally {
        await cluster.disconnect();
      }
    } finally {
      await connection.tunnel.close();
    }
    await assertAllClosed();
  });

  it('topics usage through the tunnel: bytes per topic from the broker, the disk from `upsun resources:get` on that environment', async () => {
    const run = await cli(['topics', 'usage', '--service', 'kafka', '--environment', 'staging', '--json']);
    assert.strictEqual(run.code, 0, run.stderr);
    const usage = JSON.parse(run.stdout) as { usedBytes: number; disk: { bytes: number; source: string; usedPercent: number }; topics: { topic: string; bytes: number; partitions: { partition: number; bytes: number }[] }[] };
    assert.deepStrictEqual(usage.disk, { bytes: 512 * 1024 * 1024, source: 'upsun resources:get', usedPercent: Math.min(99, Math.round((usage.usedBytes / (512 * 1024 * 1024)) * 100)) });
    assert.deepStrictEqual(standIn.calls().find((c) => c[0] === 'resources:get'), ['resources:get', '--environment=staging', '--service=kafka', '--format', 'csv', '--columns', 'service,disk', '--no-header', '--no-interaction']);
    const ours = usage.topics.find((t) => t.topic === topic);
    assert.ok(ours && ours.partitions.length === 2 && ours.bytes > 0, JSON.stringify(ours));
  });

  it('without the map the broker is out of reach: the advertised kafka.internal:9092 is what it says', async () => {
    const connection = await openEnvironmentConnection({ cli: UPSUN, cwd: standIn.projectDir, environment: 'staging', target: { app: 'backend', relationship: 'kafka' }, confirmed: false, confirmMain: async () => false, readyTimeoutMs: 20_000 });
    try {
      const cluster = await connectCluster({ brokers: connection.options.brokers, timeoutMs: 3_000 });
      try {
        await assert.rejects(cluster.peek({ topic, limit: 1 }), /kafka\.internal/);
      } finally {
        await cluster.disconnect();
      }
    } finally {
      await connection.tunnel.close();
    }
  });

  it('upsun-kafka peek --service kafka --environment staging: opens a tunnel for the call and closes it after', async () => {
    const run = await cli(['peek', '--service', 'kafka', '--environment', 'staging', '--relationship', 'backend:events', '--topic', topic, '--format', 'json']);
    assert.strictEqual(run.code, 0, run.stderr);
    const values = run.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { value: string }).value);
    assert.deepStrictEqual(values.sort(), ['one', 'three', 'two']);
    assert.match(run.stderr, /Opening a tunnel to staging \(backend:events\)…/);
    assert.match(run.stderr, /Tunnel to staging closed\./);
    const single = standIn.calls().filter((c) => c[0] === 'tunnel:single').at(-1)!;
    assert.deepStrictEqual(single.slice(0, 4), ['tunnel:single', '--environment=staging', '--app=backend', '--relationship=events']);
    await assertAllClosed();
  });

  it('upsun-kafka produce --environment: the message lands, the tunnel closes', async () => {
    const run = await cli(['produce', '--service', 'kafka', '--environment', 'staging', '--topic', topic, '--key', 'd', '--value', 'four']);
    assert.strictEqual(run.code, 0, run.stderr);
    const peek = await cli(['peek', '--service', 'kafka', '--environment', 'staging', '--topic', topic, '--count', '1', '--format', 'json']);
    assert.strictEqual((JSON.parse(peek.stdout.trim()) as { value: string }).value, 'four');
    await assertAllClosed();
  });

  it('a production environment needs --yes on the command line; with it, the CLI question is answered yes', async () => {
    const refused = await cli(['peek', '--service', 'kafka', '--environment', 'main', '--topic', topic]);
    assert.strictEqual(refused.code, 2);
    assert.match(refused.stderr, /main is a production environment: pass --yes/);
    const run = await cli(['peek', '--service', 'kafka', '--environment', 'main', '--yes', '--topic', topic, '--count', '1']);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(standIn.calls().filter((c) => c[0] === 'tunnel:single').at(-1)!.at(-1), '--yes');
    await assertAllClosed();
  });

  const failures: [string, string[], NodeJS.ProcessEnv, RegExp][] = [
    ['not logged in', ['--environment', 'staging'], { UPSUN_STANDIN_FAIL: 'not-logged-in' }, /not logged in\. Run `upsun login`/],
    ['inactive environment', ['--environment', 'old-idea'], {}, /old-idea is inactive: activate it with `upsun environment:activate -e old-idea`/],
    ['SSH key refused', ['--environment', 'staging'], { UPSUN_STANDIN_FAIL: 'ssh-key' }, /SSH refused the connection.*ssh-key:add/],
    ['CLI not installed', ['--environment', 'staging', '--tunnel-cli', '/nowhere/upsun'], {}, /\/nowhere\/upsun, was not found\. Install the Upsun CLI/],
  ];
  for (const [what, args, env, message] of failures) {
    it(`upsun-kafka peek --environment, ${what}: exit 1 and what to do`, async () => {
      const run = await cli(['peek', '--service', 'kafka', '--topic', topic, ...args], env);
      assert.strictEqual(run.code, 1, run.stderr);
      assert.match(run.stderr, message);
    });
  }
});
