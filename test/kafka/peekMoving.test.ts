// Data that moves under a peek: while delete-records (as retention does) advances a partition's
// low watermark, a peek from an offset that has just gone reads the new start and goes on. And a
// topic that changes between two peeks of one connected cluster (more partitions, deleted and
// created again with fewer or as many, deleted for good) is peeked as it is now, although the
// first peek left its partitions and leaders cached (src/kafka/peekRouting.ts): the answer is
// what Kafka's Java consumer reads at read_committed.

import * as assert from 'assert';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaCluster } from '../../src/kafka/types';
import { eventually } from '../harness/eventually';
import { testBrokers } from '../harness/kafkaBroker';
import { expectAccessError, testKafka, uniqueName } from './helpers';
import { asSeen, expectedPeek, javaReadCommitted } from './javaClient';

const MESSAGES = 4_000;
const STEP = 100;
const TRIES = 30;

describe('peek while the low watermark moves', function () {
  this.timeout(180_000);
  let cluster: KafkaCluster;

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers() });
  });

  after(async () => {
    await cluster?.disconnect();
  });

  it('reads on from the new start when records are deleted during the peek', async () => {
    const topic = uniqueName('moving');
    await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
    await cluster.produceMany(topic, Array.from({ length: MESSAGES }, (_, i) => ({ value: `m${i}`, partition: 0 })));
    const admin = testKafka().admin();
    await admin.connect();
    try {
      await admin.fetchTopicMetadata({ topics: [topic] });
      for (let i = 0; i < TRIES; i++) {
        const low = i * STEP;
        // The peek starts where the data is now; the deletion moves the start past it meanwhile.
        const [peeked] = await Promise.all([
          cluster.peek({ topic, partition: 0, fromOffset: String(low), limit: STEP * 2 }),
          admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: String(low + STEP) }] }),
        ]);
        const offsets = peeked.map((m) => Number(m.offset)).sort((a, b) => a - b);
        assert.strictEqual(offsets.length, STEP * 2, `try ${i}`);
        assert.ok(offsets[0] === low || offsets[0] === low + STEP, `try ${i} started at ${offsets[0]}`);
        assert.deepStrictEqual(offsets, offsets.map((_, n) => offsets[0] + n), `try ${i}: contiguous`);
      }
    } finally {
      await admin.disconnect();
    }
  });

  it('peeks a topic as it is now after it grew, was created again with fewer or as many partitions, or went away', async () => {
    const topic = uniqueName('changing');
    const limit = 10;
    /** The peek of the newest `limit`, against what the Java consumer reads of the topic now. */
    const peekMatchesJava = async (label: string, partitions: number) => {
      const peeked = (await cluster.peek({ topic, limit })).map(asSeen);
      const expected = expectedPeek(await javaReadCommitted(topic), { limit });
      assert.deepStrictEqual(peeked, expected, label);
      assert.deepStrictEqual([...new Set(peeked.map((m) => m.partition))].sort(), Array.from({ length: partitions }, (_, p) => p), `${label}: partitions shown`);
    };
    const produce = (prefix: string, partitions: number) => cluster.produceMany(topic, Array.from({ length: 2 * partitions }, (_, i) => ({ value: `${prefix}-${i}`, partition: i % partitions })));
    /** Deleted, then created again once the broker has let the old one go. */
    const recreate = async (partitions: number) => {
      await cluster.deleteTopic(topic);
      await eventually(`${topic} created again`, async () => {
        await cluster.createTopic({ topic, partitions, replicationFactor: 1 });
        return true;
      }, 60_000);
    };

    await cluster.createTopic({ topic, partitions: 2, replicationFactor: 1 });
    await produce('first', 2);
    await peekMatchesJava('two partitions', 2);

    await cluster.createPartitions(topic, 4);
    await eventually('the new partitions take messages', async () => (await produce('grown', 4), true), 60_000);
    await peekMatchesJava('grown to four partitions', 4);

    await recreate(1);
    await produce('fewer', 1);
    await peekMatchesJava('created again with one partition', 1);

    // As many partitions as before, on the same broker: the cached routing still holds, and the
    // peek reads the new topic's messages, not the old one's.
    await recreate(1);
    await produce('same', 1);
    await peekMatchesJava('created again alike', 1);
    assert.ok((await cluster.peek({ topic, limit })).every((m) => m.value?.text.startsWith('same-')), 'a message of the deleted topic was shown');

    await cluster.deleteTopic(topic);
    await eventually(`${topic} gone`, async () => (await cluster.describeTopic(topic).then(() => undefined, () => true)), 60_000);
    await assert.rejects(cluster.peek({ topic, limit }), expectAccessError('unknown-topic', /does not exist/));
  });
});
