// Whether a consumer group is catching up or falling behind, from its lag sampled over time.
// Each sample holds, per partition the group committed on, the committed offset and the high
// watermark. Between the oldest and newest sample of a series: production rate = growth of the
// high watermarks, consumption rate = growth of the committed offsets, both per second; the lag
// changes by their difference. Offsets only move forward, so a high watermark or committed
// offset that went back (a cluster restarted without its data, a topic deleted and created
// again, an offset reset) or a partition that came or went ends the series: it starts again
// from that sample instead of drawing a false spike.

import type { ConsumerGroupInfo } from '../kafka/types';
import { aboutText, rateText } from './approximate';

/** One partition's offsets in a sample (decimal strings, as Kafka's int64 offsets travel here). */
export interface PartitionOffsets {
  readonly topic: string;
  readonly partition: number;
  readonly committed: string;
  readonly high: string;
}

export interface LagSample {
  /** ms since the epoch. */
  readonly atMs: number;
  readonly partitions: readonly PartitionOffsets[];
  /** Each topic's lag in time then (TopicLag.timeLagMs, ms; null when its first unconsumed record had no timestamp or there was no lag). */
  readonly timeLagMs?: Readonly<Record<string, number | null>>;
}

/** Fewer samples, or a shorter span, and no trend is said: commits move in steps (auto.commit.interval.ms is 5 s). */
export const MIN_TREND_SAMPLES = 3;
export const MIN_TREND_SPAN_MS = 20_000;
/** The samples a series keeps: at a 30 s interval, half an hour (for charts). */
export const MAX_SAMPLES = 60;
/** The trend reads the samples of the last 5 minutes, so it follows a change of pace within minutes. */
export const TREND_WINDOW_MS = 5 * 60_000;

export type LagTrend =
  | { readonly kind: 'not-enough-samples' }
  /** Lag grows by `perSecond` messages a second. */
  | { readonly kind: 'falling-behind'; readonly perSecond: number; readonly producedPerSecond: number; readonly consumedPerSecond: number }
  /** Lag shrinks; at this rate it reaches 0 in `etaMs`. */
  | { readonly kind: 'catching-up'; readonly perSecond: number; readonly etaMs: number; readonly producedPerSecond: number; readonly consumedPerSecond: number }
  /** Lag changed by less than one message over the series. */
  | { readonly kind: 'steady'; readonly producedPerSecond: number; readonly consumedPerSecond: number };

const key = (p: { topic: string; partition: number }) => `${p.partition}/${p.topic}`;

/** The samples of one group, kept across reloads and reconnects; `add` starts over when offsets went back. */
export class LagSeries {
  private samples: LagSample[] = [];
  /** How often the series started again because offsets went back: shown so a reset is not a mystery. */
  restarts = 0;

  add(sample: LagSample): void {
    const last = this.samples[this.samples.length - 1];
    if (last && (sample.atMs <= last.atMs)) return;
    if (last && wentBack(last, sample)) {
      this.samples = [];
      this.restarts++;
    }
    this.samples.push(sample);
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
  }

  get all(): readonly LagSample[] {
    return this.samples;
  }

  trend(): LagTrend {
    return lagTrend(this.samples);
  }
}

/** True when `next` cannot follow `previous`: a partition came or went, or an offset went back. */
export function wentBack(previous: LagSample, next: LagSample): boolean {
  if (previous.partitions.length !== next.partitions.length) return true;
  const before = new Map(previous.partitions.map((p) => [key(p), p]));
  return next.partitions.some((p) => {
    const b = before.get(key(p));
    return !b || BigInt(p.high) < BigInt(b.high) || BigInt(p.committed) < BigInt(b.committed);
  });
}

/** The lag now: sum over partitions of high watermark - committed offset, past-the-end counting 0. */
export function lagOf(sample: LagSample): bigint {
  return sample.partitions.reduce((sum, p) => {
    const lag = BigInt(p.high) - BigInt(p.committed);
    return sum + (lag > 0n ? lag : 0n);
  }, 0n);
}

/** The trend between the oldest and newest of `samples` (one series, oldest first) within TREND_WINDOW_MS of the newest. */
export function lagTrend(series: readonly LagSample[]): LagTrend {
  const last = series[series.length - 1];
  const samples = last ? series.filter((s) => s.atMs >= last.atMs - TREND_WINDOW_MS) : [];
  const first = samples[0];
  if (samples.length < MIN_TREND_SAMPLES || last.atMs - first.atMs < MIN_TREND_SPAN_MS) return { kind: 'not-enough-samples' };
  const seconds = (last.atMs - first.atMs) / 1_000;
  const sum = (s: LagSample, field: 'high' | 'committed') => s.partitions.reduce((t, p) => t + BigInt(p[field]), 0n);
  const producedPerSecond = Number(sum(last, 'high') - sum(first, 'high')) / seconds;
  const consumedPerSecond = Number(sum(last, 'committed') - sum(first, 'committed')) / seconds;
  const lagChange = Number(lagOf(last) - lagOf(first));
  const rates = { producedPerSecond, consumedPerSecond };
  if (Math.abs(lagChange) < 1) return { kind: 'steady', ...rates };
  const perSecond = lagChange / seconds;
  if (perSecond > 0) return { kind: 'falling-behind', perSecond, ...rates };
  return { kind: 'catching-up', perSecond: -perSecond, etaMs: (Number(lagOf(last)) / -perSecond) * 1_000, ...rates };
}

/** `↑ falling behind 120 msg/s`, `↓ catching up, about 4 min`, `steady`, `not enough samples yet`. */
export function trendText(trend: LagTrend): string {
  switch (trend.kind) {
    case 'not-enough-samples':
      return 'not enough samples yet';
    case 'falling-behind':
      return `↑ falling behind ${rateText(trend.perSecond)}`;
    case 'catching-up':
      return `↓ catching up, ${aboutText(trend.etaMs)}`;
    case 'steady':
      return 'steady';
  }
}

/**
 * A sample of `group` from its listed lag: each partition it committed on, with its committed
 * offset and high watermark. Undefined for a group with none (a share group, whose lag Kafka
 * computes itself, or one that committed nothing).
 */
export function lagSampleOf(group: ConsumerGroupInfo, atMs: number): LagSample | undefined {
  const partitions = group.lag.flatMap((l) => l.partitions.filter((p) => p.committed !== null).map((p) => ({ topic: l.topic, partition: p.partition, committed: p.committed!, high: p.high })));
  if (partitions.length === 0) return undefined;
  return { atMs, partitions, timeLagMs: Object.fromEntries(group.lag.filter((l) => l.partitions.some((p) => p.committed !== null)).map((l) => [l.topic, l.timeLagMs])) };
}
