// Kafka's record batches (message format v2) from the bytes of a Fetch response, decoded here
// rather than by kafkajs because a peek needs what kafkajs drops: batch boundaries and last
// offsets (to step over compacted and empty batches), producer ids and the transactional and
// control flags (to apply aborted transactions), and headers in wire order with duplicates
// and null values. Format: https://kafka.apache.org/documentation/#recordbatch

import { KafkaAccessError } from '../types';
import { DecompressionLimitError } from './compression';
import { WireReader } from './primitives';
import { bytesText } from '../../text/bytes';

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
  /**
   * Set on the one record that stands for a batch whose records could not be read (corrupt, or
   * past the decompression limit): what was wrong and where. It carries the batch's first
   * offset and its time; key, value and headers are empty.
   */
  readonly problem?: string;
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
  /**
   * Records before the offset decoding began at (decodeRecordBatches' `from`), left out of
   * `records`: counted, not decoded. Absent when every record was decoded.
   */
  readonly undecoded?: number;
  /** Why the records could not be read; `records` is empty then. */
  readonly problem?: string;
  /** The batch's newest timestamp (ms), what a problem record is shown with. */
  readonly maxTimestamp: bigint;
}

/**
 * Decompresses a batch's records section (see compression.ts). Throws DecompressionLimitError past
 * `maxBytes` of output; any other error means the compressed bytes are not valid.
 */
export type Decompress = (codec: number, bytes: Buffer, maxBytes: number) => Promise<Buffer>;

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
 * its records at all (see ../search.ts).
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
 * Bytes a fetch answer may still decompress to: `left` of `limit` (decompressionBudget in
 * compression.ts), shared by its partitions, which are decoded one after another.
 */
export interface DecompressionBudget {
  readonly limit: number;
  left: number;
}

/**
 * Every complete batch in `bytes`, in order, their records decompressed within `budget`
 * (taken from it). A Fetch response may end with part of a batch (the broker cuts at the size
 * asked for); that part is left out, as the consumers do, and so are the batches from one
 * that would pass what is left of the budget: the next fetch starts there. A batch that cannot
 * be read (corrupt, or alone past the whole `limit`) comes back with `problem` set and no
 * records; so does a batch length that cannot be, which ends the list.
 * Throws a KafkaAccessError ('other') for records in the old formats v0 and v1.
 *
 * `from` (an offset): records before it are not wanted (a read that starts there, or that
 * shows only the newest records): a batch that ends before it is neither decompressed nor
 * read, and one that holds it has its earlier records checked, not decoded; both say how many
 * they left out in `undecoded`. Control batches are always decoded: a read_committed reader
 * needs each abort marker, wherever it lies (fetch.ts, CommittedFilter).
 */
export async function decodeRecordBatches(bytes: Buffer, decompress: Decompress, budget: DecompressionBudget, from?: bigint): Promise<RecordBatch[]> {
  const batches: RecordBatch[] = [];
  for (const frame of splitBatches(bytes)) {
    const { codec: _codec, count: _count, baseTimestamp: _base, logAppendTime: _append, section: _section, ...header } = frame;
    if (from !== undefined && frame.lastOffset < from && !frame.control && frame.problem === undefined) {
      batches.push({ ...header, records: [], undecoded: frame.count });
      continue;
    }
    const body = await readBody(frame, decompress, budget.left);
    if (body instanceof DecompressionLimitError && (batches.length > 0 || budget.left < budget.limit)) break;
    if (!Buffer.isBuffer(body)) {
      batches.push({ ...header, records: [], problem: problemText(frame, body, budget.limit) });
      continue;
    }
    const decompressed = frame.codec === 0 ? 0 : body.length;
    let read: ReturnType<typeof readRecords>;
    try {
      read = readRecords(frame, body, budget.left - decompressed, frame.control ? undefined : from);
    } catch (error) {
      if (!isCorrupt(error)) throw error;
      batches.push({ ...header, records: [], problem: error.message });
      continue;
    }
    if (read === undefined) {
      if (batches.length > 0 || budget.left < budget.limit) break;
      batches.push({ ...header, records: [], problem: `The batch at ${offsets(frame)} is not shown: its ${frame.count} records and their headers would take more than ${bytesText(budget.limit)} once decoded, the most one fetch may take. Read it with a Kafka consumer.` });
      continue;
    }
    budget.left -= decompressed + read.cost;
    batches.push(read.undecoded > 0 ? { ...header, records: read.records, undecoded: read.undecoded } : { ...header, records: read.records });
  }
  return batches;
}

/**
 * The complete batches in `bytes` with their records undecoded; a length that cannot be ends
 * the list with a frame that has `problem` set. Throws as decodeRecordBatches.
 */
export function splitBatches(bytes: Buffer): BatchFrame[] {
  const frames: BatchFrame[] = [];
  let at = 0;
  while (bytes.length - at >= LOG_OVERHEAD) {
    const length = bytes.readInt32BE(at + 8);
    if (length < BATCH_HEADER_BYTES - LOG_OVERHEAD) {
      const baseOffset = bytes.readBigInt64BE(at);
      frames.push(brokenFrame(baseOffset, `The broker sent a corrupt batch at offset ${baseOffset}: its length is ${length} bytes, less than the ${BATCH_HEADER_BYTES - LOG_OVERHEAD} of a batch header (byte ${at} of the answer). Nothing after it in this answer can be read.`));
      break;
    }
    const end = at + LOG_OVERHEAD + length;
    if (end > bytes.length) break;
    const magic = bytes.readInt8(at + MAGIC_OFFSET);
    if (magic === 0 || magic === 1) {
      throw new KafkaAccessError(`The topic holds records in the old message format v${magic}, which peek does not read; Kafka has written format v2 since 0.11.`, 'other');
    }
    const frame = frameOf(bytes.subarray(at, end));
    frames.push(magic === 2 ? frame : { ...frame, problem: `The batch at ${offsets(frame)} is corrupt: its message format (magic byte) is ${magic}; Kafka writes 2.` });
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
    maxTimestamp,
    logAppendTime: (attributes & LOG_APPEND_TIME_FLAG) !== 0 ? maxTimestamp : undefined,
    producerId: bytes.readBigInt64BE(43),
    transactional: (attributes & TRANSACTIONAL_FLAG) !== 0,
    control: (attributes & CONTROL_FLAG) !== 0,
    codec: attributes & COMPRESSION_MASK,
    count: bytes.readInt32BE(57),
    section: bytes.subarray(BATCH_HEADER_BYTES),
  };
}

/** A batch known only by its first offset; its other fields say nothing. */
function brokenFrame(baseOffset: bigint, problem: string): BatchFrame {
  const none = { baseTimestamp: -1n, maxTimestamp: -1n, logAppendTime: undefined, producerId: -1n, transactional: false, control: false };
  return { ...none, baseOffset, lastOffset: baseOffset, codec: 0, count: 0, section: Buffer.alloc(0), problem };
}

/**
 * The records section's bytes, decompressed to at most `maxBytes`; a string saying why not
 * (the frame's own problem, or compressed bytes that are not valid), or the
 * DecompressionLimitError when there would be more.
 */
export async function readBody(frame: BatchFrame, decompress: Decompress, maxBytes: number): Promise<Buffer | string | DecompressionLimitError> {
  if (frame.problem !== undefined) return frame.problem;
  if (frame.codec === 0) return frame.section;
  if (frame.codec > 4) return `The batch at ${offsets(frame)} is corrupt: its compression type is ${frame.codec}; Kafka knows 0 to 4.`;
  try {
    return await decompress(frame.codec, frame.section, maxBytes);
  } catch (error) {
    if (error instanceof DecompressionLimitError) return error;
    return `The batch at ${offsets(frame)} is corrupt: its ${CODEC_NAMES[frame.codec]} data does not decompress (${(error as Error).message}).`;
  }
}

/** What a row shows for a batch whose body `readBody` did not give. */
export function problemText(frame: BatchFrame, why: string | DecompressionLimitError, maxBytes: number): string {
  if (typeof why === 'string') return why;
  return `The batch at ${offsets(frame)} is not shown: its ${CODEC_NAMES[frame.codec]} data decompresses to more than ${bytesText(maxBytes)}, the most one fetch may decompress to. A decompression bomb, or a batch too large to show here; read it with a Kafka consumer.`;
}

const CODEC_NAMES = ['uncompressed', 'gzip', 'snappy', 'lz4', 'zstd'];

function offsets(frame: Pick<BatchFrame, 'baseOffset' | 'lastOffset'>): string {
  return frame.lastOffset > frame.baseOffset ? `offsets ${frame.baseOffset} to ${frame.lastOffset}` : `offset ${frame.baseOffset}`;
}

/** Whether `error` is a corrupt record batch's (its message says what and where). */
export function isCorrupt(error: unknown): error is KafkaAccessError {
  return error instanceof KafkaAccessError && error.cause_ === 'corrupt';
}

/**
 * Bytes charged to a fetch's budget for each decoded record and header, on top of the
 * decompressed bytes: an object, bigints and Buffer views take some hundred bytes where the
 * wire takes as few as 7 (a record) or 2 (a header), so 64 MiB of tiny records would
 * otherwise decode to gigabytes.
 */
const RECORD_COST = 256;
const HEADER_COST = 128;

/**
 * The records of a decompressed batch `body` at or after offset `from` (all when absent), fully
 * decoded, with what they cost (RECORD_COST, HEADER_COST) and how many were before `from`
 * (checked, not decoded); undefined when the cost would pass `allowance` bytes. Throws a
 * corrupt KafkaAccessError.
 */
function readRecords(frame: BatchFrame, body: Buffer, allowance: number, from?: bigint): { records: WireRecord[]; cost: number; undecoded: number } | undefined {
  const records: WireRecord[] = [];
  let cost = 0;
  // As an offset delta, so each record compares numbers, not bigints; a `from` past every delta
  // a batch can hold (an int32) leaves out every record.
  const fromDelta = from === undefined || from <= frame.baseOffset ? 0 : Number(min(from - frame.baseOffset, 2n ** 32n));
  const undecoded = forEachRecord(
    frame,
    body,
    (raw) => {
      cost += RECORD_COST + raw.headerCount * HEADER_COST;
      if (cost > allowance) return false;
      records.push(wireRecord(frame, raw));
      return true;
    },
    fromDelta,
  );
  return cost > allowance ? undefined : { records, cost, undecoded };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

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
  /** The record's header section, its count first, checked whole. */
  readonly headerBytes: Buffer;
}

/** The fewest bytes a record takes: a length, then attributes, two deltas, key and value lengths, header count. */
const MIN_RECORD_BYTES = 7;
/** The fewest bytes a header takes: its key's length and its value's. */
const MIN_HEADER_BYTES = 2;

/**
 * Calls `visit` with each record of a decompressed batch `body`, in order, until it returns
 * false; records whose offset delta is below `fromDelta` are checked alone, not visited, and
 * counted: the count is returned. Every length is checked as the Java client's
 * DefaultRecord.readFrom checks it: a record holds exactly its length's bytes, key and value
 * lengths are -1 (null) or at least 0, a header key is never null, and counts fit in the bytes
 * present. Throws a KafkaAccessError ('corrupt') naming the batch, the record and the field,
 * for the first that does not.
 */
export function forEachRecord(frame: Pick<BatchFrame, 'count' | 'baseOffset' | 'lastOffset'>, body: Buffer, visit: (record: RawRecord) => boolean | void, fromDelta = 0): number {
  if (frame.count < 0 || frame.count > body.length / MIN_RECORD_BYTES) {
    throw corruptBatch(frame, `it claims ${frame.count} records in ${body.length} bytes`);
  }
  const reader = recordReader(body);
  let skipped = 0;
  for (let i = 0; i < frame.count; i++) {
    let raw: RawRecord | undefined;
    try {
      raw = readRecord(reader, fromDelta);
    } catch (error) {
      if (error instanceof CorruptField) throw corruptBatch(frame, `record ${i} of ${frame.count}: ${error.message}`);
      throw error;
    }
    if (raw === undefined) skipped += 1;
    else if (visit(raw) === false) return skipped;
  }
  if (reader.left() > 0) throw corruptBatch(frame, `${reader.left()} bytes follow its ${frame.count} records`);
  return skipped;
}

/** The next record; undefined, once checked whole, when its offset delta is below `fromDelta`. */
function readRecord(reader: WireReader, fromDelta: number): RawRecord | undefined {
  const outer = reader.narrow(reader.varint('the record length'), 'the record');
  reader.int8('the attributes'); // unused by format v2
  const timestampDelta = reader.varlongOrNumber('the timestamp delta');
  const offsetDelta = reader.varint('the offset delta');
  if (offsetDelta < fromDelta) {
    checkRest(reader);
    reader.widen(outer);
    return undefined;
  }
  const key = reader.varintBytes('the key');
  const value = reader.varintBytes('the value');
  const headerBytes = reader.rest();
  const headerCount = checkHeaders(reader);
  reader.widen(outer);
  return { offsetDelta, timestampDelta, key, value, headerCount, headerBytes };
}

/** What readRecord checks of a record after its offset delta, with no Buffer made. */
function checkRest(record: WireReader): void {
  record.skipVarintBytes('the key');
  record.skipVarintBytes('the value');
  checkHeaders(record);
}

/** Reads a record's header count and checks its headers, to the record's end; the count. */
function checkHeaders(record: WireReader): number {
  const headerCount = record.varint('the header count');
  if (headerCount < 0 || headerCount > record.left() / MIN_HEADER_BYTES) throw new CorruptField(`its header count is ${headerCount} with ${record.left()} bytes left`);
  for (let h = 0; h < headerCount; h++) {
    if (record.skipVarintBytes(`header ${h}'s key`) === -1) throw new CorruptField(`header ${h}'s key is null`);
    record.skipVarintBytes(`header ${h}'s value`);
  }
  if (record.left() > 0) throw new CorruptField(`${record.left()} bytes follow its ${headerCount} headers`);
  return headerCount;
}

/** The headers of a record from forEachRecord, which checked them. */
export function readHeaders(raw: RawRecord): WireHeader[] {
  if (raw.headerCount === 0) return [];
  const reader = recordReader(raw.headerBytes);
  reader.varint('the header count');
  const headers: WireHeader[] = [];
  for (let i = 0; i < raw.headerCount; i++) {
    const headerKey = reader.varintBytes('a header key') ?? Buffer.alloc(0);
    headers.push({ key: headerKey.toString('utf8'), value: reader.varintBytes('a header value') });
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

/** A field of a record that cannot be: what it is, for corruptBatch to say where. */
class CorruptField extends Error {}

const corruptField = (what: string) => new CorruptField(what);

/** A reader of a batch's records section, or of one record: a field that cannot be is a CorruptField. */
function recordReader(bytes: Buffer): WireReader {
  return new WireReader(bytes, corruptField);
}

function corruptBatch(frame: Pick<BatchFrame, 'baseOffset' | 'lastOffset'>, what: string): KafkaAccessError {
  return new KafkaAccessError(`The batch at ${offsets(frame)} is corrupt: ${what}.`, 'corrupt');
}
