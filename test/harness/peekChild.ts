// Runs one peek or search with our real client in a process of its own and prints what came
// back and the process's peak resident memory (VmHWM from /proc/self/status), so a test can
// bound the memory a hostile broker's answer costs. Usage: node peekChild.js '<json Job>'.

import { readFileSync } from 'fs';
import { connectCluster } from '../../src/kafka/connect';
import type { PeekedMessage } from '../../src/kafka/types';

export interface ChildJob {
  readonly brokers: string;
  readonly topic: string;
  readonly limit: number;
  /** Search for this text instead of peeking. */
  readonly search?: string;
}

export interface ChildRow {
  readonly partition: number;
  readonly offset: string;
  readonly value: string | null;
  readonly problem?: string;
}

export interface ChildResult {
  readonly rows?: readonly ChildRow[];
  /** The error the peek or search failed with: its name and message. */
  readonly error?: { readonly name: string; readonly cause?: string; readonly message: string };
  /** Peak resident memory of the process, KiB. */
  readonly peakKiB: number;
}

function peakKiB(): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) : NaN;
}

const row = (m: PeekedMessage): ChildRow => ({ partition: m.partition, offset: m.offset, value: m.value?.text ?? null, ...(m.problem === undefined ? {} : { problem: m.problem }) });

async function main(): Promise<ChildResult> {
  const job = JSON.parse(process.argv[2]) as ChildJob;
  const cluster = await connectCluster({ brokers: [job.brokers], timeoutMs: 10_000 });
  try {
    const messages = job.search === undefined ? await cluster.peek({ topic: job.topic, limit: job.limit }) : (await cluster.search({ topic: job.topic, pattern: job.search, limit: job.limit })).messages;
    return { rows: messages.map(row), peakKiB: peakKiB() };
  } catch (error) {
    const e = error as Error & { cause_?: string };
    return { error: { name: e.name, cause: e.cause_, message: e.message }, peakKiB: peakKiB() };
  } finally {
    await cluster.disconnect();
  }
}

main().then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: { name: 'crash', message: String(error) }, peakKiB: peakKiB() })}\n`);
    process.exitCode = 1;
  },
);
