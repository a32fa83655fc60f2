// When the disk fills, from the growth seen while connected and each topic's retention. The
// method (also in docs/explorer.md, "Disk and forecast"):
// 1. Each topic's growth rate is the least-squares slope of its bytes on disk over the samples
//    (at least MIN_SAMPLES over at least MIN_SPAN_MS); fewer, and nothing is forecast.
// 2. Retention caps a topic (Kafka deletes whole segments, never the active one, log/LogManager
//    and UnifiedLog.deleteOldSegments): under `retention.bytes` (per partition) a partition
//    holds at most retention.bytes + one segment (segment.bytes); under `retention.ms` it holds
//    what arrives in retention.ms plus the segment still filling (until segment.bytes at this
//    rate, or segment.ms, whichever is sooner). A compacted-only topic has no cap that rates can
//    tell. Each replica takes the same bytes.
// 3. The disk's total at time t is the sum over topics of min(bytes + rate * t, cap); a topic
//    that shrinks or stands still is taken to stay as it is. The disk fills at the first t where
//    that total reaches its size; if the caps hold it below, retention keeps it steady.

import { bytesAtMostText } from '../text/bytes';
import { aboutText } from './approximate';

/** Fewer samples than this, or a shorter span, and no rate is trusted. */
export const MIN_SAMPLES = 3;
export const MIN_SPAN_MS = 60_000;

/** One reading of a topic's bytes on disk (all replicas). */
export interface UsageSample {
  /** ms since the epoch. */
  readonly atMs: number;
  readonly bytes: number;
}

/** What bounds a topic's size, from its settings (null: no limit). */
export interface TopicRetention {
  /** `retention.ms`; null for -1 (keep forever). */
  readonly retentionMs: number | null;
  /** `retention.bytes`, per partition; null for -1 (no limit). */
  readonly retentionBytes: number | null;
  readonly segmentBytes: number;
  readonly segmentMs: number;
  /** `cleanup.policy` includes `delete`; without it (compact only) retention deletes nothing. */
  readonly deletes: boolean;
  /** Partition replicas (logs) of the topic: each holds up to the per-partition limits. */
  readonly copies: number;
}

export interface TopicSeries {
  readonly topic: string;
  /** Oldest first. */
  readonly samples: readonly UsageSample[];
  /** Unknown settings: the topic is taken to grow without a cap. */
  readonly retention: TopicRetention | null;
}

export type Forecast =
  | { readonly kind: 'not-enough-samples'; readonly samples: number; readonly spanMs: number }
  | { readonly kind: 'not-growing' }
  | { readonly kind: 'full-in'; readonly ms: number; readonly bytesPerSecond: number }
  | { readonly kind: 'steady'; readonly ceilingBytes: number }
  | { readonly kind: 'full' };

/** Bytes per second: the least-squares slope of `samples`; null with fewer than MIN_SAMPLES or a span under MIN_SPAN_MS. */
export function growthRate(samples: readonly UsageSample[]): number | null {
  if (samples.length < MIN_SAMPLES || samples[samples.length - 1].atMs - samples[0].atMs < MIN_SPAN_MS) return null;
  const t0 = samples[0].atMs;
  const n = samples.length;
  const meanT = samples.reduce((s, x) => s + (x.atMs - t0), 0) / n;
  const meanB = samples.reduce((s, x) => s + x.bytes, 0) / n;
  let num = 0;
  let den = 0;
  for (const x of samples) {
    num += (x.atMs - t0 - meanT) * (x.bytes - meanB);
    den += (x.atMs - t0 - meanT) ** 2;
  }
  return den === 0 ? null : (num / den) * 1_000;
}

/** The most bytes retention lets the topic hold at `bytesPerSecond`; Infinity when nothing caps it. */
export function retentionCap(retention: TopicRetention | null, bytesPerSecond: number): number {
  if (!retention || !retention.deletes) return Infinity;
  const { copies } = retention;
  const bySize = retention.retentionBytes === null ? Infinity : (retention.retentionBytes + retention.segmentBytes) * copies;
  let byTime = Infinity;
  if (retention.retentionMs !== null && bytesPerSecond > 0) {
    const perCopy = bytesPerSecond / copies;
    const segmentFillMs = (retention.segmentBytes / perCopy) * 1_000;
    byTime = (bytesPerSecond * (retention.retentionMs + Math.min(retention.segmentMs, segmentFillMs))) / 1_000;
  }
  return Math.min(bySize, byTime);
}

/**
 * When a disk of `capacityBytes` fills, from each topic's samples (the same sample times for
 * all) and retention. `otherBytes`: what the disk holds besides these topics' logs.
 */
export function forecastDisk(series: readonly TopicSeries[], capacityBytes: number, otherBytes = 0): Forecast {
  const now = series.reduce((s, t) => s + (t.samples[t.samples.length - 1]?.bytes ?? 0), otherBytes);
  if (now >= capacityBytes) return { kind: 'full' };
  const longest = series.reduce<readonly UsageSample[]>((a, t) => (t.samples.length > a.length ? t.samples : a), []);
  const spanMs = longest.length > 1 ? longest[longest.length - 1].atMs - longest[0].atMs : 0;
  if (longest.length < MIN_SAMPLES || spanMs < MIN_SPAN_MS) return { kind: 'not-enough-samples', samples: longest.length, spanMs };
  const topics = series.map((t) => {
    const bytes = t.samples[t.samples.length - 1]?.bytes ?? 0;
    const rate = Math.max(0, growthRate(t.samples) ?? 0);
    return { bytes, rate, cap: rate > 0 ? Math.max(bytes, retentionCap(t.retention, rate)) : bytes };
  });
  const growing = topics.filter((t) => t.rate > 0 && t.cap > t.bytes);
  const totalRate = growing.reduce((s, t) => s + t.rate, 0);
  if (totalRate === 0) return { kind: 'not-growing' };
  const ceiling = topics.reduce((s, t) => s + t.cap, otherBytes);
  if (ceiling < capacityBytes) return { kind: 'steady', ceilingBytes: ceiling };
  // Walk the breakpoints where topics reach their caps; between them the total grows linearly.
  const reach = growing.map((t) => ({ ...t, atS: (t.cap - t.bytes) / t.rate })).sort((a, b) => a.atS - b.atS);
  let total = now;
  let rate = totalRate;
  let elapsedS = 0;
  for (const t of reach) {
    const untilFull = (capacityBytes - total) / rate;
    if (elapsedS + untilFull <= t.atS) return { kind: 'full-in', ms: (elapsedS + untilFull) * 1_000, bytesPerSecond: totalRate };
    total += rate * (t.atS - elapsedS);
    elapsedS = t.atS;
    rate -= t.rate;
  }
  // Unreachable: with every growing topic capped the ceiling decides above.
  return { kind: 'steady', ceilingBytes: ceiling };
}

/** The forecast in the words of the service row: `full in about 3 days`, `steady: retention keeps it under 400 MiB`. */
export function forecastText(forecast: Forecast): string {
  switch (forecast.kind) {
    case 'not-enough-samples':
      return 'forecast: not enough samples yet';
    case 'not-growing':
      return 'not growing while watched';
    case 'full-in':
      return `full in ${aboutText(forecast.ms)}`;
    case 'steady':
      return `steady: retention keeps it under ${bytesAtMostText(forecast.ceilingBytes)}`;
    case 'full':
      return 'full';
  }
}
