// The disk forecast and the lag trend on synthetic series, where the right answer is known by
// arithmetic: a topic growing 1 MiB a minute toward a 512 MiB disk, topics capped by
// retention.bytes or retention.ms, too few samples; a group falling behind, catching up, and a
// cluster restart that sends offsets back (the series starts again, no false spike).

import * as assert from 'assert';
import type { BrokerLogDirs } from '../../src/kafka/types';
import { aboutText, rateText } from '../../src/health/approximate';
import { forecastDisk, forecastText, growthRate, retentionCap, TopicRetention, TopicSeries } from '../../src/health/forecast';
import { LagSample, LagSeries, lagTrend, trendText } from '../../src/health/lagTrend';
import { diskUsage, fullestBroker } from '../../src/health/usage';
import { bytesAtMostText, bytesText, MIB } from '../../src/text/bytes';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = 1_800_000_000_000;

/** `n` samples `everyMs` apart, bytes = start + perMinute * minutes since the first. */
function linear(start: number, perMinute: number, n = 6, everyMs = MINUTE): { atMs: number; bytes: number }[] {
  return Array.from({ length: n }, (_, i) => ({ atMs: T0 + i * everyMs, bytes: start + (perMinute * i * everyMs) / MINUTE }));
}

const DELETE: TopicRetention = { retentionMs: null, retentionBytes: null, segmentBytes: 1024 ** 3, segmentMs: 7 * DAY, deletes: true, copies: 1 };

describe('disk usage from log directories', () => {
  it('sums partitions over replicas and directories, largest topic first, and names what did not answer', () => {
    const answers: BrokerLogDirs[] = [
      { broker: 1, error: null, logDirs: [{ path: '/a', error: null, totalBytes: 1000, usableBytes: 400, partitions: [{ topic: 'orders', partition: 0, sizeBytes: 300, isFuture: false }, { topic: 'audit', partition: 0, sizeBytes: 50, isFuture: false }] }] },
      { broker: 2, error: null, logDirs: [{ path: '/a', error: null, totalBytes: 1000, usableBytes: 600, partitions: [{ topic: 'orders', partition: 0, sizeBytes: 290, isFuture: false }] }, { path: '/b', error: 'disk error', totalBytes: null, usableBytes: null, partitions: [] }] },
      { broker: 3, error: 'Could not reach broker 3', logDirs: [] },
    ];
    const usage = diskUsage(answers);
    assert.deepStrictEqual(usage.topics, [
      { topic: 'orders', bytes: 590, partitions: [{ partition: 0, bytes: 590, logs: 2 }] },
      { topic: 'audit', bytes: 50, partitions: [{ partition: 0, bytes: 50, logs: 1 }] },
    ]);
    assert.deepStrictEqual(usage.problems, ['broker 2, /b: disk error', 'broker 3: Could not reach broker 3']);
    assert.deepStrictEqual(fullestBroker(usage), { broker: 1, bytes: 350, volumeBytes: 1000, usableBytes: 400 });
  });
});

describe('disk forecast', () => {
  it('finds the growth rate as the least-squares slope, and none from too few samples or too short a span', () => {
    assert.strictEqual(growthRate(linear(0, 60 * MIB)), MIB);
    assert.strictEqual(growthRate(linear(0, MIB, 2)), null);
    assert.strictEqual(growthRate(linear(0, MIB, 5, 10_000)), null, '40 s of samples');
  });

  it('says when an uncapped topic fills the disk, in words as coarse as the estimate', () => {
    // 312 MiB now, 1 MiB a minute, 512 MiB disk: 200 minutes, about 3 hours.
    const series: TopicSeries[] = [{ topic: 'orders', samples: linear(312 * MIB - 5 * MIB, MIB), retention: null }];
    const forecast = forecastDisk(series, 512 * MIB);
    assert.deepStrictEqual(forecast, { kind: 'full-in', ms: 200 * MINUTE, bytesPerSecond: MIB / 60 });
    assert.strictEqual(forecastText(forecast), 'full in about 3 hours');
  });

  it('lets retention.bytes (per partition, plus a segment) hold a topic: steady under the ceiling', () => {
    // 3 partitions × (100 MiB + 10 MiB segment) = 330 MiB; 20 MiB of another topic that does not grow.
    const capped = { ...DELETE, retentionBytes: 100 * MIB, segmentBytes: 10 * MIB, copies: 3 };
    const series: TopicSeries[] = [
      { topic: 'orders', samples: linear(100 * MIB, MIB), retention: capped },
      { topic: 'audit', samples: linear(20 * MIB, 0), retention: null },
    ];
    assert.strictEqual(retentionCap(capped, MIB / 60), 330 * MIB);
    const forecast = forecastDisk(series, 512 * MIB);
    assert.deepStrictEqual(forecast, { kind: 'steady', ceilingBytes: 350 * MIB });
    assert.strictEqual(forecastText(forecast), 'steady: retention keeps it under 350 MiB');
  });

  it('lets retention.ms hold a topic at rate × (retention + the segment still filling)', () => {
    // 1 MiB/min for a day of retention, 100 MiB segments (filled in 100 min): 1,440 + 100 MiB.
    const daily = { ...DELETE, retentionMs: DAY, segmentBytes: 100 * MIB };
    assert.strictEqual(retentionCap(daily, MIB / 60), 1540 * MIB);
    // On a 2 GiB disk that is steady; on a 1 GiB disk it fills first: (1024 - 50) minutes.
    const series: TopicSeries[] = [{ topic: 'orders', samples: linear(45 * MIB, MIB), retention: daily }];
    assert.deepStrictEqual(forecastDisk(series, 2048 * MIB), { kind: 'steady', ceilingBytes: 1540 * MIB });
    const fills = forecastDisk(series, 1024 * MIB);
    assert.strictEqual(fills.kind, 'full-in');
    assert.strictEqual(forecastText(fills), 'full in about 16 hours');
  });

  it('takes a topic that reached its cap out of the rate: the disk fills later, at the others\' pace', () => {
    // A grows 2 MiB/min to its 110 MiB cap (reached in 5 min), B grows 1 MiB/min without one; disk 400 MiB.
    const a = { ...DELETE, retentionBytes: 100 * MIB, segmentBytes: 10 * MIB };
    const series: TopicSeries[] = [
      { topic: 'a', samples: linear(90 * MIB, 2 * MIB), retention: a },
      { topic: 'b', samples: linear(95 * MIB, MIB), retention: null },
    ];
    // Now 100 + 100 = 200 MiB; after 5 min: 110 + 105 = 215; then 1 MiB/min to 400: 185 min more.
    const forecast = forecastDisk(series, 400 * MIB);
    assert.strictEqual(forecast.kind, 'full-in');
    assert.ok(forecast.kind === 'full-in' && Math.abs(forecast.ms - 190 * MINUTE) < 1, JSON.stringify(forecast));
  });

  it('a compacted-only topic has no cap; a shrinking disk is not growing; too few samples say so', () => {
    const compacted = { ...DELETE, retentionBytes: MIB, deletes: false };
    assert.strictEqual(retentionCap(compacted, 1), Infinity);
    assert.deepStrictEqual(forecastDisk([{ topic: 't', samples: linear(100 * MIB, -MIB), retention: null }], 512 * MIB), { kind: 'not-growing' });
    const early = forecastDisk([{ topic: 't', samples: linear(100 * MIB, MIB, 2), retention: null }], 512 * MIB);
    assert.deepStrictEqual(early, { kind: 'not-enough-samples', samples: 2, spanMs: MINUTE });
    assert.strictEqual(forecastText(early), 'forecast: not enough samples yet');
    assert.deepStrictEqual(forecastDisk([{ topic: 't', samples: linear(600 * MIB, MIB, 1), retention: null }], 512 * MIB), { kind: 'full' });
  });
});

describe('lag trend', () => {
  /** A sample of one partition at `seconds` after T0. */
  const at = (seconds: number, high: number, committed: number, topic = 'orders'): LagSample => ({ atMs: T0 + seconds * 1_000, partitions: [{ topic, partition: 0, high: String(high), committed: String(committed) }] });

  it('falling behind: produced 200/s, consumed 80/s, lag grows 120/s', () => {
    const trend = lagTrend([at(0, 0, 0), at(30, 6_000, 2_400), at(60, 12_000, 4_800)]);
    assert.deepStrictEqual(trend, { kind: 'falling-behind', perSecond: 120, producedPerSecond: 200, consumedPerSecond: 80 });
    assert.strictEqual(trendText(trend), '↑ falling behind 120 msg/s');
  });

  it('keeps its samples a second apart: a burst of refreshes replaces the newest instead of crowding the oldest out', () => {
    const series = new LagSeries();
    // 100 samples 300 ms apart (30 s), lag growing 10 a sample.
    for (let i = 0; i < 100; i++) series.add({ ...at(0, i * 10, 0), atMs: T0 + i * 300 });
    const times = series.all.map((s) => s.atMs - T0);
    assert.ok(times.every((t, i) => i < 2 || t - times[i - 2] >= 1_000), times.join(' '));
    assert.deepStrictEqual([times[0], times[times.length - 1], series.all[series.all.length - 1].partitions[0].high], [0, 29_700, '990']);
    assert.strictEqual(series.trend().kind, 'falling-behind');
  });

  it('catching up: lag 1,200 shrinking 5/s, about 4 min', () => {
    const trend = lagTrend([at(0, 10_000, 8_500), at(30, 10_300, 8_950), at(60, 10_600, 9_400)]);
    assert.strictEqual(trend.kind, 'catching-up');
    assert.ok(trend.kind === 'catching-up' && trend.perSecond === 5 && trend.etaMs === 240_000, JSON.stringify(trend));
    assert.strictEqual(trendText(trend), '↓ catching up, about 4 min');
  });

  it('says not enough samples yet with fewer than 3 samples or under 20 s, steady when lag does not move', () => {
    assert.strictEqual(trendText(lagTrend([at(0, 0, 0), at(60, 100, 0)])), 'not enough samples yet');
    assert.strictEqual(trendText(lagTrend([at(0, 0, 0), at(5, 100, 0), at(10, 200, 0)])), 'not enough samples yet');
    assert.strictEqual(trendText(lagTrend([at(0, 100, 90), at(30, 200, 190), at(60, 300, 290)])), 'steady');
  });

  it('starts the series again when offsets go back (a cluster restarted without its data), drawing no spike', () => {
    const series = new LagSeries();
    for (const s of [at(0, 5_000, 4_000), at(30, 5_100, 4_100), at(60, 5_200, 4_200)]) series.add(s);
    assert.strictEqual(series.trend().kind, 'steady');
    // The restarted broker starts from offset 0: the old samples would read as a lag drop of 1,000.
    series.add(at(90, 40, 0));
    assert.strictEqual(series.restarts, 1);
    assert.strictEqual(series.all.length, 1);
    assert.strictEqual(series.trend().kind, 'not-enough-samples');
    // A partition added (or a topic the group started on) also starts again.
    series.add({ atMs: T0 + 120_000, partitions: [...at(120, 80, 40).partitions, { topic: 'orders', partition: 1, high: '0', committed: '0' }] });
    assert.strictEqual(series.restarts, 2);
  });

  it('keeps samples across a reconnect (same series object) and ignores one that is not newer', () => {
    const series = new LagSeries();
    series.add(at(0, 0, 0));
    series.add(at(0, 10, 0));
    assert.strictEqual(series.all.length, 1);
  });
});

describe('sizes and estimates in words', () => {
  it('binary units, rounded down; upper bounds rounded up to two figures', () => {
    assert.deepStrictEqual([0, 1023, 1024, 312 * MIB + 999, 1.55 * 1024 * MIB].map(bytesText), ['0 B', '1023 B', '1 KiB', '312 MiB', '1.5 GiB']);
    assert.deepStrictEqual([391.2 * MIB, 400 * MIB, 1.26 * 1024 * MIB, 5 * MIB].map(bytesAtMostText), ['400 MiB', '400 MiB', '1.3 GiB', '5 MiB']);
  });

  it('durations and rates with one or two significant figures', () => {
    assert.deepStrictEqual([30_000, 4 * MINUTE, 37 * MINUTE, 200 * MINUTE, 3.4 * DAY, 400 * DAY].map(aboutText), ['less than a minute', 'about 4 min', 'about 37 min', 'about 3 hours', 'about 3 days', 'more than a year']);
    assert.deepStrictEqual([123.4, 4.56, 0.2, 0.05].map(rateText), ['120 msg/s', '4.6 msg/s', '0.2 msg/s', '3 msg/min']);
  });
});

describe('lag trend window', () => {
  it('reads only the last 5 minutes: a group that fell behind for an hour and now catches up says so', () => {
    const at = (minutes: number, high: number, committed: number): LagSample => ({ atMs: T0 + minutes * MINUTE, partitions: [{ topic: 't', partition: 0, high: String(high), committed: String(committed) }] });
    // Lag grew to 6,000 over an hour, then shrinks by 600 a minute.
    const samples = [at(0, 0, 0), at(30, 6_000, 3_000), at(60, 12_000, 6_000), at(62, 12_000, 7_200), at(64, 12_000, 8_400)];
    const trend = lagTrend(samples);
    assert.strictEqual(trend.kind, 'catching-up');
    assert.strictEqual(trendText(trend), '↓ catching up, about 6 min');
  });
});
