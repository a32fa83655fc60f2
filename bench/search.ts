// `npm run bench:search`: `upsun-kafka search` against `kcat -C -e | grep -c`, both as whole
// command-line processes, in the same run on the same topic: 1,000,000 messages on 12
// partitions (bench/kafka.ts fills it), of which 10 hold the string searched for. Prints each
// one's median time, throughput in messages per second, and the ratio (target: ours at least
// half of kcat's throughput). Uses the broker in KAFKA_BROKERS, else starts one.
//
// Then Avro: the same records (default 1,000,000; `-- --avro-count N`) as Avro binary on one
// topic and as JSON text on another, both searched for a field value with the CLI (Avro with
// --value-schema, so every record whose bytes may hold the text is decoded and matched as its
// JSON), and a peek of 50 of each. Prints `search avro: A ms; json text: B ms; ratio R` (target
// R ≤ 2) and `peek 50 Avro adds X ms over JSON (target < 20)`. `-- --avro-only` skips the kcat
// comparison; BENCH_SEARCH_BASELINE_CLI=<another build>/dist/cli.js times that build's Avro
// search too, interleaved.

import { spawn } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import type { Kafka } from 'kafkajs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../test/harness/paths';
import { encodeAvro, parseAvroSchema } from '../src/schemas/avro';
import { benchBroker, FILL, fill, median, PARTITIONS, report, Timing } from './kafka';
import { PARCEL_AVRO as PARCEL } from '../test/schemas/fixtures';

const RUNS = 5;
const NEEDLE = 'needle-7f3a9c';
const OCCURRENCES = 10;
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/**
 * Another build's dist/cli.js (say, the commit before a change, built elsewhere): its Avro search
 * is timed too, interleaved with this build's, so that both see the same load.
 */
const BASELINE_CLI_ENV = 'BENCH_SEARCH_BASELINE_CLI';

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

const AVRO_RUNS = 3;
const PEEK_RUNS = 9;
const PEEK = 50;

/** Record i as readable JSON; OCCURRENCES of them, spread over the partitions, belong to the customer searched for. */
function parcel(i: number, count: number): Record<string, unknown> {
  const planted = i % Math.floor(count / OCCURRENCES) === 7 && i < Math.floor(count / OCCURRENCES) * OCCURRENCES;
  return {
    customer: planted ? `${NEEDLE}-${i}` : `c-${i % 5000}`,
    qty: i % 100,
    status: ['NEW', 'PACKED', 'SHIPPED'][i % 3],
    at: new Date(1_767_225_600_000 + i * 1000).toISOString(),
    note: i % 2 === 0 ? null : 'x'.repeat(40),
  };
}

/**
 * `count` records as Avro on one topic and as JSON text on another, each searched for the
 * planted customer and peeked, interleaved. Prints the ratios against their targets.
 */
async function avroBench(kafka: Kafka, brokers: string, count: number): Promise<void> {
  const stamp = Date.now().toString(36);
  const schema = parseAvroSchema(JSON.stringify(PARCEL));
  const avroTopic = `bench-search-avro-${stamp}`;
  const jsonTopic = `bench-search-json-${stamp}`;
  await fill(kafka, avroTopic, count, (i) => encodeAvro(parcel(i, count), schema));
  await fill(kafka, jsonTopic, count, (i) => JSON.stringify(parcel(i, count)));
  const project = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-bench-avro-'));
  try {
    writeFileSync(path.join(project, 'parcel.avsc'), JSON.stringify(PARCEL));
    const search = (topic: string, schemaArgs: string, cli = CLI) => `cd ${project} && node ${cli} search --brokers ${brokers} --topic ${topic} --text ${NEEDLE} --in value --limit 1000 --format json ${schemaArgs} | wc -l`;
    const peek = (topic: string, schemaArgs: string) => `cd ${project} && node ${CLI} peek --brokers ${brokers} --topic ${topic} -n ${PEEK} --format json ${schemaArgs} | wc -l`;
    const searches: [Timing, string][] = [
      [{ label: 'search avro (--value-schema)', ms: [] }, search(avroTopic, '--value-schema parcel.avsc')],
      [{ label: 'search json text', ms: [] }, search(jsonTopic, '')],
    ];
    const baseline = process.env[BASELINE_CLI_ENV]?.trim();
    if (baseline) searches.push([{ label: `search avro (--value-schema), ${baseline}`, ms: [] }, search(avroTopic, '--value-schema parcel.avsc', baseline)]);
    const peeks: [Timing, string][] = [
      [{ label: `peek -n ${PEEK} avro (--value-schema)`, ms: [] }, peek(avroTopic, '--value-schema parcel.avsc')],
      [{ label: `peek -n ${PEEK} json text`, ms: [] }, peek(jsonTopic, '')],
    ];
    const measure = async ([timing, command]: [Timing, string], expected: number, keep: boolean) => {
      const run = await timedShell(command);
      if (run.stdout.trim() !== String(expected)) throw new Error(`${timing.label} printed ${run.stdout.trim()} lines, not ${expected}`);
      if (keep) timing.ms.push(run.ms);
    };
    // One warm-up each, then interleaved runs so load on the machine hits both alike.
    for (let run = 0; run <= AVRO_RUNS; run++) for (const s of searches) await measure(s, OCCURRENCES, run > 0);
    for (let run = 0; run <= PEEK_RUNS; run++) for (const p of peeks) await measure(p, PEEK, run > 0);
    console.log(`\nAvro against JSON text, ${count.toLocaleString('en')} records on ${PARTITIONS} partitions, ${OCCURRENCES} of them the customer searched for, whole processes (node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}):`);
    report([...searches, ...peeks].map(([t]) => t), undefined);
    const [avro, json, before] = searches.map(([t]) => median(t.ms));
    console.log(`  search avro: ${avro.toFixed(0)} ms; json text: ${json.toFixed(0)} ms; ratio ${(avro / json).toFixed(2)} (target ≤ 2)`);
    if (before !== undefined) console.log(`  search avro with ${baseline}: ${before.toFixed(0)} ms; ratio ${(before / json).toFixed(2)}`);
    const [avroPeek, jsonPeek] = peeks.map(([t]) => median(t.ms));
    console.log(`  peek ${PEEK} avro: ${avroPeek.toFixed(0)} ms; json text: ${jsonPeek.toFixed(0)} ms`);
    console.log(`  peek ${PEEK} Avro adds ${(avroPeek - jsonPeek).toFixed(0)} ms over JSON (target < 20)`);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/** `--avro-count N` (default FILL) and `--avro-only`, after `npm run bench:search --`. */
function flags(): { avroCount: number; avroOnly: boolean } {
  const args = process.argv.slice(2);
  const at = args.indexOf('--avro-count');
  const avroCount = at < 0 ? FILL : Number(args[at + 1]);
  if (!Number.isSafeInteger(avroCount) || avroCount < OCCURRENCES * 10) throw new Error(`--avro-count takes a whole number of at least ${OCCURRENCES * 10}`);
  return { avroCount, avroOnly: args.includes('--avro-only') };
}

async function main(): Promise<void> {
  const { avroCount, avroOnly } = flags();
  const { brokers, broker, kafka } = await benchBroker();
  try {
    await avroBench(kafka, brokers, avroCount);
    if (avroOnly) return;
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
