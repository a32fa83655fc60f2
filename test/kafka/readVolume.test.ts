// Peek reads no more than it shows plus what the offset gaps hide: on a transactional topic
// (commit markers, an aborted transaction) and a compacted one (offsets removed), every record
// read lies in the range of offsets its answer spans, but for the overshoot the reading rule
// in src/kafka/peek.ts states (the window after a window that held no message may reach past
// the oldest message shown). Records are written one batch each by Kafka's Java producer, so
// whole-batch answers add nothing; the messages and watermarks come from the Java consumer and
// kafkajs's admin, not from peek.

import * as assert from 'assert';
import { connectCluster } from '../../src/kafka/connect';
import { emptyPeekStats } from '../../src/kafka/peekStats';
import { KafkaCluster, PeekRequest } from '../../src/kafka/types';
import { testBrokers } from '../harness/kafkaBroker';
import { testKafka, uniqueName } from './helpers';
import { asSeen, compactedWithGap, expectedPeek, javaReadCommitted, javaWrite, PlannedRecord, SeenRecord, Step } from './javaClient';
import { expectedVolume, PartitionWatermarks, watermarksOf } from './readVolume';

const record = (partition: number, value: string, kind: 'tx' | 'plain', key: string | null = null): PlannedRecord => ({
  kind,
  partition,
  key: key === null ? null : Buffer.from(key),
  value: Buffer.from(value),
  headers: [],
});

interface Case {
  readonly request: Omit<PeekRequest, 'topic'>;
  /** Records read per partition, exactly. */
  readonly read: Readonly<Record<number, number>>;
  /** Records read outside the range shown, per partition, that the case explains. */
  readonly overshoot?: Readonly<Record<number, number>>;
}

describe('peek reads no more than it shows plus what the gaps hide', function () {
  this.timeout(300_000);
  let cluster: KafkaCluster;

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers() });
  });

  after(async () => {
    await cluster?.disconnect();
  });

  async function check(topic: string, seen: readonly SeenRecord[], marks: ReadonlyMap<number, PartitionWatermarks>, { request, read, overshoot = {} }: Case): Promise<void> {
    const asked = { topic, ...request };
    const stats = emptyPeekStats();
    const shown = await cluster.peek(asked, undefined, stats);
    assert.deepStrictEqual(shown.map(asSeen), expectedPeek(seen, asked), `peek ${JSON.stringify(request)}`);
    for (const volume of expectedVolume(seen, asked, marks)) {
      const got = stats.partitions.get(volume.partition)?.records ?? 0;
      const allowed = volume.candidates + volume.hidden + (overshoot[volume.partition] ?? 0);
      const what = `peek ${JSON.stringify(request)}, partition ${volume.partition}: read ${got} records for ${volume.candidates} messages in offsets ${volume.start}-${volume.end}`;
      assert.strictEqual(got, read[volume.partition], what);
      assert.ok(got <= allowed, `${what}: more than the ${allowed} the rule allows`);
    }
    assert.strictEqual(stats.records, [...stats.partitions.values()].reduce((n, p) => n + p.records, 0));
  }

  it('a transactional topic: commit markers and an aborted transaction', async () => {
    const topic = uniqueName('volume-txn');
    await cluster.createTopic({ topic, partitions: 2, replicationFactor: 1 });
    const commit = (value: string): Step[] => [{ kind: 'begin' }, record(0, value, 'tx'), { kind: 'commit' }];
    // Partition 0: m0-m4 at offsets 0-8 (markers at the odd ones), an aborted transaction of
    // three records at 10-12 and its marker at 13, m5-m9 at 14-22, markers to 23.
    // Partition 1: ten plain records at 0-9.
    const steps: Step[] = [
      ...['m0', 'm1', 'm2', 'm3', 'm4'].flatMap(commit),
      { kind: 'begin' },
      ...['a0', 'a1', 'a2'].map((v) => record(0, v, 'tx')),
      { kind: 'abort' },
      ...['m5', 'm6', 'm7', 'm8', 'm9'].flatMap(commit),
      ...Array.from({ length: 10 }, (_, i) => record(1, `p${i}`, 'plain')),
    ];
    await javaWrite(topic, steps);
    const seen = await javaReadCommitted(topic);
    assert.deepStrictEqual(seen.filter((r) => r.partition === 0).map((r) => r.offset), ['0', '2', '4', '6', '8', '14', '16', '18', '20', '22']);
    const marks = await watermarksOf(testKafka(), topic);
    assert.deepStrictEqual([...marks.entries()].sort(), [[0, { low: 0n, high: 24n }], [1, { low: 0n, high: 10n }]]);

    const cases: Case[] = [
      // [21,24) holds m9, [19,21) m8, [18,19) m7: exactly the range 18-23.
      { request: { limit: 3 }, read: { 0: 6, 1: 3 } },
      // [19,24) holds 2, [16,19) 2, [15,16) only a marker, so the next window doubles to
      // [13,15) and reads the abort marker at 13, one past the range 14-23.
      { request: { limit: 5, partition: 0 }, read: { 0: 11 }, overshoot: { 0: 1 } },
      // Fewer messages than asked: the whole partition, aborted records and markers included.
      { request: { limit: 50 }, read: { 0: 24, 1: 10 } },
      // From offset 9: the marker, the aborted three, the abort marker, m5 to m7 at 14-18.
      { request: { limit: 3, partition: 0, fromOffset: '9' }, read: { 0: 10 } },
      { request: { limit: 4, partition: 1, fromOffset: '3' }, read: { 1: 4 } },
    ];
    for (const c of cases) await check(topic, seen, marks, c);
  });

  it('a compacted topic whose offsets 0-54 are gone', async () => {
    const topic = uniqueName('volume-compacted');
    const seen = await compactedWithGap(cluster, topic);
    const marks = await watermarksOf(testKafka(), topic);

    const cases: Case[] = [
      { request: { limit: 5 }, read: { 0: 5 } },
      // The removed offsets cost nothing: the first five records after offset 0.
      { request: { limit: 5, fromOffset: '0' }, read: { 0: 5 } },
      { request: { limit: 2, fromOffset: '57' }, read: { 0: 2 } },
    ];
    for (const c of cases) await check(topic, seen, marks, c);
  });
});
