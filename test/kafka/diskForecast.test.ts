// The disk forecast against a real broker: two producers write at rates the test sets, one to a
// topic without limits, one to a topic under retention.bytes, while the explorer's sampler
// (HealthMonitor.sampleDisk over our DescribeLogDirs) reads the brokers' logs every few seconds
// for a little over its minimum span (MIN_SPAN_MS). The growth it forecasts from must be the
// rates the test counts itself (bytes the broker acknowledged), the time to fill a disk of a
// size the test picks must follow from them, and the capped topic must be called steady at
// the ceiling its settings give.
//
// Tolerance 15%: the least-squares slope of 13 samples against a count of acknowledged bytes
// on a loaded machine (sends bunch up when a core is busy). On disk each batch adds its 61-byte
// header and each 8,000-byte value about 9 bytes of framing: 0.3%, inside that.

import * as assert from 'assert';
import type { Producer } from 'kafkajs';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaCluster } from '../../src/kafka/types';
import { forecastDisk, forecastText, growthRate, MIN_SAMPLES, MIN_SPAN_MS, UsageSample } from '../../src/health/forecast';
import { HealthMonitor, retentionOf } from '../../src/health/monitor';
import { diskUsage } from '../../src/health/usage';
import { MIB } from '../../src/text/bytes';
import { DAY } from '../../src/text/duration';
import { testBrokers } from '../harness/kafkaBroker';
import { NO_DUPLICATES, testKafka, uniqueName } from './helpers';

const VALUE_BYTES = 8_000;
const TOLERANCE = 0.15;
const SAMPLE_EVERY_MS = 5_000;

/** A producer's acknowledged value bytes, with the time each send was acknowledged. */
interface Writer {
  readonly topic: string;
  readonly acked: { atMs: number; bytes: number }[];
  stop(): Promise<void>;
}

/** Sends `perSend` values of VALUE_BYTES to `topic` every `everyMs` until stopped. */
function write(producer: Producer, topic: string, perSend: number, everyMs: number): Writer {
  const acked = [{ atMs: Date.now(), bytes: 0 }];
  let running = true;
  const value = Buffer.alloc(VALUE_BYTES, 'x');
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      await producer.send({ topic, acks: -1, messages: Array.from({ length: perSend }, () => ({ value })) });
      acked.push({ atMs: Date.now(), bytes: acked[acked.length - 1].bytes + perSend * VALUE_BYTES });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - (Date.now() - started))));
    }
  })();
  return {
    topic,
    acked,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** Bytes per second the broker acknowledged from `from` to `to` (ms since the epoch). */
function ackedRate(writer: Writer, from: number, to: number): number {
  const at = (t: number) => [...writer.acked].reverse().find((a) => a.atMs <= t) ?? writer.acked[0];
  const first = at(from);
  const last = at(to);
  return ((last.bytes - first.bytes) / (last.atMs - first.atMs)) * 1_000;
}

const near = (actual: number, expected: number) => Math.abs(actual - expected) <= TOLERANCE * expected;

describe('disk forecast: producers at set rates, sampled as the explorer samples', function () {
  this.timeout(180_000);
  let cluster: KafkaCluster;
  let producer: Producer;
  let growing: string;
  let capped: string;
  const writers: Writer[] = [];

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers() });
    growing = uniqueName('forecast-growing');
    capped = uniqueName('forecast-capped');
    // kafkajs' admin with its own retries: under load a new topic's leader takes seconds to elect.
    const admin = testKafka().admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: growing, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '-1' }, { name: 'retention.bytes', value: '-1' }] },
        { topic: capped, numPartitions: 1, configEntries: [{ name: 'retention.bytes', value: String(MIB) }, { name: 'segment.bytes', value: String(MIB) }] },
      ],
      waitForLeaders: true,
    });
    await admin.disconnect();
    producer = testKafka().producer(NO_DUPLICATES);
    await producer.connect();
  });

  after(async () => {
    await Promise.all(writers.map((w) => w.stop().catch(() => undefined)));
    await producer?.disconnect();
    for (const topic of [growing, capped]) await cluster?.deleteTopic(topic).catch(() => undefined);
    await cluster?.disconnect();
  });

  it('forecasts from the rates written: full at the time they give, steady under retention.bytes', async () => {
    // 4 values every 250 ms: 128,000 B/s; 1 every 500 ms to the capped topic: 16,000 B/s.
    writers.push(write(producer, growing, 4, 250), write(producer, capped, 1, 500));
    const nominal = 128_000 + 16_000;
    const monitor = new HealthMonitor();
    let capacity = 0;
    const diskOf = async () => ({ bytes: capacity, source: 'the test' });
    const series = new Map<string, UsageSample[]>([[growing, []], [capped, []]]);
    const started = Date.now();
    let last = started;
    // Samples until the span passes the sampler's minimum, as the explorer's timer would take them.
    for (let i = 0; series.get(growing)!.length < MIN_SAMPLES || last - series.get(growing)![0].atMs < MIN_SPAN_MS + SAMPLE_EVERY_MS; i++) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + i * SAMPLE_EVERY_MS - Date.now())));
      const answers = await cluster.describeLogDirs([growing, capped]);
      last = Date.now();
      for (const t of diskUsage(answers).topics) series.get(t.topic)?.push({ atMs: last, bytes: t.bytes });
      if (i === 0) {
        const total = diskUsage(await cluster.describeLogDirs()).brokers.reduce((s, b) => s + b.bytes, 0);
        // A disk that these rates fill in 3 days.
        capacity = Math.round(total + (nominal * 3 * DAY) / 1_000);
      }
      await monitor.sampleDisk('svc', cluster, diskOf);
    }
    await Promise.all(writers.map((w) => w.stop()));
    const [first] = series.get(growing)!;
    const rateGrowing = ackedRate(writers[0], first.atMs, last);
    const rateCapped = ackedRate(writers[1], first.atMs, last);
    console.log(`      acknowledged ${rateGrowing.toFixed(0)} B/s and ${rateCapped.toFixed(0)} B/s over ${((last - first.atMs) / 1_000).toFixed(1)} s, ${series.get(growing)!.length} samples`);

    // Each topic's growth on disk is the rate written to it.
    const measured = growthRate(series.get(growing)!)!;
    assert.ok(near(measured, rateGrowing), `growing topic: ${measured.toFixed(0)} B/s on disk, ${rateGrowing.toFixed(0)} B/s written`);
    const measuredCapped = growthRate(series.get(capped)!)!;
    assert.ok(near(measuredCapped, rateCapped), `capped topic: ${measuredCapped.toFixed(0)} B/s on disk, ${rateCapped.toFixed(0)} B/s written`);

    // The growing topic alone, on a disk that its own rate fills in 3 days.
    const bytes = series.get(growing)![series.get(growing)!.length - 1].bytes;
    const alone = forecastDisk([{ topic: growing, samples: series.get(growing)!, retention: retentionOf(await cluster.describeTopicConfig(growing), 1) }], bytes + rateGrowing * 3 * (DAY / 1_000));
    assert.strictEqual(alone.kind, 'full-in', JSON.stringify(alone));
    assert.ok(alone.kind === 'full-in' && near(alone.ms, 3 * DAY), `${JSON.stringify(alone)} against 3 days`);
    assert.strictEqual(forecastText(alone), 'full in about 3 days');

    // The capped topic alone: retention.bytes plus the segment still filling, whatever the rate.
    const retention = retentionOf(await cluster.describeTopicConfig(capped), 1);
    const steady = forecastDisk([{ topic: capped, samples: series.get(capped)!, retention }], 1024 * MIB);
    assert.deepStrictEqual(steady, { kind: 'steady', ceilingBytes: 2 * MIB });
    assert.strictEqual(forecastText(steady), 'steady: retention keeps it under 2 MiB');

    // The explorer's sampler over every topic of the broker: both rates, and the disk the test sized.
    const forecast = monitor.forecastOf('svc');
    console.log(`      sampler: ${JSON.stringify(forecast)}; ${monitor.diskNote('svc')?.text}`);
    assert.strictEqual(forecast?.kind, 'full-in');
    assert.ok(forecast.kind === 'full-in' && near(forecast.bytesPerSecond, rateGrowing + rateCapped), `${forecast.kind === 'full-in' ? forecast.bytesPerSecond : ''} B/s against ${rateGrowing + rateCapped}`);
    // Past its first minute the capped topic stops adding; the rest is the growing topic's alone.
    const total = monitor.usageOf('svc')!.brokers.reduce((s, b) => s + b.bytes, 0);
    const expectedMs = ((capacity - total) / rateGrowing) * 1_000;
    assert.ok(near(forecast.ms, expectedMs), `full in ${forecast.ms} ms against ${expectedMs.toFixed(0)} ms`);
    assert.match(monitor.diskNote('svc')!.text, / · full in about [3-5] days$/);
  });
});
