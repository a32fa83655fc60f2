// Kafka's own Java client as the ground truth of the Kafka tests: TransactionalWriter writes a
// planned mix of records, ReadCommittedReader prints what a read_committed consumer sees,
// GroupMember is a member of a group of any type, GroupTruth answers with the Admin API.

import { ChildProcess, execFile, spawn } from 'child_process';
import * as path from 'path';
import { createInterface } from 'readline';
import { kafkaClasspath, testBrokers } from '../harness/kafkaBroker';
import { REPO_ROOT } from '../harness/paths';
import type { KafkaCluster, PeekedMessage, PeekRequest } from '../../src/kafka/types';

const JAVA_DIR = path.join(REPO_ROOT, 'test', 'kafka', 'java');

export interface PlannedRecord {
  readonly kind: 'tx' | 'plain';
  readonly partition: number;
  /** Left to the producer when absent. */
  readonly timestamp?: bigint;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly { readonly key: string; readonly value: Buffer | null }[];
}

export type Step = PlannedRecord | { readonly kind: 'begin' | 'commit' | 'abort' | 'hold' } | { readonly kind: 'sleep'; readonly ms: number };

/** A record as the Java consumer printed it; bytes in base64. */
export interface SeenRecord {
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: readonly [string, string | null][];
}

export function runJava(file: string, args: string[], input = ''): Promise<string> {
  return kafkaClasspath().then(
    (classpath) =>
      new Promise((resolve, reject) => {
        const child = execFile('java', ['-cp', classpath, path.join(JAVA_DIR, file), ...args], { timeout: 180_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
          error ? reject(new Error(`${file}: ${error.message}\n${stderr}`)) : resolve(stdout),
        );
        child.stdin?.end(input);
      }),
  );
}

const hex = (b: Buffer | null) => (b === null ? '-' : b.toString('hex'));

export async function javaWrite(topic: string, steps: readonly Step[], codecs: { tx: string; plain: string } = { tx: 'none', plain: 'none' }): Promise<void> {
  await runJava('TransactionalWriter.java', [testBrokers().join(','), topic, codecs.tx, codecs.plain], planText(steps));
}

/** A Java producer that holds a transaction open, alive until `finish`. */
export interface HeldTransaction {
  /** Runs `steps` (e.g. commit or abort) and ends the plan; resolves when the process exited. */
  finish(steps?: readonly Step[]): Promise<void>;
}

/**
 * Runs `steps` with TransactionalWriter and resolves once it printed "held" for each `hold`
 * step: the transaction it began is open on the broker, its process alive. Rejects
 * when the process ends first or takes longer than `timeoutMs`.
 */
export async function javaHoldTransaction(topic: string, steps: readonly Step[], timeoutMs = 120_000): Promise<HeldTransaction> {
  const classpath = await kafkaClasspath();
  const child = spawn('java', ['-cp', classpath, path.join(JAVA_DIR, 'TransactionalWriter.java'), testBrokers().join(','), topic, 'none', 'none'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.write(planText(steps));
  const timer = setTimeout(() => child.kill(), timeoutMs);
  try {
    await new Promise<void>((resolve, reject) => {
      const holds = steps.filter((s) => s.kind === 'hold').length;
      const check = () => {
        if (stdout.split('\n').filter((line) => line === 'held').length >= holds) resolve();
      };
      child.stdout.on('data', check);
      check();
      exited.then((code) => reject(new Error(`TransactionalWriter ended (${code}) before it held the transaction open:\n${stderr}`)), reject);
    });
  } catch (error) {
    child.kill();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    async finish(more: readonly Step[] = []) {
      child.stdin.end(planText(more));
      const code = await exited;
      if (code !== 0) throw new Error(`TransactionalWriter exited with ${code}:\n${stderr}`);
    },
  };
}

function planText(steps: readonly Step[]): string {
  const lines = steps.map((s) => {
    if (s.kind === 'sleep') return `sleep\t${s.ms}`;
    if (s.kind === 'tx' || s.kind === 'plain') {
      const headers = s.headers.length === 0 ? '-' : s.headers.map((h) => `${Buffer.from(h.key).toString('hex')}:${hex(h.value)}`).join(',');
      return [s.kind, s.partition, s.timestamp ?? '-', hex(s.key), hex(s.value), headers].join('\t');
    }
    return s.kind;
  });
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** Every record a read_committed Java consumer sees, by partition then offset. */
export async function javaReadCommitted(topic: string, options: { fewerThan?: number } = {}): Promise<SeenRecord[]> {
  const args = [testBrokers().join(','), topic, ...(options.fewerThan !== undefined ? [String(options.fewerThan)] : [])];
  const out = await runJava('ReadCommittedReader.java', args);
  const records = out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as SeenRecord);
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** A peeked message in the consumer's terms, for comparing the two. */
export function asSeen(m: PeekedMessage): SeenRecord {
  return { partition: m.partition, offset: m.offset, timestamp: m.timestampMs, key: m.key?.base64 ?? null, value: m.value?.base64 ?? null, headers: m.headers.map((h) => [h.key, h.value?.base64 ?? null]) };
}

/**
 * What a peek must answer, from what the consumer saw, by the semantics the README states:
 * per partition the newest `limit` messages, then across partitions newest first by timestamp
 * (ties: lower partition, then higher offset), the newest `limit`. From an offset (or from
 * `starts`, each partition's offsetsForTimes answer): per partition the messages from there on
 * in offset order, as a consumer that seeked there reads them, merged by taking next the
 * partition whose next message is oldest (ties: lower partition), the first `limit`; shown
 * newest first.
 */
export function expectedPeek(seen: readonly SeenRecord[], request: Pick<PeekRequest, 'limit' | 'partition' | 'fromOffset'> & { starts?: ReadonlyMap<number, bigint> }): SeenRecord[] {
  const partitions = [...new Set(seen.map((r) => r.partition))].filter((p) => request.partition === undefined || p === request.partition).sort((a, b) => a - b);
  const newestFirst = (a: SeenRecord, b: SeenRecord) => {
    const ta = BigInt(a.timestamp);
    const tb = BigInt(b.timestamp);
    if (ta !== tb) return ta < tb ? 1 : -1;
    if (a.partition !== b.partition) return a.partition - b.partition;
    return BigInt(a.offset) < BigInt(b.offset) ? 1 : -1;
  };
  const start = (p: number) => request.starts?.get(p) ?? (request.fromOffset === undefined ? undefined : BigInt(request.fromOffset));
  if (start(partitions[0]) === undefined) return partitions.flatMap((p) => seen.filter((r) => r.partition === p).slice(-request.limit)).sort(newestFirst).slice(0, request.limit);
  const runs = partitions.map((p) => seen.filter((r) => r.partition === p && start(p)! >= 0n && BigInt(r.offset) >= start(p)!));
  const picked: SeenRecord[] = [];
  while (picked.length < request.limit && runs.some((run) => run.length > 0)) {
    const heads = runs.filter((run) => run.length > 0);
    const oldest = heads.reduce((best, run) => (BigInt(run[0].timestamp) < BigInt(best[0].timestamp) ? run : best));
    picked.push(oldest.shift()!);
  }
  return picked.sort(newestFirst);
}

/** Topic configs under which the log cleaner compacts each segment as soon as it closes. */
export const COMPACT_AT_ONCE: Readonly<Record<string, string>> = {
  'cleanup.policy': 'compact',
  'segment.ms': '100',
  'min.cleanable.dirty.ratio': '0',
  'min.compaction.lag.ms': '0',
  'delete.retention.ms': '0',
};

/**
 * A one-partition compacted topic whose offsets 0-54 are gone: offsets 0-59 cycle through five
 * keys, and a record after segment.ms (key `roll`, offset 60) closes their segment. Returns what
 * the Java consumer sees once the cleaner ran; throws when it did not in time.
 */
export async function compactedWithGap(cluster: Pick<KafkaCluster, 'createTopic'>, topic: string): Promise<SeenRecord[]> {
  await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1, config: COMPACT_AT_ONCE });
  const plain = (key: string, value: string): PlannedRecord => ({ kind: 'plain', partition: 0, key: Buffer.from(key), value: Buffer.from(value), headers: [] });
  await javaWrite(topic, [...Array.from({ length: 60 }, (_, i) => plain(`k${i % 5}`, `v${i}`)), { kind: 'sleep', ms: 300 }, plain('roll', 'last')]);
  // The log cleaner looks every 15 s by default, and may clean one segment before the next
  // rolls: wait until the log holds only the six keys' newest records, not just fewer records.
  const seen = await javaReadCommitted(topic, { fewerThan: 7 });
  const offsets = seen.map((r) => r.offset).join(',');
  if (offsets !== '55,56,57,58,59,60') throw new Error(`the log cleaner did not compact ${topic} in time: offsets ${offsets}`);
  return seen;
}

/**
 * The Java client the group tests run, whatever the broker's version: Kafka 4.3's client speaks
 * to every broker the tests start (3.7 included), and has the Admin API of every group type.
 */
const GROUP_CLIENT_VERSION = '4.3.1';

/** A Java process the test talks to over stdin and stdout, stopped by closing its stdin. */
class JavaProcess {
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private readonly waiting: ((line: string) => void)[] = [];
  private stderr = '';
  private readonly exited: Promise<number | null>;

  constructor(classpath: string, file: string, args: readonly string[]) {
    this.child = spawn('java', ['-cp', classpath, path.join(JAVA_DIR, file), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const next = this.waiting.shift();
      if (next) next(line);
      else this.lines.push(line);
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-8_000);
    });
  }

  /** The next line it prints; fails when it exits first or prints nothing within `timeoutMs`. */
  nextLine(timeoutMs = 120_000): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms\n${this.stderr}`)), timeoutMs);
      const done = (line: string) => {
        clearTimeout(timer);
        resolve(line);
      };
      this.waiting.push(done);
      this.exited.then((code) => {
        if (!this.waiting.includes(done)) return;
        this.waiting.splice(this.waiting.indexOf(done), 1);
        clearTimeout(timer);
        reject(new Error(`exited with ${code} before answering\n${this.stderr}`));
      }, reject);
    });
  }

  write(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  /** Closes its stdin and waits for it to end; killed when it has not within `timeoutMs`. */
  async stop(timeoutMs = 60_000): Promise<void> {
    this.child.stdin!.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Kafka's Java Admin API, one question at a time (GroupTruth.java says which). */
export class GroupTruth {
  private constructor(private readonly java: JavaProcess) {}

  static async start(): Promise<GroupTruth> {
    return new GroupTruth(new JavaProcess(await kafkaClasspath(GROUP_CLIENT_VERSION), 'GroupTruth.java', [testBrokers().join(',')]));
  }

  /** The answer to `command`; throws the Admin API's error. */
  async ask<T>(command: string): Promise<T> {
    this.java.write(command);
    const answer = JSON.parse(await this.java.nextLine()) as T & { error?: string };
    if (answer && typeof answer === 'object' && !Array.isArray(answer) && typeof answer.error === 'string') throw new Error(`${command}: ${answer.error}`);
    return answer;
  }

  stop(): Promise<void> {
    return this.java.stop();
  }
}

/** What GroupTruth answers to `describe <type> <group>`. */
export interface TruthGroup {
  readonly state: string;
  readonly assignor?: string | null;
  readonly members: readonly { readonly clientId: string; readonly host: string; readonly assignment: readonly string[] }[];
}

/** A member of a group of `type`, started with Kafka's Java client (GroupMember.java); resolves once it joined. */
export async function startGroupMember(type: 'classic' | 'consumer' | 'share' | 'streams', group: string, topic: string, clientId: string): Promise<{ stop(): Promise<void> }> {
  const java = new JavaProcess(await kafkaClasspath(GROUP_CLIENT_VERSION), 'GroupMember.java', [testBrokers().join(','), type, group, topic, clientId]);
  try {
    const line = await java.nextLine(180_000);
    if (line !== 'joined') throw new Error(`GroupMember printed "${line}"`);
  } catch (error) {
    await java.stop();
    throw error;
  }
  return java;
}
