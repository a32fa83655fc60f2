// The body of the thread a search matches records in (dist/matchWorker.js, started by
// recordMatcher.ts). A user's pattern may take seconds or years on one value, and a running
// RegExp cannot be interrupted: on the extension host's thread it would freeze the editor, in
// the CLI it would make Ctrl+C wait. Here it blocks only this thread, which the search
// terminates when a record takes longer than its budget, on Cancel and on Ctrl+C.
//
// Before each record (and before the text shortcut over a whole batch) this thread writes
// where it is into the shared state and bumps a counter; the search's watchdog reads them.

import { readFileSync } from 'fs';
import { parentPort, workerData } from 'worker_threads';
import { forEachRecord, isCorrupt, readHeaders } from './wire/recordBatch';
import { MatchJob, MatchReply, MatchWorkerData, STATE } from './matchProtocol';
import { compileQuery } from './searchQuery';
import { KafkaAccessError } from './types';
import { describeError } from '../text/error';

const { query, state: shared } = workerData as MatchWorkerData;
const state = new Int32Array(shared);
Atomics.store(state, STATE.threadId, linuxThreadId());
/** Checked on the search's side before this thread starts: it throws nothing here. */
const compiled = compileQuery(query);

function enter(job: number, batch: number, offsetDelta: number, weight: number): void {
  state[STATE.job] = job;
  state[STATE.batch] = batch;
  state[STATE.offsetDelta] = offsetDelta;
  state[STATE.weight] = weight;
  state[STATE.busy] = 1;
  // Last and atomic: the watchdog that sees the new count sees the fields above.
  Atomics.add(state, STATE.count, 1);
}

function run(job: MatchJob): MatchReply {
  const matches: number[][] = [];
  const problems: Record<number, string> = {};
  job.batches.forEach((batch, index) => {
    const body = Buffer.from(job.bytes, batch.at, batch.length);
    const found: number[] = [];
    matches.push(found);
    const { texts } = batch;
    if (texts === undefined) {
      // The text shortcut reads the whole batch: allowed the budget of all its records.
      enter(job.id, index, -1, Math.max(1, batch.end - batch.first));
      if (!compiled.mayMatch(body)) return;
    }
    let decoded = 0;
    let at = 0;
    const take = (length: number) => (length < 0 ? undefined : texts!.text.slice(at, (at += length)));
    try {
      forEachRecord(batch, body, (raw) => {
        if (raw.offsetDelta < batch.first || raw.offsetDelta >= batch.end) return;
        enter(job.id, index, raw.offsetDelta, 1);
        let key: Buffer | string | null = raw.key;
        let value: Buffer | string | null = raw.value;
        if (texts !== undefined && texts.offsetDeltas[decoded] === raw.offsetDelta) {
          key = take(texts.keyLengths[decoded]) ?? key;
          value = take(texts.valueLengths[decoded]) ?? value;
          decoded += 1;
        }
        if (compiled.matches({ key, value, headers: () => readHeaders(raw) })) found.push(raw.offsetDelta);
      });
    } catch (error) {
      // One unreadable batch is a row of its own; the others are still searched.
      if (!isCorrupt(error)) throw error;
      problems[index] = error.message;
    }
  });
  return { id: job.id, matches, problems };
}

parentPort?.on('message', (job: MatchJob) => {
  let reply: MatchReply;
  try {
    reply = run(job);
  } catch (error) {
    reply = { id: job.id, error: failure(error) };
  } finally {
    Atomics.store(state, STATE.busy, 0);
  }
  parentPort?.postMessage(reply);
});

/**
 * A corrupt record keeps its words; a pattern V8 cannot run (it compiles a RegExp at its first
 * use, so "Regular expression too large" comes only now) says so without repeating the pattern.
 */
function failure(error: unknown): { message: string; cause: KafkaAccessError['cause_'] } {
  if (error instanceof KafkaAccessError) return { message: error.message, cause: error.cause_ };
  const message = describeError(error);
  const why = message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
  return { message: `Could not search: JavaScript cannot run this pattern: ${why}. Search for something shorter.`, cause: 'invalid-request' };
}

/** This thread's id as Linux knows it (the first field of /proc/thread-self/stat); 0 elsewhere. */
function linuxThreadId(): number {
  try {
    return Number.parseInt(readFileSync('/proc/thread-self/stat', 'utf8'), 10) || 0;
  } catch {
    return 0;
  }
}
