// `npm run bench:explorer`: how long the explorer takes to list the Topics of a connected
// service holding 1,000 topics, through the same code the tree runs when Topics is expanded
// (`loadSection`: one listTopics with watermarks, then the rows). Uses KAFKA_BROKERS when
// set, otherwise starts a broker with the test harness. Prints median and p95.

import { Kafka, logLevel } from 'kafkajs';
import { performance } from 'perf_hooks';
import { loadSection, topicNodes } from '../src/explorer/liveTree';
import { nameFilter } from '../src/explorer/nameFilter';
import type { LiveSectionNode } from '../src/explorer/nodes';
import { connectCluster } from '../src/kafka/connect';
import { eventually } from '../test/harness/eventually';
import { brokerForTests, KAFKA_VERSION } from '../test/harness/kafkaBroker';

const TOPIC_COUNT = 1000;
const PARTITIONS = 3;
const RUNS = 20;
const TARGET_MS = 1000;
const PREFIX = `bench-explorer-${Date.now().toString(36)}-`;

const SECTION: LiveSectionNode = { kind: 'topics', id: 'bench/topics', serviceKey: 'bench', label: 'Topics', icon: 'symbol-event', contextValue: 'topics', expand: 'expanded' };
const OPTIONS = { filter: nameFilter(''), filterText: '', showInternal: false };

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

async function time(runs: number, work: () => unknown): Promise<{ median: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return stats(samples);
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main(): Promise<void> {
  const broker = await brokerForTests({ progress: (line) => console.error(line) });
  const admin = new Kafka({ brokers: broker.brokers.split(','), clientId: 'bench-explorer', logLevel: logLevel.NOTHING }).admin();
  const names = Array.from({ length: TOPIC_COUNT }, (_, i) => `${PREFIX}${String(i).padStart(4, '0')}`);
  try {
    await admin.connect();
    const setupStarted = performance.now();
    for (let i = 0; i < names.length; i += 100) {
      await admin.createTopics({ topics: names.slice(i, i + 100).map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })), waitForLeaders: false });
    }
    console.error(`created ${TOPIC_COUNT} topics × ${PARTITIONS} partitions in ${ms(performance.now() - setupStarted)}`);

    const cluster = await connectCluster({ brokers: broker.brokers.split(','), clientId: 'bench-explorer' });
    try {
      // New partitions answer offset requests only once their leader is elected.
      await eventually('every bench topic listed with its watermarks', async () => {
        const rows = await loadSection(cluster, SECTION, OPTIONS);
        return rows.filter((n) => n.kind === 'topic' && n.topic.startsWith(PREFIX)).length === TOPIC_COUNT || undefined;
      }, 60_000);
      const whole = await time(RUNS, () => loadSection(cluster, SECTION, OPTIONS));
      const filtered = await time(RUNS, () => loadSection(cluster, SECTION, { ...OPTIONS, filter: nameFilter(`${PREFIX}00*`), filterText: `${PREFIX}00*` }));
      const topics = await cluster.listTopics();
      const rowsOnly = await time(RUNS * 5, () => topicNodes(SECTION.id, 'bench', topics, OPTIONS));

      console.log(`explorer bench: ${TOPIC_COUNT.toLocaleString('en-US')} topics × ${PARTITIONS} partitions (${topics.length} on the cluster), Kafka ${broker.external ? 'at KAFKA_BROKERS' : KAFKA_VERSION}, ${RUNS} runs`);
      console.log(`  Topics children (listTopics with watermarks + rows): median ${ms(whole.median)}, p95 ${ms(whole.p95)} (target < ${TARGET_MS} ms: ${whole.p95 < TARGET_MS ? 'met' : 'MISSED'})`);
      console.log(`  the same with a filter matching 100 topics:         median ${ms(filtered.median)}, p95 ${ms(filtered.p95)}`);
      console.log(`  rows alone from ${topics.length} TopicInfo (pure code):     median ${ms(rowsOnly.median)}, p95 ${ms(rowsOnly.p95)}`);
    } finally {
      await cluster.disconnect();
    }
  } finally {
    if (broker.external) await admin.deleteTopics({ topics: names }).catch(() => undefined);
    await admin.disconnect();
    await broker.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
