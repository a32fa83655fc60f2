// `npm run bench:kafka`: our CLI against kcat, both as whole command-line processes, in the
// same run on the same broker. Peek: the newest 50 messages of a 12-partition topic holding
// 1,000,000. Gap search (bench/kafkaGaps.ts): what peek reads on compacted and transactional
// topics against what it shows and what the gaps hide. Produce: 1,000,000 lines from stdin
// (a pipe, as `… | upsun-kafka produce`), acks=all, each on a fresh 12-partition topic, and
// what printing one offset per line costs. Warm peek: the same newest 50 through the editor's
// own path (connectCluster, then KafkaCluster.peek on the connected cluster, as the message
// view asks), against kcat's whole process with fetch.wait.max.ms=10, interleaved in the same run.
// Prints medians, minimums and throughput.
// Uses the broker in KAFKA_BROKERS, else starts one; installs kcat with apt-get if missing.
// BENCH_KAFKA_ONLY=peek or =produce runs that part alone; BENCH_KAFKA_TOPIC names a topic filled by an
// earlier run (on the broker in KAFKA_BROKERS) to peek at instead of filling a new one.

import { execFileSync, spawn } from 'child_process';
import { createReadStream, mkdtempSync, openSync, rmSync, writeFileSync } from 'fs';
import { Kafka, logLevel } from 'kafkajs';
import * as os from 'os';
import * as path from 'path';
import { eventually } from '../test/harness/eventually';
import { KAFKA_BROKERS_ENV, startBroker } from '../test/harness/kafkaBroker';
import { REPO_ROOT } from '../test/harness/paths';
import { connectCluster } from '../src/kafka/connect';
import { gapScenario } from './kafkaGaps';

export const PARTITIONS = 12;
export const FILL = 1_000_000;
const PEEK = 50;
const PRODUCE = 1_000_000;
/** BENCH_KAFKA_ONLY=peek or =produce runs that part alone. */
const ONLY = process.env.BENCH_KAFKA_ONLY?.trim();
const PEEK_RUNS = 9;
const PRODUCE_RUNS = 3;
/** Warm peeks per kcat run: in-process peeks are short, so more of them make a steadier median. */
const WARM_PER_RUN = 5;
const TOPIC_ENV = 'BENCH_KAFKA_TOPIC';
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

export interface Timing {
  readonly label: string;
  readonly ms: number[];
}

export function ensureKcat(): void {
  try {
    execFileSync('kcat', ['-V'], { stdio: 'ignore' });
    return;
  } catch {
    console.log('kcat is missing: installing the Debian package');
  }
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args: string[]) => execFileSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', 'kcat']);
}

/** Runs a command to its end with stdin from `input` (a file) and stdout discarded; milliseconds. */
function timed(command: string, args: string[], input?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    if (input && child.stdin) createReadStream(input).pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
    });
  });
}

/** Message i's value unless told otherwise: a small JSON object. */
const jsonValue = (i: number) => `{"n":${i},"at":"${new Date().toISOString()}","payload":"${'x'.repeat(40)}"}`;

/** `count` messages (key `key-<i mod 1000>`, value `value(i)`) round-robin over PARTITIONS partitions of a new topic. */
export async function fill(kafka: Kafka, topic: string, count = FILL, value: (i: number) => string | Buffer = jsonValue): Promise<void> {
  await createTopic(kafka, topic, PARTITIONS);
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = Date.now();
  const batch = 12_000;
  const inFlight = 4;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const from = next;
      next += batch;
      const messages = [];
      for (let i = from; i < Math.min(count, from + batch); i++) messages.push({ partition: i % PARTITIONS, key: `key-${i % 1000}`, value: value(i) });
      await producer.send({ topic, acks: 1, messages });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  await producer.disconnect();
  console.log(`Filled ${topic}: ${count.toLocaleString('en')} messages on ${PARTITIONS} partitions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Creates `topic` and returns once every partition's leader serves it. kafkajs's waitForLeaders
 * asks one broker's metadata for the topic only; under KRaft a broker lists a partition's leader
 * as soon as its metadata cache has the topic, before its replica manager hosts the partition,
 * so a produce that follows at once can hear "This server does not host this topic-partition".
 * So wait until the metadata names a leader for every partition and each leader answers
 * ListOffsets for it, which only a leader hosting the partition does.
 */
async function createTopic(kafka: Kafka, topic: string, partitions: number, config: Record<string, string> = {}): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const configEntries = Object.entries(config).map(([name, value]) => ({ name, value }));
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1, configEntries }], waitForLeaders: true });
    await eventually(
      `the leaders of every partition of ${topic}`,
      async () => {
        const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
        if (metadata.partitions.length !== partitions || metadata.partitions.some((p) => p.leader < 0 || p.partitionErrorCode !== 0)) return undefined;
        const offsets = await admin.fetchTopicOffsets(topic);
        return offsets.length === partitions ? true : undefined;
      },
      60_000,
    );
  } finally {
    await admin.disconnect();
  }
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;

export function report(timings: Timing[], messages?: number): void {
  for (const { label, ms } of timings) {
    const rate = messages ? `  ${Math.round(messages / (median(ms) / 1000)).toLocaleString('en').padStart(9)} msg/s` : '';
    console.log(`  ${label.padEnd(44)} median ${fmt(median(ms))}  min ${fmt(Math.min(...ms))}${rate}`);
  }
}

/** kcat, and the broker in KAFKA_BROKERS or one started here (`broker`, to stop at the end). */
export async function benchBroker(): Promise<{ brokers: string; kafka: Kafka; broker?: Awaited<ReturnType<typeof startBroker>> }> {
  ensureKcat();
  const given = process.env[KAFKA_BROKERS_ENV]?.trim();
  const broker = given ? undefined : await startBroker();
  const brokers = given ?? broker!.brokers;
  return { brokers, broker, kafka: new Kafka({ clientId: 'upsun-kafka-bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING }) };
}

async function main(): Promise<void> {
  const { brokers, broker, kafka } = await benchBroker();
  const work = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-bench-'));
  try {
    const stamp = Date.now().toString(36);
    if (ONLY !== 'produce') await peekBench(kafka, brokers, stamp);
    if (ONLY !== 'peek') await produceBench(kafka, brokers, stamp, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
    await broker?.stop();
  }
}

/**
 * The newest PEEK messages of `topic` on a cluster connected once, as the message view asks
 * for them (KafkaCluster.peek), interleaved with kcat's whole process (`kcat` with `args`).
 * Prints `warm peek newest 50: A ms median; kcat whole process: B ms; ratio R` (R = A / B).
 */
async function warmPeek(brokers: string, topic: string, args: string[]): Promise<void> {
  const cluster = await connectCluster({ brokers: brokers.split(','), clientId: 'upsun-kafka-bench' });
  try {
    // CPU time of this process, user and system: on a loaded machine the wall time measures the
    // wait for a core, this what the peek costs the extension host.
    const cpu: number[] = [];
    const once = async () => {
      const started = process.hrtime.bigint();
      const used = process.cpuUsage();
      const messages = await cluster.peek({ topic, limit: PEEK });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const spent = process.cpuUsage(used);
      cpu.push((spent.user + spent.system) / 1000);
      if (messages.length !== PEEK) throw new Error(`the warm peek of ${topic} showed ${messages.length} messages, not ${PEEK}`);
      return ms;
    };
    // Warm-up: the first peek opens the fetch connections and loads the code.
    for (let i = 0; i < WARM_PER_RUN; i++) await once();
    cpu.length = 0;
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let run = 0; run < PEEK_RUNS; run++) {
      for (let i = 0; i < WARM_PER_RUN; i++) ours.push(await once());
      theirs.push(await timed('kcat', args));
    }
    const [a, b] = [median(ours), median(theirs)];
    console.log(`\nWarm peek, ${ours.length} peeks in this process and ${theirs.length} kcat processes, interleaved (load ${os.loadavg()[0].toFixed(1)}; warm peek min ${Math.min(...ours).toFixed(1)} ms, max ${Math.max(...ours).toFixed(1)} ms, CPU ${median(cpu).toFixed(1)} ms median):`);
    console.log(`warm peek newest ${PEEK}: ${a.toFixed(1)} ms median; kcat whole process: ${b.toFixed(1)} ms; ratio ${(a / b).toFixed(2)}`);
  } finally {
    await cluster.disconnect();
  }
}

async function peekBench(kafka: Kafka, brokers: string, stamp: string): Promise<void> {
  const given = process.env[TOPIC_ENV]?.trim();
  const big = given || `bench-peek-${stamp}`;
  if (!given) await fill(kafka, big);

  // kcat -o -50 reads the last 50 of EACH partition (600 here) and prints them all. Our peek
  // of the newest 50 reads the same 600 (the newest 50 overall lie within each partition's
  // last 50), sorts them and prints 50: the same fetch work, both printing JSON.
  const ours = ['peek', '--brokers', brokers, '--topic', big, '-n', String(PEEK), '--format', 'json'];
  const theirs = ['-C', '-b', brokers, '-t', big, '-o', `-${PEEK}`, '-e', '-q', '-J'];
  // kcat waits fetch.wait.max.ms (500 ms by default) on an empty fetch to see the end; shown
  // as well with a short wait, which is kcat at its quickest.
  const theirsQuick = [...theirs, '-X', 'fetch.wait.max.ms=10'];
  const oursOne = [...ours, '--partition', '0'];
  const theirsOne = [...theirs, '-p', '0'];
  const peek: Timing[] = [
    { label: `upsun-kafka peek -n ${PEEK} (all ${PARTITIONS} partitions)`, ms: [] },
    { label: `kcat -C -o -${PEEK} -e (all ${PARTITIONS} partitions)`, ms: [] },
    { label: `upsun-kafka peek -n ${PEEK} --partition 0`, ms: [] },
    { label: `kcat -C -o -${PEEK} -e -p 0`, ms: [] },
    { label: `kcat -C -o -${PEEK} -e, fetch.wait.max.ms=10`, ms: [] },
  ];
  // One warm-up each, then interleaved runs so load on the machine hits both alike.
  await timed(process.execPath, [CLI, ...ours]);
  await timed('kcat', theirs);
  for (let run = 0; run < PEEK_RUNS; run++) {
    peek[0].ms.push(await timed(process.execPath, [CLI, ...ours]));
    peek[1].ms.push(await timed('kcat', theirs));
    peek[2].ms.push(await timed(process.execPath, [CLI, ...oursOne]));
    peek[3].ms.push(await timed('kcat', theirsOne));
    peek[4].ms.push(await timed('kcat', theirsQuick));
  }
  // Reported now, so a failure while producing does not lose the peek numbers.
  console.log(`\nPeek, ${PEEK_RUNS} runs each, whole processes (node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}):`);
  report(peek);
  console.log(`  ratio upsun-kafka / kcat, all partitions: ${(median(peek[0].ms) / median(peek[1].ms)).toFixed(2)}× (target ≤ 1.5×)`);
  console.log(`  ratio upsun-kafka / kcat, one partition:  ${(median(peek[2].ms) / median(peek[3].ms)).toFixed(2)}×`);

  await warmPeek(brokers, big, theirsQuick);
  await gapScenario(kafka, brokers, stamp, createTopic);
}

async function produceBench(kafka: Kafka, brokers: string, stamp: string, work: string): Promise<void> {
  const lines = path.join(work, 'lines.txt');
  writeFileSync(lines, Array.from({ length: PRODUCE }, (_, i) => `{"n":${i},"payload":"${'y'.repeat(60)}"}\n`).join(''));
  const produce: Timing[] = [
    { label: `upsun-kafka produce < ${PRODUCE.toLocaleString('en')} lines`, ms: [] },
    { label: `kcat -P < ${PRODUCE.toLocaleString('en')} lines`, ms: [] },
  ];
  for (let run = 0; run < PRODUCE_RUNS; run++) {
    const oursTopic = `bench-produce-ours-${stamp}-${run}`;
    const theirsTopic = `bench-produce-kcat-${stamp}-${run}`;
    await createTopic(kafka, oursTopic, PARTITIONS);
    await createTopic(kafka, theirsTopic, PARTITIONS);
    produce[0].ms.push(await timed(process.execPath, [CLI, 'produce', '--brokers', brokers, '--topic', oursTopic], lines));
    produce[1].ms.push(await timed('kcat', ['-P', '-b', brokers, '-t', theirsTopic, '-X', 'acks=all'], lines));
  }

  console.log(`\nProduce ${PRODUCE.toLocaleString('en')} messages from stdin, ${PRODUCE_RUNS} runs each, acks=all (node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
  report(produce, PRODUCE);
  const rate = (ms: number[]) => Math.round(PRODUCE / (median(ms) / 1000)).toLocaleString('en');
  console.log(`produce ${PRODUCE.toLocaleString('en')} lines: upsun-kafka ${rate(produce[0].ms)} msg/s; kcat -P ${rate(produce[1].ms)} msg/s; ratio ${(median(produce[1].ms) / median(produce[0].ms)).toFixed(2)} (target ≥ 0.5)`);
  const printing = await printCost();
  console.log(`  printing one offset per line (the CLI's printer alone, to /dev/null): ${printing.toFixed(0)} ms for ${PRODUCE.toLocaleString('en')}, ${((printing / median(produce[0].ms)) * 100).toFixed(1)}% of the produce's median`);
}

/** The CLI's offset printer (src/cli/kafka/produce.ts) fed PRODUCE acknowledgements in a process of its own, stdout to /dev/null; ms. */
function printCost(): Promise<number> {
  const script = `const { OffsetPrinter } = require(${JSON.stringify(path.join(REPO_ROOT, 'out', 'src', 'cli', 'kafka', 'produce.js'))});
const printer = new OffsetPrinter('bench', 'text', () => undefined);
const started = process.hrtime.bigint();
for (let i = 0; i < ${PRODUCE}; i++) printer.acknowledged(i % ${PARTITIONS}, 40000 + Math.floor(i / ${PARTITIONS}));
printer.flush();
process.stderr.write(String(Number(process.hrtime.bigint() - started) / 1e6));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', openSync('/dev/null', 'w'), 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve(Number(stderr)) : reject(new Error(`the printer bench failed: ${stderr}`))));
  });
}

// bench/search.ts reuses the topic this fills.
if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
