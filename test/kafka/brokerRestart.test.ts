// A broker that goes away in the middle of a session: the next call fails with a clear
// message, and once the broker is back the same KafkaCluster works again.

import * as assert from 'assert';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaAccessError, KafkaCluster } from '../../src/kafka/types';
import { BROKERS_GIVEN, RunningBroker, startBroker } from '../harness/kafkaBroker';
import { uniqueName } from './helpers';

// Starts its own broker, to stop it: skipped against a shared one given in KAFKA_BROKERS.
(BROKERS_GIVEN ? describe.skip : describe)('a broker that stops and comes back', function () {
  this.timeout(240_000);
  let broker: RunningBroker;
  let cluster: KafkaCluster | undefined;

  before(async () => {
    broker = await startBroker({ progress: () => undefined });
  });

  after(async () => {
    await cluster?.disconnect();
    await broker?.stop();
  });

  it('fails with the cause while it is down, then peeks and produces again without a new connection', async () => {
    cluster = await connectCluster({ brokers: [broker.brokers], timeoutMs: 3_000 });
    const topic = uniqueName('restart');
    await cluster.createTopic({ topic, partitions: 2, replicationFactor: 1 });
    await cluster.produce({ topic, value: 'before', partition: 0 });
    assert.deepStrictEqual((await cluster.peek({ topic, limit: 5 })).map((m) => m.value?.text), ['before']);

    await broker.stop({ keepData: true });
    for (const call of [() => cluster!.peek({ topic, limit: 5 }), () => cluster!.produce({ topic, value: 'lost' }), () => cluster!.listTopics()]) {
      await assert.rejects(call(), (error: unknown) => {
        assert.ok(error instanceof KafkaAccessError, String(error));
        assert.ok(['refused', 'unreachable'].includes(error.cause_), `${error.cause_}: ${error.message}`);
        assert.match(error.message, new RegExp(`${broker.brokers.replace(/\./g, '\\.')}`));
        assert.match(error.message, /Check that the broker runs|try again in a moment/);
        return true;
      });
    }

    await broker.start();
    const sent = await cluster.produce({ topic, value: 'after', partition: 0 });
    assert.deepStrictEqual([sent.partition, sent.offset], [0, '1']);
    assert.deepStrictEqual((await cluster.peek({ topic, limit: 5 })).map((m) => m.value?.text), ['after', 'before']);
    assert.strictEqual((await cluster.listTopics()).find((t) => t.name === topic)?.messageCount, '2');
  });
});
