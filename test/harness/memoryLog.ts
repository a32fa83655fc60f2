// A topic's partitions in memory, behind the same PartitionLog interface as the brokers
// (src/kafka/partitionLog.ts), so that the unit tests drive peek's and search's windowing in
// milliseconds. It answers as Kafka's log does (kafka.log.UnifiedLog.read, FetchResponse):
// whole record batches from the one holding the fetch offset (at least one, whatever its size),
// up to the last stable offset at read_committed or the high watermark at read_uncommitted, with
// the aborted transactions among them; OFFSET_OUT_OF_RANGE outside [log start, high watermark].
// The batches are written in Kafka's format v2 (recordBatches.ts), so the real decoder reads them.

import type { FetchLimits, FetchRound, OffsetQuery, PartitionFetch, PartitionLog } from '../../src/kafka/partitionLog';
import type { RawFetchedPartition } from '../../src/kafka/wire/fetch';
import { encodeBatch } from './recordBatches';

const READ_UNCOMMITTED = 0;
const OFFSET_OUT_OF_RANGE = 1;

export interface MemoryRecord {
  readonly offset: bigint;
  /** ms since the epoch. */
  readonly timestamp: bigint;
  readonly key: string | null;
  readonly value: string | null;
}

interface MemoryBatch {
  readonly baseOffset: bigint;
  /** As written: compaction may remove records, never this. */
  readonly lastOffset: bigint;
  readonly producerId: bigint;
  readonly transactional: boolean;
  /** A transaction marker: `abort` says which. */
  readonly control: boolean;
  readonly abort?: boolean;
  records: MemoryRecord[];
}

class MemoryPartition {
  batches: MemoryBatch[] = [];
  logStart = 0n;
  highWatermark = 0n;
  /** Producer id → first offset of its open transaction. */
  readonly open = new Map<bigint, bigint>();
  readonly aborted: { producerId: bigint; firstOffset: bigint; markerOffset: bigint }[] = [];

  get lastStable(): bigint {
    return [...this.open.values()].reduce((lso, first) => (first < lso ? first : lso), this.highWatermark);
  }
}

export interface FetchSeen {
  readonly partition: number;
  readonly fetchOffset: bigint;
  /** Records in the batches answered, markers included. */
  readonly records: number;
}

export class MemoryLog implements PartitionLog {
  private readonly parts: MemoryPartition[];
  /** Every partition fetch answered, in order. */
  readonly fetches: FetchSeen[] = [];
  /** Fetch requests answered. */
  requests = 0;
  /** Called before each fetch request is answered: a test changes the log there (retention, say). */
  beforeFetch?: (request: number) => void;
  /** The clock new records are stamped with when no timestamp is given, ms. */
  now = 1_700_000_000_000n;

  constructor(
    readonly topic: string,
    partitionCount: number,
  ) {
    this.parts = Array.from({ length: partitionCount }, () => new MemoryPartition());
  }

  // Writing.

  /** Plain records (no producer id), `perBatch` to a batch; timestamps `now`, 1 ms apart, unless given. Returns their offsets. */
  append(partition: number, values: readonly string[], options: { perBatch?: number; timestamps?: readonly number[] } = {}): bigint[] {
    const p = this.parts[partition];
    const offsets: bigint[] = [];
    const perBatch = options.perBatch ?? 1;
    for (let i = 0; i < values.length; i += perBatch) {
      const records = values.slice(i, i + perBatch).map((value, j) => this.record(p.highWatermark + BigInt(j), value, options.timestamps?.[i + j]));
      this.write(p, { producerId: -1n, transactional: false, control: false, records });
      offsets.push(...records.map((r) => r.offset));
    }
    return offsets;
  }

  /** A transaction of `producerId` writing `values` in one batch; committed or aborted with its marker, or left open. */
  transaction(partition: number, producerId: bigint, values: readonly string[], outcome: 'commit' | 'abort' | 'open'): bigint[] {
    const p = this.parts[partition];
    const first = p.highWatermark;
    const records = values.map((value, j) => this.record(first + BigInt(j), value));
    this.write(p, { producerId, transactional: true, control: false, records });
    if (outcome === 'open') p.open.set(producerId, first);
    else this.end(partition, producerId, outcome, first);
    return records.map((r) => r.offset);
  }

  /** Ends `producerId`'s transaction (opened at `first`) with its marker. */
  end(partition: number, producerId: bigint, outcome: 'commit' | 'abort', first = this.parts[partition].open.get(producerId)!): void {
    const p = this.parts[partition];
    p.open.delete(producerId);
    const markerOffset = p.highWatermark;
    this.write(p, { producerId, transactional: true, control: true, abort: outcome === 'abort', records: [{ offset: markerOffset, timestamp: this.now, key: null, value: null }] });
    if (outcome === 'abort') p.aborted.push({ producerId, firstOffset: first, markerOffset });
  }

  /** The log cleaner: records for which `keep` is false go; batches left empty go too. */
  compact(partition: number, keep: (offset: bigint) => boolean): void {
    const p = this.parts[partition];
    for (const batch of p.batches) if (!batch.control) batch.records = batch.records.filter((r) => keep(r.offset));
    p.batches = p.batches.filter((b) => b.records.length > 0);
  }

  /** Retention or DeleteRecords: the log starts at `offset` now. */
  deleteBefore(partition: number, offset: bigint): void {
    const p = this.parts[partition];
    p.logStart = offset;
    p.batches = p.batches.filter((b) => b.lastOffset >= offset);
  }

  private record(offset: bigint, value: string, timestamp?: number): MemoryRecord {
    return { offset, timestamp: timestamp === undefined ? this.now + offset : BigInt(timestamp), key: null, value };
  }

  private write(p: MemoryPartition, batch: Omit<MemoryBatch, 'baseOffset' | 'lastOffset'>): void {
    const baseOffset = p.highWatermark;
    const lastOffset = baseOffset + BigInt(batch.records.length - 1);
    p.batches.push({ ...batch, baseOffset, lastOffset });
    p.highWatermark = lastOffset + 1n;
  }

  // PartitionLog.

  async partitions(): Promise<number[]> {
    return this.parts.map((_, i) => i);
  }

  async offsets(partitions: readonly number[], query: OffsetQuery): Promise<Map<number, bigint>> {
    return new Map(partitions.map((partition) => [partition, this.offset(this.parts[partition], query)]));
  }

  private offset(p: MemoryPartition, query: OffsetQuery): bigint {
    if (query.at === 'start') return p.logStart;
    if (query.at === 'end') return query.isolation === READ_UNCOMMITTED ? p.highWatermark : p.lastStable;
    // ListOffsets at READ_COMMITTED: the first record at or after the time, below the last stable offset.
    const found = p.batches.filter((b) => !b.control).flatMap((b) => b.records).find((r) => r.timestamp >= BigInt(query.timestamp) && r.offset < p.lastStable);
    return found?.offset ?? -1n;
  }

  async fetch(asks: readonly PartitionFetch[], limits: FetchLimits): Promise<FetchRound> {
    this.beforeFetch?.(this.requests);
    this.requests += 1;
    const answered = asks.map((ask) => this.fetchOne(ask, limits.isolation === READ_UNCOMMITTED));
    return { requests: [{ asked: asks, answered }], leaderless: [] };
  }

  private fetchOne(ask: PartitionFetch, uncommitted: boolean): RawFetchedPartition {
    const p = this.parts[ask.partition];
    const answer = { partition: ask.partition, highWatermark: p.highWatermark, lastStableOffset: p.lastStable };
    if (ask.fetchOffset < p.logStart || ask.fetchOffset > p.highWatermark) {
      return { ...answer, errorCode: OFFSET_OUT_OF_RANGE, abortedTransactions: [], records: null };
    }
    const end = uncommitted ? p.highWatermark : p.lastStable;
    const chosen: MemoryBatch[] = [];
    let bytes = 0;
    for (const batch of p.batches.filter((b) => b.lastOffset >= ask.fetchOffset && b.baseOffset < end)) {
      const encoded = encode(batch);
      if (chosen.length > 0 && bytes + encoded.length > ask.maxBytes) break;
      chosen.push(batch);
      bytes += encoded.length;
    }
    const last = chosen.length === 0 ? ask.fetchOffset : chosen[chosen.length - 1].lastOffset;
    this.fetches.push({ partition: ask.partition, fetchOffset: ask.fetchOffset, records: chosen.reduce((n, b) => n + b.records.length, 0) });
    const abortedTransactions = uncommitted ? [] : p.aborted.filter((a) => a.firstOffset <= last && a.markerOffset >= ask.fetchOffset).map(({ producerId, firstOffset }) => ({ producerId, firstOffset }));
    return { ...answer, errorCode: 0, abortedTransactions, records: Buffer.concat(chosen.map(encode)) };
  }
}

function encode(batch: MemoryBatch): Buffer {
  const baseTimestamp = batch.records[0]?.timestamp ?? 0n;
  return encodeBatch({
    baseOffset: batch.baseOffset,
    lastOffsetDelta: Number(batch.lastOffset - batch.baseOffset),
    baseTimestamp,
    producerId: batch.producerId,
    transactional: batch.transactional,
    control: batch.control,
    records: batch.records.map((r) => ({
      offsetDelta: Number(r.offset - batch.baseOffset),
      timestampDelta: r.timestamp - baseTimestamp,
      // A control record's key: version 0, then type 0 (abort) or 1 (commit).
      key: batch.control ? Buffer.from([0, 0, 0, batch.abort ? 0 : 1]) : r.key === null ? null : Buffer.from(r.key),
      value: batch.control ? Buffer.alloc(6) : r.value === null ? null : Buffer.from(r.value),
      headers: [],
    })),
  });
}
