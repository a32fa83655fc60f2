// The Kafka access layer (src/kafka) against the real broker: peeks, produce round trips,
// inventory and the errors a user sees.

import * as assert from 'assert';
import * as net from 'net';
import { probeKafkaBroker } from '../../src/kafka/brokerProbe';
import { connectCluster } from '../../src/kafka/connect';
import { DISPLAY_LIMIT } from '../../src/kafka/decode';
import { newerThan, olderThan } from '../../src/kafka/peek';
import { KafkaAccessError, KafkaCluster } from '../../src/kafka/types';
import { testBrokers } from '../harness/kafkaBroker';
import { expectAccessError, NO_DUPLICATES, testKafka, uniqueName } from './helpers';

/** Messages i = 0…count-1 to partition i % partitions, timestamp t0 + i, so "newest" is exact. */
async function fillTopic(topic: string, count: number, partitions: number, t0: number): Promise<void> {
  const producer = testKafka().producer(NO_DUPLICATES);
  await producer.connect();
  try {
    for (let from = 0; from < count; from += 2_000) {
      const messages = [];
      for (let i = from; i < Math.min(count, from + 2_000); i++) {
        messages.push({ partition: i % partitions, key: `k${i}`, value: JSON.stringify({ i }), timestamp: String(t0 + i) });
      }
      await producer.send({ topic, messages });
    }
  } finally {
    await producer.disconnect();
  }
}

describe('Kafka access layer', function () {
  this.timeout(120_000);
  let cluster: KafkaCluster;
  const t0 = Date.now() - 30 * 60_000;
  const big = uniqueName('access-10k');

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers(), clientId: 'upsun-kafka-tests' });
    await cluster.createTopic({ topic: big, partitions: 3, replicationFactor: 1 });
    await fillTopic(big, 10_000, 3, t0);
  });

  after(async () => {
    await cluster?.disconnect();
  });

  describe('peek', () => {
    it('returns exactly the newest N messages of a 3-partition topic holding 10,000, newest first', async () => {
      const got = await cluster.peek({ topic: big, limit: 50 });
      const want = Array.from({ length: 50 }, (_, k) => 9_999 - k).map((i) => ({
        partition: i % 3,
        offset: String(Math.floor(i / 3)),
        key: `k${i}`,
        value: JSON.stringify({ i }, null, 2),
        timestamp: new Date(t0 + i).toISOString(),
      }));
      assert.deepStrictEqual(
        got.map((m) => ({ partition: m.partition, offset: m.offset, key: m.key?.text, value: m.value?.text, timestamp: m.timestamp })),
        want,
      );
      assert.ok(got.every((m) => m.value?.kind === 'json' && m.key?.kind === 'text'));
    });

    it('loads older messages below the ones shown, without repeats', async () => {
      const first = await cluster.peek({ topic: big, limit: 30 });
      const older = await cluster.peek(olderThan({ topic: big, limit: 30 }, first));
      assert.deepStrictEqual(
        older.map((m) => m.key?.text),
        Array.from({ length: 30 }, (_, k) => `k${9_969 - k}`),
      );
    });

    it('follows a topic: each call returns only what arrived since the last one', async () => {
      const topic = uniqueName('access-follow');
      await cluster.createTopic({ topic, partitions: 3, replicationFactor: 1 });
      await cluster.produceMany(topic, [{ value: 'old', partition: 0 }]);
      const start = Object.fromEntries((await cluster.describeTopic(topic)).partitions.map((p) => [p.partition, p.lastStable]));
      let request = newerThan({ topic, limit: 50 }, [], start);
      assert.deepStrictEqual(await cluster.peek(request), []);

      await cluster.produceMany(topic, [{ value: 'new-1', partition: 1 }, { value: 'new-2', partition: 2 }]);
      const first = await cluster.peek(request);
      assert.deepStrictEqual(first.map((m) => m.value?.text).sort(), ['new-1', 'new-2']);
      request = newerThan(request, first);
      await cluster.produceMany(topic, [{ value: 'new-3', partition: 1 }]);
      assert.deepStrictEqual((await cluster.peek(request)).map((m) => m.value?.text), ['new-3']);
    });

    it('peeks one partition, from an offset, and from a timestamp', async () => {
      const partition = await cluster.peek({ topic: big, limit: 5, partition: 1 });
      assert.deepStrictEqual(partition.map((m) => [m.partition, m.offset]), [3332, 3331, 3330, 3329, 3328].map((o) => [1, String(o)]));

      const fromOffset = await cluster.peek({ topic: big, limit: 4, partition: 2, fromOffset: '100' });
      assert.deepStrictEqual(fromOffset.map((m) => m.offset), ['103', '102', '101', '100']);

      // Message i has timestamp t0 + i: from t0 + 5000, the first 6 are i = 5000…5005.
      const fromTime = await cluster.peek({ topic: big, limit: 6, fromTimestamp: t0 + 5_000 });
      assert.deepStrictEqual(fromTime.map((m) => m.key?.text), ['k5005', 'k5004', 'k5003', 'k5002', 'k5001', 'k5000']);

      const afterEnd = await cluster.peek({ topic: big, limit: 6, fromTimestamp: Date.now() });
      assert.deepStrictEqual(afterEnd, []);
    });

    it('says which partitions exist when asked for another, and refuses a bad offset', async () => {
      await assert.rejects(cluster.peek({ topic: big, limit: 5, partition: 7 }), expectAccessError('invalid-request', /no partition 7 \(partitions 0 to 2\)/));
      await assert.rejects(cluster.peek({ topic: big, limit: 5, fromOffset: 'ten' }), expectAccessError('invalid-request', /"ten" is not an offset/));
    });

    it('names an unknown topic, and works normally right after', async () => {
      const missing = uniqueName('access-missing');
      await assert.rejects(cluster.peek({ topic: missing, limit: 5 }), expectAccessError('unknown-topic', new RegExp(`topic "${missing}" does not exist`)));
      await assert.rejects(cluster.produce({ topic: missing, value: 'x' }), expectAccessError('unknown-topic', /does not exist.*create the topic first/));
      assert.strictEqual((await cluster.peek({ topic: big, limit: 2 })).length, 2);
    });

    it('leaves no consumer group and no committed offset behind', async () => {
      const admin = testKafka().admin();
      await admin.connect();
      try {
        const groupsBefore = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
        await cluster.peek({ topic: big, limit: 100 });
        await cluster.peek({ topic: big, limit: 10, partition: 0, fromOffset: '0' });
        const groupsAfter = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
        assert.deepStrictEqual(groupsAfter, groupsBefore);
        assert.ok(!groupsAfter.some((g) => g.includes('upsun')), `a group of ours is listed: ${groupsAfter.join(', ')}`);
      } finally {
        await admin.disconnect();
      }
    });

    it('stops when the AbortSignal fires', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(cluster.peek({ topic: big, limit: 5 }, controller.signal), expectAccessError('cancelled', /cancelled/));
    });
  });

  describe('produce', () => {
    it('sends and reads headers in the order given: repeated keys apart, null and binary values', async () => {
      const topic = uniqueName('access-headers');
      await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
      const deadLetter = Buffer.from([0, 0, 0, 3]);
      const headers = [
        { key: 'a', value: '1' },
        { key: 'b', value: deadLetter },
        { key: 'a', value: '3' },
        { key: '2', value: null },
        { key: '1', value: 'x' },
      ];
      // One message kafkajs sends as given, around one it could not: offsets stay in order.
      const sent = await cluster.produceMany(topic, [{ value: 'plain', headers: [{ key: 'k', value: 'v' }] }, { value: 'odd', headers }, { value: 'plain again' }]);
      assert.deepStrictEqual(sent.map((r) => r.offset), ['0', '1', '2']);
      const [odd] = (await cluster.peek({ topic, limit: 3 })).filter((m) => m.value?.text === 'odd');
      assert.deepStrictEqual(
        odd.headers.map((h) => [h.key, h.value?.kind ?? null, h.value?.text ?? null]),
        [['a', 'text', '1'], ['b', 'binary', '00 00 00 03'], ['a', 'text', '3'], ['2', null, null], ['1', 'text', 'x']],
      );
    });

    it('round-trips key, headers, binary and 1 MB values through produce and peek', async () => {
      const topic = uniqueName('access-roundtrip');
      await cluster.createTopic({ topic, partitions: 2, replicationFactor: 1, config: { 'max.message.bytes': String(3 * 1024 * 1024) } });
      const binary = Buffer.from([0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff, 0x1b]);
      const huge = Buffer.alloc(1024 * 1024, 'x');
      huge.write('{"big":"', 0);
      const sent = [
        await cluster.produce({ topic, key: 'order-1', value: '{"id":1,"ok":true}', headers: [{ key: 'source', value: 'test' }, { key: 'trace', value: 'a' }, { key: 'trace', value: 'b' }], partition: 1 }),
        await cluster.produce({ topic, key: Buffer.from([0xff, 0x00]), value: binary, partition: 0 }),
        await cluster.produce({ topic, value: huge, partition: 0 }),
        await cluster.produce({ topic, key: null, value: null, partition: 1 }),
      ];
      assert.deepStrictEqual(sent.map((r) => [r.partition, r.offset]), [[1, '0'], [0, '0'], [0, '1'], [1, '1']]);

      const got = await cluster.peek({ topic, limit: 10 });
      const byPlace = new Map(got.map((m) => [`${m.partition}:${m.offset}`, m]));
      const json = byPlace.get('1:0')!;
      assert.deepStrictEqual(json.key, { kind: 'text', text: 'order-1', size: 7, truncated: false, base64: Buffer.from('order-1').toString('base64') });
      assert.deepStrictEqual(json.value?.kind, 'json');
      assert.strictEqual(json.value?.text, '{\n  "id": 1,\n  "ok": true\n}');
      assert.deepStrictEqual(json.headers.map((h) => [h.key, h.value?.text]), [['source', 'test'], ['trace', 'a'], ['trace', 'b']]);

      const bin = byPlace.get('0:0')!;
      assert.deepStrictEqual({ kind: bin.value?.kind, text: bin.value?.text, base64: bin.value?.base64 }, { kind: 'binary', text: '00 01 7f 80 fe ff 1b', base64: binary.toString('base64') });
      assert.deepStrictEqual({ kind: bin.key?.kind, text: bin.key?.text }, { kind: 'binary', text: 'ff 00' });

      const large = byPlace.get('0:1')!;
      assert.strictEqual(large.value?.kind, 'text');
      assert.strictEqual(large.value?.size, huge.length);
      assert.strictEqual(large.value?.truncated, true);
      assert.strictEqual(large.value?.text.length, DISPLAY_LIMIT);
      assert.ok(Buffer.from(large.value.base64, 'base64').equals(huge), 'the 1 MB value did not come back whole in base64');

      const empty = byPlace.get('1:1')!;
      assert.deepStrictEqual({ key: empty.key, value: empty.value }, { key: null, value: null });
    });

    it('sends many messages at once and reports where each went, in order', async () => {
      const topic = uniqueName('access-many');
      await cluster.createTopic({ topic, partitions: 3, replicationFactor: 1 });
      const results = await cluster.produceMany(topic, Array.from({ length: 3_000 }, (_, i) => ({ key: `user-${i % 7}`, value: `line ${i}` })));
      assert.strictEqual(results.length, 3_000);
      // The same key always lands on the same partition, and offsets count up per partition.
      const partitionOfKey = new Map<string, number>();
      const nextOffset = new Map<number, number>();
      results.forEach((r, i) => {
        const key = `user-${i % 7}`;
        assert.strictEqual(partitionOfKey.get(key) ?? r.partition, r.partition);
        partitionOfKey.set(key, r.partition);
        assert.strictEqual(r.offset, String(nextOffset.get(r.partition) ?? 0));
        nextOffset.set(r.partition, (nextOffset.get(r.partition) ?? 0) + 1);
      });
      const [last] = await cluster.peek({ topic, limit: 1, partition: results[2_999].partition });
      assert.deepStrictEqual([last.offset, last.value?.text], [results[2_999].offset, 'line 2999']);
    });

    it('refuses a partition the topic does not have', async () => {
      await assert.rejects(cluster.produce({ topic: big, value: 'x', partition: 3 }), expectAccessError('invalid-request', /no partition 3/));
    });
  });

  describe('topics and consumer groups', () => {
    it('lists topics with partitions, watermarks and message counts, and describes one', async () => {
      const topic = uniqueName('access-list');
      await cluster.createTopic({ topic, partitions: 2, replicationFactor: 1 });
      await cluster.produceMany(topic, [{ value: 'a', partition: 0 }, { value: 'b', partition: 0 }, { value: 'c', partition: 1 }]);
      const listed = (await cluster.listTopics()).find((t) => t.name === topic);
      assert.ok(listed, 'the new topic is not listed');
      assert.deepStrictEqual(
        { internal: listed.internal, count: listed.messageCount, partitions: listed.partitions.map((p) => [p.partition, p.low, p.high, p.replicas.length]) },
        { internal: false, count: '3', partitions: [[0, '0', '2', 1], [1, '0', '1', 1]] },
      );
      assert.deepStrictEqual(await cluster.describeTopic(topic), listed);

      await cluster.deleteTopic(topic);
      await assert.rejects(cluster.describeTopic(topic), expectAccessError('unknown-topic', /does not exist/));
      assert.strictEqual((await cluster.peek({ topic: big, limit: 1 })).length, 1, 'the cluster object broke after a topic went away');
    });

    it('lists consumer groups with state, members and lag per topic', async () => {
      const groupId = uniqueName('access-group');
      const admin = testKafka().admin();
      await admin.connect();
      try {
        // Committed offsets 100 of 3334 on partition 0 and 3333 of 3333 on partition 1.
        await admin.setOffsets({ groupId, topic: big, partitions: [{ partition: 0, offset: '100' }, { partition: 1, offset: '3333' }] });
        const group = (await cluster.listConsumerGroups()).find((g) => g.groupId === groupId);
        // The age of the oldest unconsumed message (offset 100 of partition 0) depends on when it was written: checked in groups.test.ts.
        const age = group?.lag[0]?.timeLagMs;
        assert.ok(typeof age === 'number' && age >= 0, `no lag in time: ${age}`);
        const oldest = group?.lag[0]?.partitions[0]?.oldestUnconsumed;
        assert.strictEqual(oldest?.offset, '100');
        assert.deepStrictEqual(group, {
          groupId,
          type: 'classic',
          state: 'Empty',
          members: 0,
          memberList: [],
          assignor: null,
          lag: [{
            topic: big,
            lag: String(3334 - 100),
            timeLagMs: age,
            partitions: [
              { partition: 0, committed: '100', high: '3334', lastStable: '3334', lag: String(3334 - 100), timeLagMs: age, oldestUnconsumed: oldest },
              { partition: 1, committed: '3333', high: '3333', lastStable: '3333', lag: '0', timeLagMs: null, oldestUnconsumed: null },
            ],
          }],
        });
        // The group's offsets live in __consumer_offsets, which exists by now: internal, listed on request only.
        assert.ok(!(await cluster.listTopics()).some((t) => t.name === '__consumer_offsets'));
        assert.ok((await cluster.listTopics({ includeInternal: true })).some((t) => t.name === '__consumer_offsets' && t.internal));
      } finally {
        await admin.deleteGroups([groupId]).catch(() => undefined);
        await admin.disconnect();
      }
    });

    it('refuses to create a topic twice', async () => {
      await assert.rejects(cluster.createTopic({ topic: big, partitions: 1, replicationFactor: 1 }), expectAccessError('invalid-request', /already exists/));
    });
  });

  describe('connecting', () => {
    it('names a refused connection and an unknown host, with what to try', async () => {
      await assert.rejects(connectCluster({ brokers: ['127.0.0.1:1'], timeoutMs: 3_000 }), expectAccessError('refused', /nothing accepts connections at 127\.0\.0\.1:1\. Check that the broker runs/));
      await assert.rejects(connectCluster({ brokers: ['kafka.example.invalid:9092'], timeoutMs: 5_000 }), expectAccessError('unreachable', /kafka\.example\.invalid cannot be resolved/));
    });

    it('gives up after the connect timeout on a server that accepts but never answers', async () => {
      const silent = net.createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as net.AddressInfo;
      const started = Date.now();
      try {
        await assert.rejects(connectCluster({ brokers: [`127.0.0.1:${port}`], timeoutMs: 1_500 }), expectAccessError('timeout', /did not answer within 1\.5 s/));
        const took = Date.now() - started;
        assert.ok(took >= 1_400 && took < 5_000, `took ${took} ms`);
      } finally {
        silent.close();
      }
    });

    it('names a TLS handshake failure', async () => {
      // The test broker speaks plain Kafka; a TLS client sees no handshake.
      await assert.rejects(connectCluster({ brokers: testBrokers(), ssl: true, timeoutMs: 3_000 }), (error: unknown) => {
        assert.ok(error instanceof KafkaAccessError);
        assert.ok(['tls', 'timeout'].includes(error.cause_), `${error.cause_}: ${error.message}`);
        return true;
      });
    });
  });
});

// The check a tunnel must pass before use (src/upsun/tunnel.ts): run against every version in
// KAFKA_TEST_VERSIONS, since it sends ApiVersions v0 and reads the answer byte by byte.
describe('the tunnel check: ApiVersions v0', () => {
  it('gets a well-formed ApiVersions answer from this broker', async () => {
    const address = testBrokers()[0];
    const probe = await probeKafkaBroker(address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1)), 10_000);
    assert.strictEqual(probe.answer, 'kafka', JSON.stringify(probe));
    // A broker lists every request type it serves: dozens (Produce, Fetch, Metadata, …).
    console.log(`      this broker lists ${probe.apiKeys} request types`);
    assert.ok(probe.apiKeys >= 40, `${probe.apiKeys} request types`);
  });
});
