// The gap scenario of `npm run bench:kafka`: peek on a compacted topic whose offsets have holes
// and on a transactional topic full of commit markers and aborted transactions, printing per
// request the records read against what the answer shows and what the gaps hide inside its
// range, and failing when a peek reads more than the rule in src/kafka/peek.ts allows.
// Ground truth: kcat (read_committed) for the messages, kafkajs's admin for the watermarks;
// the transactional topic is written by Kafka's Java producer.

import { execFile } from 'child_process';
import { Kafka } from 'kafkajs';
import { connectCluster } from '../src/kafka/connect';
import { emptyPeekStats } from '../src/kafka/peekStats';
import { PeekRequest } from '../src/kafka/types';
import { eventually } from '../test/harness/eventually';
import { expectedPeek, javaWrite, SeenRecord, Step } from '../test/kafka/javaClient';
import { expectedVolume, watermarksOf } from '../test/kafka/readVolume';

const PARTITIONS = 3;

/** Deterministic, so every run builds the same topics. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

function kcat(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('kcat', args, { maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => (error ? reject(new Error(`kcat ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout)));
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Every message kcat's read_committed consumer sees, by partition then offset. */
async function kcatReadCommitted(brokers: string, topic: string): Promise<SeenRecord[]> {
  const out = await kcat(['-C', '-b', brokers, '-t', topic, '-o', 'beginning', '-e', '-q', '-J', '-X', 'isolation.level=read_committed']);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { partition: number; offset: number; ts: number })
    .map((m) => ({ partition: m.partition, offset: String(m.offset), timestamp: String(m.ts), key: null, value: null, headers: [] }))
    .sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/**
 * Compacted: 60,000 kcat lines, even ones under a key of their own, odd ones under 50 keys
 * that repeat, so the log cleaner leaves a hole at almost every odd offset of the closed
 * segments. Returns once the cleaner has run and the topic stands still.
 */
async function compactedTopic(kafka: Kafka, brokers: string, topic: string, create: CreateTopic): Promise<SeenRecord[]> {
  await create(kafka, topic, PARTITIONS, { 'cleanup.policy': 'compact', 'segment.ms': '100', 'min.cleanable.dirty.ratio': '0', 'min.compaction.lag.ms': '0', 'delete.retention.ms': '0' });
  const lines = Array.from({ length: 60_000 }, (_, i) => `${i % 2 === 0 ? `u${i}` : `hot${i % 50}`}:{"n":${i},"payload":"${'z'.repeat(40)}"}`);
  await kcat(['-P', '-b', brokers, '-t', topic, '-K:', '-X', 'acks=all'], lines.join('\n') + '\n');
  // A record per partition after segment.ms closes the segments the lines filled; each under a
  // key of its own, so compaction never takes one and the newest messages stand still.
  let last: SeenRecord[] = [];
  let rolls = 0;
  return eventually(
    `the log cleaner to compact ${topic}`,
    async () => {
      rolls += 1;
      for (let p = 0; p < PARTITIONS; p++) await kcat(['-P', '-b', brokers, '-t', topic, '-p', String(p), '-K:'], `roll-${rolls}-${p}:${Date.now()}\n`);
      const seen = await kcatReadCommitted(brokers, topic);
      // Still: no line's record removed since the last look (each look adds its roll records).
      const still = seen.length - PARTITIONS === last.length && seen.length < 40_000;
      last = seen;
      return still ? seen : undefined;
    },
    180_000,
  );
}

/**
 * Transactional, written by Kafka's Java producer: per partition, one to three records per
 * committed transaction (each followed by its commit marker) and, every fifth transaction,
 * an aborted one of 20 records.
 */
async function transactionalTopic(kafka: Kafka, brokers: string, topic: string, create: CreateTopic): Promise<SeenRecord[]> {
  await create(kafka, topic, PARTITIONS, {});
  const next = random(10);
  const steps: Step[] = [];
  for (let t = 0; t < 1_500; t++) {
    const partition = t % PARTITIONS;
    const aborted = t % 5 === 4;
    const size = aborted ? 20 : 1 + Math.floor(next() * 3);
    steps.push({ kind: 'begin' });
    for (let r = 0; r < size; r++) steps.push({ kind: 'tx', partition, key: Buffer.from(`k${t}`), value: Buffer.from(`{"t":${t},"r":${r},"payload":"${'w'.repeat(40)}"}`), headers: [] });
    steps.push({ kind: aborted ? 'abort' : 'commit' });
  }
  await javaWrite(topic, steps);
  return kcatReadCommitted(brokers, topic);
}

export type CreateTopic = (kafka: Kafka, topic: string, partitions: number, config: Record<string, string>) => Promise<void>;

/** Runs the scenario and prints its table; throws when a peek read more than the rule allows. */
export async function gapScenario(kafka: Kafka, brokers: string, stamp: string, create: CreateTopic): Promise<void> {
  process.env.KAFKA_BROKERS = brokers;
  const cluster = await connectCluster({ brokers: brokers.split(',') });
  const failures: string[] = [];
  try {
    const topics = [
      { label: 'compacted', topic: `bench-gaps-compacted-${stamp}`, build: compactedTopic },
      { label: 'transactional', topic: `bench-gaps-txn-${stamp}`, build: transactionalTopic },
    ];
    console.log('\nGap search, per request summed over partitions: messages shown; weighed (each partition\'s newest N, or first N from the offset);');
    console.log('hidden by gaps (offsets in their range that are not messages); records read; over = read - weighed - hidden; the largest batch read.');
    console.log('Rule, per partition: over <= 2 x hidden + 2 x largest batch (the window after an empty one, whole batches at both ends).');
    console.log(`  ${'topic, request'.padEnd(52)} ${'shown'.padStart(6)} ${'weighed'.padStart(8)} ${'hidden'.padStart(7)} ${'read'.padStart(7)} ${'over'.padStart(5)} ${'fetches'.padStart(8)} ${'bytes'.padStart(10)} ${'batch'.padStart(8)}`);
    for (const { label, topic, build } of topics) {
      const started = Date.now();
      const seen = await build(kafka, brokers, topic, create);
      const untouched = async () => JSON.stringify(await kcatReadCommitted(brokers, topic)) === JSON.stringify(seen);
      const marks = await watermarksOf(kafka, topic);
      const offsets = [...marks.values()].reduce((n, m) => n + Number(m.high), 0);
      console.log(`  ${label}: ${seen.length.toLocaleString('en')} messages in ${offsets.toLocaleString('en')} offsets on ${PARTITIONS} partitions (built in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      const middle = String(marks.get(0)!.high / 2n);
      const requests: Omit<PeekRequest, 'topic'>[] = [
        { limit: 50 },
        { limit: 1_000 },
        { limit: 50, partition: 0 },
        { limit: 1_000, partition: 0 },
        { limit: 50, fromOffset: '0' },
        { limit: 1_000, partition: 0, fromOffset: middle },
      ];
      for (const request of requests) {
        const asked = { topic, ...request };
        const stats = emptyPeekStats();
        const shown = await cluster.peek(asked, undefined, stats);
        const name = `${label}, -n ${request.limit}${request.partition !== undefined ? ` --partition ${request.partition}` : ''}${request.fromOffset !== undefined ? ` --from-offset ${request.fromOffset}` : ''}`;
        const where = (m: { partition: number; offset: string }) => `${m.partition}:${m.offset}`;
        if (shown.map(where).join() !== expectedPeek(seen, asked).map(where).join()) {
          failures.push(`${name}: shows other messages than kcat's read_committed consumer${(await untouched()) ? '' : ' (the topic changed meanwhile)'}`);
        }
        const volumes = expectedVolume(seen, asked, marks);
        let over = 0;
        for (const v of volumes) {
          const mine = stats.partitions.get(v.partition);
          const overshoot = Math.max(0, (mine?.records ?? 0) - v.candidates - v.hidden);
          const bound = 2 * v.hidden + 2 * (mine?.largestBatch ?? 0);
          if (overshoot > bound) failures.push(`${name}, partition ${v.partition}: read ${mine?.records} records, ${overshoot} more than the ${v.candidates} messages and ${v.hidden} hidden offsets of its range, over the bound ${bound}`);
          over += overshoot;
        }
        const weighed = volumes.reduce((n, v) => n + v.candidates, 0);
        const hidden = volumes.reduce((n, v) => n + v.hidden, 0);
        const largest = Math.max(0, ...[...stats.partitions.values()].map((p) => p.largestBatch));
        console.log(
          `  ${name.padEnd(52)} ${String(shown.length).padStart(6)} ${String(weighed).padStart(8)} ${String(hidden).padStart(7)} ${String(stats.records).padStart(7)} ${String(over).padStart(5)} ${String(stats.fetches).padStart(8)} ${stats.bytes.toLocaleString('en').padStart(10)} ${String(largest).padStart(8)}`,
        );
      }
    }
  } finally {
    await cluster.disconnect();
  }
  if (failures.length > 0) throw new Error(`The gap search read more than the rule allows:\n${failures.join('\n')}`);
}
