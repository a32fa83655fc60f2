// The lag trend against a real broker: a producer writes at a rate the test sets and a consumer
// group reads slower; the explorer's sampling (HealthMonitor.recordGroups over
// listConsumerGroups, as the groups section does) must say "falling behind" at about the
// difference of the two rates the test counts itself. Then the producer stops and the same
// group must be catching up.

import * as assert from 'assert';
import type { Consumer, Producer } from 'kafkajs';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaCluster } from '../../src/kafka/types';
import { HealthMonitor } from '../../src/health/monitor';
import { testBrokers } from '../harness/kafkaBroker';
import { NO_DUPLICATES, testKafka, uniqueName } from './helpers';
import { createTopicsWithLeaders } from '../harness/topics';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lag trend: a producer and a slower consumer', function () {
  this.timeout(180_000);
  let cluster: KafkaCluster;
  let producer: Producer;
  let consumer: Consumer;
  let topic: string;
  let group: string;
  let produced = 0;
  let consumed = 0;
  let producing = true;
  let producerLoop: Promise<void>;

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers() });
    topic = uniqueName('lag-trend');
    group = uniqueName('lag-trend-group');
    const kafka = testKafka();
    // kafkajs' admin with its own retries: under load a new topic's leader takes seconds to elect.
    const admin = kafka.admin();
    await admin.connect();
    await createTopicsWithLeaders(admin, [{ topic, numPartitions: 1 }]);
    await admin.disconnect();
    producer = kafka.producer(NO_DUPLICATES);
    await producer.connect();
    // 40 messages every 200 ms: 200 messages a second, counted as the broker acknowledges them.
    producerLoop = (async () => {
      while (producing) {
        const started = Date.now();
        await producer.send({ topic, messages: Array.from({ length: 40 }, (_, i) => ({ value: `m${produced + i}` })) });
        produced += 40;
        await sleep(Math.max(0, 200 - (Date.now() - started)));
      }
    })();
    // At most about 60 a second: each message takes 15 ms; offsets committed every second.
    consumer = kafka.consumer({ groupId: group, maxBytes: 4096 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ autoCommitInterval: 1_000, eachMessage: async () => {
      await sleep(15);
      consumed += 1;
    } });
  });

  after(async () => {
    producing = false;
    await producerLoop?.catch(() => undefined);
    await producer?.disconnect();
    await consumer?.disconnect();
    await cluster?.deleteTopic(topic).catch(() => undefined);
    await cluster?.disconnect();
  });

  /** Samples the group `n` times, `everyMs` apart, as the explorer does; returns the counters' rates over the same span. */
  async function sample(monitor: HealthMonitor, n: number, everyMs: number): Promise<{ producedPerSecond: number; consumedPerSecond: number }> {
    const start = { at: Date.now(), produced, consumed };
    for (let i = 0; i < n; i++) {
      if (i > 0) await sleep(everyMs);
      monitor.recordGroups('svc', (await cluster.listConsumerGroups()).filter((g) => g.groupId === group));
    }
    const seconds = (Date.now() - start.at) / 1_000;
    return { producedPerSecond: (produced - start.produced) / seconds, consumedPerSecond: (consumed - start.consumed) / seconds };
  }

  it('says falling behind at about production minus consumption, then catching up once production stops', async () => {
    // Until the group has committed once, it has no lag to sample.
    for (let i = 0; i < 60 && !(await cluster.listConsumerGroups()).some((g) => g.groupId === group && g.lag.length > 0); i++) await sleep(500);
    const behind = new HealthMonitor();
    const rates = await sample(behind, 9, 3_000);
    const trend = behind.trendOf('svc', group);
    const expected = rates.producedPerSecond - rates.consumedPerSecond;
    console.log(`      producer ${rates.producedPerSecond.toFixed(1)}/s, consumer ${rates.consumedPerSecond.toFixed(1)}/s; trend ${JSON.stringify(trend)}`);
    assert.ok(expected > 50, `the test's own rates must differ: ${JSON.stringify(rates)}`);
    assert.strictEqual(trend?.kind, 'falling-behind');
    // Commits every second lag the count by up to a second's worth, over a 24 s span: within 25%.
    assert.ok(trend.kind === 'falling-behind' && Math.abs(trend.perSecond - expected) <= 0.25 * expected, `${trend.kind === 'falling-behind' ? trend.perSecond : ''} vs ${expected}`);
    assert.ok(trend.kind === 'falling-behind' && Math.abs(trend.producedPerSecond - rates.producedPerSecond) <= 0.15 * rates.producedPerSecond);

    producing = false;
    await producerLoop;
    const catching = new HealthMonitor();
    await sample(catching, 6, 4_000);
    const after = catching.trendOf('svc', group);
    console.log(`      after the producer stopped: ${JSON.stringify(after)}`);
    assert.strictEqual(after?.kind, 'catching-up');
    assert.ok(after.kind === 'catching-up' && after.producedPerSecond === 0 && after.etaMs > 0);
  });
});
