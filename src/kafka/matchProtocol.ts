// What a search and its matching thread (matchWorker.ts) say to each other, and the layout of
// the state they share, and the budget's bounds. Types and constants only: the CLI's options
// and each side's bundle take them without the other's code.

import type { KafkaFailureCause, SearchQuery } from './types';

/** How long matching one record may take unless told otherwise, in ms. */
export const DEFAULT_MATCH_BUDGET_MS = 100;
/** The most a caller may allow, in ms: past a minute a pattern is not going to finish. */
export const MAX_MATCH_BUDGET_MS = 60_000;

export interface MatchWorkerData {
  readonly query: SearchQuery;
  /** An Int32Array of STATE_LENGTH, laid out as STATE says. */
  readonly state: SharedArrayBuffer;
}

/**
 * Where the matching thread is. It writes the fields, then adds 1 to `count` atomically; the
 * watchdog reads `count` first, so it sees the fields of the record the count stands for.
 */
export const STATE = {
  /** Bumped as each record (or batch shortcut) starts. */
  count: 0,
  /** 1 from a record's start to its job's end; 0 while the thread waits for a job. */
  busy: 1,
  job: 2,
  /** Index into the job's batches. */
  batch: 3,
  /** The record's offset delta; -1 while the text shortcut reads the whole batch. */
  offsetDelta: 4,
  /** How many records' budgets this step may take (the shortcut: all the batch's). */
  weight: 5,
  /** The thread's Linux thread id, so the watchdog can read its CPU time; 0 where there is none. */
  threadId: 6,
} as const;

export const STATE_LENGTH = 7;

/** One batch's decompressed records section, as a slice of MatchJob.bytes. */
export interface MatchBatch {
  readonly at: number;
  readonly length: number;
  /** Records in the section (the batch header's count). */
  readonly count: number;
  readonly baseOffset: bigint;
  readonly lastOffset: bigint;
  /** Only records with offset deltas in [first, end) are matched. */
  readonly first: number;
  readonly end: number;
  /** Text matched in place of some records' key or value bytes (decoded with a schema). */
  readonly texts?: DecodedTexts;
}

/**
 * Per record, by offset delta (ascending), the text to match for its key and value, all in one
 * string (one copy to the thread, where thousands of small strings cost each their own):
 * record i's key is the next `keyLengths[i]` characters, then its value the next
 * `valueLengths[i]`; a length of -1 means its bytes are matched. A batch with texts is matched
 * record by record: its bytes say nothing of what the decoded JSON holds (field names,
 * numbers, enum symbols).
 */
export interface DecodedTexts {
  readonly offsetDeltas: Int32Array;
  readonly keyLengths: Int32Array;
  readonly valueLengths: Int32Array;
  readonly text: string;
}

export interface MatchJob {
  readonly id: number;
  /** Every batch's bytes, moved (not copied) to the thread. */
  readonly bytes: ArrayBuffer;
  readonly batches: readonly MatchBatch[];
}

export type MatchReply =
  /** Per batch, the offset deltas of the records that match, ascending; by batch index, why a batch could not be read. */
  | { readonly id: number; readonly matches: readonly (readonly number[])[]; readonly problems: Readonly<Record<number, string>> }
  | { readonly id: number; readonly error: { readonly message: string; readonly cause: KafkaFailureCause } };
