// Consumer groups against the real broker: offset resets of every kind, checked by reading the
// committed offsets back with kafkajs' admin (not our reader); refusals while a member is in
// the group; lag in time from timestamps written here; the CLI as a process.

import * as assert from 'assert';
import { execFile } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';
import type { Admin, Consumer } from 'kafkajs';
import { connectCluster } from '../../src/kafka/connect';
import { GroupActiveError } from '../../src/kafka/groupOffsets';
import { KafkaCluster, OffsetResetPlan } from '../../src/kafka/types';
import { eventually } from '../harness/eventually';
import { testBrokers } from '../harness/kafkaBroker';
import { REPO_ROOT } from '../harness/paths';
import { NO_DUPLICATES, testKafka, uniqueName } from './helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const MINUTE = 60_000;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, PLATFORM_RELATIONSHIPS: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('consumer groups: reset, delete, lag in time', function () {
  this.timeout(120_000);
  let cluster: KafkaCluster;
  let admin: Admin;
  let topic: string;
  /**
   * Record i of every partition has the timestamp start + i minutes. Set when the suite starts,
   * not when the file loads: with other suites run first, the ages the text table shows (57 to
   * 59 minutes) had grown past an hour.
   */
  let start: number;

  /** The group's committed offsets on `topic` as kafkajs' admin reads them: partition → offset ('-1': none). */
  async function committed(groupId: string): Promise<Record<number, string>> {
    const [answer] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries(answer.partitions.map((p) => [p.partition, p.offset]));
  }

  /** What a plan would write: partition → new offset (null: left as it is). */
  const targets = (plan: OffsetResetPlan) => Object.fromEntries(plan.partitions.map((p) => [p.partition, p.newOffset]));

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
    start = Date.now() - 60 * MINUTE;
    cluster = await connectCluster({ brokers: testBrokers() });
    admin = testKafka().admin();
    await admin.connect();
    topic = uniqueName('groups');
    await cluster.createTopic({ topic, partitions: 3, replicationFactor: 1 });
    const producer = testKafka().producer(NO_DUPLICATES);
    await producer.connect();
    try {
      for (const partition of [0, 1, 2]) {
        await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ partition, value: `p${partition}-${i}`, timestamp: String(start + i * MINUTE) })) });
      }
    } finally {
      await producer.disconnect();
    }
    // Partition 1 starts at offset 3 from now on: its low watermark.
    await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 1, offset: '3' }] });
  });

  after(async () => {
    await admin?.disconnect();
    await cluster?.disconnect();
  });

  it('resets to an offset, by a shift, to the end, to a time and to the earliest, clamped to the watermarks as kafka-consumer-groups.sh does', async () => {
    const group = uniqueName('reset');
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '5' }, { partition: 1, offset: '4' }] });
    assert.deepStrictEqual(await committed(group), { 0: '5', 1: '4', 2: '-1' });

    // To an offset, chosen partitions only; 1 is below partition 1's low watermark 3.
    let plan = await cluster.planOffsetReset({ group, topic, partitions: [1, 0], strategy: { kind: 'offset', offset: '1' } });
    assert.deepStrictEqual(plan, {
      group,
      type: 'classic',
      topic,
      strategy: { kind: 'offset', offset: '1' },
      members: [],
      partitions: [
        { partition: 0, low: '0', high: '10', lastStable: '10', committed: '5', newOffset: '1', lagBefore: '5', lagAfter: '9' },
        { partition: 1, low: '3', high: '10', lastStable: '10', committed: '4', newOffset: '3', lagBefore: '6', lagAfter: '7', note: '1 is before the low watermark 3' },
      ],
    });
    assert.deepStrictEqual(await committed(group), { 0: '5', 1: '4', 2: '-1' }, 'planning changed the offsets');
    await cluster.applyOffsetReset(plan);
    assert.deepStrictEqual(await committed(group), { 0: '1', 1: '3', 2: '-1' });

    // Shift by +20: past the end, so the high watermark; partition 2 has nothing to shift from.
    plan = await cluster.planOffsetReset({ group, topic, strategy: { kind: 'shift', by: '20' } });
    assert.deepStrictEqual(targets(plan), { 0: '10', 1: '10', 2: null });
    assert.deepStrictEqual(plan.partitions.map((p) => p.note), ['21 is past the high watermark 10', '23 is past the high watermark 10', 'no committed offset to shift from: left as it is']);
    await cluster.applyOffsetReset(plan);
    assert.deepStrictEqual(await committed(group), { 0: '10', 1: '10', 2: '-1' });

    // Shift by -4.
    plan = await cluster.planOffsetReset({ group, topic, partitions: [0, 1], strategy: { kind: 'shift', by: '-4' } });
    await cluster.applyOffsetReset(plan);
    assert.deepStrictEqual(await committed(group), { 0: '6', 1: '6', 2: '-1' });

    // To the end, partition 2 only: from no committed offset.
    plan = await cluster.planOffsetReset({ group, topic, partitions: [2], strategy: { kind: 'latest' } });
    assert.deepStrictEqual(plan.partitions, [{ partition: 2, low: '0', high: '10', lastStable: '10', committed: null, newOffset: '10', lagBefore: null, lagAfter: '0' }]);
    await cluster.applyOffsetReset(plan);
    assert.deepStrictEqual(await committed(group), { 0: '6', 1: '6', 2: '10' });

    // To a time between records 3 and 4: record 4 is the first at or after it; on partition 1, too (3 and up remain).
    plan = await cluster.planOffsetReset({ group, topic, strategy: { kind: 'time', timestampMs: start + 3.5 * MINUTE } });
    assert.deepStrictEqual(targets(plan), { 0: '4', 1: '4', 2: '4' });
    await cluster.applyOffsetReset(plan);
    assert.deepStrictEqual(await committed(group), { 0: '4', 1: '4', 2: '4' });

    // To a time no record reaches: the high watermark, as Kafka's tool falls back to.
    plan = await cluster.planOffsetReset({ group, topic, partitions: [0], strategy: { kind: 'time', timestampMs: Date.now() + 60 * MINUTE } });
    assert.deepStrictEqual(plan.partitions, [{ partition: 0, low: '0', high: '10', lastStable: '10', committed: '4', newOffset: '10', lagBefore: '6', lagAfter: '0', note: 'no message at or after that time: the high watermark' }]);

    // To the earliest: the low watermarks, 3 on partition 1.
    plan = await cluster.planOffsetReset({ group, topic, strategy: { kind: 'earliest' } });
    await cluster.applyOffsetReset(plan);
    assert.deepStrictEqual(await committed(group), { 0: '0', 1: '3', 2: '0' });
    await cluster.deleteConsumerGroup(group);
  });

  it('refuses a partition the topic does not have', async () => {
    await assert.rejects(
      cluster.planOffsetReset({ group: uniqueName('none'), topic, partitions: [0, 7], strategy: { kind: 'earliest' } }),
      /topic "groups-[^"]+" has no partition 7 \(it has partitions 0 to 2\)/,
    );
  });

  it('refuses to reset or delete while the group has a member, naming its client id and host', async () => {
    const group = uniqueName('busy');
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '2' }] });
    const consumer: Consumer = testKafka({ clientId: 'orders-worker' }).consumer({ groupId: group });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic] });
      // Never commits: the offsets stay what the test set.
      await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
      await eventually('the consumer to join', async () => ((await cluster.describeGroupMembers(group)).length === 1 ? true : undefined));
      const [member] = await cluster.describeGroupMembers(group);
      assert.strictEqual(member.clientId, 'orders-worker');
      assert.match(member.clientHost, /127\.0\.0\.1|localhost/);

      const plan = await cluster.planOffsetReset({ group, topic, partitions: [0], strategy: { kind: 'earliest' } });
      assert.deepStrictEqual(plan.members, [member]);
      const refused = (error: unknown) => {
        assert.ok(error instanceof GroupActiveError, String(error));
        assert.ok(error.message.includes(`has 1 active member (orders-worker on ${member.clientHost})`), error.message);
        assert.match(error.message, /Stop those clients/);
        return true;
      };
      await assert.rejects(cluster.applyOffsetReset(plan), refused);
      await assert.rejects(cluster.deleteConsumerGroup(group), refused);
      assert.strictEqual((await committed(group))[0], '2', 'a refused reset changed the offset');

      const run = await cli(['groups', 'reset', '--brokers', testBrokers().join(','), '--group', group, '--topic', topic, '--to-earliest', '--execute']);
      assert.strictEqual(run.code, 1, run.stderr);
      assert.ok(run.stderr.includes(`(orders-worker on ${member.clientHost})`), run.stderr);
      const removal = await cli(['groups', 'delete', '--brokers', testBrokers().join(','), '--group', group]);
      assert.strictEqual(removal.code, 1, removal.stderr);
      assert.ok(removal.stderr.includes('orders-worker'), removal.stderr);
    } finally {
      await consumer.disconnect();
    }
    await eventually('the group to empty', async () => ((await cluster.describeGroupMembers(group)).length === 0 ? true : undefined));
    await cluster.deleteConsumerGroup(group);
    assert.ok(!(await admin.listGroups()).groups.some((g) => g.groupId === group), 'the group is still listed');
    await assert.rejects(cluster.deleteConsumerGroup(group), /there is no such group/);
  });

  it('tells the lag in time: the age of the record at the committed offset, or the next one that still exists', async () => {
    const group = uniqueName('age');
    // Partition 0 at 4; partition 1 at 1, which retention removed (low watermark 3); partition 2 consumed to the end.
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '4' }, { partition: 1, offset: '1' }, { partition: 2, offset: '10' }] });
    const before = Date.now();
    const info = (await cluster.listConsumerGroups()).find((g) => g.groupId === group);
    const after = Date.now();
    const lag = info?.lag.find((l) => l.topic === topic);
    assert.ok(lag, JSON.stringify(info));
    assert.deepStrictEqual(
      lag.partitions.map(({ partition, committed: c, lag: l, oldestUnconsumed }) => ({ partition, c, l, oldestUnconsumed })),
      [
        { partition: 0, c: '4', l: '6', oldestUnconsumed: { offset: '4', timestampMs: start + 4 * MINUTE } },
        { partition: 1, c: '1', l: '9', oldestUnconsumed: { offset: '3', timestampMs: start + 3 * MINUTE } },
        { partition: 2, c: '10', l: '0', oldestUnconsumed: null },
      ],
    );
    const age = (p: number) => lag.partitions[p].timeLagMs!;
    for (const [p, ts] of [[0, start + 4 * MINUTE], [1, start + 3 * MINUTE]]) {
      assert.ok(age(p) >= before - ts && age(p) <= after - ts, `partition ${p}: ${age(p)} ms is not between ${before - ts} and ${after - ts}`);
    }
    assert.strictEqual(lag.partitions[2].timeLagMs, null);
    assert.strictEqual(lag.timeLagMs, age(1), 'the topic\'s lag in time is its oldest partition\'s');
    assert.strictEqual(lag.lag, '15');

    const run = await cli(['groups', 'list', '--brokers', testBrokers().join(','), '--json']);
    assert.strictEqual(run.code, 0, run.stderr);
    const listed = (JSON.parse(run.stdout) as { groupId: string; lag: { topic: string; partitions: { oldestUnconsumed: unknown }[] }[] }[]).find((g) => g.groupId === group);
    assert.deepStrictEqual(listed?.lag[0].partitions.map((p) => p.oldestUnconsumed), lag.partitions.map((p) => p.oldestUnconsumed));
    const text = await cli(['groups', 'list', '--brokers', testBrokers().join(',')]);
    assert.strictEqual(text.code, 0, text.stderr);
    const row = text.stdout.split('\n').find((line) => line.startsWith(group));
    // 57 minutes old at least (written an hour ago at minute 3), under 2 hours.
    assert.match(row ?? '', new RegExp(`^${group}\\s+classic\\s+Empty\\s+0\\s+-\\s+${topic}\\s+15\\s+5\\d min$`), text.stdout);
    await cluster.deleteConsumerGroup(group);
  });

  it('prints the plan and changes nothing without --execute; writes it with --execute; misuse exits 2', async () => {
    const group = uniqueName('cli-reset');
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '8' }, { partition: 2, offset: '1' }] });
    const base = ['groups', 'reset', '--brokers', testBrokers().join(','), '--group', group, '--topic', topic];

    const dry = await cli([...base, '--shift-by', '-3']);
    assert.strictEqual(dry.code, 0, dry.stderr);
    assert.deepStrictEqual(dry.stdout.split('\n').map((l) => l.trimEnd()), [
      `Group "${group}", topic "${topic}": reset shift by -3`,
      'PARTITION  CURRENT  NEW        LAG-BEFORE  LAG-AFTER  NOTE',
      '0          8        5          2           5',
      '1          none     unchanged  -           -          no committed offset to shift from: left as it is',
      '2          1        0          9           10         -2 is before the low watermark 0',
      'Nothing changed: this is the plan. Add --execute to write these offsets.',
      '',
    ]);
    assert.deepStrictEqual(await committed(group), { 0: '8', 1: '-1', 2: '1' });

    const done = await cli([...base, '--to-offset', '7', '--partition', '0', '--partition', '1', '--execute']);
    assert.strictEqual(done.code, 0, done.stderr);
    assert.match(done.stdout, /Committed new offsets for 2 partitions of "groups-[^"]+" in group "cli-reset-[^"]+"\.\n$/);
    assert.deepStrictEqual(await committed(group), { 0: '7', 1: '7', 2: '1' });

    for (const [args, message] of [
      [[], /one of --to-earliest, --to-latest, --to-time, --to-offset, --shift-by/],
      [['--to-earliest', '--to-latest'], /give only one of --to-earliest, --to-latest/],
      [['--to-time', 'yesterday'], /--to-time: a time is an ISO 8601 date and time/],
      [['--to-offset', '-1'], /--to-offset: an offset is a whole number from 0/],
      [['--shift-by', '0'], /--shift-by: a shift is a whole number of messages other than 0/],
      [['--to-earliest', '--partition', 'x'], /--partition takes a whole number/],
    ] as const) {
      const misuse = await cli([...base, ...args]);
      assert.strictEqual(misuse.code, 2, `${args.join(' ')}: ${misuse.stderr}`);
      assert.match(misuse.stderr, message);
    }
    assert.deepStrictEqual(await committed(group), { 0: '7', 1: '7', 2: '1' });

    const removal = await cli(['groups', 'delete', '--brokers', testBrokers().join(','), '--group', group]);
    assert.strictEqual(removal.code, 0, removal.stderr);
    assert.strictEqual(removal.stdout, `Deleted group "${group}".\n`);
    assert.ok(!(await admin.listGroups()).groups.some((g) => g.groupId === group));
  });
});
