// A search's records are matched in a thread of their own (matchWorker.ts), within a time
// budget per record: a pattern that backtracks (`^(a+)+$` takes seconds on 31 characters, and
// twice as long with each more) must not freeze the extension host, and Ctrl+C must stop the
// CLI at once. JavaScript cannot interrupt a running RegExp, but it can end the thread it runs
// in: a watchdog on this side does so when one record takes longer than the budget, and
// close() does so on Cancel.
//
// Plain text goes the same way: V8's search for a literal, even Buffer.includes, takes time
// proportional to the text's length times the value's on repetitive data (a 10,000-character
// text over a 1 MB value: seconds), and in any case that is worse.

import { readFileSync } from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { DecodedTexts, MatchJob, MatchReply, MatchWorkerData, STATE, STATE_LENGTH } from './matchProtocol';
import { KafkaAccessError, SearchQuery } from './types';

/** Built next to this module: dist/matchWorker.js by esbuild.mjs, out/src/kafka/ by tsc. */
const WORKER_SCRIPT = path.join(__dirname, 'matchWorker.js');

/** A batch's decompressed records section, with the offset deltas [first, end) to match. */
export interface BatchToMatch {
  readonly body: Buffer;
  /** Records in the section (the batch header's count). */
  readonly count: number;
  /** The batch's first and last offsets, which a corrupt batch's problem names. */
  readonly baseOffset: bigint;
  readonly lastOffset: bigint;
  readonly first: number;
  readonly end: number;
  readonly texts?: DecodedTexts;
}

export type MatchOutcome =
  /**
   * Per batch, the offset deltas of the records that match, ascending; `problems`, by batch
   * index, what made a batch unreadable (its matches are those before the fault).
   */
  | { readonly matches: readonly (readonly number[])[]; readonly problems: Readonly<Record<number, string>> }
  /**
   * Matching one record (`offsetDelta`, of batch number `batch`) took longer than the budget;
   * without `offsetDelta`, the text shortcut over the whole batch took longer than the budget of
   * all its records. The thread has been ended and the matcher is closed.
   */
  | { readonly overBudget: { readonly batch: number; readonly offsetDelta?: number } };

interface Waiting {
  resolve(outcome: MatchOutcome | undefined): void;
  reject(error: Error): void;
  readonly onRecord?: (batch: number, offsetDelta: number) => void;
}

/**
 * Matches batches of records against one query in one thread, started on the first call.
 * Calls queue in order. close() ends the thread at once, whatever it is running.
 */
export class RecordMatcher {
  private worker: Worker | undefined;
  private exit: Promise<void> = Promise.resolve();
  private readonly state = new Int32Array(new SharedArrayBuffer(STATE_LENGTH * Int32Array.BYTES_PER_ELEMENT));
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private closed = false;

  /** `query` as compileQuery accepts it (checked by the caller); `budgetMs` per record, in ms. */
  constructor(
    readonly query: SearchQuery,
    readonly budgetMs: number,
  ) {}

  /**
   * The records of `batches` that match. `onRecord` hears, every tick while this call's batches
   * are matched, which record the thread is on (batch index, offset delta; -1 while the text
   * shortcut reads the batch), so that a slow pattern still shows progress. Resolves undefined
   * when the matcher was closed before the answer; rejects with a KafkaAccessError for a pattern V8
   * cannot run ('invalid-request') or a thread that failed ('other').
   */
  match(batches: readonly BatchToMatch[], onRecord?: (batch: number, offsetDelta: number) => void): Promise<MatchOutcome | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const worker = this.start();
    // One buffer moved to the thread for all: the bodies are slices of larger buffers (the
    // Fetch response) that must stay here, and one copy costs less than matching them.
    // allocUnsafeSlow: a buffer of its own, not zero-filled first, since every byte is copied over.
    const view = Buffer.allocUnsafeSlow(batches.reduce((sum, b) => sum + b.body.length, 0));
    const bytes = view.buffer;
    let at = 0;
    const layout = batches.map(({ body, count, baseOffset, lastOffset, first, end, texts }) => {
      at += body.copy(view, at);
      return { at: at - body.length, length: body.length, count, baseOffset, lastOffset, first, end, ...(texts === undefined ? {} : { texts }) };
    });
    const job: MatchJob = { id: this.nextId++, bytes, batches: layout };
    return new Promise((resolve, reject) => {
      this.waiting.set(job.id, { resolve, reject, onRecord });
      worker.postMessage(job, [bytes]);
      this.watch();
    });
  }

  /** Starts the thread now, so that it is ready by the first call (it takes tens of ms). */
  prepare(): void {
    if (!this.closed) this.start();
  }

  /** Ends the thread, running or not: calls waiting resolve undefined, later ones too. */
  close(): void {
    this.end();
  }

  /** Settles once the thread has exited (at once when none was started). */
  get exited(): Promise<void> {
    return this.exit;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const { pattern, regex, caseSensitive, fields } = this.query;
    const workerData: MatchWorkerData = { query: { pattern, regex, caseSensitive, fields }, state: this.state.buffer };
    const worker = new Worker(WORKER_SCRIPT, { workerData });
    this.worker = worker;
    this.exit = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (reply: MatchReply) => {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) this.unwatch();
      if ('error' in reply) waiting?.reject(new KafkaAccessError(reply.error.message, reply.error.cause));
      else waiting?.resolve({ matches: reply.matches, problems: reply.problems });
    });
    worker.on('error', (error) => this.fail(new KafkaAccessError(`Could not search: the thread that matches records failed: ${error.message}`, 'other')));
    worker.on('exit', (code) => this.fail(new KafkaAccessError(`Could not search: the thread that matches records stopped (exit code ${code}).`, 'other')));
    return worker;
  }

  /**
   * Every tick, whether the thread has been on the same record for longer than its budget, in
   * elapsed time and in CPU time: a thread that waits for a core (a loaded machine, another
   * thread's garbage collection) is not a slow pattern. The CPU time is the thread's own where
   * Linux tells it, else the whole process's, which is at least the thread's. The first tick
   * that sees a record start is no earlier than its start, so a record is never stopped
   * before its budget is spent; it is stopped within a tick after.
   */
  private watch(): void {
    if (this.watchdog !== undefined) return;
    const { state } = this;
    let seen = Atomics.load(state, STATE.count);
    let since = Date.now();
    let cpuSince = this.cpuMs();
    this.watchdog = setInterval(
      () => {
        const count = Atomics.load(state, STATE.count);
        const now = Date.now();
        if (count !== seen || Atomics.load(state, STATE.busy) === 0) {
          seen = count;
          since = now;
          cpuSince = this.cpuMs();
          if (Atomics.load(state, STATE.busy) === 1) this.waiting.get(state[STATE.job])?.onRecord?.(state[STATE.batch], state[STATE.offsetDelta]);
          return;
        }
        const allowed = this.budgetMs * state[STATE.weight];
        if (now - since < allowed || this.cpuMs() - cpuSince < allowed) return;
        const job = state[STATE.job];
        const offsetDelta = state[STATE.offsetDelta];
        const waiting = this.waiting.get(job);
        this.waiting.delete(job);
        waiting?.resolve({ overBudget: { batch: state[STATE.batch], offsetDelta: offsetDelta < 0 ? undefined : offsetDelta } });
        this.end();
      },
      Math.min(250, Math.max(5, this.budgetMs / 4)),
    );
  }

  /** CPU time in ms: the matching thread's (Linux: /proc/self/task/<id>/schedstat, in ns), else this process's. */
  private cpuMs(): number {
    const threadId = Atomics.load(this.state, STATE.threadId);
    if (threadId > 0) {
      try {
        return Number.parseInt(readFileSync(`/proc/self/task/${threadId}/schedstat`, 'utf8'), 10) / 1e6;
      } catch {
        // the thread has ended, or /proc is not mounted: the process's time below
      }
    }
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }

  private unwatch(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
  }

  private end(): void {
    this.closed = true;
    this.unwatch();
    for (const waiting of this.waiting.values()) waiting.resolve(undefined);
    this.waiting.clear();
    // Exits in any case; `exited` tells when.
    this.worker?.terminate().catch(() => undefined);
  }

  private fail(error: Error): void {
    if (this.closed) return;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
    this.end();
  }
}
