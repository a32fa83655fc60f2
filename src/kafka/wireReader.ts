// One bounds-checked reader of the protocol's primitives, for the answers we decode ourselves
// (Fetch, Produce, DescribeConfigs, IncrementalAlterConfigs). A broker may answer anything: a
// read past the end, a length below -1, or a count more entries than the bytes left could
// hold is a KafkaAccessError ('corrupt') naming the API, the field and the byte, never a
// RangeError, an array of two billion, or an offset that walks backwards over the same bytes.
// Primitives: https://kafka.apache.org/protocol#protocol_types

import { KafkaAccessError } from './types';

export class WireReader {
  private at = 0;

  /** `api`: the request's name, for the error (`Fetch`, `DescribeConfigs`…). */
  constructor(
    private readonly buffer: Buffer,
    private readonly api: string,
  ) {}

  int8(what: string): number {
    return this.buffer.readInt8(this.need(1, what));
  }

  int16(what: string): number {
    return this.buffer.readInt16BE(this.need(2, what));
  }

  int32(what: string): number {
    return this.buffer.readInt32BE(this.need(4, what));
  }

  int64(what: string): bigint {
    return this.buffer.readBigInt64BE(this.need(8, what));
  }

  boolean(what: string): boolean {
    return this.int8(what) !== 0;
  }

  /** A STRING: int16 length, then UTF-8; null (-1) is corrupt. */
  string(what: string): string {
    const text = this.nullableString(what);
    if (text === null) throw this.corrupt(`${what} is null`, this.at - 2);
    return text;
  }

  /** A NULLABLE_STRING: -1 is null. */
  nullableString(what: string): string | null {
    const length = this.int16(`${what}'s length`);
    if (length === -1) return null;
    return this.take(this.length(what, length), what).toString('utf8');
  }

  /**
   * An array's length: -1 (null, where `nullable`) reads as 0. Each entry takes at least
   * `entryBytes`, so a count the bytes left cannot hold is corrupt before any entry is read.
   */
  count(what: string, entryBytes: number, nullable = false): number {
    const count = this.int32(what);
    if (count === -1 && nullable) return 0;
    if (count < 0 || count * entryBytes > this.left()) throw this.corrupt(`${what} is ${count} with ${this.left()} bytes left`, this.at - 4);
    return count;
  }

  /** A length read just before: at least 0 (-1, null, is the caller's to handle). */
  length(what: string, length: number): number {
    if (length < 0) throw this.corrupt(`${what} has the length ${length}`, this.at);
    return length;
  }

  take(length: number, what: string): Buffer {
    const start = this.need(length, what);
    return this.buffer.subarray(start, start + length);
  }

  left(): number {
    return this.buffer.length - this.at;
  }

  private need(length: number, what: string): number {
    if (length > this.left()) throw this.corrupt(`it ends inside ${what} (${length} bytes, ${this.left()} left)`, this.at);
    this.at += length;
    return this.at - length;
  }

  private corrupt(what: string, at: number): KafkaAccessError {
    return new KafkaAccessError(`The broker's ${this.api} answer is corrupt: ${what}, at byte ${at}.`, 'corrupt');
  }
}
