// kafkajs straight against the real broker: every call the Kafka access layer will build on.
// kafkajs' last release (2.2.4, 2023) predates Kafka 4, which dropped old protocol versions
// (KIP-896); these tests are where a call it can no longer make would show.

import * as assert from 'assert';
import { Admin, CompressionTypes, Consumer, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { eventually } from '../harness/eventually';
import { NO_DUPLICATES, testKafka, uniqueName } from './helpers';
import { createTopicsWithLeaders } from '../harness/topics';

interface Received {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, string>;
}

function headersAsText(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));
}

function received(partition: number, message: KafkaMessage): Received {
  return { partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value, headers: headersAsText(message.headers) };
}

/** Runs `consumer` from the beginning of `topic` until `count` messages have arrived. */
async function consume(consumer: Consumer, topic: string, count: number, options: { commit?: boolean } = {}): Promise<Received[]> {
  const messages: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  // A crash (e.g. a protocol version the broker refuses) rejects at once instead of timing out.
  const crashed = new Promise<never>((_, reject) => {
    consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
  });
  crashed.catch(() => undefined);
  let done: () => void = () => undefined;
  const allIn = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      messages.push(received(partition, message));
      if (options.commit) {
        await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      }
      if (messages.length >= count) done();
    },
  });
  await Promise.race([allIn, crashed]);
  return messages;
}

// disconnect() waits for the fetch in flight; kafkajs' default long poll of 5 s would make each
// consumer test wait that long for nothing.
const SHORT_POLL_MS = 500;

const byPartitionAndOffset = (a: Received, b: Received) => a.partition - b.partition || Number(a.offset) - Number(b.offset);

describe('kafkajs against the real broker', () => {
  let kafka: Kafka;
  let admin: Admin;
  const topics: string[] = [];

  async function createTopic(prefix: string, numPartitions = 3): Promise<string> {
    const topic = uniqueName(prefix);
    const created = await createTopicsWithLeaders(admin, [{ topic, numPartitions, replicationFactor: 1 }]);
    assert.strictEqual(created, true, `createTopics(${topic}) reported the topic as already there`);
    topics.push(topic);
    return topic;
  }

  before(async () => {
    kafka = testKafka();
    admin = kafka.admin();
    await admin.connect();
  });

  after(async () => {
    if (!admin) return;
    const existing = new Set(await admin.listTopics());
    const left = topics.filter((t) => existing.has(t));
    if (left.length > 0) await admin.deleteTopics({ topics: left });
    await admin.disconnect();
  });

  describe('cluster and topic admin', () => {
    it('describes the one-node cluster', async () => {
      const cluster = await admin.describeCluster();
      assert.strictEqual(cluster.brokers.length, 1);
      assert.strictEqual(cluster.controller, cluster.brokers[0].nodeId);
      assert.match(cluster.clusterId, /^[\w-]{22}$/);
    });

    it('creates a topic with 3 partitions, lists and describes it, then deletes it', async () => {
      const topic = await createTopic('smoke-admin');
      assert.ok((await admin.listTopics()).includes(topic), 'listTopics does not show the new topic');

      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      assert.deepStrictEqual(metadata.topics.map((t) => t.name), [topic]);
      const { nodeId } = (await admin.describeCluster()).brokers[0];
      const partitions = [...metadata.topics[0].partitions].sort((a, b) => a.partitionId - b.partitionId);
      assert.deepStrictEqual(
        partitions.map((p) => ({ id: p.partitionId, error: p.partitionErrorCode, leader: p.leader, replicas: p.replicas, isr: p.isr })),
        [0, 1, 2].map((id) => ({ id, error: 0, leader: nodeId, replicas: [nodeId], isr: [nodeId] })),
      );

      await admin.deleteTopics({ topics: [topic] });
      await eventually('the deleted topic to leave listTopics', async () => ((await admin.listTopics()).includes(topic) ? undefined : true));
    });

    it('reports an existing topic instead of creating it twice', async () => {
      const topic = await createTopic('smoke-twice', 1);
      assert.strictEqual(await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }] }), false);
    });

    it('does not create topics on demand: a missing topic is an error', async () => {
      // auto.create.topics.enable=false on the test broker, as a typo should not make a topic.
      const impatient = testKafka({ retry: { retries: 0 } }).admin();
      await impatient.connect();
      try {
        const missing = uniqueName('smoke-missing');
        await assert.rejects(impatient.fetchTopicMetadata({ topics: [missing] }), /does not host this topic-partition/);
        assert.ok(!(await admin.listTopics()).includes(missing));
      } finally {
        await impatient.disconnect();
      }
    });
  });

  describe('produce and fetch', () => {
    it('reads back exactly what was produced with keys, headers and gzip to chosen partitions', async () => {
      const topic = await createTopic('smoke-produce');
      const binary = Buffer.from([0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff]);
      const sent = [0, 1, 2].flatMap((partition) => [
        { partition, key: `key-${partition}-a`, value: JSON.stringify({ partition, n: 1 }), headers: { source: 'smoke', seq: '1' } },
        { partition, key: `key-${partition}-b`, value: binary, headers: { source: 'smoke', seq: '2', 'content-type': 'application/octet-stream' } },
      ]);
      const producer = kafka.producer({ ...NO_DUPLICATES, allowAutoTopicCreation: false });
      await producer.connect();
      try {
        const metadata = await producer.send({ topic, compression: CompressionTypes.GZIP, messages: sent });
        assert.deepStrictEqual(
          metadata.map((m) => ({ partition: m.partition, errorCode: m.errorCode, baseOffset: m.baseOffset })).sort((a, b) => a.partition - b.partition),
          [0, 1, 2].map((partition) => ({ partition, errorCode: 0, baseOffset: '0' })),
        );
      } finally {
        await producer.disconnect();
      }

      const consumer = kafka.consumer({ groupId: uniqueName('smoke-produce-group'), maxWaitTimeInMs: SHORT_POLL_MS });
      try {
        const got = (await consume(consumer, topic, sent.length)).sort(byPartitionAndOffset);
        assert.deepStrictEqual(
          got,
          sent.map((m, i) => ({
            partition: m.partition,
            offset: String(i % 2),
            key: m.key,
            value: Buffer.isBuffer(m.value) ? m.value : Buffer.from(m.value),
            headers: m.headers,
          })),
        );
      } finally {
        await consumer.disconnect();
      }
    });
  });

  describe('offsets', () => {
    it('reports high and low watermarks that match what was produced, and a moved low watermark', async () => {
      const topic = await createTopic('smoke-offsets');
      const producer = kafka.producer(NO_DUPLICATES);
      await producer.connect();
      try {
        await producer.send({
          topic,
          messages: [
            ...['a', 'b', 'c'].map((value) => ({ partition: 0, value })),
            { partition: 1, value: 'd' },
          ],
        });
      } finally {
        await producer.disconnect();
      }
      const watermarks = async () =>
        (await admin.fetchTopicOffsets(topic)).map(({ partition, low, high, offset }) => ({ partition, low, high, offset })).sort((a, b) => a.partition - b.partition);
      assert.deepStrictEqual(await watermarks(), [
        { partition: 0, low: '0', high: '3', offset: '3' },
        { partition: 1, low: '0', high: '1', offset: '1' },
        { partition: 2, low: '0', high: '0', offset: '0' },
      ]);

      // What a peek must cope with: retention or DeleteRecords moves the low watermark up.
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '2' }] });
      assert.deepStrictEqual((await watermarks())[0], { partition: 0, low: '2', high: '3', offset: '3' });
    });

    it('finds the first offset at or after a timestamp', async () => {
      const topic = await createTopic('smoke-time', 1);
      // In the past: Kafka 4 refuses timestamps more than an hour ahead (log.message.timestamp.after.max.ms).
      const t0 = Date.now() - 10 * 60_000;
      const producer = kafka.producer(NO_DUPLICATES);
      await producer.connect();
      try {
        await producer.send({ topic, messages: [0, 1, 2].map((i) => ({ value: `m${i}`, timestamp: String(t0 + i * 1_000) })) });
      } finally {
        await producer.disconnect();
      }
      const offsetAt = async (timestamp: number) => (await admin.fetchTopicOffsetsByTimestamp(topic, timestamp)).map((o) => o.offset);
      assert.deepStrictEqual(await offsetAt(t0 - 60_000), ['0']);
      assert.deepStrictEqual(await offsetAt(t0 + 500), ['1']);
      assert.deepStrictEqual(await offsetAt(t0 + 2_000), ['2']);
      // Later than every message: the broker answers -1 and kafkajs gives the high watermark.
      assert.deepStrictEqual(await offsetAt(Date.now()), ['3']);
    });
  });

  describe('consumer groups', () => {
    it('commits offsets, then lists, describes, fetches the offsets of and deletes the group', async () => {
      const topic = await createTopic('smoke-groups');
      const groupId = uniqueName('smoke-group');
      const producer = kafka.producer(NO_DUPLICATES);
      await producer.connect();
      try {
        await producer.send({ topic, messages: [0, 0, 0, 1, 1].map((partition, i) => ({ partition, value: `v${i}` })) });
      } finally {
        await producer.disconnect();
      }

      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: SHORT_POLL_MS });
      try {
        await consume(consumer, topic, 5, { commit: true });

        const listed = (await admin.listGroups()).groups.find((g) => g.groupId === groupId);
        assert.deepStrictEqual(listed, { groupId, protocolType: 'consumer' });

        const [active] = (await admin.describeGroups([groupId])).groups;
        assert.strictEqual(active.groupId, groupId);
        assert.strictEqual(active.state, 'Stable');
        assert.strictEqual(active.protocolType, 'consumer');
        assert.strictEqual(active.members.length, 1);
        assert.strictEqual(active.members[0].clientId, 'upsun-kafka-tests');
      } finally {
        await consumer.disconnect();
      }

      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      assert.strictEqual(offsets.topic, topic);
      assert.deepStrictEqual(
        offsets.partitions.map(({ partition, offset }) => ({ partition, offset })).sort((a, b) => a.partition - b.partition),
        [
          { partition: 0, offset: '3' },
          { partition: 1, offset: '2' },
          { partition: 2, offset: '-1' },
        ],
      );

      assert.strictEqual((await admin.describeGroups([groupId])).groups[0].state, 'Empty');
      const [deleted] = await admin.deleteGroups([groupId]);
      assert.deepStrictEqual({ groupId: deleted.groupId, errorCode: deleted.errorCode }, { groupId, errorCode: 0 });
      assert.ok(!(await admin.listGroups()).groups.some((g) => g.groupId === groupId), 'listGroups still shows the deleted group');
      assert.strictEqual((await admin.describeGroups([groupId])).groups[0].state, 'Dead');
    });
  });
});
