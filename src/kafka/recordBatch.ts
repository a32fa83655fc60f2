// Kafka's record batches (message format v2) from the bytes of a Fetch response, decoded here
// rather than by kafkajs because a peek needs what kafkajs drops: batch boundaries and last
// offsets (to step over compacted and empty batches), producer ids and the transactional and
// control flags (to apply aborted transactions), and headers in wire order with duplicates
// and null values. Format: https://kafka.apache.org/documentation/#recordbatch

import { KafkaAccessError } from './types';

export interface WireHeader {
  readonly key: string;
  readonly value: Buffer | null;
}

export interface WireRecord {
  readonly offset: bigint;
  /** Milliseconds since the epoch as stored; -1 when the producer set none. */
  readonly timestamp: bigint;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly WireHeader[];
}

export interface RecordBatch {
  readonly baseOffset: bigint;
  /** Offset of the batch's last record when written; compaction may have removed it since. */
  readonly lastOffset: bigint;
  /** -1 when the producer is neither idempotent nor transactional. */
  readonly producerId: bigint;
  readonly transactional: boolean;
  /** Holds transaction markers, not messages. */
  readonly control: boolean;
  readonly records: readonly WireRecord[];
}

/** Decompresses a batch's records section; kafkajs' registered codecs (see codecs.ts). */
export type Decompress = (codec: number, bytes: Buffer) => Promise<Buffer>;

const BATCH_HEADER_BYTES = 61;
const LOG_OVERHEAD = 12;
const MAGIC_OFFSET = 16;
const COMPRESSION_MASK = 0x07;
const LOG_APPEND_TIME_FLAG = 0x08;
const TRANSACTIONAL_FLAG = 0x10;
const CONTROL_FLAG = 0x20;

/**
 * A batch's header, with its records section left as stored (compressed when `codec` is not 0),
 * so that a reader can decide from the header, or from the section's bytes, whether to decode
 * its records at all (see search.ts).
 */
export interface BatchFrame extends Omit<RecordBatch, 'records'> {
  /** Kafka's compression type: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
  readonly codec: number;
  readonly count: number;
  readonly baseTimestamp: bigint;
  /** Set when the broker stamped the batch (LogAppendTime): every record has this timestamp. */
  readonly logAppendTime: bigint | undefined;
  readonly section: Buffer;
}

/**
 * Every complete batch in `bytes`, in order. A Fetch response may end with part of a batch
 * (the broker cuts at the size asked for); that part is left out, as the consumers do.
 * Throws a KafkaAccessError for data that is not a record batch of format v2 (magic 2).
 */
export async function decodeRecordBatches(bytes: Buffer, decompress: Decompress): Promise<RecordBatch[]> {
  const batches: RecordBatch[] = [];
  for (const frame of splitBatches(bytes)) batches.push(await decodeFrame(frame, decompress));
  return batches;
}

/** The complete batches in `bytes` with their records undecoded; throws as decodeRecordBatches. */
export function splitBatches(bytes: Buffer): BatchFrame[] {
  const frames: BatchFrame[] = [];
  let at = 0;
  while (bytes.length - at >= BATCH_HEADER_BYTES) {
    const length = bytes.readInt32BE(at + 8);
    const end = at + LOG_OVERHEAD + length;
    if (end > bytes.length) break;
    const magic = bytes.readInt8(at + MAGIC_OFFSET);
    if (magic !== 2) {
      throw new KafkaAccessError(`The topic holds records in the old message format v${magic}, which peek does not read; Kafka has written format v2 since 0.11.`, 'other');
    }
    frames.push(frameOf(bytes.subarray(at, end)));
    at = end;
  }
  return frames;
}

function frameOf(bytes: Buffer): BatchFrame {
  const baseOffset = bytes.readBigInt64BE(0);
  const attributes = bytes.readInt16BE(21);
  const maxTimestamp = bytes.readBigInt64BE(35);
  return {
    baseOffset,
    lastOffset: baseOffset + BigInt(bytes.readInt32BE(23)),
    baseTimestamp: bytes.readBigInt64BE(27),
    logAppendTime: (attributes & LOG_APPEND_TIME_FLAG) !== 0 ? maxTimestamp : undefined,
    producerId: bytes.readBigInt64BE(43),
    transactional: (attributes & TRANSACTIONAL_FLAG) !== 0,
    control: (attributes & CONTROL_FLAG) !== 0,
    codec: attributes & COMPRESSION_MASK,
    count: bytes.readInt32BE(57),
    section: bytes.subarray(BATCH_HEADER_BYTES),
  };
}

/** The records section's bytes, decompressed. */
export function frameBody(frame: BatchFrame, decompress: Decompress): Promise<Buffer> | Buffer {
  return frame.codec === 0 ? frame.section : decompress(frame.codec, frame.section);
}

export async function decodeFrame(frame: BatchFrame, decompress: Decompress): Promise<RecordBatch> {
  const { codec: _codec, count: _count, baseTimestamp: _base, logAppendTime: _append, section: _section, ...header } = frame;
  return { ...header, records: readRecords(frame, await frameBody(frame, decompress)) };
}

/** The records of a decompressed batch `body`, fully decoded. */
export function readRecords(frame: BatchFrame, body: Buffer): WireRecord[] {
  const records: WireRecord[] = [];
  forEachRecord(frame, body, (raw) => {
    records.push(wireRecord(frame, raw));
  });
  return records;
}

/**
 * A record as it lies in its batch: key, value and the header section as slices of the body,
 * offset and timestamp as deltas from the batch's base. Cheap to make; `wireRecord` and
 * `readHeaders` decode the rest when a record is wanted.
 */
export interface RawRecord {
  readonly offsetDelta: number;
  /** A number when it fits one exactly (it nearly always does), else a bigint. */
  readonly timestampDelta: number | bigint;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headerCount: number;
  /** The record's bytes from its first header on. */
  readonly headerBytes: Buffer;
}

/** Calls `visit` with each record of a decompressed batch `body`, in order, until it returns false. */
export function forEachRecord(frame: Pick<BatchFrame, 'count'>, body: Buffer, visit: (record: RawRecord) => boolean | void): void {
  const reader = new Reader(body);
  for (let i = 0; i < frame.count; i++) {
    const length = reader.varint();
    const record = new Reader(reader.take(length));
    record.take(1); // attributes: unused by format v2
    const timestampDelta = record.varlongOrNumber();
    const offsetDelta = record.varint();
    const key = record.bytes();
    const value = record.bytes();
    const headerCount = record.varint();
    if (visit({ offsetDelta, timestampDelta, key, value, headerCount, headerBytes: record.rest() }) === false) return;
  }
}

export function readHeaders(raw: RawRecord): WireHeader[] {
  const reader = new Reader(raw.headerBytes);
  const headers: WireHeader[] = [];
  for (let i = 0; i < raw.headerCount; i++) {
    const headerKey = reader.bytes();
    headers.push({ key: headerKey === null ? '' : headerKey.toString('utf8'), value: reader.bytes() });
  }
  return headers;
}

export function wireRecord(frame: BatchFrame, raw: RawRecord): WireRecord {
  return {
    offset: frame.baseOffset + BigInt(raw.offsetDelta),
    timestamp: recordTimestamp(frame, raw),
    key: raw.key,
    value: raw.value,
    headers: readHeaders(raw),
  };
}

/** As the Java client computes it: 64-bit arithmetic, wrapping; the batch's for LogAppendTime. */
export function recordTimestamp(frame: BatchFrame, raw: RawRecord): bigint {
  return frame.logAppendTime ?? BigInt.asIntN(64, frame.baseTimestamp + BigInt(raw.timestampDelta));
}

/** Zig-zag varints as Kafka writes them; a read past the end is a corrupt record. */
class Reader {
  private at = 0;
  constructor(private readonly buffer: Buffer) {}

  take(length: number): Buffer {
    if (length < 0 || this.at + length > this.buffer.length) throw corrupt();
    const slice = this.buffer.subarray(this.at, this.at + length);
    this.at += length;
    return slice;
  }

  rest(): Buffer {
    return this.buffer.subarray(this.at);
  }

  bytes(): Buffer | null {
    const length = this.varint();
    return length < 0 ? null : this.take(length);
  }

  /** A 32-bit varint, in int32 arithmetic as the Java client reads it. */
  varint(): number {
    let raw = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      if (this.at >= this.buffer.length) throw corrupt();
      const byte = this.buffer[this.at++];
      raw |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return (raw >>> 1) ^ -(raw & 1);
    }
    throw corrupt();
  }

  /**
   * A varlong as a number while it fits one exactly (raw values under 2^49, seven bytes); the
   * rest as a bigint. A record's timestamp delta is nearly always small, and a BigInt per
   * record is what a scan of a million records would spend its time on.
   */
  varlongOrNumber(): number | bigint {
    const start = this.at;
    let raw = 0;
    for (let scale = 1; scale < 2 ** 49; scale *= 128) {
      if (this.at >= this.buffer.length) throw corrupt();
      const byte = this.buffer[this.at++];
      raw += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
    }
    this.at = start;
    return this.varlong();
  }

  varlong(): bigint {
    let raw = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.at >= this.buffer.length) throw corrupt();
      const byte = this.buffer[this.at++];
      raw |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return (raw >> 1n) ^ -(raw & 1n);
    }
    throw corrupt();
  }
}

function corrupt(): KafkaAccessError {
  return new KafkaAccessError('A record batch from the broker is corrupt: a length or number runs past its end.', 'other');
}
