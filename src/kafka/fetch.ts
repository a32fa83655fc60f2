// One Fetch request to one broker, answered per partition with whole record batches and the
// aborted-transaction list, and the rule a read_committed consumer applies to them.

import { decodeRecordBatches, RecordBatch, WireRecord } from './recordBatch';
import { decompressWith, IsolationLevel, protocolError, RawBroker, READ_COMMITTED, sendFetch } from './internals';

export interface AbortedTransaction {
  readonly producerId: bigint;
  readonly firstOffset: bigint;
}

export interface FetchedPartition {
  readonly partition: number;
  /** Kafka's protocol error code; 0 when the partition answered. */
  readonly errorCode: number;
  readonly highWatermark: bigint;
  /** What a read_committed consumer may read up to (open transactions start here). */
  readonly lastStableOffset: bigint;
  readonly abortedTransactions: readonly AbortedTransaction[];
  readonly batches: readonly RecordBatch[];
  /** Size of the record data answered, for sizing the next request. */
  readonly bytes: number;
}

export interface PartitionFetch {
  readonly partition: number;
  readonly fetchOffset: bigint;
  /** The most bytes this partition may answer with (the broker still sends one whole batch). */
  readonly maxBytes: number;
}

/** Fetch error codes a peek handles itself rather than failing. */
export const OFFSET_OUT_OF_RANGE = 1;

/**
 * Reads `partitions` of `topic` from their leader `broker`, read_committed unless `limits`
 * says otherwise. A partition's
 * error comes back as its `errorCode`; a failure of the whole request is thrown.
 */
export async function fetchFromLeader(
  broker: RawBroker,
  topic: string,
  partitions: readonly PartitionFetch[],
  limits: FetchLimits,
): Promise<FetchedPartition[]> {
  const raw = await fetchRecordBytes(broker, topic, partitions, limits);
  return Promise.all(
    raw.map(async ({ records, ...rest }) => ({ ...rest, bytes: records?.length ?? 0, batches: records === null || rest.errorCode !== 0 ? [] : await decodeRecordBatches(records, decompressWith) })),
  );
}

export interface FetchLimits {
  readonly maxWaitMs: number;
  /** The most bytes the whole answer may hold. */
  readonly maxBytes: number;
  /** READ_COMMITTED when absent; READ_UNCOMMITTED reads past the last stable offset. */
  readonly isolation?: IsolationLevel;
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

export type RawFetchedPartition = Omit<FetchedPartition, 'batches' | 'bytes'> & { readonly records: Buffer | null };

/**
 * The Fetch response body, versions 4 to 11 (what kafkajs asks for; Kafka 4 brokers answer
 * nothing older). Only the partitions of the response's topics; records left as bytes.
 */
function decodeFetchResponse(payload: Buffer, version: number): RawFetchedPartition[] {
  if (version < 4) throw new Error(`the broker answered Fetch v${version}, which has no transactions`);
  const r = new Cursor(payload);
  r.int32(); // throttle time
  if (version >= 7) {
    const errorCode = r.int16();
    r.int32(); // fetch session
    if (errorCode !== 0) throw protocolError(errorCode);
  }
  const partitions: RawFetchedPartition[] = [];
  for (let t = r.int32(); t > 0; t--) {
    r.skip(r.int16()); // topic name: one topic per request
    for (let p = r.int32(); p > 0; p--) {
      const partition = r.int32();
      const errorCode = r.int16();
      const highWatermark = r.int64();
      const lastStableOffset = r.int64();
      if (version >= 5) r.int64(); // log start offset
      const abortedTransactions: AbortedTransaction[] = [];
      for (let a = r.int32(); a > 0; a--) abortedTransactions.push({ producerId: r.int64(), firstOffset: r.int64() });
      if (version >= 11) r.int32(); // preferred read replica
      const size = r.int32();
      const records = size < 0 ? null : r.take(size);
      partitions.push({ partition, errorCode, highWatermark, lastStableOffset, abortedTransactions, records });
    }
  }
  return partitions;
}

class Cursor {
  private at = 0;
  constructor(private readonly buffer: Buffer) {}
  int16(): number {
    this.at += 2;
    return this.buffer.readInt16BE(this.at - 2);
  }
  int32(): number {
    this.at += 4;
    return this.buffer.readInt32BE(this.at - 4);
  }
  int64(): bigint {
    this.at += 8;
    return this.buffer.readBigInt64BE(this.at - 8);
  }
  skip(length: number): void {
    this.at += Math.max(0, length);
  }
  take(length: number): Buffer {
    const slice = this.buffer.subarray(this.at, this.at + length);
    this.at += length;
    return slice;
  }
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
    for (const record of batch.records) {
      if (record.offset < fetchOffset) continue;
      if (visible) records.push(record);
      else hidden += 1;
    }
  }
  return { records, hidden, nextOffset };
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
