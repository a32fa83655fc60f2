// Message counts over time for the message view's histogram: buckets of a round width (1 s,
// 5 min, 1 h…) covering the loaded messages, and the time span a selection of buckets means.

import { DAY, HOUR, MINUTE, SECOND } from '../../text/duration';

/** Bucket widths a person reads at a glance, in ms, smallest first. */
const WIDTHS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY, 365 * DAY,
];

export interface Histogram {
  /** Start of the first bucket, ms since the epoch (a multiple of `bucketMs`). */
  readonly startMs: number;
  /** Width of every bucket, ms. */
  readonly bucketMs: number;
  /** Messages per bucket, oldest bucket first; at most the `maxBuckets` asked for. */
  readonly counts: readonly number[];
  /** Messages left out: no timestamp, or one no date can hold. */
  readonly undated: number;
}

/** A span of time, `fromMs` included, `toMs` not. */
export interface TimeSpan {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Counts of `times` (ms since the epoch; undefined for a message without a date) in at most
 * `maxBuckets` buckets of the smallest round width that covers them all. Undefined when no
 * time is given. Throws when `maxBuckets` is less than 1.
 */
export function histogram(times: readonly (number | undefined)[], maxBuckets = 60): Histogram | undefined {
  if (maxBuckets < 1) throw new Error(`maxBuckets must be at least 1, got ${maxBuckets}`);
  let min = Infinity;
  let max = -Infinity;
  let undated = 0;
  for (const t of times) {
    if (t === undefined) {
      undated++;
      continue;
    }
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (min === Infinity) return undefined;
  const bucketMs = widthFor(min, max, maxBuckets);
  const startMs = Math.floor(min / bucketMs) * bucketMs;
  const counts = new Array<number>(Math.floor((max - startMs) / bucketMs) + 1).fill(0);
  for (const t of times) if (t !== undefined) counts[Math.floor((t - startMs) / bucketMs)]++;
  return { startMs, bucketMs, counts, undated };
}

function widthFor(min: number, max: number, maxBuckets: number): number {
  const fits = (width: number) => Math.floor(max / width) - Math.floor(min / width) + 1 <= maxBuckets;
  const round = WIDTHS_MS.find(fits);
  if (round !== undefined) return round;
  // Beyond a year per bucket: whole years.
  let width = 365 * DAY;
  while (!fits(width)) width *= 2;
  return width;
}

/** The span of buckets `first` to `last` (either order, both included). */
export function bucketSpan(h: Histogram, first: number, last: number): TimeSpan {
  const lo = Math.max(0, Math.min(first, last));
  const hi = Math.min(h.counts.length - 1, Math.max(first, last));
  return { fromMs: h.startMs + lo * h.bucketMs, toMs: h.startMs + (hi + 1) * h.bucketMs };
}

export function inSpan(ms: number | undefined, span: TimeSpan): boolean {
  return ms !== undefined && ms >= span.fromMs && ms < span.toMs;
}

/** Times already read, by row: each Follow poll counts every loaded row again. */
const times = new WeakMap<object, number | undefined>();

/** A record's time for the histogram: its ISO timestamp as ms, undefined when it has none or no date can hold it. */
export function messageTimeMs(row: { readonly timestamp: string }): number | undefined {
  if (times.has(row)) return times.get(row);
  const parsed = Date.parse(row.timestamp);
  const ms = Number.isNaN(parsed) ? undefined : parsed;
  times.set(row, ms);
  return ms;
}
