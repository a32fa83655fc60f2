// What the explorer remembers about each connected service between refreshes: the disk usage
// samples the forecast needs, each topic's retention, and each group's lag series. Kept per
// service key for the extension's life, so samples survive a reconnect; a series whose offsets
// went back starts again by itself (lagTrend.ts). Pure: the editor drives it on a timer.

import type { ConsumerGroupInfo, KafkaCluster, TopicInfo } from '../kafka/types';
import type { TopicConfigEntry } from '../kafka/types';
import { bytesText } from '../text/bytes';
import { Forecast, forecastDisk, forecastText, growthRate, MIN_SAMPLES, MIN_SPAN_MS, TopicRetention, UsageSample } from './forecast';
import { durationText } from '../text/duration';
import { LagSeries, LagTrend, lagSampleOf } from './lagTrend';
import { DEFAULT_DISK_THRESHOLDS, DiskLevel, diskLevel, diskText, DiskThresholds, orVolume, ServiceDisk } from './serviceDisk';
import { diskUsage, DiskUsage, fullestBroker } from './usage';

/** Watermark samples kept per topic, for its produce rate: at the 10 s refresh, ten minutes. */
const MAX_MARK_SAMPLES = 60;
/** Usage samples kept per topic: at a 30 s interval, two hours. */
const MAX_USAGE_SAMPLES = 240;
/** Retention settings are read again after this long (ms). */
const RETENTION_TTL_MS = 10 * 60_000;
/** The service's disk is looked up again after this long (ms): `upsun resources:get` is not free. */
const DISK_TTL_MS = 10 * 60_000;
/** At most this many topics' settings are read per sample; the rest count as uncapped (which forecasts sooner, never later). */
const MAX_RETENTION_READS = 20;

interface ServiceState {
  usage?: DiskUsage;
  /** Why the brokers' disk usage is unknown. */
  usageError?: string;
  disk?: ServiceDisk;
  diskReadAtMs?: number;
  /** When the last disk sample was taken (ms since the epoch). */
  sampledAtMs?: number;
  readonly series: Map<string, UsageSample[]>;
  readonly retention: Map<string, { readonly value: TopicRetention | null; readonly readAtMs: number }>;
  readonly lags: Map<string, LagSeries>;
  /** Each topic's high watermarks by partition when it was listed, oldest first. */
  readonly marks: Map<string, TopicMarks[]>;
}

interface TopicMarks {
  readonly atMs: number;
  readonly highs: ReadonlyMap<number, bigint>;
}

/** Messages produced per second to each partition of a topic, over the samples kept. */
export interface ProduceRates {
  /** How long the samples span (ms): first to last. */
  readonly spanMs: number;
  readonly perPartition: ReadonlyMap<number, number>;
}

/** The service row's part: `disk 312 MiB of 512 MiB (61%) · full in about 3 days`. */
export interface DiskNote {
  readonly text: string;
  readonly level: DiskLevel;
  /** Markdown-free lines for the tooltip: sources, the forecast's method, what is missing and why. */
  readonly detail: readonly string[];
}

export class HealthMonitor {
  private readonly services = new Map<string, ServiceState>();

  constructor(private readonly now: () => number = Date.now) {}

  private state(key: string): ServiceState {
    let state = this.services.get(key);
    if (!state) {
      state = { series: new Map(), retention: new Map(), lags: new Map(), marks: new Map() };
      this.services.set(key, state);
    }
    return state;
  }

  /**
   * Reads the brokers' log directories and the service's disk (`diskOf`), adds a usage sample
   * per topic, and reads the retention of growing topics. Never throws: what failed is kept as
   * the reason the row shows.
   */
  async sampleDisk(key: string, cluster: KafkaCluster, diskOf: () => Promise<ServiceDisk>): Promise<void> {
    const state = this.state(key);
    state.sampledAtMs = this.now();
    const fresh = state.disk !== undefined && this.now() - (state.diskReadAtMs ?? 0) < DISK_TTL_MS;
    const [answers, disk] = await Promise.all([
      cluster.describeLogDirs().then((a) => ({ a }), (error: unknown) => ({ error })),
      fresh ? state.disk! : diskOf().catch((error: unknown): ServiceDisk => ({ bytes: null, why: messageOf(error) })),
    ]);
    if (!fresh) state.diskReadAtMs = this.now();
    state.disk = disk;
    if ('error' in answers) {
      state.usageError = messageOf(answers.error);
      return;
    }
    const usage = diskUsage(answers.a);
    const answered = usage.brokers.length > usage.problems.filter((p) => /^broker \d+:/.test(p)).length;
    state.usageError = answered ? undefined : usage.problems.join('; ') || 'no broker answered DescribeLogDirs';
    if (!answered) return;
    state.usage = usage;
    const at = this.now();
    const present = new Set(usage.topics.map((t) => t.topic));
    for (const topic of state.series.keys()) if (!present.has(topic)) state.series.delete(topic);
    for (const t of usage.topics) {
      const samples = state.series.get(t.topic) ?? [];
      samples.push({ atMs: at, bytes: t.bytes });
      if (samples.length > MAX_USAGE_SAMPLES) samples.shift();
      state.series.set(t.topic, samples);
    }
    await this.readRetention(state, cluster, usage, at);
  }

  private async readRetention(state: ServiceState, cluster: KafkaCluster, usage: DiskUsage, at: number): Promise<void> {
    const stale = usage.topics.filter((t) => (growthRate(state.series.get(t.topic) ?? []) ?? 0) > 0 && at - (state.retention.get(t.topic)?.readAtMs ?? -Infinity) > RETENTION_TTL_MS).slice(0, MAX_RETENTION_READS);
    await Promise.all(stale.map(async (t) => {
      const copies = t.partitions.reduce((s, p) => s + p.logs, 0);
      const value = await cluster.describeTopicConfig(t.topic).then((entries) => retentionOf(entries, copies), () => null);
      state.retention.set(t.topic, { value, readAtMs: at });
    }));
  }

  /**
   * Drops everything sampled for the service: its samples describe one cluster, and the
   * service is now connected to another (an environment's tunnel after local brokers).
   */
  forget(key: string): void {
    this.services.delete(key);
  }

  /** The last disk usage read for the service; undefined before the first or when it failed. */
  usageOf(key: string): DiskUsage | undefined {
    return this.services.get(key)?.usage;
  }

  /** When the service's disk was last sampled (ms since the epoch); undefined before the first. */
  sampledAtOf(key: string): number | undefined {
    return this.services.get(key)?.sampledAtMs;
  }

  /** Why the disk usage is unknown, when it is. */
  usageErrorOf(key: string): string | undefined {
    return this.services.get(key)?.usageError;
  }

  forecastOf(key: string): Forecast | undefined {
    const state = this.services.get(key);
    const broker = state?.usage && fullestBroker(state.usage);
    const disk = state?.disk && broker && orVolume(state.disk, broker.volumeBytes);
    if (!state || !disk || disk.bytes === null || !broker) return undefined;
    // The fullest broker's share of each topic; on one broker (as on Upsun) that is all of it.
    const share = state.usage && broker.bytes > 0 ? broker.bytes / state.usage.topics.reduce((s, t) => s + t.bytes, 0) : 1;
    const series = [...state.series].map(([topic, samples]) => ({ topic, samples: samples.map((x) => ({ atMs: x.atMs, bytes: x.bytes * share })), retention: state.retention.get(topic)?.value ?? null }));
    return forecastDisk(series, disk.bytes);
  }

  /** The service row's disk note; undefined before any sample. */
  diskNote(key: string, thresholds: DiskThresholds = DEFAULT_DISK_THRESHOLDS): DiskNote | undefined {
    const state = this.services.get(key);
    if (!state) return undefined;
    const broker = state.usage && fullestBroker(state.usage);
    if (!broker) return state.usageError ? { text: 'disk usage unknown', level: 'ok', detail: [`Disk usage unknown: ${state.usageError}.`] } : undefined;
    const disk = orVolume(state.disk ?? { bytes: null, why: 'not read yet' }, broker.volumeBytes);
    const forecast = this.forecastOf(key);
    const detail = [
      `${diskText(broker.bytes, disk)}: the logs of broker ${broker.broker}, the fullest, as it reports them (DescribeLogDirs).`,
      disk.bytes === null ? `The disk's size is unknown: ${disk.why}.` : `Disk size from ${disk.source}.`,
      ...(broker.volumeBytes !== null && broker.usableBytes !== null ? [`The broker's volume: ${bytesText(broker.volumeBytes)}, ${bytesText(broker.usableBytes)} free.`] : []),
      ...(forecast?.kind === 'not-enough-samples'
        ? [`Forecast: not enough samples yet (${forecast.samples} over ${durationText(forecast.spanMs)} so far; it needs ${MIN_SAMPLES} over at least ${durationText(MIN_SPAN_MS)}).`]
        : forecast
          ? [`Forecast: ${forecastText(forecast)}, from the growth seen while connected and each topic's retention.ms and retention.bytes (the method is in the docs).`]
          : []),
      ...(state.usage?.problems ?? []).map((p) => `Not counted: ${p}.`),
    ];
    const level = disk.bytes === null ? 'ok' : diskLevel(broker.bytes, disk.bytes, thresholds);
    const text = [diskText(broker.bytes, disk), forecast && forecast.kind !== 'not-enough-samples' ? forecastText(forecast) : ''].filter(Boolean).join(' · ');
    return { text, level, detail };
  }

  /** Adds a lag sample for each group (from the groups just listed). */
  recordGroups(key: string, groups: readonly ConsumerGroupInfo[]): void {
    const state = this.state(key);
    const at = this.now();
    for (const group of groups) {
      const sample = lagSampleOf(group, at);
      if (!sample) continue;
      const series = state.lags.get(group.groupId) ?? new LagSeries();
      series.add(sample);
      state.lags.set(group.groupId, series);
    }
  }

  /** Adds a watermark sample for each topic (from the topics just listed). */
  recordTopics(key: string, topics: readonly TopicInfo[]): void {
    const state = this.state(key);
    const at = this.now();
    const present = new Set(topics.map((t) => t.name));
    for (const topic of state.marks.keys()) if (!present.has(topic)) state.marks.delete(topic);
    for (const topic of topics) {
      const samples = state.marks.get(topic.name) ?? [];
      samples.push({ atMs: at, highs: new Map(topic.partitions.map((p) => [p.partition, BigInt(p.high)])) });
      if (samples.length > MAX_MARK_SAMPLES) samples.shift();
      state.marks.set(topic.name, samples);
    }
  }

  /**
   * Each partition's produce rate (messages per second) from the oldest to the newest watermark
   * sample of `topic`; undefined with fewer than two samples, or none a second apart. A
   * partition whose watermark went back (the topic was recreated) counts from the sample after.
   */
  produceRatesOf(key: string, topic: string): ProduceRates | undefined {
    const samples = this.services.get(key)?.marks.get(topic) ?? [];
    const last = samples[samples.length - 1];
    if (!last || last.atMs - samples[0].atMs < 1_000) return undefined;
    const perPartition = new Map<number, number>();
    for (const [partition, high] of last.highs) {
      let from = 0;
      for (let i = 1; i < samples.length; i++) if ((samples[i].highs.get(partition) ?? 0n) < (samples[i - 1].highs.get(partition) ?? 0n)) from = i;
      const first = samples.slice(from).find((x) => x.highs.has(partition));
      const seconds = first ? (last.atMs - first.atMs) / 1_000 : 0;
      if (first && seconds > 0) perPartition.set(partition, Number(high - first.highs.get(partition)!) / seconds);
    }
    return { spanMs: last.atMs - samples[0].atMs, perPartition };
  }

  trendOf(key: string, groupId: string): LagTrend | undefined {
    return this.services.get(key)?.lags.get(groupId)?.trend();
  }

  /** The group's series (oldest first), for charts and tests. */
  lagSeriesOf(key: string, groupId: string): LagSeries | undefined {
    return this.services.get(key)?.lags.get(groupId);
  }
}

/** A topic's retention from its settings (TopicConfigEntry values are strings, ms and bytes); null when they do not parse. */
export function retentionOf(entries: readonly TopicConfigEntry[], copies: number): TopicRetention | null {
  const value = (name: string) => {
    const text = entries.find((e) => e.name === name)?.value;
    const n = text === null || text === undefined || !/^-?\d+$/.test(text) ? NaN : Number(text);
    return Number.isSafeInteger(n) ? n : null;
  };
  const [retentionMs, retentionBytes, segmentBytes, segmentMs] = ['retention.ms', 'retention.bytes', 'segment.bytes', 'segment.ms'].map(value);
  const policy = entries.find((e) => e.name === 'cleanup.policy')?.value ?? 'delete';
  if (retentionMs === null || retentionBytes === null || segmentBytes === null || segmentMs === null || segmentBytes <= 0 || segmentMs <= 0) return null;
  return {
    retentionMs: retentionMs < 0 ? null : retentionMs,
    retentionBytes: retentionBytes < 0 ? null : retentionBytes,
    segmentBytes,
    segmentMs,
    deletes: policy.split(',').map((p) => p.trim()).includes('delete'),
    copies,
  };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}
