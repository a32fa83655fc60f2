// Decompresses a record batch's records section, with a bound on the bytes it makes: a broker
// (or whoever wrote the topic) can send a few kilobytes that claim, or really expand to,
// gigabytes. All pure JavaScript, so the extension carries no native binaries:
// - gzip: Node's zlib, stopped at `maxOutputLength`.
// - snappy: snappyjs (what kafkajs-snappy wraps), with the xerial framing the Java client
//   writes read here, each chunk's declared length checked before it is allocated.
// - lz4: lz4js' block decoder, the frame format (KIP-57) read here: declared content size and
//   the output checked after every block.
// - zstd: fzstd's stream decoder, each frame's window and content size checked before it
//   allocates them, the output counted as it comes.
// kafkajs ships gzip only and decodes no records for us (recordBatch.ts does), so nothing is
// registered with it. Produce compresses with the same libraries (compressRecords): gzip on
// zlib's thread pool, snappy in xerial chunks as the Java client writes them, lz4 frames with
// independent blocks (KIP-57). zstd has no compressor here (fzstd only decodes, and Node 20's
// zlib has none): its topics get uncompressed batches, which the broker compresses itself.

import { promisify } from 'util';
import { gzip, unzip } from 'zlib';

/** The output would pass the limit given; `limit` in bytes. */
export class DecompressionLimitError extends Error {
  constructor(readonly limit: number) {
    super(`decompresses to more than ${limit} bytes`);
    this.name = 'DecompressionLimitError';
  }
}

/** The least a fetch answer's batches may decompress to in all, whatever was asked: 64 MiB. */
export const MIN_DECOMPRESSED_BYTES = 64 * 1024 * 1024;
/** Decompressed bytes allowed per byte a fetch asks for, past MIN_DECOMPRESSED_BYTES. */
export const DECOMPRESSION_RATIO = 16;

/**
 * Bytes one fetch answer may decompress to in all: max(64 MiB, 16 × `askedBytes`, the sum of
 * the partitions' max bytes in the Fetch request). Kafka's producers cap a batch at
 * max.message.bytes (1 MiB by default) compressed; text compresses about 5 to 10 times, so a
 * real batch stays far below this, and a bomb stops at it.
 */
export function decompressionBudget(askedBytes: number): number {
  return Math.max(MIN_DECOMPRESSED_BYTES, DECOMPRESSION_RATIO * askedBytes);
}

/**
 * `bytes` decompressed by Kafka's compression type `codec` (1 gzip, 2 snappy, 3 lz4, 4 zstd).
 * Throws DecompressionLimitError when the output would pass `maxBytes` (before allocating
 * it, where the data declares its size), and an Error saying what is wrong for data that is
 * not valid.
 */
export async function decompressRecords(codec: number, bytes: Buffer, maxBytes: number): Promise<Buffer> {
  switch (codec) {
    case 1:
      return gunzip(bytes, maxBytes);
    case 2:
      return unsnappy(bytes, maxBytes);
    case 3:
      return unlz4(bytes, maxBytes);
    case 4:
      return unzstd(bytes, maxBytes);
    default:
      throw new Error(`unknown compression type ${codec}`);
  }
}

const unzipAsync = promisify(unzip);

async function gunzip(bytes: Buffer, maxBytes: number): Promise<Buffer> {
  try {
    return await unzipAsync(bytes, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new DecompressionLimitError(maxBytes);
    throw error;
  }
}

/** The xerial framing: this header, a version and a compatible version (int32 each), then chunks of int32 length + raw snappy. */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0]);
const XERIAL_HEADER_BYTES = 16;

interface SnappyJs {
  uncompress(compressed: Buffer): Buffer;
}

function unsnappy(bytes: Buffer, maxBytes: number): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- snappyjs ships no types; loaded when a batch needs it
  const snappy = require('snappyjs') as SnappyJs;
  if (bytes.length < XERIAL_HEADER_BYTES || !bytes.subarray(0, 8).equals(XERIAL_MAGIC)) {
    checkSnappyLength(bytes, maxBytes);
    return snappy.uncompress(bytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for (let at = XERIAL_HEADER_BYTES; at < bytes.length; ) {
    if (at + 4 > bytes.length) throw new Error(`a snappy chunk's length is cut off at byte ${at}`);
    const size = bytes.readUInt32BE(at);
    at += 4;
    if (at + size > bytes.length) throw new Error(`a snappy chunk of ${size} bytes at byte ${at} runs past the end`);
    const chunk = bytes.subarray(at, at + size);
    total += checkSnappyLength(chunk, maxBytes - total);
    chunks.push(snappy.uncompress(chunk));
    at += size;
  }
  return Buffer.concat(chunks, total);
}

/** A raw snappy block's declared length (its leading varint), refused past `maxBytes` before snappyjs allocates it. */
function checkSnappyLength(block: Buffer, maxBytes: number): number {
  let length = 0;
  for (let i = 0; i < 5; i++) {
    if (i >= block.length) throw new Error('a snappy block ends inside its length');
    length += (block[i] & 0x7f) * 2 ** (7 * i);
    if ((block[i] & 0x80) === 0) {
      if (length > maxBytes) throw new DecompressionLimitError(maxBytes);
      return length;
    }
  }
  throw new Error('a snappy block length is longer than 32 bits');
}

interface Lz4Js {
  decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
}

const LZ4_MAGIC = 0x184d2204;
/** Block maximum sizes by the BD byte's bits 4-6 (LZ4 frame format 1.6). */
const LZ4_BLOCK_SIZES: Readonly<Record<number, number>> = { 4: 64 * 1024, 5: 256 * 1024, 6: 1024 * 1024, 7: 4 * 1024 * 1024 };
/** The most one LZ4 sequence byte can produce: a match length grows by 255 per byte. */
const LZ4_MAX_RATIO = 255;

/**
 * LZ4 frames (the format Kafka writes since KIP-57), back to back. The output is allocated
 * once, to the smaller of `maxBytes` and what the blocks can make at most; a block that makes
 * more than its frame's block size is corrupt. Checksums are not verified (Kafka checks the
 * batch's CRC, not these).
 */
function unlz4(bytes: Buffer, maxBytes: number): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lz4js ships no types; loaded when a batch needs it
  const lz4 = require('lz4js') as Lz4Js;
  const frames = lz4Frames(bytes);
  const bound = frames.reduce((sum, f) => sum + f.blocks.reduce((n, b) => n + (b.raw ? b.size : Math.min(f.blockSize, b.size * LZ4_MAX_RATIO)), 0), 0);
  const declared = frames.reduce((sum, f) => sum + (f.contentSize ?? 0), 0);
  if (declared > maxBytes) throw new DecompressionLimitError(maxBytes);
  const out = Buffer.alloc(Math.min(bound, maxBytes));
  let written = 0;
  for (const frame of frames) {
    for (const block of frame.blocks) {
      const start = written;
      if (block.raw) {
        if (written + block.size > out.length) throw new DecompressionLimitError(maxBytes);
        bytes.copy(out, written, block.at, block.at + block.size);
        written += block.size;
      } else {
        written = lz4.decompressBlock(bytes, out, block.at, block.size, written);
      }
      if (written - start > frame.blockSize) throw new Error(`an lz4 block makes ${written - start} bytes, more than its frame's ${frame.blockSize}`);
      if (written > out.length) throw written > maxBytes ? new DecompressionLimitError(maxBytes) : new Error('an lz4 block makes more bytes than its size allows');
    }
  }
  return out.subarray(0, written);
}

interface Lz4Frame {
  readonly blockSize: number;
  readonly contentSize: number | undefined;
  readonly blocks: readonly { readonly at: number; readonly size: number; readonly raw: boolean }[];
}

function lz4Frames(bytes: Buffer): Lz4Frame[] {
  const frames: Lz4Frame[] = [];
  let at = 0;
  const need = (n: number, what: string) => {
    if (at + n > bytes.length) throw new Error(`the lz4 data ends inside ${what} at byte ${at}`);
  };
  while (at < bytes.length) {
    need(7, 'a frame header');
    if (bytes.readUInt32LE(at) !== LZ4_MAGIC) throw new Error(`no lz4 frame at byte ${at}`);
    const flags = bytes[at + 4];
    if (flags >> 6 !== 1) throw new Error(`lz4 frame version ${flags >> 6}`);
    const blockSize = LZ4_BLOCK_SIZES[(bytes[at + 5] >> 4) & 7];
    if (blockSize === undefined) throw new Error(`lz4 block size code ${(bytes[at + 5] >> 4) & 7}`);
    at += 6;
    let contentSize: number | undefined;
    if (flags & 0x08) {
      need(8, 'the content size');
      contentSize = Number(bytes.readBigUInt64LE(at));
      at += 8;
    }
    if (flags & 0x01) at += 4; // dictionary id
    at += 1; // header checksum
    const blocks: { at: number; size: number; raw: boolean }[] = [];
    for (;;) {
      need(4, 'a block size');
      const word = bytes.readUInt32LE(at);
      at += 4;
      if (word === 0) break;
      const size = word & 0x7fffffff;
      need(size, 'a block');
      blocks.push({ at, size, raw: (word & 0x80000000) !== 0 });
      at += size + (flags & 0x10 ? 4 : 0);
    }
    if (flags & 0x04) at += 4; // content checksum
    frames.push({ blockSize, contentSize, blocks });
  }
  return frames;
}

const ZSTD_MAGIC = 0xfd2fb528;

/**
 * Zstandard frames back to back. fzstd allocates each frame's window (or, for a single-segment
 * frame, its declared content size) before decoding it; those are read from the frame headers
 * and refused past `maxBytes` first, then the output is counted as fzstd hands it over.
 */
function unzstd(bytes: Buffer, maxBytes: number): Buffer {
  checkZstdFrames(bytes, maxBytes);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when a batch needs it
  const fzstd = require('fzstd') as typeof import('fzstd');
  const parts: Uint8Array[] = [];
  let total = 0;
  const stream = new fzstd.Decompress((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new DecompressionLimitError(maxBytes);
    parts.push(chunk);
  });
  stream.push(bytes, true);
  return Buffer.concat(parts, total);
}

/** Walks the frames' headers and block headers (RFC 8878, section 3.1) without decoding. */
function checkZstdFrames(bytes: Buffer, maxBytes: number): void {
  let at = 0;
  let declared = 0;
  const need = (n: number, what: string) => {
    if (at + n > bytes.length) throw new Error(`the zstd data ends inside ${what} at byte ${at}`);
  };
  while (at < bytes.length) {
    need(4, 'a frame header');
    const magic = bytes.readUInt32LE(at);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      need(8, 'a skippable frame');
      at += 8 + bytes.readUInt32LE(at + 4);
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw new Error(`no zstd frame at byte ${at}`);
    need(6, 'a frame header');
    const descriptor = bytes[at + 4];
    const singleSegment = (descriptor & 0x20) !== 0;
    const sizeFlag = descriptor >> 6;
    at += 5;
    let window = 0;
    if (!singleSegment) {
      const exponent = bytes[at] >> 3;
      const base = 2 ** (10 + exponent);
      window = base + (base / 8) * (bytes[at] & 7);
      at += 1;
    }
    at += [0, 1, 2, 4][descriptor & 3]; // dictionary id
    const sizeBytes = sizeFlag === 0 ? (singleSegment ? 1 : 0) : 2 ** sizeFlag;
    need(sizeBytes, 'the content size');
    const contentSize = sizeBytes === 0 ? undefined : sizeBytes === 8 ? Number(bytes.readBigUInt64LE(at)) : bytes.readUIntLE(at, sizeBytes) + (sizeBytes === 2 ? 256 : 0);
    at += sizeBytes;
    if (Math.max(window, singleSegment ? (contentSize ?? 0) : 0) > maxBytes) throw new DecompressionLimitError(maxBytes);
    declared += contentSize ?? 0;
    if (declared > maxBytes) throw new DecompressionLimitError(maxBytes);
    for (let last = false; !last; ) {
      need(3, 'a block header');
      const header = bytes.readUIntLE(at, 3);
      last = (header & 1) === 1;
      const type = (header >> 1) & 3;
      if (type === 3) throw new Error(`a zstd block of the reserved type at byte ${at}`);
      at += 3 + (type === 1 ? 1 : header >> 3);
    }
    if (descriptor & 0x04) at += 4; // content checksum
  }
}

/**
 * The codec (a batch's attribute bits: 1 gzip, 2 snappy, 3 lz4) a producer uses for a topic of
 * `compressionType` (its compression.type setting), or 0 to send uncompressed: for `producer`
 * and `uncompressed`, and for zstd, which has no compressor here (the broker compresses the
 * batches itself, as it does whenever a batch's codec is not the topic's, LogValidator in
 * apache/kafka).
 */
export function producerCodec(compressionType: string | undefined): number {
  return ({ gzip: 1, snappy: 2, lz4: 3 } as Record<string, number | undefined>)[compressionType ?? ''] ?? 0;
}

/**
 * `bytes` (a batch's records section) compressed by `codec` (1 gzip, 2 snappy, 3 lz4; 0 as is),
 * and the codec it ended in: lz4 past one 4 MiB block goes uncompressed (see lz4Frame).
 */
export async function compressRecords(codec: number, bytes: Buffer): Promise<{ codec: number; bytes: Buffer }> {
  switch (codec) {
    case 0:
      return { codec, bytes };
    case 1:
      return { codec, bytes: await gzipAsync(bytes) };
    case 2:
      return { codec, bytes: xerialSnappy(bytes) };
    case 3:
      return bytes.length > LZ4JS_BLOCK_BYTES ? { codec: 0, bytes } : { codec, bytes: lz4Frame(bytes) };
    default:
      throw new Error(`no compressor for compression type ${codec}`);
  }
}

const gzipAsync = promisify(gzip);

/** The chunk size of xerial's SnappyOutputStream (32 KiB), which the Java client writes. */
const XERIAL_CHUNK_BYTES = 32 * 1024;

function xerialSnappy(bytes: Buffer): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- snappyjs ships no types; loaded when a batch needs it
  const snappy = require('snappyjs') as { compress(data: Uint8Array): Uint8Array };
  const header = Buffer.alloc(XERIAL_HEADER_BYTES);
  XERIAL_MAGIC.copy(header);
  header.writeInt32BE(1, 8); // version
  header.writeInt32BE(1, 12); // compatible version
  const parts: Buffer[] = [header];
  for (let at = 0; at < bytes.length; at += XERIAL_CHUNK_BYTES) {
    const chunk = snappy.compress(bytes.subarray(at, at + XERIAL_CHUNK_BYTES));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(chunk.length);
    parts.push(length, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
  }
  return Buffer.concat(parts);
}

/** lz4js' block size (its default, 4 MiB): input up to it is one block. */
const LZ4JS_BLOCK_BYTES = 4 * 1024 * 1024;
/** FLG: version 01, blocks independent (Kafka's reader refuses dependent blocks), no checksums. */
const LZ4_FLG = 0x60;

/**
 * One LZ4 frame by lz4js, whose header says blocks may depend on each other; with one block
 * per 4 MiB (its block size), `bytes` of at most that is one block, so the flag is set and the
 * header's checksum written again.
 */
function lz4Frame(bytes: Buffer): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lz4js ships no types; loaded when a batch needs it
  const lz4 = require('lz4js') as { compress(data: Uint8Array): Uint8Array };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lz4js' xxhash, which it uses for the same checksum
  const xxh32 = require('lz4js/xxh32') as { hash(seed: number, data: Uint8Array, index: number, length: number): number };
  const frame = lz4.compress(bytes);
  const out = Buffer.from(frame.buffer, frame.byteOffset, frame.length);
  out[4] = LZ4_FLG;
  out[6] = (xxh32.hash(0, out, 4, 2) >>> 8) & 0xff;
  return out;
}
