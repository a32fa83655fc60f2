// The bytes each partition takes on the broker's disk (DescribeLogDirs, our own codec) against
// Kafka's own kafka-log-dirs tool (LogDirsCommand from kafka-tools), which reads the same broker
// answer through the Java Admin client: the sizes must be equal, partition by partition. Known
// amounts are written first, so the sizes are also checked against the bytes sent: a segment
// holds each batch's 61-byte header and each record's few bytes of framing on top of its value.

import * as assert from 'assert';
import { execFile } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaCluster } from '../../src/kafka/types';
import { kafkaClasspath, testBrokers } from '../harness/kafkaBroker';
import { REPO_ROOT } from '../harness/paths';
import { testKafka, uniqueName } from './helpers';
import { createTopicsWithLeaders } from '../harness/topics';

const LOG_DIRS_COMMAND = 'org.apache.kafka.tools.LogDirsCommand';
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, PLATFORM_RELATIONSHIPS: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

interface ToolAnswer {
  brokers: { broker: number; logDirs: { logDir: string; error: string | null; partitions: { partition: string; size: number; isFuture: boolean }[] }[] }[];
}

/** kafka-log-dirs --describe for `topics`: its JSON line. */
async function logDirsTool(topics: string[]): Promise<ToolAnswer> {
  const classpath = await kafkaClasspath();
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile('java', ['-cp', classpath, LOG_DIRS_COMMAND, '--bootstrap-server', testBrokers().join(','), '--describe', '--topic-list', topics.join(',')], { timeout: 120_000 }, (error, out, err) =>
      error ? reject(new Error(`${LOG_DIRS_COMMAND}: ${error.message}\n${err}`)) : resolve(out),
    ),
  );
  const line = stdout.split('\n').find((l) => l.startsWith('{'));
  assert.ok(line, `no JSON in kafka-log-dirs' answer:\n${stdout}`);
  return JSON.parse(line) as ToolAnswer;
}

describe('log directories: bytes per partition', function () {
  this.timeout(180_000);
  let cluster: KafkaCluster;
  let topic: string;
  let other: string;
  /** Values written per partition: partition p gets (p + 1) * 50 records of 1,000 bytes. */
  const RECORDS = [50, 100, 150];
  const VALUE_BYTES = 1_000;

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers() });
    topic = uniqueName('log-dirs');
    other = uniqueName('log-dirs-empty');
    // kafkajs' admin with its own retries: under load a new topic's leader takes seconds to elect.
    const admin = testKafka().admin();
    await admin.connect();
    await createTopicsWithLeaders(admin, [{ topic, numPartitions: 3 }, { topic: other, numPartitions: 1 }]);
    await admin.disconnect();
    for (const [partition, count] of RECORDS.entries()) {
      await cluster.produceMany(topic, Array.from({ length: count }, (_, i) => ({ partition, key: null, value: Buffer.alloc(VALUE_BYTES, i % 256) })));
    }
  });

  after(async () => {
    await cluster?.deleteTopic(topic).catch(() => undefined);
    await cluster?.deleteTopic(other).catch(() => undefined);
    await cluster?.disconnect();
  });

  it('reports the same size per partition as kafka-log-dirs, and no less than the bytes written', async () => {
    const ours = await cluster.describeLogDirs([topic, other]);
    const tool = await logDirsTool([topic, other]);
    const flat = (entries: { broker: number; dir: string; name: string; size: number }[]) => entries.sort((a, b) => `${a.broker}${a.dir}${a.name}`.localeCompare(`${b.broker}${b.dir}${b.name}`));
    const oursFlat = flat(ours.flatMap((b) => b.logDirs.flatMap((d) => d.partitions.map((p) => ({ broker: b.broker, dir: d.path, name: `${p.topic}-${p.partition}`, size: p.sizeBytes })))));
    const toolFlat = flat(tool.brokers.flatMap((b) => b.logDirs.flatMap((d) => d.partitions.map((p) => ({ broker: b.broker, dir: d.logDir, name: p.partition, size: p.size })))));
    assert.deepStrictEqual(oursFlat, toolFlat);
    assert.ok(ours.every((b) => b.error === null), JSON.stringify(ours.map((b) => b.error)));
    assert.strictEqual(oursFlat.find((e) => e.name === `${other}-0`)?.size, 0, 'an empty partition takes no bytes');
    for (const [partition, count] of RECORDS.entries()) {
      const size = oursFlat.filter((e) => e.name === `${topic}-${partition}`).reduce((sum, e) => sum + e.size, 0);
      const written = count * VALUE_BYTES;
      // Framing: each record's length, attributes, deltas and key/value lengths as varints (9 or
      // 10 bytes here, 12 allowed), and a 61-byte header per batch (one per partition here, at
      // most 3 allowed should the producer split): measured 511, 997 and 1,497 bytes.
      assert.ok(size >= written + 61 && size <= written + count * 12 + 61 * 3, `partition ${partition}: ${size} bytes on disk for ${written} bytes of values`);
      console.log(`      partition ${partition}: ${count} records of ${VALUE_BYTES} bytes → ${size} bytes on disk (${size - written} bytes of framing)`);
    }
  });

  it('reports the volume of each log directory (DescribeLogDirs v4, Kafka 3.3 and later)', async () => {
    const dirs = (await cluster.describeLogDirs([topic])).flatMap((b) => b.logDirs);
    assert.ok(dirs.length > 0);
    for (const d of dirs) {
      assert.ok(d.totalBytes !== null && d.usableBytes !== null && d.usableBytes <= d.totalBytes && d.totalBytes > 0, JSON.stringify(d));
    }
  });

  it('upsun-kafka topics usage: the same bytes per partition, largest topic first, the broker\'s volume as the disk without a service', async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
    const tool = await logDirsTool([topic]);
    const json = await cli(['topics', 'usage', '--brokers', testBrokers().join(','), '--json']);
    assert.strictEqual(json.code, 0, json.stderr);
    const usage = JSON.parse(json.stdout) as { topics: { topic: string; bytes: number; partitions: { partition: number; bytes: number }[] }[]; disk: { bytes: number; source: string } };
    const expected = tool.brokers.flatMap((b) => b.logDirs.flatMap((d) => d.partitions)).map((p) => ({ partition: Number(p.partition.slice(topic.length + 1)), bytes: p.size })).sort((a, b) => a.partition - b.partition);
    assert.deepStrictEqual(usage.topics.find((t) => t.topic === topic)?.partitions.map(({ partition, bytes }) => ({ partition, bytes })), expected);
    const sizes = usage.topics.map((t) => t.bytes);
    assert.deepStrictEqual(sizes, [...sizes].sort((a, b) => b - a), 'largest first');
    assert.match(usage.disk.source, /^the broker's volume \(no --service to look up\)$/);
    const table = await cli(['topics', 'usage', '--brokers', testBrokers().join(',')]);
    assert.strictEqual(table.code, 0, table.stderr);
    const line = table.stdout.split('\n').find((l) => l.startsWith(`${topic} `));
    assert.match(line ?? '', new RegExp(`^${topic}\\s+\\d+(\\.\\d)? KiB\\s+${expected.reduce((s, p) => s + p.bytes, 0)}\\s+3\\s+2: \\d+(\\.\\d)? KiB \\(50%\\)$`));
    assert.match(table.stdout, /^disk \d+(\.\d)? \S+ of \d+(\.\d)? \S+ \(\d+%\), from the broker's volume/m);
  });
});
