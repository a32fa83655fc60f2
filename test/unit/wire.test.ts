import * as assert from 'assert';
import { WireError, WireReader, WireWriter } from '../../src/kafka/wire';

describe('flexible-version wire primitives', () => {
  it('writes and reads back compact strings, arrays, varints and tagged fields', () => {
    const bytes = new WireWriter()
      .string('héllo')
      .string(null)
      .array([1, 300, 70_000], (w, n) => w.int32(n))
      .array(null, () => undefined)
      .uvarint(2 ** 31 - 1)
      .int64(-2n)
      .bool(true)
      .taggedFields().buffer;
    const r = new WireReader(bytes);
    assert.strictEqual(r.string(), 'héllo');
    assert.strictEqual(r.nullableString(), null);
    assert.deepStrictEqual(r.array((x) => x.int32()), [1, 300, 70_000]);
    assert.strictEqual(r.nullableArray((x) => x.int32()), null);
    assert.strictEqual(r.uvarint(), 2 ** 31 - 1);
    assert.strictEqual(r.int64(), -2n);
    assert.strictEqual(r.bool(), true);
    r.taggedFields();
  });

  it('skips tagged fields it does not know', () => {
    // Two tagged fields: tag 0 with 3 bytes, tag 5 with 1 byte; then an int8.
    const r = new WireReader(Buffer.from([2, 0, 3, 9, 9, 9, 5, 1, 7, 42]));
    r.taggedFields();
    assert.strictEqual(r.int8(), 42);
  });

  it('refuses an answer that ends early or claims more entries than it has bytes', () => {
    assert.throws(() => new WireReader(Buffer.from([10, 65])).string(), WireError);
    assert.throws(() => new WireReader(Buffer.from([0xff, 0xff, 0xff, 0x7f])).array((x) => x.int8()), /an array of \d+ entries in 0 bytes/);
    assert.throws(() => new WireReader(Buffer.from([0, 0, 0x7f, 0xff])).classicArray((x) => x.int8()), WireError);
    assert.throws(() => new WireReader(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).uvarint(), /longer than 5 bytes/);
    assert.throws(() => new WireReader(Buffer.from([1, 0, 200])).taggedFields(), WireError);
  });
});
