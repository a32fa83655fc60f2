// Groups of every type against the real broker, each started with Kafka's own Java client
// (GroupMember.java): classic, consumer (KIP-848), share (KIP-932) and streams (KIP-1071). What
// each group is (type, state, members, assignment, assignor, share offsets, offsets after a
// reset) comes from Kafka's Java Admin API (GroupTruth.java), never from our code. A type the
// broker has not enabled (its feature level, from the Admin API too) is skipped with a message.

import * as assert from 'assert';
import { execFile } from 'child_process';
import * as path from 'path';
import { connectCluster } from '../../src/kafka/connect';
import { GroupActiveError } from '../../src/kafka/groupOffsets';
import { ConsumerGroupInfo, KafkaCluster } from '../../src/kafka/types';
import { eventually } from '../harness/eventually';
import { KAFKA_VERSION, testBrokers } from '../harness/kafkaBroker';
import { REPO_ROOT } from '../harness/paths';
import { GroupTruth, startGroupMember, TruthGroup } from './javaClient';
import { NO_DUPLICATES, testKafka, uniqueName } from './helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
type GroupType = 'classic' | 'consumer' | 'share' | 'streams';

/** The feature each type needs at level 1 or more (Kafka's Feature enum); classic needs none. */
const FEATURE: Record<GroupType, string | undefined> = { classic: undefined, consumer: 'group.version', share: 'share.version', streams: 'streams.version' };

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, PLATFORM_RELATIONSHIPS: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** Our group in GroupTruth's terms: members by client id, assignments as sorted `topic:partition` strings. */
function asTruth(group: ConsumerGroupInfo): TruthGroup {
  return {
    state: group.state,
    members: group.memberList
      .map((m) => ({ clientId: m.clientId, host: m.clientHost, assignment: m.assignment.flatMap((a) => a.partitions.map((p) => `${a.topic}:${p}`)).sort() }))
      .sort((a, b) => a.clientId.localeCompare(b.clientId)),
  };
}

describe('groups of every type: classic, consumer (KIP-848), share (KIP-932), streams (KIP-1071)', function () {
  this.timeout(300_000);
  let cluster: KafkaCluster;
  let truth: GroupTruth;
  let features: Record<string, number>;
  let topic: string;
  const running: { stop(): Promise<void> }[] = [];

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers() });
    truth = await GroupTruth.start();
    features = await truth.ask('features');
    topic = uniqueName('typed');
    await cluster.createTopic({ topic, partitions: 2, replicationFactor: 1 });
    const producer = testKafka().producer(NO_DUPLICATES);
    await producer.connect();
    try {
      for (const partition of [0, 1]) await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ partition, value: `p${partition}-${i}` })) });
    } finally {
      await producer.disconnect();
    }
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((member) => member.stop()));
  });

  after(async () => {
    await truth?.stop();
    await cluster?.disconnect();
  });

  /** Skips, saying why, when the broker has not enabled `type`. */
  function needs(context: Mocha.Context, type: GroupType): void {
    const feature = FEATURE[type];
    if (!feature || (features[feature] ?? 0) >= 1) return;
    console.log(`      Kafka ${KAFKA_VERSION} has ${feature} ${features[feature] ?? 'absent'}: no ${type} groups to test (skipped)`);
    context.skip();
  }

  async function member(type: GroupType, group: string, clientId: string): Promise<void> {
    running.push(await startGroupMember(type, group, topic, clientId));
  }

  async function stopMembers(): Promise<void> {
    await Promise.all(running.splice(0).map((m) => m.stop()));
  }

  /** The group as Kafka's Admin API describes it, once `ready` holds. */
  function described(type: GroupType, group: string, ready: (g: TruthGroup) => boolean, what: string): Promise<TruthGroup> {
    return eventually(what, async () => {
      const g = await truth.ask<TruthGroup>(`describe ${type} ${group}`);
      return ready(g) ? g : undefined;
    }, 120_000);
  }

  /** Ours and Kafka's, read until they agree (a member may still be receiving its assignment). */
  async function agreeing(type: GroupType, group: string): Promise<{ ours: ConsumerGroupInfo; expected: TruthGroup }> {
    let last: unknown;
    try {
      return await eventually(`our description of ${group} to match Kafka's`, async () => {
        const expected = await truth.ask<TruthGroup & { type?: string }>(`describe ${type} ${group}`);
        const ours = (await cluster.listConsumerGroups()).find((g) => g.groupId === group);
        const again = await truth.ask<TruthGroup>(`describe ${type} ${group}`);
        const { assignor: _assignor, type: _type, ...comparable } = expected;
        last = { ours: ours && asTruth(ours), expected: comparable };
        if (!ours || expected.members.length === 0 || JSON.stringify(expected) !== JSON.stringify(again)) return undefined;
        return JSON.stringify(asTruth(ours)) === JSON.stringify(comparable) ? { ours, expected } : undefined;
      }, 120_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}; last read: ${JSON.stringify(last)}`);
    }
  }

  /** Reset and delete while a member is in the group: refused, naming its client id and host, by the API and the CLI. */
  async function refusesWhileActive(group: string, clientId: string, host: string): Promise<void> {
    const plan = await cluster.planOffsetReset({ group, topic, strategy: { kind: 'earliest' } });
    assert.deepStrictEqual(plan.members.map((m) => m.clientId), [clientId]);
    const refused = (error: unknown) => {
      assert.ok(error instanceof GroupActiveError, String(error));
      assert.ok(error.message.includes(`has 1 active member (${clientId} on ${host})`), error.message);
      return true;
    };
    await assert.rejects(cluster.applyOffsetReset(plan), refused);
    await assert.rejects(cluster.deleteConsumerGroup(group), refused);
    const run = await cli(['groups', 'reset', '--brokers', testBrokers().join(','), '--group', group, '--topic', topic, '--to-earliest', '--execute']);
    assert.strictEqual(run.code, 1, run.stderr);
    assert.ok(run.stderr.includes(`(${clientId} on ${host})`), run.stderr);
    assert.doesNotMatch(run.stderr, /0 active members/);
    const removal = await cli(['groups', 'delete', '--brokers', testBrokers().join(','), '--group', group]);
    assert.strictEqual(removal.code, 1, removal.stderr);
    assert.ok(removal.stderr.includes(`(${clientId} on ${host})`), removal.stderr);
  }

  async function listedType(group: string): Promise<string | null> {
    const listed = await truth.ask<{ groupId: string; type: string | null }[]>('list');
    return listed.find((g) => g.groupId === group)?.type?.toLowerCase() ?? null;
  }

  for (const type of ['classic', 'consumer', 'streams'] as const) {
    it(`describes a ${type} group as Kafka's Admin API does, refuses changes while it has a member, then resets and deletes it`, async function () {
      needs(this, type);
      const group = uniqueName(type);
      const clientId = `${type}-worker`;
      await member(type, group, clientId);
      const { ours, expected } = await agreeing(type, group);
      assert.strictEqual(expected.state, 'Stable');
      assert.strictEqual(ours.type, (await listedType(group)) ?? 'classic', 'the type Kafka lists it with');
      assert.strictEqual(ours.type, type);
      if (type !== 'streams') assert.strictEqual(ours.assignor, expected.assignor);
      else assert.strictEqual(ours.assignor, null);
      const host = expected.members[0].host;
      // A Kafka Streams client id is the app's, with its thread's suffix.
      await refusesWhileActive(group, expected.members[0].clientId, host);

      const listed = await cli(['groups', 'list', '--brokers', testBrokers().join(',')]);
      assert.strictEqual(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, new RegExp(`^${group}\\s+${type}\\s+Stable\\s+1\\s`, 'm'));
      assert.ok(listed.stdout.includes(expected.members[0].clientId), listed.stdout);
      const json = await cli(['groups', 'list', '--brokers', testBrokers().join(','), '--json']);
      assert.strictEqual(json.code, 0, json.stderr);
      const fromJson = (JSON.parse(json.stdout) as ConsumerGroupInfo[]).find((g) => g.groupId === group);
      assert.ok(fromJson, json.stdout);
      assert.strictEqual(fromJson.type, type);
      assert.deepStrictEqual(asTruth(fromJson).members, expected.members);

      await stopMembers();
      await described(type, group, (g) => g.state === 'Empty', `${group} to be Empty`);
      const plan = await cluster.planOffsetReset({ group, topic, strategy: { kind: 'earliest' } });
      assert.strictEqual(plan.type, type);
      await cluster.applyOffsetReset(plan);
      assert.deepStrictEqual(await truth.ask('committed ' + group), { [topic]: { 0: '0', 1: '0' } });
      await cluster.deleteConsumerGroup(group);
      assert.strictEqual(await listedType(group), null);
      assert.ok(!(await truth.ask<{ groupId: string }[]>('list')).some((g) => g.groupId === group), 'Kafka still lists the group');
    });
  }

  it('describes a share group with its start offset and lag per partition as Kafka does, and resets and deletes it by its own rules', async function () {
    needs(this, 'share');
    const group = uniqueName('share');
    await truth.ask(`groupConfig ${group} share.auto.offset.reset earliest`);
    await member('share', group, 'share-worker');
    const { ours, expected } = await agreeing('share', group);
    assert.strictEqual(ours.type, 'share');
    assert.strictEqual(await listedType(group), 'share');
    assert.strictEqual(expected.state, 'Stable');
    await refusesWhileActive(group, 'share-worker', expected.members[0].host);
    await assert.rejects(cluster.planOffsetReset({ group, topic, strategy: { kind: 'offset', offset: '3' } }), /share group, whose start offsets move only to the earliest, the latest or a time/);

    // Every record delivered and acknowledged: lag 0 (Kafka moves the start offset itself when it likes).
    type ShareRow = { topic: string; partition: number; startOffset: string | null; lag: string | null };
    await eventually('the share group to acknowledge every record', async () => {
      const rows = await truth.ask<ShareRow[]>(`shareOffsets ${group}`);
      return rows.length === 2 && rows.every((r) => r.lag === '0') ? rows : undefined;
    }, 120_000);
    await stopMembers();
    await described('share', group, (g) => g.state === 'Empty', `${group} to be Empty`);
    const sharesOf = async () => (await cluster.listConsumerGroups()).find((g) => g.groupId === group)?.shareOffsets;
    /** Kafka's rows, once ours equal them between two equal reads of Kafka's. */
    const agreed = () =>
      eventually(`our share offsets of ${group} to match Kafka's`, async () => {
        const first = JSON.stringify(await truth.ask(`shareOffsets ${group}`));
        const ours = JSON.stringify(await sharesOf());
        const second = await truth.ask<ShareRow[]>(`shareOffsets ${group}`);
        return first === ours && ours === JSON.stringify(second) ? second : undefined;
      }, 60_000);
    let before = await agreed();

    // To the latest, then back to the earliest: each plan starts from Kafka's start offsets and ends where Kafka then says.
    for (const kind of ['latest', 'earliest'] as const) {
      const plan = await cluster.planOffsetReset({ group, topic, strategy: { kind } });
      assert.deepStrictEqual(plan.partitions.map((p) => p.committed), before.map((r) => r.startOffset));
      await cluster.applyOffsetReset(plan);
      const after = await truth.ask<ShareRow[]>(`shareOffsets ${group}`);
      assert.deepStrictEqual(after.map((r) => r.startOffset), plan.partitions.map((p) => p.newOffset));
      assert.deepStrictEqual(after.map((r) => r.startOffset), kind === 'latest' ? ['10', '10'] : ['0', '0']);
      assert.deepStrictEqual(await agreed(), after);
      before = after;
    }
    const after = before;

    const listed = await cli(['groups', 'list', '--brokers', testBrokers().join(',')]);
    assert.match(listed.stdout, new RegExp(`^${group}\\s+share\\s+Empty\\s+0\\s+\\S+\\s+${topic}\\s+${after.reduce((sum, r) => sum + Number(r.lag ?? 0), 0)}\\s`, 'm'));

    await cluster.deleteConsumerGroup(group);
    assert.strictEqual(await listedType(group), null);
  });

  it('reads the committed offsets of more groups than one OffsetFetch asks for (KIP-709 batches of 200) as Kafka\'s Admin API does', async function () {
    // 205 groups: two batches at one coordinator. Group i committed offset i % 10 on partition
    // 0, every third one also on partition 1, and every fifth on a second topic as well.
    const prefix = uniqueName('batched');
    const other = uniqueName('batched-other');
    await cluster.createTopic({ topic: other, partitions: 1, replicationFactor: 1 });
    const admin = testKafka().admin();
    await admin.connect();
    const ids = Array.from({ length: 205 }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
    try {
      for (let i = 0; i < ids.length; i += 50) {
        await Promise.all(
          ids.slice(i, i + 50).map(async (groupId, j) => {
            const n = i + j;
            await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: String(n % 10) }, ...(n % 3 === 0 ? [{ partition: 1, offset: String(n % 7) }] : [])] });
            if (n % 5 === 0) await admin.setOffsets({ groupId, topic: other, partitions: [{ partition: 0, offset: '0' }] });
          }),
        );
      }
    } finally {
      await admin.disconnect();
    }
    const listed = await eventually('every batched group listed', async () => {
      const groups = (await cluster.listConsumerGroups()).filter((g) => g.groupId.startsWith(`${prefix}-`));
      return groups.length === ids.length ? groups : undefined;
    });
    for (const group of listed) {
      const ours = Object.fromEntries(group.lag.map((l) => [l.topic, Object.fromEntries(l.partitions.filter((p) => p.committed !== null).map((p) => [String(p.partition), p.committed]))]));
      assert.deepStrictEqual(ours, await truth.ask(`committed ${group.groupId}`), group.groupId);
    }
  });
});
