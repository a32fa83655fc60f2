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
 * Every complete batch in `bytes`, in order. A Fetch response may end with part of a batch
 * (the broker cuts at the size asked for); that part is left out, as the consumers do.
 * Throws a KafkaAccessError for data that is not a record batch of format v2 (magic 2).
 */
export async function decodeRecordBatches(bytes: Buffer, decompress: Decompress): Promise<RecordBatch[]> {
  const batches: RecordBatch[] = [];
  let at = 0;
  while (bytes.length - at >= BATCH_HEADER_BYTES) {
    const length = bytes.readInt32BE(at + 8);
    const end = at + LOG_OVERHEAD + length;
    if (end > bytes.length) break;
    const magic = bytes.readInt8(at + MAGIC_OFFSET);
    if (magic !== 2) {
      throw new KafkaAccessError(`The topic holds records in the old message format v${magic}, which peek does not read; Kafka has written format v2 since 0.11.`, 'other');
    }
    batches.push(await decodeBatch(bytes.subarray(at, end), decompress));
    at = end;
  }
  return batches;
}

async function decodeBatch(bytes: Buffer, decompress: Decompress): Promise<RecordBatch> {
  const baseOffset = bytes.readBigInt64BE(0);
  const attributes = bytes.readInt16BE(21);
  const lastOffset = baseOffset + BigInt(bytes.readInt32BE(23));
  const baseTimestamp = bytes.readBigInt64BE(27);
  const maxTimestamp = bytes.readBigInt64BE(35);
  const producerId = bytes.readBigInt64BE(43);
  const count = bytes.readInt32BE(57);
  const codec = attributes & COMPRESSION_MASK;
  const section = bytes.subarray(BATCH_HEADER_BYTES);
  const body = codec === 0 ? section : await decompress(codec, section);
  const reader = new Reader(body);
  const logAppendTime = (attributes & LOG_APPEND_TIME_FLAG) !== 0 ? maxTimestamp : undefined;
  const records: WireRecord[] = [];
  for (let i = 0; i < count; i++) records.push(readRecord(reader, baseOffset, baseTimestamp, logAppendTime));
  return {
    baseOffset,
    lastOffset,
    producerId,
    transactional: (attributes & TRANSACTIONAL_FLAG) !== 0,
    control: (attributes & CONTROL_FLAG) !== 0,
    records,
  };
}

function readRecord(reader: Reader, baseOffset: bigint, baseTimestamp: bigint, logAppendTime: bigint | undefined): WireRecord {
  const length = reader.varint();
  const record = new Reader(reader.take(length));
  record.take(1); // attributes: unused by format v2
  const timestampDelta = record.varlong();
  const offsetDelta = record.varint();
  const key = record.bytes();
  const value = record.bytes();
  const headerCount = record.varint();
  const headers: WireHeader[] = [];
  for (let i = 0; i < headerCount; i++) {
    const headerKey = record.bytes();
    headers.push({ key: headerKey === null ? '' : headerKey.toString('utf8'), value: record.bytes() });
  }
  return {
    offset: baseOffset + BigInt(offsetDelta),
    // As the Java client computes it: 64-bit arithmetic, wrapping.
    timestamp: logAppendTime ?? BigInt.asIntN(64, baseTimestamp + timestampDelta),
    key,
    value,
    headers,
  };
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
