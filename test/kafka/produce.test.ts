// `upsun-kafka produce` and the idempotent producer under it (src/kafka/idempotentProducer.ts)
// against the real broker, checked by Kafka's own Java consumer: every line once, each
// partition in the order of the lines, the offsets printed the broker's; keyed lines on the
// partition the Java client's murmur2 picks; each compression.type's topic read back whole; a
// line past the topic's max.message.bytes refused on its own.

import * as assert from 'assert';
import { execFile, spawn } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaCluster } from '../../src/kafka/types';
import { testBrokers } from '../harness/kafkaBroker';
import { REPO_ROOT } from '../harness/paths';
import { uniqueName } from './helpers';
import { eventually } from '../harness/eventually';
import { javaReadCommitted, runJava, SeenRecord } from './javaClient';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

function produce(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, 'produce', '--brokers', testBrokers().join(','), ...args], { env: { ...process.env, PLATFORM_RELATIONSHIPS: '' }, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

const text = (base64: string | null) => (base64 === null ? null : Buffer.from(base64, 'base64').toString());

/**
 * Checks what the consumer saw against the lines sent and the places printed: each line once,
 * at the partition and offset printed for it, each partition's lines in the order sent.
 */
function assertDelivered(lines: readonly string[], printed: readonly { partition: number; offset: string }[], seen: readonly SeenRecord[]): void {
  assert.strictEqual(printed.length, lines.length, 'one place printed per line');
  assert.strictEqual(seen.length, lines.length, 'the topic holds as many records as lines sent');
  const at = new Map(seen.map((r) => [`${r.partition}:${r.offset}`, text(r.value)]));
  printed.forEach((p, i) => {
    if (at.get(`${p.partition}:${p.offset}`) !== lines[i]) assert.fail(`line ${i + 1} was printed at ${p.partition}:${p.offset}, which holds ${at.get(`${p.partition}:${p.offset}`)}`);
  });
  const lastIndex = new Map<number, number>();
  for (const record of seen) {
    const index = Number(JSON.parse(text(record.value)!).n);
    assert.ok(index > (lastIndex.get(record.partition) ?? -1), `partition ${record.partition} holds line ${index} after line ${lastIndex.get(record.partition)}`);
    lastIndex.set(record.partition, index);
  }
}

const parsePlaces = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [, partition, offset] = /^partition (\d+) offset (\d+)$/.exec(line) ?? [];
      return { partition: Number(partition), offset };
    });

describe('produce: every line once, in order per partition, at the offsets printed', function () {
  this.timeout(300_000);
  let cluster: KafkaCluster;

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
    cluster = await connectCluster({ brokers: testBrokers() });
  });

  after(async () => {
    await cluster?.disconnect();
  });

  it('sends 100,000 lines without keys over 6 partitions, each once, and prints the broker\'s offsets', async () => {
    const topic = uniqueName('produce-many');
    await cluster.createTopic({ topic, partitions: 6, replicationFactor: 1 });
    const lines = Array.from({ length: 100_000 }, (_, i) => JSON.stringify({ n: i, pad: 'x'.repeat(i % 50) }));
    const run = await produce(['--topic', topic], lines.join('\n') + '\n');
    assert.deepStrictEqual([run.code, run.stderr], [0, '']);
    const printed = parsePlaces(run.stdout);
    assertDelivered(lines, printed, await javaReadCommitted(topic));
    // Round-robin without a key: every partition gets its share.
    assert.deepStrictEqual([...new Set(printed.map((p) => p.partition))].sort(), [0, 1, 2, 3, 4, 5]);
  });

  it('sends keyed lines to the partition the key picks, as the Java client does, in order', async () => {
    const topic = uniqueName('produce-keyed');
    await cluster.createTopic({ topic, partitions: 6, replicationFactor: 1 });
    const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ n: i }));
    const keys = ['order-1', 'customer-42', 'é-ключ'];
    const javaPartition = new Map((await runJava('KeyPartition.java', ['6', ...keys])).trim().split('\n').map((l) => l.split('\t')).map(([k, p]) => [k, Number(p)]));
    for (const key of keys) {
      const partition = javaPartition.get(key)!;
      const run = await produce(['--topic', topic, '--key', key, '--json'], lines.join('\n'));
      assert.deepStrictEqual([run.code, run.stderr], [0, '']);
      const printed = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { topic: string; partition: number; offset: string });
      assert.ok(printed.every((p) => p.topic === topic && p.partition === partition), `key ${key}: not all on partition ${partition}`);
      const seen = (await javaReadCommitted(topic)).filter((r) => r.partition === partition && text(r.key) === key);
      assert.deepStrictEqual(seen.map((r) => [r.offset, text(r.value)]), lines.map((l, i) => [printed[i].offset, l]));
    }
  });

  for (const codec of ['gzip', 'snappy', 'lz4', 'zstd', 'producer']) {
    it(`writes a topic of compression.type ${codec} that the Java consumer reads back whole`, async () => {
      const topic = uniqueName(`produce-${codec}`);
      await cluster.createTopic({ topic, partitions: 3, replicationFactor: 1, config: { 'compression.type': codec } });
      const lines = Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ n: i, text: `line ${i} `.repeat(1 + (i % 7)) }));
      const run = await produce(['--topic', topic], lines.join('\n'));
      assert.deepStrictEqual([run.code, run.stderr], [0, '']);
      assertDelivered(lines, parsePlaces(run.stdout), await javaReadCommitted(topic));
    });
  }

  it('refuses a line past the topic\'s max.message.bytes, naming it, and sends the others', async () => {
    const topic = uniqueName('produce-budget');
    await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1, config: { 'max.message.bytes': '2000' } });
    const lines = [JSON.stringify({ n: 0 }), JSON.stringify({ n: 1, big: 'y'.repeat(3000) }), JSON.stringify({ n: 2 })];
    const run = await produce(['--topic', topic], lines.join('\n'));
    assert.strictEqual(run.code, 1);
    assert.match(run.stderr, /^upsun-kafka: line 2: 3,0\d\d bytes as a Kafka message \(key, value and headers with the record's and batch's framing\), more than topic "[^"]+" takes \(max\.message\.bytes 2,000\): not sent\./);
    assert.match(run.stderr, /1 message was not sent/);
    assertDelivered([lines[0], lines[2]], parsePlaces(run.stdout), await javaReadCommitted(topic));
  });

  it('reads max.message.bytes 0 as set, not as unset: each line refused on its own, nothing sent', async () => {
    const topic = uniqueName('produce-zero');
    await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1, config: { 'max.message.bytes': '0' } });
    const run = await produce(['--topic', topic], '{"n":0}\n{"n":1}\n');
    assert.deepStrictEqual([run.code, run.stdout], [1, '']);
    assert.match(run.stderr, /^upsun-kafka: line 1: \d+ bytes as a Kafka message .*\(max\.message\.bytes 0\): not sent\.[^\n]*\nupsun-kafka: line 2: /);
    assert.match(run.stderr, /2 messages were not sent \(said above\)\.\n$/);
    assert.deepStrictEqual(await javaReadCommitted(topic), []);
  });

  it('on Ctrl+C stops reading stdin, waits for the lines read, says how many were acknowledged and exits 130', async () => {
    const topic = uniqueName('produce-interrupt');
    await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
    const child = spawn(process.execPath, [CLI, 'produce', '--brokers', testBrokers().join(','), '--topic', topic], { env: { ...process.env, PLATFORM_RELATIONSHIPS: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const lines = [0, 1, 2].map((n) => JSON.stringify({ n }));
    // stdin stays open, as with `tail -f log | upsun-kafka produce`.
    child.stdin.write(`${lines.join('\n')}\n`);
    await eventually('the three offsets printed', () => Promise.resolve(stdout.split('\n').filter(Boolean).length === 3 ? true : undefined), 60_000);
    child.kill('SIGINT');
    assert.strictEqual(await exited, 130);
    assert.match(stderr, /Ctrl\+C: stdin is read no further/);
    assert.match(stderr, /interrupted: 3 of 3 lines read were sent and acknowledged \(their offsets are above\); the rest of stdin was not read\.\n$/);
    assertDelivered(lines, parsePlaces(stdout), await javaReadCommitted(topic));
  });

  it('sends a line whose batch is exactly max.message.bytes, as kcat does, and refuses one byte more', async () => {
    const topic = uniqueName('produce-edge');
    await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1, config: { 'max.message.bytes': '1000' } });
    // Alone in a batch, a 930-byte value without key or headers is 61 + 2 + 937 = 1,000 bytes.
    const line = (n: number, length: number) => `{"n":${n},"p":"${'y'.repeat(length - 14)}"}`;
    const lines = [line(0, 20), line(1, 930), line(2, 931), line(3, 20)];
    // An empty line sends nothing but keeps its place: the refused line is line 4 of the input.
    const run = await produce(['--topic', topic], [lines[0], lines[1], '', lines[2], lines[3]].join('\n'));
    assert.strictEqual(run.code, 1);
    assert.match(run.stderr, /^upsun-kafka: line 4: 1,001 bytes as a Kafka message .*\(max\.message\.bytes 1,000\): not sent\./);
    assertDelivered([lines[0], lines[1], lines[3]], parsePlaces(run.stdout), await javaReadCommitted(topic));
  });
});
