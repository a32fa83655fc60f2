// The protocol's primitives for requests we encode ourselves in flexible versions (KIP-482):
// compact strings and arrays (unsigned varint length + 1, 0 for null), tagged fields, UUIDs;
// and the non-flexible string and array of older structures (a classic member's assignment).
// One bounds-checked reader, one writer. A broker's answer is hostile until read: a length past
// the end of the payload or past a budget is a WireError, never a read out of bounds.
// Formats per clients/src/main/resources/common/message/README.md in apache/kafka.

/** An answer that does not parse as the protocol says. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

/** The most entries any array of an answer may hold: past it the answer is refused as garbage. */
const MAX_ARRAY = 1_000_000;

export class WireReader {
  private at = 0;
  constructor(private readonly buffer: Buffer) {}

  private need(bytes: number): number {
    if (bytes < 0 || this.at + bytes > this.buffer.length) throw new WireError(`the answer ends early: ${bytes} more bytes wanted at byte ${this.at} of ${this.buffer.length}`);
    const start = this.at;
    this.at += bytes;
    return start;
  }

  int8(): number {
    return this.buffer.readInt8(this.need(1));
  }
  int16(): number {
    return this.buffer.readInt16BE(this.need(2));
  }
  uint16(): number {
    return this.buffer.readUInt16BE(this.need(2));
  }
  int32(): number {
    return this.buffer.readInt32BE(this.need(4));
  }
  int64(): bigint {
    return this.buffer.readBigInt64BE(this.need(8));
  }
  bool(): boolean {
    return this.int8() !== 0;
  }
  uuid(): string {
    return this.buffer.subarray(this.need(16), this.at).toString('hex');
  }

  uvarint(): number {
    let value = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      const byte = this.buffer.readUInt8(this.need(1));
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new WireError('an unsigned varint longer than 5 bytes');
  }

  /** A compact nullable string. */
  nullableString(): string | null {
    const length = this.uvarint();
    if (length === 0) return null;
    const start = this.need(length - 1);
    return this.buffer.toString('utf8', start, this.at);
  }

  /** A compact string; null (which the field does not allow) reads as ''. */
  string(): string {
    return this.nullableString() ?? '';
  }

  /** A compact nullable array, each entry read by `entry`. */
  nullableArray<T>(entry: (r: WireReader) => T): T[] | null {
    const length = this.uvarint();
    if (length === 0) return null;
    // Every entry takes at least a byte: a count past the bytes left is garbage.
    if (length - 1 > MAX_ARRAY || length - 1 > this.buffer.length - this.at) throw new WireError(`an array of ${length - 1} entries in ${this.buffer.length - this.at} bytes`);
    const result: T[] = [];
    for (let i = 1; i < length; i++) result.push(entry(this));
    return result;
  }

  array<T>(entry: (r: WireReader) => T): T[] {
    return this.nullableArray(entry) ?? [];
  }

  /** A non-flexible string: int16 length, -1 for null (read as ''). */
  classicString(): string {
    const length = this.int16();
    if (length < 0) return '';
    const start = this.need(length);
    return this.buffer.toString('utf8', start, this.at);
  }

  /** A non-flexible array: int32 count, -1 for null (read as empty). */
  classicArray<T>(entry: (r: WireReader) => T): T[] {
    const length = this.int32();
    if (length > MAX_ARRAY || length > this.buffer.length - this.at) throw new WireError(`an array of ${length} entries in ${this.buffer.length - this.at} bytes`);
    const result: T[] = [];
    for (let i = 0; i < length; i++) result.push(entry(this));
    return result;
  }

  /** Tagged fields: none are read here, each is skipped. */
  taggedFields(): void {
    for (let count = this.uvarint(); count > 0; count--) {
      this.uvarint(); // tag
      this.need(this.uvarint());
    }
  }

  /** A struct of a flexible version: its fields, then its tagged fields. */
  struct<T>(fields: (r: WireReader) => T): T {
    const value = fields(this);
    this.taggedFields();
    return value;
  }
}

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
  bool(value: boolean): this {
    return this.int8(value ? 1 : 0);
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

  /** A compact nullable string. */
  string(value: string | null): this {
    if (value === null) return this.uvarint(0);
    const bytes = Buffer.from(value, 'utf8');
    this.uvarint(bytes.length + 1);
    this.parts.push(bytes);
    return this;
  }

  /** A compact nullable array, each entry written by `entry`. */
  array<T>(values: readonly T[] | null, entry: (w: this, value: T) => void): this {
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
