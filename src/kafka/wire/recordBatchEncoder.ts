// Record batches (message format v2) encoded for Produce: CreateTime now, not transactional,
// idempotent when given a producer id, epoch and base sequence (KIP-98), the records section
// compressed by the caller (compression.ts) when a codec is given.
// Format: https://kafka.apache.org/documentation/#recordbatch
// The records are written straight into the batch's own buffer as they come (RecordBatchBuilder),
// behind room for the header: a produce of a million lines spends its time here, and a message
// object or a buffer kept per line until its batch is sent costs more in garbage collection
// than the network takes.

import { crc32c } from './crc32c';
import type { KafkaHeaderValue } from '../types';

/**
 * A message as it goes into a batch; strings as UTF-8; no key (undefined) is a null key, no
 * headers none. With a Buffer value, `valueStart` and `valueEnd` (byte offsets, default the
 * whole buffer) say which of its bytes are the value: a line of stdin's chunk, without a Buffer
 * of its own.
 */
export interface BatchMessage {
  readonly key?: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly valueStart?: number;
  readonly valueEnd?: number;
  readonly headers?: readonly KafkaHeaderValue[];
}

const NO_HEADERS: readonly KafkaHeaderValue[] = [];
/** Bytes up to which a copy is a loop (measured on Node 20: faster than Buffer.copy for a line of text). */
const SHORT_COPY = 128;

/** The producer's identity and the batch's place in its partition's sequence (KIP-98); none: -1, -1, -1. */
export interface BatchProducer {
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly baseSequence: number;
}

const NO_PRODUCER: BatchProducer = { producerId: -1n, producerEpoch: -1, baseSequence: -1 };

/** The batch header's size (base offset to record count), and where its CRC-32C and attributes sit. */
export const BATCH_HEADER_BYTES = 61;
const CRC_OFFSET = 17;
const ATTRIBUTES_OFFSET = 21;

/** `messages` in one uncompressed batch, offsets 0 to n-1 (the broker assigns the real ones), headers in their order. */
export function encodeRecordBatch(messages: readonly BatchMessage[], producer: BatchProducer = NO_PRODUCER): Buffer {
  const builder = new RecordBatchBuilder();
  for (const m of messages) builder.append(m);
  return builder.assemble(builder.records(), 0, producer);
}

/** A batch around `records` (compressed by `codec` when it is not 0) holding `count` records. */
function assembleRecordBatch(records: Buffer, count: number, codec: number, producer: BatchProducer, now: number): Buffer {
  const batch = Buffer.allocUnsafe(BATCH_HEADER_BYTES + records.length);
  records.copy(batch, BATCH_HEADER_BYTES);
  return writeBatchHeader(batch, count, codec, producer, now);
}

/** `batch` (header room, then its records) with its header written and its CRC-32C computed. */
function writeBatchHeader(batch: Buffer, count: number, codec: number, producer: BatchProducer, now: number): Buffer {
  const records = batch.length - BATCH_HEADER_BYTES;
  batch.writeBigInt64BE(0n, 0); // base offset: the broker assigns offsets
  batch.writeInt32BE(BATCH_HEADER_BYTES - 12 + records, 8);
  batch.writeInt32BE(-1, 12); // partition leader epoch
  batch.writeInt8(2, 16); // magic: format v2
  batch.writeInt16BE(codec, ATTRIBUTES_OFFSET); // CreateTime, not transactional, not control
  batch.writeInt32BE(count - 1, 23);
  batch.writeBigInt64BE(BigInt(now), 27);
  batch.writeBigInt64BE(BigInt(now), 35);
  batch.writeBigInt64BE(producer.producerId, 43);
  batch.writeInt16BE(producer.producerEpoch, 51);
  batch.writeInt32BE(producer.baseSequence, 53);
  batch.writeInt32BE(count, 57);
  batch.writeUInt32BE(crc32c(batch.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return batch;
}

/** Bytes a batch's buffer starts with, doubled as records come (up to what they need). */
const FIRST_BUFFER_BYTES = 16 * 1024;

/**
 * One batch written as its messages come: each message encoded at once into a buffer that
 * keeps room for the header in front, so that an uncompressed batch is sent from the very
 * buffer its records were written to.
 */
export class RecordBatchBuilder {
  private buffer = Buffer.allocUnsafe(FIRST_BUFFER_BYTES);
  private at = BATCH_HEADER_BYTES;
  /** Records written. */
  count = 0;

  /** Writes `message` as the next record (offset delta: its place in the batch, timestamp delta 0). */
  append(m: BatchMessage): void {
    const headers = m.headers ?? NO_HEADERS;
    const body = recordBodyBytes(m, this.count);
    this.reserve(varintBytes(body) + body);
    const out = this.buffer;
    let at = writeVarint(out, this.at, body);
    out[at++] = 0; // attributes
    out[at++] = 0; // timestamp delta
    at = writeVarint(out, at, this.count);
    at = writeData(out, at, m.key);
    at = writeValue(out, at, m);
    at = writeVarint(out, at, headers.length);
    for (const h of headers) {
      at = writeData(out, at, h.key);
      at = writeData(out, at, h.value);
    }
    this.at = at;
    this.count++;
  }

  /** The records section so far (a view of the builder's buffer). */
  records(): Buffer {
    return this.buffer.subarray(BATCH_HEADER_BYTES, this.at);
  }

  /**
   * The batch of `records` (this builder's `records()`, or their compressed bytes in `codec`:
   * 1 gzip, 2 snappy, 3 lz4, 4 zstd) for `producer`, CreateTime `now` (ms) for every record.
   * Uncompressed, the header is written in front of the records where they are: no copy.
   */
  assemble(records: Buffer, codec: number, producer: BatchProducer, now = Date.now()): Buffer {
    if (codec === 0 && records.buffer === this.buffer.buffer && records.byteOffset === this.buffer.byteOffset + BATCH_HEADER_BYTES) {
      return writeBatchHeader(this.buffer.subarray(0, this.at), this.count, codec, producer, now);
    }
    return assembleRecordBatch(records, this.count, codec, producer, now);
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.at + bytes) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }
}

/**
 * The bytes `message` takes in a batch at any place, for budgets: its body, its length varint
 * and an offset delta of the widest kind (5 bytes).
 */
export function recordBytes(message: BatchMessage): number {
  const body = recordBodyBytes(message, 0x7fffffff);
  return varintBytes(body) + body;
}

/**
 * The exact bytes of an uncompressed batch holding `message` alone: what a broker compares with
 * max.message.bytes (Kafka's LogValidator refuses a batch whose sizeInBytes is larger,
 * RecordTooLargeException), the least that message can be sent in.
 */
export function loneBatchBytes(message: BatchMessage): number {
  const body = recordBodyBytes(message, 0);
  return BATCH_HEADER_BYTES + varintBytes(body) + body;
}

function recordBodyBytes(m: BatchMessage, offsetDelta: number): number {
  const headers = m.headers ?? NO_HEADERS;
  let value: number;
  if (m.value === null || typeof m.value === 'string') value = dataBytes(m.value);
  else {
    const length = (m.valueEnd ?? m.value.length) - (m.valueStart ?? 0);
    value = varintBytes(length) + length;
  }
  let size = 2 + varintBytes(offsetDelta) + dataBytes(m.key) + value + varintBytes(headers.length);
  for (const h of headers) size += dataBytes(h.key) + dataBytes(h.value);
  return size;
}

function dataBytes(data: Buffer | string | null | undefined): number {
  if (data === null || data === undefined) return 1;
  const length = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  return varintBytes(length) + length;
}

function writeData(out: Buffer, at: number, data: Buffer | string | null | undefined): number {
  if (data === null || data === undefined) return writeVarint(out, at, -1);
  if (typeof data === 'string') {
    const length = Buffer.byteLength(data);
    at = writeVarint(out, at, length);
    return at + out.write(data, at, length, 'utf8');
  }
  return writeBytes(out, at, data, 0, data.length);
}

function writeValue(out: Buffer, at: number, m: BatchMessage): number {
  if (m.value === null || typeof m.value === 'string') return writeData(out, at, m.value);
  return writeBytes(out, at, m.value, m.valueStart ?? 0, m.valueEnd ?? m.value.length);
}

/** `data[start, end)` as BYTES: its length as a varint, then the bytes. */
function writeBytes(out: Buffer, at: number, data: Buffer, start: number, end: number): number {
  const length = end - start;
  at = writeVarint(out, at, length);
  // A short copy by hand: a native copy costs more to call than a line of text takes to move.
  if (length <= SHORT_COPY) for (let i = 0; i < length; i++) out[at + i] = data[start + i];
  else data.copy(out, at, start, end);
  return at + length;
}

/** Bytes of a zig-zag VARINT of a 32-bit integer. */
function varintBytes(value: number): number {
  let raw = ((value << 1) ^ (value >> 31)) >>> 0;
  let bytes = 1;
  while (raw >= 0x80) {
    raw >>>= 7;
    bytes++;
  }
  return bytes;
}

function writeVarint(out: Buffer, at: number, value: number): number {
  let raw = ((value << 1) ^ (value >> 31)) >>> 0;
  while (raw >= 0x80) {
    out[at++] = (raw & 0x7f) | 0x80;
    raw >>>= 7;
  }
  out[at++] = raw;
  return at;
}
