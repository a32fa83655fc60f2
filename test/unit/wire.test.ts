import * as assert from 'assert';
import { KafkaAccessError } from '../../src/kafka/types';
import { WireReader, WireWriter } from '../../src/kafka/wire/primitives';

/** The one error a reader throws: KafkaAccessError ('corrupt') with exactly `message`. */
const corrupt = (message: string) => (error: unknown) => error instanceof KafkaAccessError && error.cause_ === 'corrupt' && error.message === message;

describe('wire primitives', () => {
  it('writes a zig-zag VARLONG as the protocol guide and the Avro specification give it, and reads it back', () => {
    const cases: [bigint, string][] = [
      [0n, '00'],
      [-1n, '01'],
      [1n, '02'],
      [-64n, '7f'],
      [64n, '8001'],
      [9007199254740993n, '8280808080808020'],
      [-9223372036854775808n, 'ffffffffffffffffff01'],
      [9223372036854775807n, 'feffffffffffffffff01'],
    ];
    for (const [value, hex] of cases) {
      const bytes = new WireWriter().varlong(value).buffer;
      assert.strictEqual(bytes.toString('hex'), hex, String(value));
      assert.strictEqual(new WireReader(bytes, 'Test').varlong(), value, String(value));
    }
  });

  it('writes and reads back compact strings, arrays, varints and tagged fields', () => {
    const bytes = new WireWriter()
      .compactString('héllo')
      .compactString(null)
      .compactArray([1, 300, 70_000], (w, n) => w.int32(n))
      .compactArray(null, () => undefined)
      .uvarint(2 ** 31 - 1)
      .int64(-2n)
      .boolean(true)
      .taggedFields().buffer;
    const r = new WireReader(bytes, 'Test');
    assert.strictEqual(r.compactString('a'), 'héllo');
    assert.strictEqual(r.compactNullableString('b'), null);
    assert.deepStrictEqual(
      r.compactArray('c', (x) => x.int32()),
      [1, 300, 70_000],
    );
    assert.strictEqual(
      r.compactNullableArray('d', (x) => x.int32()),
      null,
    );
    assert.strictEqual(r.uvarint(), 2 ** 31 - 1);
    assert.strictEqual(r.int64(), -2n);
    assert.strictEqual(r.boolean(), true);
    r.taggedFields();
    assert.strictEqual(r.left(), 0);
  });

  it('writes and reads back classic strings', () => {
    const bytes = new WireWriter().string('upsun-kafka-tools').string(null).string('').buffer;
    assert.strictEqual(bytes.toString('hex'), '0011' + Buffer.from('upsun-kafka-tools').toString('hex') + 'ffff0000');
    const r = new WireReader(bytes, 'Test');
    assert.strictEqual(r.string('a'), 'upsun-kafka-tools');
    assert.strictEqual(r.nullableString('b'), null);
    assert.strictEqual(r.string('c'), '');
    assert.strictEqual(r.left(), 0);
  });

  it('skips tagged fields it does not know', () => {
    // Two tagged fields: tag 0 with 3 bytes, tag 5 with 1 byte; then an int8.
    const r = new WireReader(Buffer.from([2, 0, 3, 9, 9, 9, 5, 1, 7, 42]), 'Test');
    r.taggedFields();
    assert.strictEqual(r.int8(), 42);
  });

  it('reads within a narrowed range as if it were the whole, then goes on past it; skips varint bytes as it would read them', () => {
    // A 3-byte range (varint bytes of length 1, then 7), then 42.
    const r = new WireReader(Buffer.from([2, 65, 7, 42]), 'Test');
    const outer = r.narrow(3, 'the record');
    assert.deepStrictEqual([r.skipVarintBytes('the key'), r.left(), [...r.rest()]], [1, 1, [7]]);
    assert.throws(() => r.int16('the value'), corrupt("The broker's Test answer is corrupt: it ends inside the value (2 bytes, 1 left), at byte 2."));
    r.widen(outer);
    assert.deepStrictEqual([r.int8(), r.left()], [42, 0]);
    assert.throws(() => new WireReader(Buffer.from([1]), 'Test').narrow(2, 'the record'), corrupt("The broker's Test answer is corrupt: it ends inside the record (2 bytes, 1 left), at byte 0."));
    assert.strictEqual(new WireReader(Buffer.from([1]), 'Test').skipVarintBytes('the key'), -1);
    assert.throws(() => new WireReader(Buffer.from([3]), 'Test').skipVarintBytes('the key'), corrupt("The broker's Test answer is corrupt: the key's length is -2; only -1 (null) is below 0, at byte 0."));
  });

  it('refuses an answer that ends early or claims more entries than it has bytes, naming the API, field and byte', () => {
    assert.throws(() => new WireReader(Buffer.from([10, 65]), 'Test').compactString('the name'), corrupt("The broker's Test answer is corrupt: it ends inside the name (9 bytes, 1 left), at byte 1."));
    assert.throws(
      () => new WireReader(Buffer.from([0xff, 0xff, 0xff, 0x7f]), 'Test').compactArray('the group count', (x) => x.int8()),
      corrupt("The broker's Test answer is corrupt: the group count is 268435454 with 0 bytes left, at byte 0."),
    );
    assert.throws(() => new WireReader(Buffer.from([0, 0, 0x7f, 0xff]), 'Test').count('the topic count', 6), corrupt("The broker's Test answer is corrupt: the topic count is 32767 with 0 bytes left, at byte 0."));
    assert.throws(
      () => new WireReader(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), 'Test').uvarint('the size'),
      corrupt("The broker's Test answer is corrupt: the size is an unsigned varint longer than 5 bytes, at byte 0."),
    );
    assert.throws(() => new WireReader(Buffer.from([1, 0, 200]), 'Test').taggedFields(), corrupt("The broker's Test answer is corrupt: it ends inside a tagged field's size (1 bytes, 0 left), at byte 3."));
  });

  it('refuses a null where the field allows none, in both families', () => {
    assert.throws(() => new WireReader(Buffer.from([0]), 'Test').compactString('the group ID'), corrupt("The broker's Test answer is corrupt: the group ID is null, at byte 0."));
    assert.throws(
      () => new WireReader(Buffer.from([0]), 'Test').compactArray('the member count', (x) => x.int8()),
      corrupt("The broker's Test answer is corrupt: the member count is null, at byte 0."),
    );
    assert.throws(() => new WireReader(Buffer.from([0xff, 0xff]), 'Test').string('the topic name'), corrupt("The broker's Test answer is corrupt: the topic name is null, at byte 0."));
    assert.strictEqual(new WireReader(Buffer.from([0xff, 0xff, 0xff, 0xff]), 'Test').count('the aborted transaction count', 16, true), 0);
  });
});
