// The protocol's primitives, one bounds-checked reader and one writer for the requests we encode
// and the answers we decode ourselves (shaped like franz-go's pkg/kbin/primitives.go): classic
// (non-flexible) versions (Fetch, Produce, DescribeConfigs, IncrementalAlterConfigs, ApiVersions
// v0, a classic member's assignment), flexible versions (KIP-482: compact strings and arrays,
// tagged fields, UUIDs; the group requests) and the record format v2 inside batches (zig-zag
// varints and varint-sized bytes, https://kafka.apache.org/documentation/#record).
// A broker may answer anything: a read past the end, a length below -1, a null where the field
// allows none, or a count of more entries than the bytes left could hold is a KafkaAccessError
// ('corrupt') naming the API, the field and the byte, never a RangeError, an array of two
// billion, or an offset that walks backwards over the same bytes.
// Primitives: https://kafka.apache.org/protocol#protocol_types and
// clients/src/main/resources/common/message/README.md in apache/kafka. As Kafka's generated
// readers do, a null in a field without nullableVersions is refused, not read as empty.

import { KafkaAccessError } from '../types';

/** The most entries a compact array may hold: past it the answer is refused as garbage. */
const MAX_COMPACT_ARRAY = 1_000_000;

/** Makes the error for bytes that cannot be: what went wrong, and the byte where. */
export type Corruption = (what: string, at: number) => Error;

/**
 * Reads `buffer` from its first byte. Every read takes `what`, the field's name for the error
 * (`the topic count`, `partition 3's high watermark`); reads without one are named `a field`.
 * Every read throws KafkaAccessError ('corrupt'): "The broker's <api> answer is corrupt:
 * <what went wrong>, at byte <n>.", or what `corruption` makes of it.
 */
export class WireReader {
  private at = 0;
  /** Where reading stops: the buffer's end, or narrow()'s. */
  private end: number;
  private readonly corrupt: Corruption;

  /**
   * `api`: the request's name, for the error (`Fetch`, `ConsumerGroupDescribe`…); or, for bytes
   * inside something that names itself (a record of a batch), the error to throw.
   */
  constructor(
    private readonly buffer: Buffer,
    api: string | Corruption,
  ) {
    this.end = buffer.length;
    this.corrupt = typeof api === 'string' ? (what, at) => new KafkaAccessError(`The broker's ${api} answer is corrupt: ${what}, at byte ${at}.`, 'corrupt') : api;
  }

  int8(what = 'a field'): number {
    return this.buffer.readInt8(this.need(1, what));
  }

  int16(what = 'a field'): number {
    return this.buffer.readInt16BE(this.need(2, what));
  }

  uint16(what = 'a field'): number {
    return this.buffer.readUInt16BE(this.need(2, what));
  }

  int32(what = 'a field'): number {
    return this.buffer.readInt32BE(this.need(4, what));
  }

  int64(what = 'a field'): bigint {
    return this.buffer.readBigInt64BE(this.need(8, what));
  }

  boolean(what = 'a field'): boolean {
    return this.int8(what) !== 0;
  }

  /** A UUID (16 bytes) as 32 hex digits. */
  uuid(what = 'a field'): string {
    return this.take(16, what).toString('hex');
  }

  /** An UNSIGNED_VARINT of at most 5 bytes (up to 2^35 - 1). */
  uvarint(what = 'a field'): number {
    const start = this.at;
    let value = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      const byte = this.buffer.readUInt8(this.need(1, what));
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw this.corrupt(`${what} is an unsigned varint longer than 5 bytes`, start);
  }

  // Classic (non-flexible) versions.

  /** A STRING: int16 length, then UTF-8; null (-1) is corrupt. */
  string(what = 'a field'): string {
    const text = this.nullableString(what);
    if (text === null) throw this.corrupt(`${what} is null`, this.at - 2);
    return text;
  }

  /** A NULLABLE_STRING: -1 is null. */
  nullableString(what = 'a field'): string | null {
    const length = this.int16(`${what}'s length`);
    if (length === -1) return null;
    return this.take(this.length(what, length), what).toString('utf8');
  }

  /**
   * An ARRAY's int32 count: -1 (null, where `nullable`) reads as 0. Each entry takes at least
   * `entryBytes`, so a count the bytes left cannot hold is corrupt before any entry is read.
   */
  count(what: string, entryBytes: number, nullable = false): number {
    const count = this.int32(what);
    if (count === -1 && nullable) return 0;
    if (count < 0 || count * entryBytes > this.left()) throw this.corrupt(`${what} is ${count} with ${this.left()} bytes left`, this.at - 4);
    return count;
  }

  // Flexible versions (KIP-482).

  /** A COMPACT_STRING: unsigned varint length + 1, then UTF-8; null (0) is corrupt. */
  compactString(what = 'a field'): string {
    const text = this.compactNullableString(what);
    if (text === null) throw this.corrupt(`${what} is null`, this.at - 1);
    return text;
  }

  /** A COMPACT_NULLABLE_STRING: a length of 0 is null. */
  compactNullableString(what = 'a field'): string | null {
    const length = this.uvarint(`${what}'s length`);
    if (length === 0) return null;
    return this.take(length - 1, what).toString('utf8');
  }

  /** A COMPACT_ARRAY, each entry read by `entry`; null (0) is corrupt. */
  compactArray<T>(what: string, entry: (r: WireReader) => T): T[] {
    const start = this.at;
    const entries = this.compactNullableArray(what, entry);
    if (entries === null) throw this.corrupt(`${what} is null`, start);
    return entries;
  }

  /**
   * A COMPACT_NULLABLE_ARRAY (`what` names its count), each entry read by `entry`. Every entry
   * takes at least a byte, so a count past the bytes left, or past a million, is corrupt before
   * any entry is read.
   */
  compactNullableArray<T>(what: string, entry: (r: WireReader) => T): T[] | null {
    const start = this.at;
    const length = this.uvarint(what);
    if (length === 0) return null;
    if (length - 1 > MAX_COMPACT_ARRAY || length - 1 > this.left()) throw this.corrupt(`${what} is ${length - 1} with ${this.left()} bytes left`, start);
    const result: T[] = [];
    for (let i = 1; i < length; i++) result.push(entry(this));
    return result;
  }

  /** TAGGED_FIELDS: none is read here, each is skipped. */
  taggedFields(what = 'the tagged fields'): void {
    for (let count = this.uvarint(`${what}' count`); count > 0; count--) {
      this.uvarint(`a tag of ${what}`);
      this.take(this.uvarint(`a tagged field's size`), 'a tagged field');
    }
  }

  /** A struct of a flexible version: its fields, then its tagged fields. */
  struct<T>(fields: (r: WireReader) => T): T {
    const value = fields(this);
    this.taggedFields();
    return value;
  }

  // The record format v2 (inside a batch).

  /** A zig-zag VARINT, in int32 arithmetic as the Java client reads it. */
  varint(what = 'a field'): number {
    return this.zigzag32(what, '');
  }

  /**
   * A zig-zag VARINT named `what` + `suffix` in errors: the name is joined only for an error,
   * as a batch scan reads millions of lengths.
   */
  private zigzag32(what: string, suffix: string): number {
    const start = this.at;
    let raw = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      if (this.at >= this.end) throw this.corrupt(`it ends inside ${what}${suffix} (1 bytes, 0 left)`, this.at);
      const byte = this.buffer[this.at++];
      raw |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return (raw >>> 1) ^ -(raw & 1);
    }
    throw this.corrupt(`${what}${suffix} is longer than a 32-bit varint`, start);
  }

  /** A zig-zag VARLONG. */
  varlong(what = 'a field'): bigint {
    const start = this.at;
    let raw = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.nextByte(what);
      raw |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return (raw >> 1n) ^ -(raw & 1n);
    }
    throw this.corrupt(`${what} is longer than a 64-bit varint`, start);
  }

  /**
   * A VARLONG as a number while it fits one exactly (raw values under 2^49, seven bytes); the
   * rest as a bigint. A record's timestamp delta is nearly always small, and a BigInt per
   * record is what a scan of a million records would spend its time on.
   */
  varlongOrNumber(what = 'a field'): number | bigint {
    const start = this.at;
    let raw = 0;
    for (let scale = 1; scale < 2 ** 49; scale *= 128) {
      const byte = this.nextByte(what);
      raw += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
    }
    this.at = start;
    return this.varlong(what);
  }

  /**
   * Bytes after a zig-zag varint length: -1 is null; any other negative length is corrupt (the
   * Java client reads it as null, we say so).
   */
  varintBytes(what = 'a field'): Buffer | null {
    const length = this.varintLength(what);
    return length === -1 ? null : this.take(length, what);
  }

  /** As varintBytes, checked and passed over without a Buffer made: the length, -1 for null. */
  skipVarintBytes(what = 'a field'): number {
    const length = this.varintLength(what);
    if (length !== -1) this.need(length, what);
    return length;
  }

  private varintLength(what: string): number {
    const start = this.at;
    const length = this.zigzag32(what, "'s length");
    if (length < -1) throw this.corrupt(`${what}'s length is ${length}; only -1 (null) is below 0`, start);
    return length;
  }

  // Bytes.

  /** A length read just before: at least 0 (-1, null, is the caller's to handle). */
  length(what: string, length: number): number {
    if (length < 0) throw this.corrupt(`${what} has the length ${length}`, this.at);
    return length;
  }

  take(length: number, what = 'a field'): Buffer {
    const start = this.need(length, what);
    return this.buffer.subarray(start, start + length);
  }

  /** The bytes not read yet, left unread. */
  rest(): Buffer {
    return this.buffer.subarray(this.at, this.end);
  }

  /** How many bytes are not read yet. */
  left(): number {
    return this.end - this.at;
  }

  /**
   * Limits reading to the next `length` bytes, which must be there: left() and rest() end
   * with them and a read past them is corrupt. Returns what widen() takes to lift the limit.
   * A record of a batch is read so, without a Buffer of its own.
   */
  narrow(length: number, what: string): number {
    const start = this.need(length, what);
    const outer = this.end;
    this.at = start;
    this.end = start + length;
    return outer;
  }

  /** Lifts narrow()'s limit (`outer`, what it returned) and goes on past the bytes it limited to. */
  widen(outer: number): void {
    this.at = this.end;
    this.end = outer;
  }

  /** One byte of a varint: the scan of a batch's records reads millions, so without need()'s checks. */
  private nextByte(what: string): number {
    if (this.at >= this.end) throw this.corrupt(`it ends inside ${what} (1 bytes, 0 left)`, this.at);
    return this.buffer[this.at++];
  }

  private need(length: number, what: string): number {
    if (length < 0) throw this.corrupt(`${what} has the length ${length}`, this.at);
    if (length > this.left()) throw this.corrupt(`it ends inside ${what} (${length} bytes, ${this.left()} left)`, this.at);
    this.at += length;
    return this.at - length;
  }
}

/** Writes a request body, flexible versions' compact forms included. */
export class WireWriter {
  private readonly parts: Buffer[] = [];

  private push(size: number, write: (b: Buffer) => void): this {
    const b = Buffer.alloc(size);
    write(b);
    this.parts.push(b);
    return this;
  }

  int8(value: number): this {
    return this.push(1, (b) => b.writeInt8(value));
  }
  int16(value: number): this {
    return this.push(2, (b) => b.writeInt16BE(value));
  }
  int32(value: number): this {
    return this.push(4, (b) => b.writeInt32BE(value));
  }
  int64(value: bigint): this {
    return this.push(8, (b) => b.writeBigInt64BE(value));
  }
  boolean(value: boolean): this {
    return this.int8(value ? 1 : 0);
  }

  /** Bytes as they are, no length before them. */
  raw(bytes: Buffer): this {
    this.parts.push(bytes);
    return this;
  }

  /** BYTES of a classic version: int32 length, then the bytes. */
  bytes(value: Buffer): this {
    return this.int32(value.length).raw(value);
  }

  /** A zig-zag VARINT of a 32-bit integer (the record format v2). */
  varint(value: number): this {
    return this.uvarint(((value << 1) ^ (value >> 31)) >>> 0);
  }

  /** A zig-zag VARLONG of a 64-bit integer (the record format v2; an Avro long is written the same way). */
  varlong(value: bigint): this {
    let rest = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
    const bytes: number[] = [];
    while (rest >= 0x80n) {
      bytes.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    bytes.push(Number(rest));
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  /** Bytes after a zig-zag varint length, -1 for null (the record format v2); a string as UTF-8. */
  varintBytes(value: Buffer | string | null): this {
    if (value === null) return this.varint(-1);
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    return this.varint(bytes.length).raw(bytes);
  }

  /** A NULLABLE_STRING of a classic version: int16 length (-1 for null), then UTF-8. */
  string(value: string | null): this {
    if (value === null) return this.int16(-1);
    const bytes = Buffer.from(value, 'utf8');
    this.int16(bytes.length);
    this.parts.push(bytes);
    return this;
  }

  uvarint(value: number): this {
    const bytes: number[] = [];
    let rest = value;
    while (rest >= 0x80) {
      bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    bytes.push(rest);
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  /** A COMPACT_NULLABLE_STRING (a COMPACT_STRING when `value` is not null). */
  compactString(value: string | null): this {
    if (value === null) return this.uvarint(0);
    const bytes = Buffer.from(value, 'utf8');
    this.uvarint(bytes.length + 1);
    this.parts.push(bytes);
    return this;
  }

  /** A COMPACT_NULLABLE_ARRAY (a COMPACT_ARRAY when `values` is not null), each entry written by `entry`. */
  compactArray<T>(values: readonly T[] | null, entry: (w: this, value: T) => void): this {
    if (values === null) return this.uvarint(0);
    this.uvarint(values.length + 1);
    for (const value of values) entry(this, value);
    return this;
  }

  /** No tagged fields. */
  taggedFields(): this {
    return this.uvarint(0);
  }

  get buffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}
