// `npm run bench:search`: `upsun-kafka search` against `kcat -C -e | grep -c`, both as whole
// command-line processes, in the same run on the same topic: 1,000,000 messages on 12
// partitions (bench/kafka.ts fills it), of which 10 hold the string searched for. Prints each
// one's median time, throughput in messages per second, and the ratio (target: ours at least
// half of kcat's throughput). Uses the broker in KAFKA_BROKERS, else starts one.

import { spawn } from 'child_process';
import type { Kafka } from 'kafkajs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../test/harness/paths';
import { benchBroker, FILL, fill, median, PARTITIONS, report, Timing } from './kafka';

const RUNS = 5;
const NEEDLE = 'needle-7f3a9c';
const OCCURRENCES = 10;
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/** Reuse a topic an earlier run filled and planted (it prints its name), instead of filling one. */
const TOPIC_ENV = 'BENCH_SEARCH_TOPIC';

interface Run {
  readonly ms: number;
  /** User plus system CPU time of every process of the pipeline, in ms. */
  readonly cpuMs: number;
  readonly stdout: string;
}

/** Runs `command` through the shell to its end; its time and CPU time in ms, and its stdout. */
function timedShell(command: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // `times` prints the CPU time of the shell's children: every process of the pipeline.
    const child = spawn('bash', ['-o', 'pipefail', '-c', `${command}; status=$?; times >&2; exit $status`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const children = stderr.trim().split('\n').pop() ?? '';
      const cpuMs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, [, min, sec]) => sum + (Number(min) * 60 + Number(sec)) * 1000, 0);
      if (code === 0) resolve({ ms, cpuMs, stdout });
      else reject(new Error(`${command} exited ${code}: ${stderr.trim()}`));
    });
  });
}

/** The needle in the values of OCCURRENCES messages spread over the partitions, after the fill. */
async function plant(kafka: Kafka, topic: string): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const messages = Array.from({ length: OCCURRENCES }, (_, i) => ({ partition: (i * 5) % PARTITIONS, key: `planted-${i}`, value: `{"n":"planted","note":"${NEEDLE} ${i}"}` }));
  await producer.send({ topic, acks: -1, messages });
  await producer.disconnect();
}


async function main(): Promise<void> {
  const { brokers, broker, kafka } = await benchBroker();
  try {
    let topic = process.env[TOPIC_ENV];
    if (!topic) {
      topic = `bench-search-${Date.now().toString(36)}`;
      await fill(kafka, topic);
      await plant(kafka, topic);
      console.log(`Planted "${NEEDLE}" in ${OCCURRENCES} messages of ${topic} (${TOPIC_ENV}=${topic} reuses it)`);
    }
    const total = FILL + OCCURRENCES;

    // Both read every message of every partition to the end and count the lines that match;
    // kcat prints each value on a line of its own for grep (no value holds a newline).
    const ours = `node ${CLI} search --brokers ${brokers} --topic ${topic} --text ${NEEDLE} --case-sensitive --limit 1000 --format json | wc -l`;
    const oursAnyCase = `node ${CLI} search --brokers ${brokers} --topic ${topic} --text ${NEEDLE.toUpperCase()} --limit 1000 --format json | wc -l`;
    const oursRegex = `node ${CLI} search --brokers ${brokers} --topic ${topic} --regex '${NEEDLE.replace('-', '[-]')} \\d' --in value --limit 1000 --format json | wc -l`;
    const theirs = `kcat -C -e -q -b ${brokers} -t ${topic} -X isolation.level=read_committed | grep -c ${NEEDLE}`;
    const cpu: number[][] = [[], [], [], []];
    const timings: Timing[] = [
      { label: 'upsun-kafka search --text --case-sensitive', ms: [] },
      { label: 'kcat -C -e (read_committed) | grep -c', ms: [] },
      { label: 'upsun-kafka search --text (any case)', ms: [] },
      { label: 'upsun-kafka search --regex --in value', ms: [] },
    ];
    const commands = [ours, theirs, oursAnyCase, oursRegex];
    const measure = async (i: number) => {
      const run = await timedShell(commands[i]);
      if (run.stdout.trim() !== String(OCCURRENCES)) throw new Error(`${timings[i].label} found ${run.stdout.trim()} matches, not ${OCCURRENCES}`);
      cpu[i].push(run.cpuMs);
      return run.ms;
    };
    // One warm-up each, then interleaved runs so load on the machine hits all alike.
    for (let i = 0; i < commands.length; i++) await measure(i);
    for (let run = 0; run < RUNS; run++) for (let i = 0; i < commands.length; i++) timings[i].ms.push(await measure(i));

    console.log(`\nSearch ${total.toLocaleString('en')} messages on ${PARTITIONS} partitions for a string in ${OCCURRENCES} of them, ${RUNS} runs each, whole processes (node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}):`);
    report(timings, total);
    const ratio = (i: number) => (median(timings[1].ms) / median(timings[i].ms)).toFixed(2);
    console.log(`  throughput upsun-kafka / kcat: ${ratio(0)}× (text), ${ratio(2)}× (any case), ${ratio(3)}× (regex); target ≥ 0.5×`);
    // CPU time depends less on what else the machine runs than elapsed time does.
    console.log('  CPU time, user + system, of all processes of the pipeline (median):');
    for (let i = 0; i < timings.length; i++) console.log(`    ${timings[i].label.padEnd(44)} ${median(cpu[i]).toFixed(0).padStart(6)} ms`);
  } finally {
    await broker?.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
