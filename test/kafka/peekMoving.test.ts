// Data that moves under a peek: while delete-records (as retention does) advances a partition's
// low watermark, a peek from an offset that has just gone reads the new start and goes on.

import * as assert from 'assert';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaCluster } from '../../src/kafka/types';
import { testBrokers } from '../harness/kafkaBroker';
import { testKafka, uniqueName } from './helpers';

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
});
