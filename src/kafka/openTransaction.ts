// An open transaction holds read_committed consumers at the partition's last stable offset while
// the high watermark goes on: the records from the one to the other wait until it commits or
// aborts (KIP-98). How many are held, and how that is said, live here once.

import { groupDigits } from '../text/count';

/** A partition's two ends as decimal strings or bigints (see PartitionEnds in kafka/metadata.ts). */
export interface Ends {
  readonly high: string | bigint;
  readonly lastStable: string | bigint;
}

/**
 * Offsets at or past the last stable offset and below the high watermark, counted from `from`
 * (a committed offset, or where a read starts) when that lies past the last stable offset;
 * 0n when no transaction holds any.
 */
export function heldOffsets(ends: Ends, from?: string | bigint): bigint {
  const high = BigInt(ends.high);
  const stable = BigInt(ends.lastStable);
  const start = from === undefined || BigInt(from) < stable ? stable : BigInt(from);
  return high > start ? high - start : 0n;
}

/**
 * The part of a lag an open transaction holds back: over partitions with a committed offset,
 * the offsets at or past both it and the last stable offset.
 */
export function lagHeld(partitions: readonly (Ends & { readonly committed: string | null })[]): bigint {
  return partitions.reduce((sum, p) => (p.committed === null ? sum : sum + heldOffsets(p, p.committed)), 0n);
}

/** `3 held by an open transaction`, for a lag; empty when none is. */
export function heldText(held: bigint): string {
  return held > 0n ? `${groupDigits(held)} held by an open transaction` : '';
}

/**
 * `partition 0 is held at offset 2 by an open transaction: 3 records (offsets 2 to 4) wait until
 * it commits or aborts`; empty when the partition is not held.
 */
export function heldPartitionText(partition: number, ends: Ends): string {
  return heldOffsets(ends) === 0n ? '' : `partition ${partition} is held at offset ${groupDigits(BigInt(ends.lastStable))} by an open transaction: ${waitingText(ends)}`;
}

/** `3 records (offsets 2 to 4) wait until it commits or aborts`; empty when none is held. */
export function waitingText(ends: Ends): string {
  const held = heldOffsets(ends);
  if (held === 0n) return '';
  const stable = BigInt(ends.lastStable);
  const range = held === 1n ? `offset ${groupDigits(stable)}` : `offsets ${groupDigits(stable)} to ${groupDigits(BigInt(ends.high) - 1n)}`;
  return `${groupDigits(held)} ${held === 1n ? 'record' : 'records'} (${range}) ${held === 1n ? 'waits' : 'wait'} until it commits or aborts`;
}


/**
 * `partition 0 is held at offset 2 by an open transaction: …; partition 3 is held …`, for
 * the summary of a read that went to the end: empty when no partition is held.
 */
export function heldPartitionsText(partitions: readonly (Ends & { readonly partition: number })[]): string {
  return partitions.map((p) => heldPartitionText(p.partition, p)).filter(Boolean).join('; ');
}

/**
 * Kafka's default `transaction.max.timeout.ms` (TransactionStateManagerConfig: 15 minutes),
 * also the default `--max-transaction-timeout` of `kafka-transactions.sh find-hanging`: no
 * producer may keep a transaction open longer, so a last stable offset standing still longer
 * is held by a transaction no coordinator will end (KIP-664).
 */
export const DEFAULT_TRANSACTION_MAX_TIMEOUT_MS = 900_000;

/**
 * Since when each partition's last stable offset has stood where it is while below the high
 * watermark, as seen across reloads (the explorer's, each a moment in ms). Only held
 * partitions are kept: one that is not held, or whose last stable offset moved, starts over.
 */
export class LastStableWatch {
  private readonly since = new Map<string, { readonly lastStable: bigint; readonly sinceMs: number }>();

  /** How long (ms) `key` has been held at `ends.lastStable` as far as this watch saw; null when not held. */
  observe(key: string, ends: Ends, nowMs: number): number | null {
    if (heldOffsets(ends) === 0n) {
      this.since.delete(key);
      return null;
    }
    const lastStable = BigInt(ends.lastStable);
    const seen = this.since.get(key);
    if (seen?.lastStable === lastStable) return Math.max(0, nowMs - seen.sinceMs);
    this.since.set(key, { lastStable, sinceMs: nowMs });
    return 0;
  }
}
