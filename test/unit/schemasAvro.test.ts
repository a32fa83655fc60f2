// Avro decoding and encoding checked against Apache Avro's Java library: every datum's bytes
// are written by Avro's GenericDatumWriter and its expected JSON read by GenericDatumReader
// with Avro's logical-type conversions (test/schemas/java/SchemaTruth.java).

import * as assert from 'assert';
import { decodeAvro, encodeAvro, parseAvroSchema } from '../../src/schemas/avro';
import { AVRO_EVERY_TYPE as ORDER } from '../schemas/fixtures';
import { SchemaTruth, TRUTH_SETUP_MS } from '../schemas/truth';

/** Bytes as Avro's JSON encoding writes them: one character per byte. */
const latin1 = (bytes: Buffer) => bytes.toString('latin1');
/** A decimal's unscaled value as big-endian two's complement in `size` bytes. */
function unscaled(n: bigint, size: number): Buffer {
  const twos = n < 0n ? (1n << BigInt(size * 8)) + n : n;
  return Buffer.from(twos.toString(16).padStart(size * 2, '0'), 'hex');
}


/** Orders in Avro's JSON encoding, chosen for edges: pre-epoch times, negative decimals, unsafe longs (written "#digits"). */
const ORDERS = [
  {
    id: '0b4c8a7e-5d1f-4c1a-9d3e-2f6a8b9c0d1e',
    amount: latin1(unscaled(123456n, 3)),
    price: latin1(unscaled(-99999999n, 8)),
    day: 20484,
    at_ms: 1769862896789,
    at_us: 1769862896789123,
    local_ms: 1769862896000,
    local_us: 1,
    t_ms: 45296789,
    t_us: 45296789123,
    status: 'PAID',
    note: { string: 'leave at the door' },
    tags: ['a', 'ü'],
    attrs: { n: 1, m: -2 },
    big: '#9007199254740993',
    raw: latin1(Buffer.from([0, 1, 254, 255])),
    hash: latin1(Buffer.from([222, 173, 190, 239])),
    ratio: 1.1,
    score: -0.000123,
    ok: true,
    choice: { 'acme.Inner': { x: 2.5 } },
  },
  {
    id: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
    amount: latin1(unscaled(-5n, 1)),
    price: latin1(unscaled(0n, 8)),
    day: -1,
    at_ms: -1,
    at_us: -1,
    local_ms: -86400001,
    local_us: -1,
    t_ms: 0,
    t_us: 86399999999,
    status: 'NEW',
    note: null,
    tags: [],
    attrs: {},
    big: '#-9223372036854775808',
    raw: '',
    hash: latin1(Buffer.from([0, 0, 0, 0])),
    ratio: -3.4028234663852886e38,
    score: 1e300,
    ok: false,
    choice: { int: -7 },
  },
  {
    id: '00000000-0000-0000-0000-000000000000',
    amount: latin1(unscaled(1n, 1)),
    price: latin1(unscaled(1234567890123n, 8)),
    day: 2932896,
    at_ms: 253402300799999,
    at_us: 0,
    local_ms: 0,
    local_us: 4102444799999999,
    t_ms: 86399999,
    t_us: 1,
    status: 'SHIPPED',
    note: { string: '' },
    tags: ['x'],
    attrs: { big: '#9223372036854775807' },
    big: 42,
    raw: latin1(Buffer.from('{"json": "inside"}')),
    hash: latin1(Buffer.from([1, 2, 3, 4])),
    ratio: 0,
    score: 0.1,
    ok: true,
    choice: { string: 'text' },
  },
];

/** A JS number cannot hold 2^53 + 1 or 2^63 - 1: "#digits" becomes the bare digits in the JSON text. */
const avroJsonText = (order: unknown) => JSON.stringify(order).replace(/"#(-?\d+)"/g, '$1');

describe('Avro (checked against Apache Avro)', function () {
  this.timeout(TRUTH_SETUP_MS);
  let truth: SchemaTruth;
  before(async () => (truth = await SchemaTruth.start()));
  after(() => truth?.stop());

  it('decodes logical types, unions, enums, maps, arrays, longs past 2^53 and bytes as Avro reads them', async () => {
    const schema = parseAvroSchema(JSON.stringify(ORDER));
    assert.strictEqual(schema.name, 'acme.Order');
    for (const order of ORDERS) {
      const json = avroJsonText(order);
      const bytes = await truth.avroEncode(ORDER, json);
      const expected = await truth.ask({
        op: 'avroDecode',
        writer: JSON.stringify(ORDER),
        reader: null,
        hex: bytes.toString('hex'),
      });
      assert.deepStrictEqual(decodeAvro(bytes, schema), expected.value);
      // And back: the readable JSON encodes to the bytes Avro wrote.
      assert.strictEqual(encodeAvro(expected.value, schema).toString('hex'), bytes.toString('hex'));
    }
  });

  it('resolves a writer schema against a newer reader schema as Avro does (promotion, defaults, new enum symbols, field order)', async () => {
    const writer = {
      type: 'record',
      name: 'User',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'id', type: 'int' },
        {
          name: 'status',
          type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] },
        },
        { name: 'dropped', type: 'string' },
        { name: 'score', type: 'float' },
      ],
    };
    const reader = {
      type: 'record',
      name: 'User',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'name', type: ['null', 'string'] },
        { name: 'email', type: ['null', 'string'], default: null },
        {
          name: 'status',
          type: {
            type: 'enum',
            name: 'Status',
            symbols: ['NEW', 'PAID', 'SHIPPED'],
            default: 'NEW',
          },
        },
        { name: 'count', type: 'int', default: 7 },
        {
          name: 'day',
          type: { type: 'int', logicalType: 'date' },
          default: 19000,
        },
        { name: 'score', type: 'double' },
      ],
    };
    const bytes = await truth.avroEncode(writer, {
      name: 'ada',
      id: 2147483647,
      status: 'PAID',
      dropped: 'x',
      score: 0.5,
    });
    const expected = await truth.avroDecode(bytes, writer, reader);
    assert.deepStrictEqual(decodeAvro(bytes, parseAvroSchema(JSON.stringify(writer)), parseAvroSchema(JSON.stringify(reader))), expected);
  });

  it('says why bytes are not a datum: truncated, bytes left over, schemas that do not resolve', async () => {
    const schema = parseAvroSchema(JSON.stringify(ORDER));
    const bytes = await truth.avroEncode(ORDER, avroJsonText(ORDERS[0]));
    assert.throws(() => decodeAvro(bytes.subarray(0, bytes.length - 3), schema), /truncated|invalid|trailing/i);
    assert.throws(() => decodeAvro(Buffer.concat([bytes, Buffer.from([1, 2])]), schema), /trailing|invalid/i);
    const other = parseAvroSchema('{"type":"record","name":"acme.Order","fields":[{"name":"id","type":"int"}]}');
    assert.throws(() => decodeAvro(bytes, schema, other), /resolve|incompatible|cannot/i);
  });

  it('refuses a damaged block count at once, in bounded time and memory, instead of reading past the end', () => {
    // zigzag varint of 1,000,000,000: an array that claims a billion items in five bytes.
    const billion = Buffer.from([0x80, 0xa8, 0xd6, 0xb9, 0x07]);
    const strings = parseAvroSchema('{"type":"array","items":"string"}');
    const started = process.hrtime.bigint();
    assert.throws(() => decodeAvro(Buffer.concat([billion, Buffer.from([2, 0x61, 0])]), strings), { message: /^the bytes are not an Avro array: a block claims 1000000000 items with 3 bytes left \(invalid or truncated data\)$/ });
    const nulls = parseAvroSchema('{"type":"array","items":"null"}');
    assert.throws(() => decodeAvro(Buffer.concat([billion, Buffer.from([0])]), nulls), { message: /^the bytes are not an Avro array: a block holds more than 100,000 items of no bytes; not read$/ });
    const map = parseAvroSchema('{"type":"record","name":"R","fields":[{"name":"m","type":{"type":"map","values":"long"}}]}');
    assert.throws(() => decodeAvro(Buffer.concat([billion, Buffer.from([2, 0x6b, 2, 0])]), map), /a block claims 1000000000 items with 4 bytes left/);
    // A later block damaged after items were read (two entries, then a count of 2^49): avsc
    // looped for ever when the walk stopped at the end of the bytes and left the rest to it.
    assert.throws(() => decodeAvro(Buffer.from('04027b01044b5cfe77ffffffffffffff0100', 'hex'), parseAvroSchema('{"type":"map","values":"long"}')), {
      message: 'the bytes are not an Avro map: a block claims 562949953421312 items with 0 bytes left (invalid or truncated data)',
    });
    const nested = parseAvroSchema('{"type":"array","items":{"type":"array","items":"int"}}');
    assert.throws(() => decodeAvro(Buffer.from('0402', 'hex'), nested), { message: 'the bytes are not an Avro array: a block claims 2 items with 1 byte left (invalid or truncated data)' });
    assert.throws(() => decodeAvro(Buffer.from('02ffffffffff0f02', 'hex'), nested), /a block claims 274877906944 items with 0 bytes left/);
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 5_000, 'the refusals took seconds: the counts were walked');
    // Within the budget, an array of nulls is read as Avro writes it: 1,000 items in three bytes.
    assert.strictEqual((decodeAvro(Buffer.from([0xd0, 0x0f, 0]), nulls) as unknown[]).length, 1000);
  });

  it('rejects schema text that is not an Avro schema, and JSON that does not fit, naming the path', async () => {
    assert.throws(() => parseAvroSchema('{"type":"record","name":"X"'), /JSON/);
    assert.throws(() => parseAvroSchema('{"type":"record","name":"X","fields":[{"name":"a","type":"nope"}]}'), /nope/);
    const schema = parseAvroSchema(JSON.stringify(ORDER));
    const readable = (await truth.avroDecode(await truth.avroEncode(ORDER, avroJsonText(ORDERS[0])), ORDER)) as Record<string, unknown>;
    assert.doesNotThrow(() => encodeAvro(readable, schema));
    assert.throws(() => encodeAvro({ ...readable, day: 'yesterday' }, schema), /\$\.day: "yesterday" is not a valid date/);
    assert.throws(() => encodeAvro({ ...readable, tags: ['a', 3] }, schema), /\$\.tags\[1\]/);
    assert.throws(() => encodeAvro({ ...readable, surprise: 1 }, schema), /no field "surprise"/);
    const { status: _status, ...withoutStatus } = readable;
    assert.throws(() => encodeAvro(withoutStatus, schema), /field "status" is missing/);
  });
});
