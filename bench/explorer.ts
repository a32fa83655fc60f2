// `npm run bench:explorer`: how long the explorer takes to show the first rows of Topics and
// of Consumer groups of a connected service holding 10,000 topics of 3 partitions and 1,000
// consumer groups with committed offsets (100 of them behind on topics holding messages),
// through the same code the tree runs when a section is expanded (`loadSection`), and how
// long a group's lag in time takes to fill in afterwards. BENCH_TOPICS and BENCH_GROUPS
// change the counts. Uses KAFKA_BROKERS when set, otherwise starts a cluster of two brokers
// (BENCH_BROKERS) with the test harness. Prints the setup time, median and p95.

import { Kafka, logLevel } from 'kafkajs';
import { existsSync } from 'fs';
import * as os from 'os';
import { performance } from 'perf_hooks';
import { loadSection, topicNodes } from '../src/explorer/liveTree';
import { nameFilter } from '../src/explorer/nameFilter';
import { ExplorerNode, GroupNode, LiveSectionNode, staticChildren } from '../src/explorer/nodes';
import { connectCluster } from '../src/kafka/connect';
import { eventually } from '../test/harness/eventually';
import { KAFKA_BROKERS_ENV, KAFKA_VERSION, startCluster } from '../test/harness/kafkaBroker';

const TOPIC_COUNT = Number(process.env.BENCH_TOPICS ?? 10_000);
const GROUP_COUNT = Number(process.env.BENCH_GROUPS ?? 1_000);
/** Topics holding messages, which every tenth group lags behind on. */
const FILLED_TOPICS = Math.min(100, TOPIC_COUNT);
const PARTITIONS = 3;
const RUNS = 7;
/** Brokers the bench starts (without KAFKA_BROKERS): each under this machine's open-file limit. */
const BROKER_NODES = Number(process.env.BENCH_BROKERS ?? 2);
const CREATE_BATCH = 500;
/**
 * The brokers' data goes on this tmpfs when there is one: a broker fsyncs two small files for
 * every partition it leads as it creates it (about 30 a second each on this machine's disk
 * under load; several hundred on the tmpfs). About 16 KiB of memory a partition.
 */
const TMPFS = '/dev/shm';
/**
 * Each index file is preallocated at `log.index.size.max.bytes` (10 MiB by default, sparse) and
 * mapped whole: 4 KiB (512 offsets) is plenty for 30 messages a partition. Set on the brokers,
 * not as each topic's `segment.index.bytes`: a broker applies a topic's config by going through
 * all its logs (LogManager.updateTopicConfig), which made creating 10,000 such topics quadratic.
 */
const BROKER_CONFIG = { 'log.index.size.max.bytes': '4096' };
const TARGET_MS = 1000;
const EXPAND_TARGET_MS = 200;
/** BENCH_EXPLORER_PREFIX with KAFKA_BROKERS: the topics, messages and groups of an earlier run are used again as they are, and kept. */
const REUSED = process.env.BENCH_EXPLORER_PREFIX;
const PREFIX = REUSED ?? `bench-explorer-${Date.now().toString(36)}-`;

const TOPICS: LiveSectionNode = { kind: 'topics', id: 'bench/topics', serviceKey: 'bench', label: 'Topics', icon: 'symbol-event', contextValue: 'topics', expand: 'expanded' };
const GROUPS: LiveSectionNode = { kind: 'groups', id: 'bench/groups', serviceKey: 'bench', label: 'Consumer groups', icon: 'organization', contextValue: 'groups', expand: 'expanded' };
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
  // A broker keeps one file open per partition it leads (its active segment's .log; the two
  // indexes are memory-mapped, two maps a partition). 30,000 partitions exceed one process's
  // open files here (ulimit -n 20,000) and come near its 65,530 maps (vm.max_map_count): two
  // brokers hold about 15,000 each. Their last lines tell why one stopped.
  const lastLines: string[] = [];
  const external = process.env[KAFKA_BROKERS_ENV]?.trim();
  const started = performance.now();
  const broker = external
    ? { brokers: external, external: true, stop: async () => undefined }
    : {
        ...(await startCluster({
          nodes: BROKER_NODES,
          heap: '-Xmx1g',
          tempRoot: existsSync(TMPFS) ? TMPFS : undefined,
          extraProperties: BROKER_CONFIG,
          progress: (line) => console.error(line),
          log: (line) => lastLines.push(line) > 20 && lastLines.shift(),
          onUnexpectedExit: (error) => console.error(`${error.message}:\n${lastLines.join('\n')}`),
        })),
        external: false,
      };
  const admin = new Kafka({ brokers: broker.brokers.split(','), clientId: 'bench-explorer', logLevel: logLevel.NOTHING }).admin();
  const names = Array.from({ length: TOPIC_COUNT }, (_, i) => `${PREFIX}${String(i).padStart(5, '0')}`);
  const groups = Array.from({ length: GROUP_COUNT }, (_, i) => `${PREFIX}group-${String(i).padStart(4, '0')}`);
  try {
    await admin.connect();
    const setupStarted = performance.now();
    // CreateTopics of 500 topics each, without waiting for leaders: the controller answers
    // each in about a second; the brokers then create the logs (a few hundred a second each),
    // waited for once below.
    for (let i = 0; !REUSED && i < names.length; i += CREATE_BATCH) {
      await admin.createTopics({ topics: names.slice(i, i + CREATE_BATCH).map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })), waitForLeaders: false });
    }
    console.error(`created ${TOPIC_COUNT} topics × ${PARTITIONS} partitions in ${ms(performance.now() - setupStarted)}`);

    const cluster = await connectCluster({ brokers: broker.brokers.split(','), clientId: 'bench-explorer', timeoutMs: 60_000 });
    try {
      // A partition answers offset requests once its leader has made its log, which the brokers
      // do in the order the topics were created: the last topic is waited for with a request of
      // three partitions (asking for all 30,000 all the while slows the brokers down), then all.
      await eventually('the last bench topic\'s watermarks', async () => ((await admin.fetchTopicOffsets(names[names.length - 1])).length === PARTITIONS) || undefined, 300_000);
      await eventually('every bench topic listed with its watermarks', async () => {
        const rows = await loadSection(cluster, TOPICS, OPTIONS);
        return rows.filter((n) => n.kind === 'topic' && n.topic.startsWith(PREFIX)).length === TOPIC_COUNT || undefined;
      }, 120_000);
      console.error(`every partition's watermarks readable ${ms(performance.now() - setupStarted)} after the first CreateTopics`);
      const groupsStarted = performance.now();
      for (let t = 0; !REUSED && t < FILLED_TOPICS; t++) {
        await cluster.produceMany(names[t], Array.from({ length: PARTITIONS * 10 }, (_, i) => ({ partition: i % PARTITIONS, value: `m${i}` })));
      }
      // Each group committed offset 0 on a topic of its own: the first FILLED_TOPICS lag 10 a partition.
      for (let i = 0; !REUSED && i < groups.length; i += 50) {
        await Promise.all(groups.slice(i, i + 50).map((groupId, j) => admin.setOffsets({ groupId, topic: names[(i + j) % TOPIC_COUNT], partitions: Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, offset: '0' })) })));
      }
      console.error(`committed offsets of ${GROUP_COUNT} groups in ${ms(performance.now() - groupsStarted)}`);
      await eventually('every bench group listed', async () => (await loadSection(cluster, GROUPS, OPTIONS)).filter((n) => n.kind === 'group' && n.group.groupId.startsWith(PREFIX)).length === GROUP_COUNT || undefined, 120_000);
      const setupMs = performance.now() - started;
      console.error(`set up (brokers, topics, groups) in ${ms(setupMs)}`);

      const whole = await time(RUNS, () => loadSection(cluster, TOPICS, OPTIONS));
      const filtered = await time(RUNS, () => loadSection(cluster, TOPICS, { ...OPTIONS, filter: nameFilter(`${PREFIX}000*`), filterText: `${PREFIX}000*` }));
      const topics = await cluster.listTopics();
      const rowsOnly = await time(RUNS * 3, () => topicNodes(TOPICS.id, 'bench', topics, OPTIONS));
      let groupRows: ExplorerNode[] = [];
      const groupsTimed = await time(RUNS, async () => (groupRows = await loadSection(cluster, GROUPS, OPTIONS)));
      const lagging = groupRows.find((n): n is GroupNode => n.kind === 'group' && n.group.groupId === groups[0]);
      const expanded = await time(RUNS * 3, () => lagging && staticChildren(lagging));

      console.log(`explorer bench: ${TOPIC_COUNT.toLocaleString('en-US')} topics × ${PARTITIONS} partitions (${topics.length} on the cluster), ${GROUP_COUNT.toLocaleString('en-US')} groups with committed offsets, Kafka ${broker.external ? 'at KAFKA_BROKERS' : `${KAFKA_VERSION} on ${BROKER_NODES} brokers`}, set up in ${(setupMs / 1000).toFixed(0)} s, ${RUNS} runs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      console.log(`  Topics children (listTopics with watermarks + rows): median ${ms(whole.median)}, p95 ${ms(whole.p95)} (target < ${TARGET_MS} ms: ${whole.p95 < TARGET_MS ? 'met' : 'MISSED'})`);
      console.log(`  the same with a filter matching 1,000 topics:       median ${ms(filtered.median)}, p95 ${ms(filtered.p95)}`);
      console.log(`  rows alone from ${topics.length} TopicInfo (pure code):    median ${ms(rowsOnly.median)}, p95 ${ms(rowsOnly.p95)}`);
      console.log(`  Consumer groups children (lag in messages + rows):  median ${ms(groupsTimed.median)}, p95 ${ms(groupsTimed.p95)} (target < ${TARGET_MS} ms: ${groupsTimed.p95 < TARGET_MS ? 'met' : 'MISSED'})`);
      console.log(`  expand a group (its members and lag per topic):     median ${ms(expanded.median)}, p95 ${ms(expanded.p95)} (target < ${EXPAND_TARGET_MS} ms: ${expanded.p95 < EXPAND_TARGET_MS ? 'met' : 'MISSED'})`);
    } finally {
      await cluster.disconnect();
    }
  } finally {
    if (broker.external && !REUSED) {
      await admin.deleteGroups(groups).catch(() => undefined);
      await admin.deleteTopics({ topics: names }).catch(() => undefined);
    }
    await admin.disconnect();
    await broker.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
