// Peek shows exactly what Kafka's own Java consumer (isolation.level=read_committed) sees of
// the same topic: transactions committed and aborted, markers, compaction gaps, tombstones,
// odd headers and timestamps, several codecs and partitions. The records are written by the
// Java producer (TransactionalWriter.java); the expected answers come from the Java consumer
// (ReadCommittedReader.java) through expectedPeek, which applies the README's semantics.

import * as assert from 'assert';
import fc from 'fast-check';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaCluster, PeekRequest } from '../../src/kafka/types';
import { testBrokers } from '../harness/kafkaBroker';
import { uniqueName } from './helpers';
import { asSeen, COMPACT_AT_ONCE, compactedWithGap, expectedPeek, javaReadCommitted, javaWrite, PlannedRecord, runJava, SeenRecord, Step } from './javaClient';

const record = (partition: number, value: string, kind: 'tx' | 'plain' = 'tx', key: string | null = null): PlannedRecord => ({
  kind,
  partition,
  key: key === null ? null : Buffer.from(key),
  value: Buffer.from(value),
  headers: [],
});

/** The ordinary read of a peek, as the CLI and the view ask it. */
async function check(cluster: KafkaCluster, seen: readonly SeenRecord[], request: PeekRequest): Promise<void> {
  const got = (await cluster.peek(request)).map(asSeen);
  assert.deepStrictEqual(got, expectedPeek(seen, request), `peek ${JSON.stringify(request)}`);
}

describe('peek equals a read_committed Java consumer', function () {
  this.timeout(300_000);
  let cluster: KafkaCluster;

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers() });
  });

  after(async () => {
    await cluster?.disconnect();
  });

  it('hides an aborted transaction, and finds the newest N behind transaction markers', async () => {
    const topic = uniqueName('txn');
    await cluster.createTopic({ topic, partitions: 2, replicationFactor: 1 });
    const steps: Step[] = [
      // Partition 0: commit, abort, commit.
      ...['one', 'two', 'three'].flatMap((value, i) => [{ kind: 'begin' as const }, record(0, value), { kind: i === 1 ? ('abort' as const) : ('commit' as const) }]),
      // Partition 1: ten one-record transactions, each followed by its commit marker.
      ...Array.from({ length: 10 }, (_, i) => [{ kind: 'begin' as const }, record(1, `m${i}`), { kind: 'commit' as const }]).flat(),
    ];
    await javaWrite(topic, steps);
    const seen = await javaReadCommitted(topic);
    assert.deepStrictEqual(seen.filter((r) => r.partition === 0).map((r) => Buffer.from(r.value!, 'base64').toString()), ['one', 'three']);

    const p0 = await cluster.peek({ topic, limit: 10, partition: 0 });
    assert.deepStrictEqual(p0.map((m) => m.value?.text).sort(), ['one', 'three']);
    const p1 = await cluster.peek({ topic, limit: 5, partition: 1 });
    assert.deepStrictEqual(p1.map((m) => m.value?.text).sort(), ['m5', 'm6', 'm7', 'm8', 'm9']);
    for (const request of [{ limit: 10, partition: 0 }, { limit: 5, partition: 1 }, { limit: 3 }, { limit: 4, partition: 1, fromOffset: '1' }, { limit: 50 }]) {
      await check(cluster, seen, { topic, ...request });
    }
  });

  it('from a time over several partitions with out-of-order timestamps: each partition from its offsetsForTimes position, then merged', async () => {
    const topic = uniqueName('from-time');
    await cluster.createTopic({ topic, partitions: 3, replicationFactor: 1 });
    const base = Date.now() - 3_600_000;
    // Seconds after `base` per partition, in offset order: CreateTime as a producer set it, not in time order.
    const stamps = [[10, 30, 15, 40, 12, 35], [20, 25, 9, 50], [5, 8]];
    const steps: Step[] = stamps.flatMap((row, partition) => row.map((s, i): PlannedRecord => ({ kind: 'plain', partition, timestamp: BigInt(base + s * 1000), key: null, value: Buffer.from(`p${partition}-${i}`), headers: [] })));
    await javaWrite(topic, steps);
    const seen = await javaReadCommitted(topic);
    for (const at of [14, 26, 0, 45, 60]) {
      const time = base + at * 1000;
      const out = await runJava('OffsetsTruth.java', [testBrokers().join(','), topic, String(time)]);
      const starts = new Map(out.split('\n').filter(Boolean).map((line) => line.split('\t')).map(([partition, , , offset]) => [Number(partition), BigInt(offset)]));
      for (const limit of [1, 2, 3, 5, 20]) {
        const got = (await cluster.peek({ topic, limit, fromTimestamp: time })).map(asSeen);
        assert.deepStrictEqual(got, expectedPeek(seen, { limit, starts }), `peek -n ${limit} --from-time +${at} s (offsetsForTimes ${[...starts.values()].join(', ')})`);
      }
    }
  });

  it('reads past compaction gaps: the newest N, and from an offset that is gone', async () => {
    const topic = uniqueName('compacted');
    const seen = await compactedWithGap(cluster, topic);

    const fromStart = await cluster.peek({ topic, limit: 5, fromOffset: '0' });
    assert.deepStrictEqual(fromStart.map((m) => m.offset).sort(), ['55', '56', '57', '58', '59']);
    assert.strictEqual((await cluster.peek({ topic, limit: 5 })).length, 5);
    for (const request of [{ limit: 5 }, { limit: 5, fromOffset: '0' }, { limit: 2, fromOffset: '57' }, { limit: 100 }]) await check(cluster, seen, { topic, ...request });
  });

  const PARTITIONS = 3;
  const bytes = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 12 }).map((s) => Buffer.from(s)),
    fc.json({ maxDepth: 1 }).map((s) => Buffer.from(s)),
    fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.from(a)),
  );
  const header = fc.record({
    key: fc.constantFrom('a', 'b', 'trace'),
    // Null, text, or the big-endian integers dead-letter topics carry.
    value: fc.oneof(fc.constant(null), fc.constantFrom('x', 'retry'), fc.integer().map((n) => Buffer.from(Int32Array.of(n).buffer).reverse())).map((v) => (typeof v === 'string' ? Buffer.from(v) : v)),
  });
  const planned = (options: { compacted: boolean }) =>
    fc.record({
      partition: fc.integer({ min: 0, max: PARTITIONS - 1 }),
      // A compacted topic takes no record without a key; its segments roll by producer time.
      timestamp: options.compacted ? fc.constant(undefined) : fc.option(fc.oneof(fc.bigInt({ min: 0n, max: 2_000_000_000_000n }), fc.constant(9_000_000_000_000_000n)), { nil: undefined }),
      key: options.compacted ? fc.constantFrom('k1', 'k2', 'k3').map((k) => Buffer.from(k)) : fc.oneof(fc.constant(null), fc.constantFrom('k1', 'k2').map((k) => Buffer.from(k))),
      value: bytes,
      headers: fc.array(header, { maxLength: 3 }),
    });
  const groups = (options: { compacted: boolean }, size: { minLength: number; maxLength: number }) =>
    fc.array(
      fc.oneof(
        planned(options).map((r): Step[] => [{ ...r, kind: 'plain' }]),
        fc.tuple(fc.array(planned(options), { minLength: 1, maxLength: 4 }), fc.boolean()).map(([rs, commit]): Step[] => [{ kind: 'begin' }, ...rs.map((r) => ({ ...r, kind: 'tx' as const })), { kind: commit ? 'commit' : 'abort' }]),
      ),
      size,
    );
  const codec = fc.constantFrom('none', 'gzip', 'snappy', 'lz4', 'zstd');
  const query = fc.record({ limit: fc.integer({ min: 1, max: 40 }), partition: fc.option(fc.integer({ min: 0, max: PARTITIONS - 1 }), { nil: undefined }), fromOffset: fc.option(fc.integer({ min: 0, max: 90 }).map(String), { nil: undefined }) });
  const queries = fc.array(query, { minLength: 25, maxLength: 25 });

  it('generated mixes: for any N and start, peek shows what the Java consumer shows', async () => {
    await fc.assert(
      fc.asyncProperty(groups({ compacted: false }, { minLength: 5, maxLength: 25 }), codec, codec, queries, async (mix, tx, plain, asked) => {
        const topic = uniqueName('mix');
        // Timestamps far from now are the point here: no retention, none refused as too new.
        await cluster.createTopic({ topic, partitions: PARTITIONS, replicationFactor: 1, config: { 'retention.ms': '-1', 'message.timestamp.after.max.ms': '9223372036854775807' } });
        await javaWrite(topic, mix.flat(), { tx, plain });
        const seen = await javaReadCommitted(topic);
        for (const q of asked) await check(cluster, seen, { topic, ...q });
        await check(cluster, seen, { topic, limit: 10_000 });
      }),
      { numRuns: 3, endOnFailure: true },
    );
  });

  it('a generated mix on a compacted topic, after the log cleaner ran', async () => {
    await fc.assert(
      fc.asyncProperty(groups({ compacted: true }, { minLength: 15, maxLength: 30 }), codec, codec, queries, async (mix, tx, plain, asked) => {
        const topic = uniqueName('mix-compacted');
        await cluster.createTopic({
          topic,
          partitions: PARTITIONS,
          replicationFactor: 1,
          config: COMPACT_AT_ONCE,
        });
        // A record per partition after segment.ms closes the segments that hold the mix.
        const roll = Array.from({ length: PARTITIONS }, (_, p) => record(p, 'roll', 'plain', 'roll'));
        const steps: Step[] = [...mix.flat(), { kind: 'sleep', ms: 300 }, ...roll];
        await javaWrite(topic, steps, { tx, plain });
        const written = mix.filter((g) => g[g.length - 1].kind !== 'abort').flat().filter((s) => s.kind === 'tx' || s.kind === 'plain').length + PARTITIONS;
        let seen = await javaReadCommitted(topic, { fewerThan: written });
        assert.ok(seen.length < written, 'the log cleaner did not compact the topic in time');
        // The cleaner may still be at work: compare again with a new reading if it changed the topic meanwhile.
        for (let attempt = 1; ; attempt++) {
          try {
            for (const q of asked) await check(cluster, seen, { topic, ...q });
            await check(cluster, seen, { topic, limit: 10_000 });
            return;
          } catch (error) {
            const again = await javaReadCommitted(topic);
            if (attempt >= 3 || JSON.stringify(again) === JSON.stringify(seen)) throw error;
            seen = again;
          }
        }
      }),
      { numRuns: 1, endOnFailure: true },
    );
  });
});
