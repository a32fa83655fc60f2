// The read-volume rule of peek, computed from ground truth: per partition, the messages a peek
// must weigh (its newest N, or its first N from an offset, as Kafka's Java consumer sees them),
// the offset range they span, and the offsets inside that range that are not messages
// (aborted records, transaction markers, records removed by compaction: "hidden by gaps").
// A peek that reads only that range reads at most candidates + hidden records.

import type { Kafka } from 'kafkajs';
import type { PeekRequest } from '../../src/kafka/types';
import { expectedPeek, SeenRecord } from './javaClient';

export interface PartitionWatermarks {
  readonly low: bigint;
  readonly high: bigint;
}

export interface PartitionVolume {
  readonly partition: number;
  /** Messages of this partition the peek must weigh (at most N; across partitions, newest N are shown). */
  readonly candidates: number;
  /** The offsets [start, end) those messages span, or the whole partition when it holds fewer. */
  readonly start: bigint;
  readonly end: bigint;
  /** Offsets in [start, end) that are not messages. */
  readonly hidden: number;
}

/** Low and high watermarks per partition, from kafkajs's admin (not from our code). */
export async function watermarksOf(kafka: Kafka, topic: string): Promise<Map<number, PartitionWatermarks>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((p) => [p.partition, { low: BigInt(p.low), high: BigInt(p.high) }]));
  } finally {
    await admin.disconnect();
  }
}

/** Per partition the request reads, what the rule allows it to read. */
export function expectedVolume(seen: readonly SeenRecord[], request: Pick<PeekRequest, 'limit' | 'partition' | 'fromOffset'>, marks: ReadonlyMap<number, PartitionWatermarks>): PartitionVolume[] {
  const partitions = [...marks.keys()].filter((p) => request.partition === undefined || p === request.partition).sort((a, b) => a - b);
  return partitions.map((partition) => {
    const { low, high } = marks.get(partition)!;
    const candidates = expectedPeek(seen, { limit: request.limit, partition, fromOffset: request.fromOffset }).map((r) => BigInt(r.offset)).sort((a, b) => (a < b ? -1 : 1));
    const full = candidates.length === request.limit;
    let start: bigint;
    let end: bigint;
    if (request.fromOffset === undefined) {
      start = full ? candidates[0] : low;
      end = high;
    } else {
      const from = BigInt(request.fromOffset);
      start = from > low ? from : low;
      end = full ? candidates[candidates.length - 1] + 1n : high;
    }
    if (end < start) end = start;
    return { partition, candidates: candidates.length, start, end, hidden: Number(end - start) - candidates.length };
  });
}
