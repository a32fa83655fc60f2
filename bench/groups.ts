// `npm run bench:groups`: what the lag in time costs. Lists 40
// consumer groups, each lagging on every one of 12 partitions at its own offsets (480 records
// to read), with `listConsumerGroups` (lag in messages and in time), against a peer in the same
// run: the lag in messages alone through kafkajs' admin (describeGroups, fetchOffsets per group,
// the topic's high watermarks). Uses KAFKA_BROKERS when set, otherwise starts a broker with the
// test harness. Prints medians and their ratio.

import { Kafka, logLevel } from 'kafkajs';
import { performance } from 'perf_hooks';
import { connectCluster } from '../src/kafka/connect';
import { brokerForTests, KAFKA_VERSION } from '../test/harness/kafkaBroker';

const GROUPS = 40;
const PARTITIONS = 12;
const MESSAGES = 200;
const RUNS = 7;
const PREFIX = `bench-groups-${Date.now().toString(36)}`;

async function median(work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

async function main(): Promise<void> {
  const broker = await brokerForTests({ progress: (line) => console.error(line) });
  const brokers = broker.brokers.split(',');
  const kafka = new Kafka({ brokers, clientId: 'bench-groups', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const topic = `${PREFIX}-topic`;
  const groups = Array.from({ length: GROUPS }, (_, i) => `${PREFIX}-${i}`);
  const cluster = await connectCluster({ brokers, clientId: 'bench-groups' });
  try {
    await admin.connect();
    await cluster.createTopic({ topic, partitions: PARTITIONS, replicationFactor: 1 });
    for (let p = 0; p < PARTITIONS; p++) await cluster.produceMany(topic, Array.from({ length: MESSAGES }, (_, i) => ({ partition: p, value: `m${i}` })));
    for (const [i, group] of groups.entries()) {
      const plan = await cluster.planOffsetReset({ group, topic, strategy: { kind: 'offset', offset: String(i) } });
      await cluster.applyOffsetReset(plan);
    }
    const ours = await cluster.listConsumerGroups();
    const read = ours.filter((g) => g.groupId.startsWith(PREFIX)).flatMap((g) => g.lag.flatMap((l) => l.partitions)).filter((p) => p.timeLagMs !== null).length;

    const withTime = await median(() => cluster.listConsumerGroups());
    const peer = await median(async () => {
      const { groups: listed } = await admin.listGroups();
      const ids = listed.map((g) => g.groupId);
      await admin.describeGroups(ids);
      const committed = await Promise.all(ids.map((groupId) => admin.fetchOffsets({ groupId })));
      const topics = [...new Set(committed.flat().map((c) => c.topic))];
      await Promise.all(topics.map((t) => admin.fetchTopicOffsets(t)));
    });
    console.log(`groups bench: ${GROUPS} groups × ${PARTITIONS} lagging partitions (${read} ages read), Kafka ${broker.external ? 'at KAFKA_BROKERS' : KAFKA_VERSION}, median of ${RUNS}`);
    console.log(`  listConsumerGroups, lag in messages and in time: ${withTime.toFixed(0)} ms`);
    console.log(`  kafkajs admin, lag in messages only (peer):      ${peer.toFixed(0)} ms`);
    console.log(`  ratio: ${(withTime / peer).toFixed(2)}×`);
  } finally {
    await admin.deleteGroups(groups).catch(() => undefined);
    await cluster.deleteTopic(topic).catch(() => undefined);
    await cluster.disconnect();
    await admin.disconnect();
    await broker.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
