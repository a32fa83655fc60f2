// One Fetch request to one broker, answered per partition with whole record batches and the
// aborted-transaction list, and the rule a read_committed consumer applies to them.

import { decompressionBudget, decompressRecords } from './wire/compression';
import { decodeRecordBatches, RecordBatch, WireRecord } from './wire/recordBatch';
import { READ_COMMITTED, sendFetch } from './kafkajs/requests';
import type { RawBroker } from './kafkajs/types';
import { AbortedTransaction, decodeFetchResponse, FetchedPartition, RawFetchedPartition } from './wire/fetch';
import type { FetchLimits, PartitionFetch } from './partitionLog';

/**
 * Reads `partitions` of `topic` from their leader `broker`, read_committed unless `limits` says
 * otherwise, decoded as decodeFetched does. A partition's error comes back as its `errorCode`;
 * a failure of the whole request is thrown, a corrupt answer as a KafkaAccessError ('corrupt').
 */
export async function fetchFromLeader(
  broker: RawBroker,
  topic: string,
  partitions: readonly PartitionFetch[],
  limits: FetchLimits,
): Promise<FetchedPartition[]> {
  return decodeFetched(partitions, await fetchRecordBytes(broker, topic, partitions, limits));
}

/**
 * One Fetch answer `raw` to the request that asked for `asked`, its record batches decoded:
 * they decompress to at most decompressionBudget(the sum of the asks' maxBytes) in all; a
 * partition whose batch would pass what the others left comes back without batches (ask it
 * again alone), and a batch that cannot be read is one with `problem` set.
 * `from`, per partition: records before that offset are counted, not decoded (see
 * decodeRecordBatches); a partition not in it is decoded whole.
 */
export async function decodeFetched(asked: readonly PartitionFetch[], raw: readonly RawFetchedPartition[], from?: ReadonlyMap<number, bigint>): Promise<FetchedPartition[]> {
  const limit = decompressionBudget(asked.reduce((sum, p) => sum + p.maxBytes, 0));
  const budget = { limit, left: limit };
  const fetched: FetchedPartition[] = [];
  // One after another, so that the budget bounds what the whole answer holds at once.
  for (const { records, ...rest } of raw) {
    const batches = records === null || rest.errorCode !== 0 ? [] : await decodeRecordBatches(records, decompressRecords, budget, from?.get(rest.partition));
    fetched.push({ ...rest, bytes: records?.length ?? 0, batches });
  }
  return fetched;
}

/** As fetchFromLeader, with each partition's record batches left as the bytes the broker sent. */
export function fetchRecordBytes(broker: RawBroker, topic: string, partitions: readonly PartitionFetch[], limits: FetchLimits): Promise<RawFetchedPartition[]> {
  return sendFetch(
    broker,
    {
      maxWaitTime: limits.maxWaitMs,
      minBytes: 1,
      maxBytes: limits.maxBytes,
      isolationLevel: limits.isolation ?? READ_COMMITTED,
      topics: [{ topic, partitions: partitions.map((p) => ({ partition: p.partition, fetchOffset: p.fetchOffset.toString(), maxBytes: p.maxBytes })) }],
    },
    decodeFetchResponse,
  );
}

export interface ReadCommitted {
  /** The messages, in offset order, at or after the fetch offset. */
  readonly records: WireRecord[];
  /** Records at or after the fetch offset that are not messages: aborted, or markers. */
  readonly hidden: number;
  /** Where the next fetch starts: past the last batch, compacted records and markers included. */
  readonly nextOffset: bigint;
}

/**
 * What a read_committed consumer sees of `batches` fetched from `fetchOffset`, by the Java
 * client's rule (see CommittedFilter).
 */
export function readCommitted(batches: readonly RecordBatch[], aborted: readonly AbortedTransaction[], fetchOffset: bigint): ReadCommitted {
  const filter = new CommittedFilter(aborted);
  const records: WireRecord[] = [];
  let hidden = 0;
  let nextOffset = fetchOffset;
  for (const batch of batches) {
    if (batch.lastOffset + 1n > nextOffset) nextOffset = batch.lastOffset + 1n;
    const visible = filter.visible(batch, batch.control && isAbortMarker(batch.records[0]?.key));
    if (batch.problem !== undefined) {
      // Unreadable: one record stands for the batch, where its messages would be.
      if (batch.lastOffset < fetchOffset) continue;
      if (visible) records.push(problemRecord(batch, batch.problem));
      else hidden += 1;
    }
    for (const record of batch.records) {
      if (record.offset < fetchOffset) continue;
      if (visible) records.push(record);
      else hidden += 1;
    }
  }
  return { records, hidden, nextOffset };
}

/** The record that stands for an unreadable batch: at its first offset, with its newest timestamp. */
export function problemRecord(batch: Pick<RecordBatch, 'baseOffset' | 'maxTimestamp'>, problem: string): WireRecord {
  return { offset: batch.baseOffset, timestamp: batch.maxTimestamp, key: null, value: null, headers: [], problem };
}

/**
 * The record that stands for an answer at `fetchOffset` whose batches all end before it, at
 * `lastOffset`. Kafka's log reads from the batch holding the offset asked for, so only a broken
 * or hostile broker sends this; asking again would get it again, forever.
 */
export function noProgressRecord(fetchOffset: bigint, lastOffset: bigint): WireRecord {
  const problem = `The broker answered a fetch at offset ${fetchOffset} with batches that end before it (at ${lastOffset}), which Kafka never does; reading this partition stopped here.`;
  return problemRecord({ baseOffset: fetchOffset, maxTimestamp: -1n }, problem);
}

/** What the read_committed rule needs of a batch: its header. */
export type BatchHeader = Pick<RecordBatch, 'lastOffset' | 'producerId' | 'transactional' | 'control'>;

/**
 * The Java client's read_committed rule (CompletedFetch.nextFetchedRecord), batch by batch in
 * offset order over one partition's fetch answer: an aborted transaction starts hiding its
 * producer's transactional batches at its first offset and stops at the producer's abort
 * marker; control batches (the markers) are never messages.
 */
export class CommittedFilter {
  private readonly pending: AbortedTransaction[];
  private readonly abortedProducers = new Set<bigint>();

  constructor(aborted: readonly AbortedTransaction[]) {
    this.pending = [...aborted].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0));
  }

  /** Whether `batch`'s records are messages. `abortMarker`: it is a control batch holding an abort marker. */
  visible(batch: BatchHeader, abortMarker: boolean): boolean {
    if (batch.producerId < 0n) return !batch.control;
    while (this.pending.length > 0 && this.pending[0].firstOffset <= batch.lastOffset) this.abortedProducers.add(this.pending.shift()!.producerId);
    if (abortMarker) this.abortedProducers.delete(batch.producerId);
    else if (batch.transactional && this.abortedProducers.has(batch.producerId)) return false;
    return !batch.control;
  }
}

/** A control record's key is version (int16) then type (int16): 0 abort, 1 commit. */
export function isAbortMarker(controlKey: Buffer | null | undefined): boolean {
  return !!controlKey && controlKey.length >= 4 && controlKey.readInt16BE(2) === 0;
}
