// Record batches in Kafka's format v2 (https://kafka.apache.org/documentation/#recordbatch),
// written here byte by byte for the decoder's unit tests and for the hostile broker, which
// must send batches no real broker would.

import { createGzip, gzipSync } from 'zlib';

export interface TestHeader {
  readonly key: string;
  readonly value: Buffer | null;
}

export interface TestRecord {
  readonly offsetDelta: number;
  readonly timestampDelta: bigint;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly TestHeader[];
}

export interface TestBatch {
  readonly baseOffset: bigint;
  readonly lastOffsetDelta?: number;
  readonly baseTimestamp?: bigint;
  readonly producerId?: bigint;
  readonly transactional?: boolean;
  readonly control?: boolean;
  readonly gzip?: boolean;
  readonly records: readonly TestRecord[];
  /** Written in place of the records section, with `codec` in the attributes (1 gzip … 4 zstd). */
  readonly section?: { readonly codec: number; readonly bytes: Buffer };
  /** Written as the record count in place of the records' number. */
  readonly count?: number;
}

/** Big-endian integers as the protocol writes them. */
export const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
export const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
export const int64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
};

export function varlong(value: bigint): Buffer {
  let zigzag = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
  const bytes: number[] = [];
  while (zigzag >= 0x80n) {
    bytes.push(Number(zigzag & 0x7fn) | 0x80);
    zigzag >>= 7n;
  }
  bytes.push(Number(zigzag));
  return Buffer.from(bytes);
}

const varBytes = (b: Buffer | null) => (b === null ? varlong(-1n) : Buffer.concat([varlong(BigInt(b.length)), b]));

export function encodeRecord(r: TestRecord): Buffer {
  const body = Buffer.concat([
    Buffer.from([0]),
    varlong(r.timestampDelta),
    varlong(BigInt(r.offsetDelta)),
    varBytes(r.key),
    varBytes(r.value),
    varlong(BigInt(r.headers.length)),
    ...r.headers.flatMap((h) => [varBytes(Buffer.from(h.key)), varBytes(h.value)]),
  ]);
  return Buffer.concat([varlong(BigInt(body.length)), body]);
}

/** A whole batch: the 61-byte header (CRC left 0: the decoder does not check it), then the records. */
export function encodeBatch(b: TestBatch): Buffer {
  const records = Buffer.concat(b.records.map(encodeRecord));
  const codec = b.section?.codec ?? (b.gzip ? 1 : 0);
  const section = b.section?.bytes ?? (b.gzip ? gzipSync(records) : records);
  const header = Buffer.alloc(61);
  header.writeBigInt64BE(b.baseOffset, 0);
  header.writeInt32BE(49 + section.length, 8);
  header.writeInt8(2, 16);
  header.writeInt16BE(codec | (b.transactional ? 0x10 : 0) | (b.control ? 0x20 : 0), 21);
  header.writeInt32BE(b.lastOffsetDelta ?? Math.max(0, ...b.records.map((r) => r.offsetDelta)), 23);
  header.writeBigInt64BE(b.baseTimestamp ?? 0n, 27);
  header.writeBigInt64BE(b.baseTimestamp ?? 0n, 35);
  header.writeBigInt64BE(b.producerId ?? -1n, 43);
  header.writeInt32BE(b.count ?? b.records.length, 57);
  return Buffer.concat([header, section]);
}

export const plainRecord = (offsetDelta: number, value = `v${offsetDelta}`): TestRecord => ({ offsetDelta, timestampDelta: 0n, key: null, value: Buffer.from(value), headers: [] });

/** Gzip of `total` zero bytes, made a mebibyte at a time: 256 MiB make about 255 KB. */
export async function gzipOfZeros(total: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => parts.push(chunk));
  const done = new Promise<void>((resolve, reject) => gzip.on('end', resolve).on('error', reject));
  const chunk = Buffer.alloc(1024 * 1024);
  for (let left = total; left > 0; left -= chunk.length) {
    if (!gzip.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(parts);
}

const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
/** Zstandard's largest block (RFC 8878, Block_Maximum_Size). */
const ZSTD_BLOCK = 128 * 1024;

/**
 * A Zstandard frame of RLE blocks, each 4 bytes making 128 KiB of zeros: 256 MiB from 8 KB.
 * `declared`: the frame says its size (single segment, so a decoder allocates it up front);
 * otherwise it names a 128 KiB window and no size.
 */
export function zstdRleBomb(total: number, declared: boolean): Buffer {
  const blocks = Math.ceil(total / ZSTD_BLOCK);
  const header = declared ? Buffer.concat([Buffer.from([0xe0]), u64le(BigInt(total))]) : Buffer.from([0x00, 7 << 3]);
  const body = Buffer.alloc(blocks * 4);
  for (let i = 0; i < blocks; i++) body.writeUIntLE((i === blocks - 1 ? 1 : 0) | (1 << 1) | (ZSTD_BLOCK << 3), i * 4, 3);
  return Buffer.concat([ZSTD_MAGIC, header, body]);
}

/** A valid Zstandard frame holding `data` as raw blocks (what a compressor writes for incompressible data). */
export function zstdRaw(data: Buffer): Buffer {
  const parts: Buffer[] = [ZSTD_MAGIC, Buffer.from([0x00, 7 << 3])];
  for (let at = 0; at < data.length || at === 0; at += ZSTD_BLOCK) {
    const block = data.subarray(at, at + ZSTD_BLOCK);
    const header = Buffer.alloc(3);
    header.writeUIntLE((at + ZSTD_BLOCK >= data.length ? 1 : 0) | (0 << 1) | (block.length << 3), 0, 3);
    parts.push(header, block);
  }
  return Buffer.concat(parts);
}

/** A raw snappy block whose length says 2 GiB: 13 bytes. */
export const SNAPPY_2_GIB = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x08, 0x1c, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67]);

const LZ4_MAGIC = Buffer.from([0x04, 0x22, 0x4d, 0x18]);

/** An LZ4 frame that declares `contentSize` bytes and holds none. */
export function lz4DeclaredSize(contentSize: bigint): Buffer {
  return Buffer.concat([LZ4_MAGIC, Buffer.from([0x40 | 0x20 | 0x08, 0x70]), u64le(contentSize), Buffer.from([0]), Buffer.alloc(4)]);
}

/**
 * An LZ4 frame of 4 MiB blocks, each one literal then one match stretched by 255 a byte:
 * about 16 KB a block, so `blocks` of them make about 4 MiB each.
 */
export function lz4MatchBomb(blocks: number): Buffer {
  const stretch = Math.floor((4 * 1024 * 1024 - 20) / 255);
  const block = Buffer.concat([Buffer.from([0x1f, 0x00, 0x01, 0x00]), Buffer.alloc(stretch, 0xff), Buffer.from([0x00])]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(block.length);
  return Buffer.concat([LZ4_MAGIC, Buffer.from([0x40 | 0x20, 0x70, 0]), ...Array.from({ length: blocks }, () => [size, block]).flat(), Buffer.alloc(4)]);
}

function u64le(value: bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(value);
  return bytes;
}

/** `count` records of 7 bytes (no key, value or header), gzipped: 2 million make 14 MB from about 14 KB. */
export function tinyRecordsBomb(baseOffset: bigint, count: number): Buffer {
  const tiny = encodeRecord({ offsetDelta: 0, timestampDelta: 0n, key: null, value: null, headers: [] });
  return encodeBatch({ baseOffset, records: [], count, section: { codec: 1, bytes: gzipSync(Buffer.concat(Array.from({ length: count }, () => tiny))) } });
}

/** One record with `count` headers of 2 bytes (an empty key, no value), gzipped. */
export function manyHeadersBomb(baseOffset: bigint, count: number): Buffer {
  const headers = Buffer.alloc(count * 2);
  for (let i = 0; i < count; i++) headers[i * 2 + 1] = 0x01; // key length 0, value length -1
  const body = Buffer.concat([Buffer.from([0]), varlong(0n), varlong(0n), varlong(-1n), varlong(-1n), varlong(BigInt(count)), headers]);
  const record = Buffer.concat([varlong(BigInt(body.length)), body]);
  return encodeBatch({ baseOffset, records: [], count: 1, section: { codec: 1, bytes: gzipSync(record) } });
}
