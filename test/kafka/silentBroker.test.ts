// Brokers that accept TCP connections and never answer, as behind a stuck tunnel or a proxy
// with nothing behind it: the connect gives up after the timeout and leaves nothing running,
// the CLI exits, and a silent bootstrap broker does not hide a good one next to it.

import * as assert from 'assert';
import { ChildProcess, execFile, spawn } from 'child_process';
import * as path from 'path';
import { createInterface } from 'readline';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaAccessError } from '../../src/kafka/types';
import { REPO_ROOT } from '../harness/paths';
import { testBrokers } from '../harness/kafkaBroker';
import { openHandles, settles, uniqueName } from './helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/**
 * A listener that accepts and stays silent, in a process of its own so that its sockets are not
 * counted with this process's.
 */
async function silentListener(): Promise<{ address: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', "const s = require('net').createServer(() => {}); s.listen(0, '127.0.0.1', () => console.log(s.address().port));"], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the silent listener exited (${code})`)));
  });
  return { address: `127.0.0.1:${port.trim()}`, child };
}

function cli(args: string[]): Promise<{ code: number; stderr: string; stdout: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: { ...process.env, PLATFORM_RELATIONSHIPS: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr, ms: Date.now() - started }),
    );
    child.stdin?.end('hello\n');
  });
}

describe('a broker that accepts connections and never answers', function () {
  this.timeout(60_000);
  let silent: { address: string; child: ChildProcess };

  before(async () => {
    silent = await silentListener();
  });

  after(() => {
    silent?.child.kill();
  });

  it('fails after the timeout and leaves no socket or timer of ours open', async () => {
    // After mocha has set this test's own timeout timer.
    await new Promise((resolve) => setImmediate(resolve));
    const before = openHandles();
    const started = Date.now();
    await assert.rejects(connectCluster({ brokers: [silent.address], timeoutMs: 1_500 }), (error: unknown) => {
      assert.ok(error instanceof KafkaAccessError && error.cause_ === 'timeout', String(error));
      assert.match(error.message, /did not answer within 1\.5 s/);
      return true;
    });
    const took = Date.now() - started;
    assert.ok(took >= 1_400 && took < 2_500, `took ${took} ms`);
    const clean = await settles(() => {
      const now = openHandles();
      return now.sockets <= before.sockets && now.timers <= before.timers;
    }, 500);
    assert.ok(clean, `still open: ${JSON.stringify(openHandles())}, before: ${JSON.stringify(before)}`);
  });

  for (const command of ['peek', 'produce']) {
    it(`ends \`upsun-kafka ${command}\` with status 1 within the timeout plus a second`, async () => {
      const args = command === 'peek' ? ['peek', '--topic', 't'] : ['produce', '--topic', 't', '--value', 'v'];
      // What starting Node and the CLI costs on this machine now, whatever its load.
      const startup = (await cli(['--version'])).ms;
      const run = await cli([...args, '--brokers', silent.address, '--timeout', '2']);
      assert.strictEqual(run.code, 1, run.stderr);
      assert.match(run.stderr, /did not answer within 2 s/);
      assert.ok(run.ms - startup < 3_000, `exited after ${run.ms} ms, of which ${startup} ms to start`);
    });
  }

  it('does not hide a good bootstrap broker listed after it', async () => {
    const good = testBrokers()[0];
    const started = Date.now();
    const cluster = await connectCluster({ brokers: [silent.address, good], timeoutMs: 5_000 });
    const topic = uniqueName('silent-first');
    try {
      const took = Date.now() - started;
      assert.ok(took < 2_500, `connecting took ${took} ms: the silent broker was waited for`);
      await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
      await cluster.produce({ topic, value: 'through the good one' });
      assert.deepStrictEqual((await cluster.peek({ topic, limit: 1 })).map((m) => m.value?.text), ['through the good one']);
      assert.ok((await cluster.listTopics()).some((t) => t.name === topic));
    } finally {
      await cluster.disconnect();
    }
    const run = await cli(['peek', '--brokers', `${silent.address},${good}`, '--topic', topic, '-n', '1', '--timeout', '5']);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.match(run.stdout, /through the good one/);
  });

  it('names every bootstrap broker when none answers', async () => {
    const other = await silentListener();
    try {
      const started = Date.now();
      await assert.rejects(connectCluster({ brokers: [silent.address, other.address], timeoutMs: 1_000 }), (error: unknown) => {
        assert.ok(error instanceof KafkaAccessError && error.cause_ === 'timeout', String(error));
        assert.ok(error.message.includes(silent.address) && error.message.includes(other.address), error.message);
        return true;
      });
      assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
    } finally {
      other.child.kill();
    }
  });
});
