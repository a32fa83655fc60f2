// A transaction left open: the last stable offset (LSO) stops at its first record while the high
// watermark (HW) goes on. A Java transactional producer holds it open (TransactionalWriter's
// `hold`), a plain producer writes committed records after it. The ground truth: Kafka's own
// kafka-consumer-groups (ConsumerGroupCommand, from kafka-tools) for lag and reset offsets, and
// the Java Admin client's ListOffsets at both isolation levels (OffsetsTruth.java) for the ends.

import * as assert from 'assert';
import { execFile } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';
import type { Admin } from 'kafkajs';
import { connectCluster } from '../../src/kafka/connect';
import { newerThan } from '../../src/kafka/peek';
import { KafkaCluster } from '../../src/kafka/types';
import { KAFKA_VERSION, kafkaClasspath, testBrokers } from '../harness/kafkaBroker';
import { REPO_ROOT } from '../harness/paths';
import { asSeen, expectedPeek, HeldTransaction, javaHoldTransaction, javaReadCommitted, PlannedRecord, runJava } from './javaClient';
import { testKafka, uniqueName } from './helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const MINUTE = 60_000;

/** kafka-consumer-groups' class: in kafka-tools since 3.8, in the broker's core before. */
const GROUP_COMMAND = /^3\.[0-7]\./.test(KAFKA_VERSION) ? 'kafka.admin.ConsumerGroupCommand' : 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, PLATFORM_RELATIONSHIPS: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** kafka-consumer-groups run with `args`; its table (the lines from the GROUP header on) as rows of named columns. */
async function groupCommand(args: string[]): Promise<Record<string, string>[]> {
  const classpath = await kafkaClasspath();
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile('java', ['-cp', classpath, GROUP_COMMAND, '--bootstrap-server', testBrokers().join(','), ...args], { timeout: 120_000 }, (error, out, err) =>
      error ? reject(new Error(`${GROUP_COMMAND} ${args.join(' ')}: ${error.message}\n${err}`)) : resolve(out),
    ),
  );
  const lines = stdout.split('\n').map((l) => l.trim());
  const header = lines.findIndex((l) => l.startsWith('GROUP '));
  assert.ok(header >= 0, `no table in kafka-consumer-groups' answer:\n${stdout}`);
  const names = lines[header].split(/\s+/);
  return lines.slice(header + 1).filter(Boolean).map((l) => Object.fromEntries(l.split(/\s+/).map((cell, i) => [names[i], cell])));
}

/** Per partition, the Java Admin client's high watermark and last stable offset. */
async function javaEnds(topic: string): Promise<{ partition: number; high: string; lastStable: string }[]> {
  const out = await runJava('OffsetsTruth.java', [testBrokers().join(','), topic]);
  return out.split('\n').filter(Boolean).map((line) => {
    const [partition, high, lastStable] = line.split('\t');
    return { partition: Number(partition), high, lastStable };
  });
}

describe('an open transaction: high watermark and last stable offset', function () {
  this.timeout(240_000);
  let cluster: KafkaCluster;
  let admin: Admin;
  let topic: string;
  let held: HeldTransaction | undefined;
  /** Record i has the timestamp start + i minutes. */
  const start = Date.now() - 30 * MINUTE;
  const record = (kind: 'tx' | 'plain', i: number): PlannedRecord => ({ kind, partition: 0, timestamp: BigInt(start + i * MINUTE), key: null, value: Buffer.from(`value-${i}`), headers: [] });

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
    cluster = await connectCluster({ brokers: testBrokers() });
    admin = testKafka().admin();
    await admin.connect();
    topic = uniqueName('open-tx');
    await cluster.createTopic({ topic, partitions: 2, replicationFactor: 1 });
    // Partition 0: committed records at 0 and 1, the open transaction's record at 2, committed records at 3 and 4.
    // Partition 1: one committed record, no transaction.
    held = await javaHoldTransaction(topic, [
      record('plain', 0),
      record('plain', 1),
      { kind: 'begin' },
      record('tx', 2),
      { kind: 'hold' },
      record('plain', 3),
      record('plain', 4),
      { ...record('plain', 0), partition: 1 },
      { kind: 'hold' },
    ]);
  });

  after(async () => {
    await held?.finish([{ kind: 'abort' }]);
    await admin?.disconnect();
    await cluster?.disconnect();
  });

  it('reads both ends as the Java Admin client does, and the explorer says where the transaction holds the partition', async () => {
    const truth = await javaEnds(topic);
    assert.deepStrictEqual(truth, [
      { partition: 0, high: '5', lastStable: '2' },
      { partition: 1, high: '1', lastStable: '1' },
    ]);
    const info = await cluster.describeTopic(topic);
    assert.deepStrictEqual(info.partitions.map((p) => ({ partition: p.partition, high: p.high, lastStable: p.lastStable })), truth);
    assert.strictEqual(info.messageCount, '6');
    const [listed] = (await cluster.listTopics()).filter((t) => t.name === topic);
    assert.deepStrictEqual(listed.partitions.map((p) => [p.high, p.lastStable]), truth.map((p) => [p.high, p.lastStable]));
  });

  it('lists low watermark, high watermark and last stable offset of several topics as the Java Admin client\'s ListOffsets (earliest, latest, latest at READ_COMMITTED)', async () => {
    // A second topic whose partition 2 starts past offset 0 (DeleteRecords), and one left empty.
    const [trimmed, empty] = [uniqueName('watermarks'), uniqueName('watermarks-empty')];
    await cluster.createTopic({ topic: trimmed, partitions: 3, replicationFactor: 1 });
    await cluster.createTopic({ topic: empty, partitions: 2, replicationFactor: 1 });
    await cluster.produceMany(trimmed, Array.from({ length: 12 }, (_, i) => ({ partition: i % 3, value: `m${i}` })));
    await admin.fetchTopicMetadata({ topics: [trimmed] });
    await admin.deleteTopicRecords({ topic: trimmed, partitions: [{ partition: 2, offset: '3' }] });
    const out = await runJava('WatermarksTruth.java', [testBrokers().join(','), topic, trimmed, empty]);
    const truth = out.split('\n').filter(Boolean).map((line) => {
      const [name, partition, low, high, lastStable] = line.split('\t');
      return { name, partition: Number(partition), low, high, lastStable };
    });
    // The case holds what it is for: a low watermark past 0, a last stable offset before the high watermark.
    assert.ok(truth.some((p) => p.low !== '0') && truth.some((p) => p.lastStable !== p.high), out);
    const listed = (await cluster.listTopics())
      .filter((t) => [topic, trimmed, empty].includes(t.name))
      .flatMap((t) => t.partitions.map((p) => ({ name: t.name, partition: p.partition, low: p.low, high: p.high, lastStable: p.lastStable })));
    const byName = (a: { name: string; partition: number }, b: { name: string; partition: number }) => (a.name === b.name ? a.partition - b.partition : a.name < b.name ? -1 : 1);
    assert.deepStrictEqual(listed.sort(byName), truth.sort(byName));
    await admin.deleteTopics({ topics: [trimmed, empty] });
  });

  it('reads the brokers\' transaction.max.timeout.ms, the limit past which the explorer calls a held partition a likely hanging transaction', async () => {
    const out = await runJava('BrokerConfigTruth.java', [testBrokers().join(','), 'transaction.max.timeout.ms']);
    const values = [...new Set(out.split('\n').filter(Boolean).map((line) => Number(line.split('\t')[1])))];
    assert.strictEqual(values.length, 1, out);
    assert.strictEqual(await cluster.transactionMaxTimeoutMs(), values[0]);
  });

  it('counts lag against the high watermark, as kafka-consumer-groups does, and says how much an open transaction holds', async () => {
    const group = uniqueName('held');
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '2' }, { partition: 1, offset: '0' }] });
    const described = await groupCommand(['--describe', '--group', group]);
    const theirs = described.sort((a, b) => Number(a.PARTITION) - Number(b.PARTITION)).map((r) => ({ partition: Number(r.PARTITION), committed: r['CURRENT-OFFSET'], high: r['LOG-END-OFFSET'], lag: r.LAG }));
    assert.deepStrictEqual(theirs, [
      { partition: 0, committed: '2', high: '5', lag: '3' },
      { partition: 1, committed: '0', high: '1', lag: '1' },
    ]);

    const before = Date.now();
    const info = (await cluster.listConsumerGroups()).find((g) => g.groupId === group);
    const after = Date.now();
    const lag = info?.lag.find((l) => l.topic === topic);
    assert.ok(lag, JSON.stringify(info));
    assert.deepStrictEqual(
      lag.partitions.map((p) => ({ partition: p.partition, committed: p.committed, high: p.high, lag: p.lag })),
      theirs,
    );
    assert.deepStrictEqual(lag.partitions.map((p) => p.lastStable), ['2', '1']);
    assert.strictEqual(lag.lag, '4');
    // Lag in time: the group waits on the open transaction's record at offset 2 (written at start + 2 min).
    assert.deepStrictEqual(lag.partitions[0].oldestUnconsumed, { offset: '2', timestampMs: start + 2 * MINUTE });
    const age = lag.partitions[0].timeLagMs!;
    assert.ok(age >= before - (start + 2 * MINUTE) && age <= after - (start + 2 * MINUTE), `${age} ms`);

    const json = await cli(['groups', 'list', '--brokers', testBrokers().join(','), '--json']);
    assert.strictEqual(json.code, 0, json.stderr);
    const mine = (JSON.parse(json.stdout) as { groupId: string; lag: { partitions: { partition: number; high: string; lastStable: string; lag: string }[] }[] }[]).find((g) => g.groupId === group);
    assert.deepStrictEqual(mine?.lag[0].partitions.map(({ partition, high, lastStable, lag: l }) => ({ partition, high, lastStable, lag: l })), [
      { partition: 0, high: '5', lastStable: '2', lag: '3' },
      { partition: 1, high: '1', lastStable: '1', lag: '1' },
    ]);
    const text = await cli(['groups', 'list', '--brokers', testBrokers().join(',')]);
    assert.strictEqual(text.code, 0, text.stderr);
    const row = text.stdout.split('\n').find((line) => line.startsWith(group));
    assert.match(row ?? '', new RegExp(`^${group}\\s+classic\\s+Empty\\s+0\\s+-\\s+${topic}\\s+4 \\(3 held by an open transaction\\)\\s+\\d+ min$`), text.stdout);
    await cluster.deleteConsumerGroup(group);
  });

  it('shows an offset committed past the end as kafka-consumer-groups does: lag below 0 on the partition, none waiting, and a note', async () => {
    const group = uniqueName('past-end');
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 1, offset: '9' }] });
    const theirs = (await groupCommand(['--describe', '--group', group])).map((r) => ({ partition: Number(r.PARTITION), committed: r['CURRENT-OFFSET'], high: r['LOG-END-OFFSET'], lag: r.LAG }));
    assert.deepStrictEqual(theirs, [{ partition: 1, committed: '9', high: '1', lag: '-8' }]);

    const info = (await cluster.listConsumerGroups()).find((g) => g.groupId === group);
    const lag = info?.lag.find((l) => l.topic === topic);
    assert.deepStrictEqual(lag?.partitions.map((p) => ({ partition: p.partition, committed: p.committed, high: p.high, lag: p.lag })), theirs);
    // Records waiting: none on a partition past its end.
    assert.strictEqual(lag?.lag, '0');

    const text = await cli(['groups', 'list', '--brokers', testBrokers().join(',')]);
    assert.strictEqual(text.code, 0, text.stderr);
    const row = text.stdout.split('\n').find((line) => line.startsWith(group));
    assert.match(row ?? '', new RegExp(`^${group}\\s+classic\\s+Empty\\s+0\\s+-\\s+${topic}\\s+0 \\(partition 1 committed at 9, past the end 1\\)\\s+-$`), text.stdout);
    await cluster.deleteConsumerGroup(group);
  });

  it('resets as kafka-consumer-groups does: --to-latest and --to-offset bounded by the high watermark, --to-time before it', async () => {
    const group = uniqueName('held-reset');
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '2' }, { partition: 1, offset: '0' }] });
    const at = new Date(start + 3 * MINUTE).toISOString();
    const cases: [string, string[], Parameters<KafkaCluster['planOffsetReset']>[0]['strategy']][] = [
      ['to latest', ['--to-latest'], { kind: 'latest' }],
      ['to offset 5', ['--to-offset', '5'], { kind: 'offset', offset: '5' }],
      ['to offset 9', ['--to-offset', '9'], { kind: 'offset', offset: '9' }],
      ['to a time in the committed records after the transaction', ['--to-datetime', at], { kind: 'time', timestampMs: start + 3 * MINUTE }],
      ['to the open transaction\'s time', ['--to-datetime', new Date(start + 2 * MINUTE).toISOString()], { kind: 'time', timestampMs: start + 2 * MINUTE }],
      ['to a time after every record', ['--to-datetime', new Date(start + 20 * MINUTE).toISOString()], { kind: 'time', timestampMs: start + 20 * MINUTE }],
      ['shift by +2', ['--shift-by', '2'], { kind: 'shift', by: '2' }],
    ];
    for (const [name, args, strategy] of cases) {
      const theirs = await groupCommand(['--reset-offsets', '--group', group, '--topic', topic, '--dry-run', ...args]);
      const plan = await cluster.planOffsetReset({ group, topic, strategy });
      assert.deepStrictEqual(
        plan.partitions.map((p) => [p.partition, p.newOffset]),
        theirs.map((r) => [Number(r.PARTITION), r['NEW-OFFSET']]).sort(([a], [b]) => Number(a) - Number(b)),
        name,
      );
    }
    const latest = await cli(['groups', 'reset', '--brokers', testBrokers().join(','), '--group', group, '--topic', topic, '--to-latest', '--json']);
    assert.strictEqual(latest.code, 0, latest.stderr);
    const planned = JSON.parse(latest.stdout) as { partitions: { partition: number; newOffset: string; high: string; lastStable: string; note?: string }[] };
    assert.deepStrictEqual(planned.partitions[0], {
      partition: 0,
      low: '0',
      high: '5',
      lastStable: '2',
      committed: '2',
      newOffset: '5',
      lagBefore: '3',
      lagAfter: '0',
      note: 'past the last stable offset 2: read_committed consumers wait there until the open transaction ends',
    });
    await cluster.deleteConsumerGroup(group);
  });

  it('peek and search say the partition is held, and by how much, where they stop at the last stable offset', async () => {
    const brokers = ['--brokers', testBrokers().join(',')];
    const note = 'partition 0 is held at offset 2 by an open transaction: 3 records (offsets 2 to 4) wait until it commits or aborts';
    const past = await cli(['peek', '--topic', topic, '--partition', '0', '--from-offset', '3', ...brokers]);
    assert.deepStrictEqual([past.code, past.stdout, past.stderr], [0, '', `upsun-kafka: ${note}\n`]);

    const newest = await cli(['peek', '--topic', topic, '--format', 'json', '--stats', ...brokers]);
    assert.strictEqual(newest.code, 0, newest.stderr);
    assert.deepStrictEqual(newest.stdout.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { partition: number; offset: string }).offset), ['1', '0', '0']);
    const [statsLine, noteLine] = newest.stderr.split('\n');
    const stats = JSON.parse(statsLine) as { shown: number; partitions: { partition: number; high: string; lastStable: string }[] };
    assert.strictEqual(stats.shown, 3);
    assert.deepStrictEqual(stats.partitions.map(({ partition, high, lastStable }) => ({ partition, high, lastStable })), await javaEnds(topic));
    assert.strictEqual(noteLine, `upsun-kafka: ${note}`);

    const search = await cli(['search', '--topic', topic, '--text', 'value', ...brokers]);
    assert.strictEqual(search.code, 0, search.stderr);
    assert.strictEqual(search.stderr, `3 matches in 3 of 3 messages read (2 partitions): read to the last stable offset, not the end: ${note}\n`);
    const messages = await cluster.search({ topic, pattern: 'value' });
    assert.deepStrictEqual(messages.partitions.map(({ partition, to, high, lastStable }) => ({ partition, to, high, lastStable })), [
      { partition: 0, to: '2', high: '5', lastStable: '2' },
      { partition: 1, to: '1', high: '1', lastStable: '1' },
    ]);
  });

  it('follows from the last stable offset: what an open transaction holds shows once it commits', async () => {
    const followed = uniqueName('open-tx-follow');
    await cluster.createTopic({ topic: followed, partitions: 1, replicationFactor: 1 });
    const holding = await javaHoldTransaction(followed, [record('plain', 0), { kind: 'begin' }, record('tx', 1), { kind: 'hold' }, record('plain', 2), { kind: 'hold' }]);
    let start: Record<number, string>;
    try {
      start = Object.fromEntries((await cluster.describeTopic(followed)).partitions.map((p) => [p.partition, p.lastStable]));
      assert.deepStrictEqual(start, { 0: '1' });
      assert.deepStrictEqual(await cluster.peek(newerThan({ topic: followed, limit: 50 }, [], start)), []);
    } finally {
      await holding.finish([{ kind: 'commit' }]);
    }
    const seen = await javaReadCommitted(followed);
    const got = (await cluster.peek(newerThan({ topic: followed, limit: 50 }, [], start))).map(asSeen);
    assert.deepStrictEqual(got, expectedPeek(seen, { limit: 50, fromOffset: '1' }));
    assert.deepStrictEqual(got.map((m) => m.offset), ['2', '1']);
  });

  it('once the transaction ends, the last stable offset reaches the high watermark and nothing is held', async () => {
    await held?.finish([{ kind: 'abort' }]);
    held = undefined;
    const truth = await javaEnds(topic);
    // The abort marker takes offset 5.
    assert.deepStrictEqual(truth[0], { partition: 0, high: '6', lastStable: '6' });
    const info = await cluster.describeTopic(topic);
    assert.deepStrictEqual(info.partitions.map((p) => ({ partition: p.partition, high: p.high, lastStable: p.lastStable })), truth);
    const peek = await cli(['peek', '--topic', topic, '--partition', '0', '--from-offset', '3', '--brokers', testBrokers().join(',')]);
    assert.deepStrictEqual([peek.code, peek.stderr], [0, '']);
    assert.deepStrictEqual([...peek.stdout.matchAll(/^--- partition 0 {2}offset (\d+) /gm)].map((m) => m[1]), ['4', '3']);
  });
});
