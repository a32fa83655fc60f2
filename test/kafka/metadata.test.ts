// One long-lived connection while topics come and go around it: created, deleted, recreated
// and given more partitions by another client, as on a shared cluster. What the cluster holds
// is checked with kafkajs' own admin client, not with ours.

import * as assert from 'assert';
import * as net from 'net';
import { connectCluster } from '../../src/kafka/connect';
import { newerThan } from '../../src/kafka/peek';
import { KafkaAccessError, KafkaCluster } from '../../src/kafka/types';
import { eventually } from '../harness/eventually';
import { testBrokers } from '../harness/kafkaBroker';
import { testKafka, uniqueName } from './helpers';
import { createTopicsWithLeaders } from '../harness/topics';

type TestAdmin = ReturnType<ReturnType<typeof testKafka>['admin']>;

/** Partition count of `topic` as kafkajs' admin sees it, or 0 when the topic does not exist. */
async function partitionsSeenBy(admin: TestAdmin, topic: string): Promise<number> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [] });
  return topics.find((t) => t.name === topic)?.partitions.length ?? 0;
}

/** Deletes `topic` with kafkajs' admin and waits until the broker no longer lists it. */
async function deleteElsewhere(admin: TestAdmin, topic: string): Promise<void> {
  await admin.deleteTopics({ topics: [topic] });
  await eventually(`topic ${topic} to be gone`, async () => ((await admin.listTopics()).includes(topic) ? undefined : true));
}

describe('a long-lived connection while topics change around it', function () {
  this.timeout(120_000);
  let cluster: KafkaCluster;
  let admin: TestAdmin;

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers(), clientId: 'upsun-kafka-tests' });
    admin = testKafka().admin();
    await admin.connect();
  });

  after(async () => {
    await cluster?.disconnect();
    await admin?.disconnect();
  });

  it('stops listing a topic deleted elsewhere, and lists, peeks and produces as before', async () => {
    const doomed = uniqueName('meta-doomed');
    const next = uniqueName('meta-next');
    await cluster.createTopic({ topic: doomed, partitions: 2, replicationFactor: 1 });
    // Every kind of call touches the topic once, so any client of ours has it in its metadata.
    await cluster.produce({ topic: doomed, value: 'x', partition: 1 });
    await cluster.peek({ topic: doomed, limit: 1 });
    assert.ok((await cluster.listTopics()).some((t) => t.name === doomed));
    const groupId = uniqueName('meta-group');
    await admin.setOffsets({ groupId, topic: doomed, partitions: [{ partition: 0, offset: '0' }, { partition: 1, offset: '0' }] });
    assert.ok((await cluster.listConsumerGroups()).some((g) => g.groupId === groupId));

    await deleteElsewhere(admin, doomed);
    await createTopicsWithLeaders(admin, [{ topic: next, numPartitions: 1 }]);

    const listed = (await cluster.listTopics()).map((t) => t.name);
    assert.ok(listed.includes(next), `${next} is not listed`);
    assert.ok(!listed.includes(doomed), `${doomed} is still listed`);
    // Kafka 3.x drops an empty group whose only topic went away; 4.x keeps it, without offsets.
    const groupKept = (await admin.listGroups()).groups.some((g) => g.groupId === groupId);
    const group = (await cluster.listConsumerGroups()).find((g) => g.groupId === groupId);
    assert.deepStrictEqual(group?.lag, groupKept ? [] : undefined, 'the group differs from what kafkajs\' admin lists, or has lag on a topic that is gone');
    assert.deepStrictEqual(await cluster.produce({ topic: next, value: 'after' }), { topic: next, partition: 0, offset: '0' });
    assert.deepStrictEqual((await cluster.peek({ topic: next, limit: 5 })).map((m) => m.value?.text), ['after']);
    await assert.rejects(cluster.describeTopic(doomed), (e: unknown) => e instanceof KafkaAccessError && e.cause_ === 'unknown-topic');
    if (groupKept) await admin.deleteGroups([groupId]);
  });

  it('never fails a listing because a topic was created a moment ago', async () => {
    const created: string[] = [];
    for (let i = 0; i < 8; i++) {
      const topic = uniqueName(`meta-new${i}`);
      created.push(topic);
      // Without waiting for leaders: the listing runs while the brokers are still taking it on.
      await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: false });
      const [topics] = await Promise.all([cluster.listTopics(), cluster.listConsumerGroups()]);
      const listed = topics.find((t) => t.name === topic);
      if (listed) assert.strictEqual(listed.partitions.length, 3);
    }
    const listed = await eventually('every new topic to be listed', async () => {
      const names = new Set((await cluster.listTopics()).map((t) => t.name));
      return created.every((t) => names.has(t)) ? names : undefined;
    });
    assert.strictEqual(created.filter((t) => listed.has(t)).length, created.length);
  });

  it('sees the new partitions of a topic given more partitions, or deleted and created again', async () => {
    const grown = uniqueName('meta-grown');
    await cluster.createTopic({ topic: grown, partitions: 1, replicationFactor: 1 });
    await cluster.produce({ topic: grown, value: 'p0' });
    assert.strictEqual((await cluster.describeTopic(grown)).partitions.length, 1);
    await admin.createPartitions({ topicPartitions: [{ topic: grown, count: 4 }] });
    await eventually('4 partitions', async () => ((await partitionsSeenBy(admin, grown)) === 4 ? true : undefined));
    assert.deepStrictEqual(await cluster.produce({ topic: grown, value: 'p3', partition: 3 }), { topic: grown, partition: 3, offset: '0' });
    assert.deepStrictEqual((await cluster.peek({ topic: grown, limit: 5, partition: 3 })).map((m) => m.value?.text), ['p3']);
    assert.strictEqual((await cluster.describeTopic(grown)).partitions.length, 4);

    const reborn = uniqueName('meta-reborn');
    await cluster.createTopic({ topic: reborn, partitions: 1, replicationFactor: 1 });
    await cluster.produce({ topic: reborn, value: 'first life' });
    await cluster.peek({ topic: reborn, limit: 1 });
    await deleteElsewhere(admin, reborn);
    await createTopicsWithLeaders(admin, [{ topic: reborn, numPartitions: 4 }]);
    await eventually('4 partitions', async () => ((await partitionsSeenBy(admin, reborn)) === 4 ? true : undefined));
    assert.deepStrictEqual(await cluster.produce({ topic: reborn, value: 'second life', partition: 3 }), { topic: reborn, partition: 3, offset: '0' });
    assert.deepStrictEqual((await cluster.peek({ topic: reborn, limit: 5 })).map((m) => m.value?.text), ['second life']);
    assert.deepStrictEqual((await cluster.listTopics()).find((t) => t.name === reborn)?.partitions.map((p) => p.partition), [0, 1, 2, 3]);
  });
});

describe('one failed call leaves the connection to the others', function () {
  this.timeout(120_000);
  let proxy: net.Server;
  let accepted = 0;
  let cluster: KafkaCluster;

  before(async () => {
    // Every connection of ours passes through here, so the test can count them.
    const [host, port] = testBrokers()[0].split(':');
    proxy = net.createServer((client) => {
      accepted++;
      const upstream = net.connect({ host, port: Number(port) });
      client.pipe(upstream).pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const via = `127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    cluster = await connectCluster({ brokers: [via], addressMap: { '*': via }, clientId: 'upsun-kafka-tests' });
  });

  after(async () => {
    await cluster?.disconnect();
    proxy?.close();
  });

  it('a peek at a misspelled topic fails alone: a follow on the same connection goes on, on the same sockets', async () => {
    const topic = uniqueName('iso-follow');
    await cluster.createTopic({ topic, partitions: 2, replicationFactor: 1 });
    await cluster.produce({ topic, value: 'warm-up' });
    await cluster.peek({ topic, limit: 1 });
    await cluster.listConsumerGroups();
    const start = Object.fromEntries((await cluster.describeTopic(topic)).partitions.map((p) => [p.partition, p.lastStable]));
    const connections = accepted;

    let request = newerThan({ topic, limit: 50 }, [], start);
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      await cluster.produce({ topic, value: `m${i}`, partition: i % 2 });
      // The follow's next read and a mistaken one, at the same time on the same connection.
      const [follow, missing, unknownProduce] = await Promise.allSettled([
        cluster.peek(request),
        cluster.peek({ topic: `${topic}-typo`, limit: 5 }),
        cluster.produce({ topic: `${topic}-typo`, value: 'x' }),
      ]);
      assert.strictEqual(follow.status, 'fulfilled', follow.status === 'rejected' ? String(follow.reason) : '');
      for (const failed of [missing, unknownProduce]) {
        assert.ok(failed.status === 'rejected' && failed.reason instanceof KafkaAccessError && failed.reason.cause_ === 'unknown-topic', String((failed as PromiseRejectedResult).reason));
      }
      const got = follow.value;
      seen.push(...got.map((m) => m.value!.text));
      request = newerThan(request, got);
    }
    await eventually('every followed message', async () => {
      const got = await cluster.peek(request);
      seen.push(...got.map((m) => m.value!.text));
      request = newerThan(request, got);
      return seen.length >= 6 ? true : undefined;
    });
    assert.deepStrictEqual([...seen].sort(), ['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    assert.strictEqual(accepted, connections, 'the failed calls made the clients connect again');
  });
});
