// Message counts over time for the message view's histogram: buckets of a round width (1 s,
// 5 min, 1 h…) covering the loaded messages, and the time span a selection of buckets means.

import { DAY, HOUR, MINUTE, SECOND } from '../../text/duration';
import { formatTimestamp, type TimeZoneChoice } from '../../text/timeFormat';

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

/** One label of the time axis: where it stands (ms since the epoch) and what it reads. */
export interface AxisTick {
  readonly ms: number;
  readonly label: string;
}

/**
 * Labels for a time axis from `fromMs` to `toMs` (ms since the epoch): at most `maxTicks`, at
 * whole multiples of the smallest round step that fits (the bucket widths above: 1, 2, 5 × 10ⁿ
 * ms, then 1, 2, 5, 10, 15, 30 s and min, 1, 2, 3, 6, 12 h, days), counted in `zone`'s clock so
 * local hours and days fall on whole hours and midnights. A label drops what the step makes
 * zero: `12:05` for minutes, `12:00:30` for seconds, `12:00:00.5` for half seconds; it has the
 * date where the date changes from the label before (the first one always). No offset: the
 * table's heading names the zone. Empty when the span is empty or `maxTicks` is less than 1.
 */
export function timeTicks(fromMs: number, toMs: number, maxTicks: number, zone: TimeZoneChoice): AxisTick[] {
  if (!(toMs > fromMs) || maxTicks < 1) return [];
  const shift = (ms: number) => (zone === 'local' ? -new Date(ms).getTimezoneOffset() * MINUTE : 0);
  const fits = (step: number) => Math.floor((toMs + shift(toMs)) / step) - Math.ceil((fromMs + shift(fromMs)) / step) + 1 <= maxTicks;
  const step = WIDTHS_MS.find(fits) ?? yearsStep(fits);
  const ticks: AxisTick[] = [];
  let lastDate = '';
  // Whole steps of the zone's clock; each tick is then that clock time's instant.
  for (let clock = Math.ceil((fromMs + shift(fromMs)) / step) * step; clock - shift(clock) <= toMs; clock += step) {
    const ms = clock - shift(clock - shift(clock));
    const full = formatTimestamp(ms, zone);
    if (full === undefined) continue;
    const [date, time] = full.split(' ');
    const shown = trimTime(time, step);
    const label = step >= DAY ? date : date === lastDate ? shown : `${date} ${shown}`;
    lastDate = date;
    ticks.push({ ms, label });
  }
  return ticks;
}

function yearsStep(fits: (step: number) => boolean): number {
  let step = 365 * DAY;
  while (!fits(step)) step *= 2;
  return step;
}

/** `12:05:00.000` read at `stepMs`: the fraction's trailing zeros go, and the seconds when the step is whole minutes. */
function trimTime(time: string, stepMs: number): string {
  const trimmed = time.replace(/\.?0+$/, '');
  return stepMs % MINUTE === 0 && trimmed.endsWith(':00') && trimmed.length === 8 ? trimmed.slice(0, 5) : trimmed;
}
