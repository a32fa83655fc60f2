// What a peek read from the brokers to find what it shows, counted as it reads: the CLI's
// `--stats` line, the bench and the tests that hold peek to reading no more than it shows
// plus what the offset gaps hide.

import { heldPartitionText } from './openTransaction';
import { plural } from '../text/count';
import type { PeekReadStats } from './types';

export function emptyPeekStats(): PeekReadStats {
  return { fetches: 0, batches: 0, records: 0, bytes: 0, partitions: new Map(), ends: new Map() };
}

/** Counts one partition's answer to a fetch. */
export function countFetched(stats: PeekReadStats, partition: number, answer: { batches: number; records: number; bytes: number; largestBatch: number }): void {
  let mine = stats.partitions.get(partition);
  if (!mine) stats.partitions.set(partition, (mine = { fetches: 0, batches: 0, records: 0, bytes: 0, largestBatch: 0 }));
  mine.fetches += 1;
  mine.largestBatch = Math.max(mine.largestBatch, answer.largestBatch);
  for (const total of [stats, mine]) {
    total.batches += answer.batches;
    total.records += answer.records;
    total.bytes += answer.bytes;
  }
}

/** For people: "read 613 records (61,300 bytes) in 3 fetch requests to show 50 messages". */
export function describePeekStats(stats: PeekReadStats, shown: number): string {
  return `read ${plural(stats.records, 'record')} (${plural(stats.bytes, 'byte')}) in ${plural(stats.fetches, 'fetch request')} to show ${plural(shown, 'message')}`;
}

/** One line per partition an open transaction holds, in partition order: what a peek could not show yet. */
export function heldPeekLines(stats: PeekReadStats): string[] {
  return [...stats.ends].sort(([a], [b]) => a - b).map(([partition, ends]) => heldPartitionText(partition, ends)).filter(Boolean);
}

/**
 * For scripts: the totals, `shown`, and per partition peeked at its reading (zeros when none
 * was fetched), `high` (high watermark) and `lastStable` (last stable offset), offsets as strings.
 */
export function peekStatsJson(stats: PeekReadStats, shown: number): object {
  const numbers = [...new Set([...stats.ends.keys(), ...stats.partitions.keys()])].sort((a, b) => a - b);
  return {
    shown,
    fetches: stats.fetches,
    batches: stats.batches,
    records: stats.records,
    bytes: stats.bytes,
    partitions: numbers.map((partition) => ({
      partition,
      ...(stats.partitions.get(partition) ?? { fetches: 0, batches: 0, records: 0, bytes: 0, largestBatch: 0 }),
      ...stats.ends.get(partition),
    })),
  };
}
