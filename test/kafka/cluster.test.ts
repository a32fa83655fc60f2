// A 3-broker KRaft cluster on loopback: with a topic replicated to all three, peek, follow and
// produce go on working while a partition's leader moves and while a broker is stopped and
// started again, and the topic data the explorer shows names the partitions whose in-sync
// replicas are fewer than their replicas. Leaders and replicas are read with kafkajs' admin.

import * as assert from 'assert';
import { Kafka, logLevel } from 'kafkajs';
import { connectCluster } from '../../src/kafka/connect';
import { newerThan } from '../../src/kafka/peek';
import { KafkaCluster, PeekRequest, TopicInfo } from '../../src/kafka/types';
import { topicNode } from '../../src/explorer/liveTree';
import { eventually } from '../harness/eventually';
import { RunningCluster, startCluster } from '../harness/kafkaBroker';
import { uniqueName } from './helpers';

describe('a 3-broker cluster', function () {
  this.timeout(600_000);
  let kraft: RunningCluster;
  let cluster: KafkaCluster;
  let admin: ReturnType<Kafka['admin']>;

  before(async () => {
    kraft = await startCluster({ nodes: 3, startTimeoutMs: 240_000, progress: () => undefined });
    cluster = await connectCluster({ brokers: kraft.brokers.split(','), timeoutMs: 10_000, clientId: 'upsun-kafka-tests' });
    admin = new Kafka({ clientId: 'upsun-kafka-tests', brokers: kraft.brokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });

  after(async () => {
    await cluster?.disconnect();
    await admin?.disconnect();
    await kraft?.stop();
  });

  /** Partition → [leader, replicas, isr] as kafkajs' admin sees them. */
  async function layout(topic: string): Promise<Map<number, { leader: number; replicas: number[]; isr: number[] }>> {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return new Map(topics[0].partitions.map((p) => [p.partitionId, { leader: p.leader, replicas: p.replicas, isr: p.isr }]));
  }

  it('peeks, follows and produces while a leader moves and while a broker is down, and shows partitions out of sync', async () => {
    const topic = uniqueName('cluster');
    await cluster.createTopic({ topic, partitions: 3, replicationFactor: 3 });
    for (const partition of [0, 1, 2]) await cluster.produce({ topic, value: `before-${partition}`, partition });
    const start = Object.fromEntries((await cluster.describeTopic(topic)).partitions.map((p) => [p.partition, p.lastStable]));
    let follow: PeekRequest = newerThan({ topic, limit: 100 }, [], start);
    const followed: string[] = [];
    const sent: string[] = [];
    /** One round: produce to every partition, then a follow step and a peek at the newest. */
    const round = async (label: string) => {
      for (const partition of [0, 1, 2]) {
        const value = `${label}-${partition}`;
        await cluster.produce({ topic, value, partition });
        sent.push(value);
      }
      const got = await cluster.peek(follow);
      followed.push(...got.map((m) => m.value!.text));
      follow = newerThan(follow, got);
      const newest = await cluster.peek({ topic, limit: 3 });
      assert.deepStrictEqual(newest.map((m) => m.value?.text).sort(), [0, 1, 2].map((p) => `${label}-${p}`));
    };
    await round('steady');

    // The leader of partition 0 leaves its replicas: leadership moves with no broker down.
    const before = (await layout(topic)).get(0)!;
    const rest = before.replicas.filter((id) => id !== before.leader);
    await admin.alterPartitionReassignments({ topics: [{ topic, partitionAssignment: [{ partition: 0, replicas: rest }] }] });
    await eventually('a new leader of partition 0', async () => {
      const now = (await layout(topic)).get(0)!;
      return now.leader !== before.leader && rest.includes(now.leader) && now.replicas.length === 2 ? true : undefined;
    }, 60_000);
    await round('moved');

    // The broker leading partition 1 stops; its partitions get new leaders and fewer in-sync replicas.
    const leader1 = (await layout(topic)).get(1)!.leader;
    const node = kraft.nodes.find((n) => n.nodeId === leader1)!;
    await node.stop({ keepData: true });
    await eventually(`broker ${leader1} out of every ISR`, async () => {
      const now = await layout(topic);
      return [...now.values()].every((p) => !p.isr.includes(leader1) && p.leader !== leader1) ? true : undefined;
    }, 60_000);
    await round('down');
    const described = await cluster.describeTopic(topic);
    const outOfSync = described.partitions.filter((p) => p.isr.length < p.replicas.length).map((p) => p.partition);
    const truth = [...(await layout(topic))].filter(([, p]) => p.isr.length < p.replicas.length).map(([partition]) => partition);
    assert.ok(truth.length > 0, 'no partition is out of sync with a broker down');
    assert.deepStrictEqual(outOfSync, truth);
    assertExplorerShows(described, truth);

    await node.start();
    await eventually('every replica back in sync', async () => {
      const now = await layout(topic);
      return [...now.values()].every((p) => p.isr.length === p.replicas.length) ? true : undefined;
    }, 120_000);
    await round('back');
    assertExplorerShows(await cluster.describeTopic(topic), []);

    await eventually('every message followed', async () => {
      const got = await cluster.peek(follow);
      followed.push(...got.map((m) => m.value!.text));
      follow = newerThan(follow, got);
      return followed.length >= sent.length ? true : undefined;
    });
    assert.deepStrictEqual([...followed].sort(), [...sent].sort(), 'the follow lost or repeated messages');
  });
});

/** The explorer's topic row warns when partitions are out of sync, and each such partition row too. */
function assertExplorerShows(topic: TopicInfo, outOfSync: number[]): void {
  const node = topicNode('svc', 'svc', topic);
  const warned = node.children.filter((c) => c.icon === 'warning').map((c) => Number(/Partition (\d+)/.exec(c.label)?.[1]));
  assert.deepStrictEqual(warned, outOfSync);
  if (outOfSync.length > 0) {
    assert.strictEqual(node.icon, 'warning');
    assert.match(node.description ?? '', new RegExp(`${outOfSync.length} under-replicated`));
  } else {
    assert.notStrictEqual(node.icon, 'warning');
  }
}
