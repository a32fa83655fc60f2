// What peek, search and lag in time need of a topic's partitions, and nothing more: their
// numbers, their offsets (log start, last stable offset, high watermark, the first at a time),
// and Fetch. brokerLog.ts implements it over the wire; the unit tests drive the windowing
// (compaction gaps, aborted and open transactions, a low watermark that moves) against one in
// memory (test/harness/memoryLog.ts), and the broker suites check the real thing.

import type { IsolationLevel } from './kafkajs/requests';
import type { RawFetchedPartition } from './wire/fetch';

/** One partition of a Fetch request. */
export interface PartitionFetch {
  readonly partition: number;
  readonly fetchOffset: bigint;
  /** The most bytes this partition may answer with (the broker still sends one whole batch). */
  readonly maxBytes: number;
}

export interface FetchLimits {
  readonly maxWaitMs: number;
  /** The most bytes the whole answer may hold. */
  readonly maxBytes: number;
  /** READ_COMMITTED when absent; READ_UNCOMMITTED reads past the last stable offset. */
  readonly isolation?: IsolationLevel;
}

/**
 * Which offset of each partition: `start`, its log start offset (the low watermark); `end`,
 * its last stable offset (READ_COMMITTED, the default) or high watermark (READ_UNCOMMITTED);
 * `timestamp` (ms), the first offset whose record is at or after it, -1 when none is before
 * that end (ListOffsets, KIP-79).
 */
export type OffsetQuery = { readonly at: 'start' } | { readonly at: 'end'; readonly isolation?: IsolationLevel } | { readonly at: 'time'; readonly timestamp: number };

/** What one round of fetches brought: one entry per request sent (one per leader). */
export interface FetchRound {
  readonly requests: readonly { readonly asked: readonly PartitionFetch[]; readonly answered: readonly RawFetchedPartition[] }[];
  /** Partitions asked for that have no leader now: nothing was sent for them. */
  readonly leaderless: readonly number[];
}

/** One topic's partitions as a read_committed reader sees them; every call may fail as the cluster does (kafkajs' errors). */
export interface PartitionLog {
  readonly topic: string;
  /**
   * Reads the topic's partitions afresh (after a leader moved, say): their numbers in order.
   * Throws kafkajs' UNKNOWN_TOPIC_OR_PARTITION when the topic does not exist.
   */
  partitions(): Promise<number[]>;
  /** `query`'s offset of each of `partitions` that answered. */
  offsets(partitions: readonly number[], query: OffsetQuery): Promise<Map<number, bigint>>;
  /**
   * Fetches `asks` (at most one per partition), one request per leader. Each partition's answer
   * holds whole record batches from the one holding its fetch offset, the aborted transactions
   * among them, and its watermarks; an offset outside the log answers OFFSET_OUT_OF_RANGE.
   */
  fetch(asks: readonly PartitionFetch[], limits: FetchLimits): Promise<FetchRound>;
}
