// The one-pass JSON text a search matches an Avro record as (avroJsonText) against the text
// it stands for, decodeAvro's readable JSON printed two spaces deep: equal for every datum it
// writes, and nothing (so the caller takes decodeAvro's way) for bytes it does not. decodeAvro
// itself is checked against Apache Avro in schemasAvro.test.ts.

import * as assert from 'assert';
import { avroJsonText, type AvroSchema, decodeAvro, encodeAvro, parseAvroSchema } from '../../src/schemas/avro';
import { AVRO_EVERY_TYPE } from '../schemas/fixtures';

const EVERY_TYPE = {
  ...AVRO_EVERY_TYPE,
  name: 'Every',
  fields: [
    ...AVRO_EVERY_TYPE.fields,
    { name: 'nested', type: { type: 'map', values: { type: 'array', items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }, { name: 'qty', type: 'int' }] } } } },
    { name: 'nothing', type: 'null' },
    { name: 'empty', type: { type: 'record', name: 'Empty', fields: [] } },
  ],
};

const LIST = {
  type: 'record',
  name: 'Node',
  fields: [
    { name: 'label', type: 'string' },
    { name: 'next', type: ['null', 'Node'] },
  ],
};

/** A pseudo-random generator with a seed, so that a failure can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const STRINGS = ['', 'a', 'ü', 'quote " and \\ backslash', 'line\nbreak\ttab', '\u0001\u001f control', '😀 astral', '__proto__', '2', '10', 'constructor', 'needle-7f3a9c'];
const SHORT_LONGS = [0, 1, -1, 63, 64, -65, 2 ** 31, -(2 ** 31) - 1, 2 ** 47, -(2 ** 48), 2 ** 52 - 1, -(2 ** 52)];
/** Longs past 2^52, which the one pass leaves to decodeAvro. */
const LONG_LONGS = [2 ** 52 + 1, 2 ** 53 - 1, '9007199254740993', '-9223372036854775808', '9223372036854775807'];

/** Datum `i` of EVERY_TYPE in readable JSON, each field from its list of edges. */
function every(next: () => number): Record<string, unknown> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const map = <T>(value: () => T) => Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [pick(STRINGS), value()]));
  return {
    id: pick(['0b4c8a7e-5d1f-4c1a-9d3e-2f6a8b9c0d1e', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF']),
    amount: pick(['0.00', '-0.05', '12345678.90', '1.00']),
    price: pick(['0.0000', '-9999.9999', '123456789.0123']),
    day: pick(['1970-01-01', '1969-12-31', '9999-12-31', '2026-01-31']),
    at_ms: pick(['2026-01-31T12:34:56.789Z', '1969-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z']),
    at_us: pick(['2026-01-31T12:34:56.789123Z', '1969-12-31T23:59:59.999999Z']),
    local_ms: pick(['2026-01-31T12:34:56.789', '1969-12-31T23:59:59.999']),
    local_us: pick(['2026-01-31T12:34:56.789123', '1969-12-31T23:59:59.999999']),
    t_ms: pick(['00:00:00.000', '23:59:59.999', '12:34:56.789']),
    t_us: pick(['00:00:00.000001', '23:59:59.999999']),
    status: pick(['NEW', 'PAID', 'SHIPPED']),
    note: pick([null, ...STRINGS]),
    tags: Array.from({ length: Math.floor(next() * 4) }, () => pick(STRINGS)),
    attrs: map(() => pick(SHORT_LONGS)),
    nested: map(() => Array.from({ length: Math.floor(next() * 3) }, () => ({ sku: pick(STRINGS), qty: pick([0, -1, 2 ** 31 - 1, -(2 ** 31)]) }))),
    big: next() < 0.2 ? pick(LONG_LONGS) : pick(SHORT_LONGS),
    raw: pick(['', 'AAH+/w==', Buffer.from('{"json": "inside"}').toString('base64')]),
    hash: pick(['3q2+7w==', 'AAAAAA==']),
    ratio: pick([0, -0, 1.1, -3.4028234663852886e38, 'NaN', 'Infinity', '-Infinity', 1e-45]),
    score: pick([0, -0, 0.1, -0.000123, 1e300, 'NaN', '-Infinity', 5e-324]),
    ok: next() < 0.5,
    nothing: null,
    empty: {},
    choice: pick([null, -7, 'text', { x: 2.5 }, { x: 'NaN' }]),
  };
}

/** The text a search matched before the one-pass writer, by definition. */
const printed = (bytes: Buffer, schema: AvroSchema) => JSON.stringify(decodeAvro(bytes, schema), null, 2);

/**
 * Its text in one pass equals the printed decoding, or it has none. (Not asked of decodeAvro
 * then: damaged bytes can hold a block count of a billion, which avsc allocates.)
 */
function assertSameText(bytes: Buffer, schema: AvroSchema, what: string): 'written' | 'declined' {
  const text = avroJsonText(bytes, schema);
  if (text === undefined) return 'declined';
  let expected: string | Error;
  try {
    expected = printed(bytes, schema);
  } catch (error) {
    expected = error as Error;
  }
  assert.strictEqual(text, expected, `${what}: ${bytes.toString('hex')}`);
  return 'written';
}

describe('Avro records as search text in one pass', function () {
  // Generous: the shared machine of the test level runs these at a tenth of their speed.
  this.timeout(120_000);
  it('writes the same text as printing the decoded JSON, for every type and its edges', () => {
    const schema = parseAvroSchema(JSON.stringify(EVERY_TYPE));
    const next = random(23);
    let written = 0;
    for (let i = 0; i < 800; i++) {
      const bytes = encodeAvro(every(next), schema);
      const outcome = assertSameText(bytes, schema, `datum ${i}`);
      if (outcome === 'written') written++;
      // Declined only for longs past 2^52, which decodeAvro reads as bigints.
      else assert.doesNotThrow(() => printed(bytes, schema));
    }
    assert.ok(written > 400, `${written} of 800 written in one pass`);
    const plain = { ...every(random(1)), big: 5, attrs: {}, nested: {} };
    assert.strictEqual(avroJsonText(encodeAvro(plain, schema), schema), printed(encodeAvro(plain, schema), schema));
  });

  it('nests a recursive record as deep as it goes', () => {
    const schema = parseAvroSchema(JSON.stringify(LIST));
    let list: unknown = null;
    for (let i = 0; i < 50; i++) list = { label: `n${i}`, next: list };
    const bytes = encodeAvro(list, schema);
    assert.strictEqual(assertSameText(bytes, schema, 'a list of 50'), 'written');
    assert.match(avroJsonText(bytes, schema)!, /\n {4}"label": "n48",\n {4}"next": \{\n/);
  });

  it('keeps the order, the last of a repeated key and no __proto__ in a map, as the decoded object has them', () => {
    const schema = parseAvroSchema('{"type":"map","values":"int"}');
    // Blocks written by hand: "b"=1, "2"=2, "__proto__"=3, "b"=4, "1"=5; the second block with a negative count and its size.
    const str = (s: string) => Buffer.concat([Buffer.from([Buffer.byteLength(s) * 2]), Buffer.from(s)]);
    const int = (n: number) => Buffer.from([n * 2]);
    const bytes = Buffer.concat([Buffer.from([3 * 2]), str('b'), int(1), str('2'), int(2), str('__proto__'), int(3), Buffer.from([2 * 2 - 1, 20]), str('b'), int(4), str('1'), int(5), Buffer.from([0])]);
    assert.strictEqual(assertSameText(bytes, schema, 'map'), 'written');
    assert.strictEqual(avroJsonText(bytes, schema), '{\n  "1": 5,\n  "2": 2,\n  "b": 4\n}');
  });

  it('writes nothing for bytes that are not a datum, so the caller gets decodeAvro\'s reason', () => {
    const schema = parseAvroSchema(JSON.stringify(EVERY_TYPE));
    const bytes = encodeAvro({ ...every(random(7)), big: 5 }, schema);
    assert.strictEqual(avroJsonText(bytes.subarray(0, bytes.length - 1), schema), undefined);
    assert.strictEqual(avroJsonText(Buffer.concat([bytes, Buffer.from([0])]), schema), undefined);
    const enumOnly = parseAvroSchema('{"type":"enum","name":"E","symbols":["A"]}');
    assert.strictEqual(avroJsonText(Buffer.from([2]), enumOnly), undefined);
    assert.throws(() => decodeAvro(Buffer.from([2]), enumOnly));
    // A block of a billion nulls in two bytes is left to decodeAvro.
    const nulls = parseAvroSchema('{"type":"array","items":"null"}');
    assert.strictEqual(avroJsonText(Buffer.from([0x80, 0xa8, 0xd6, 0xb9, 0x07, 0]), nulls), undefined);
  });

  it('agrees with decodeAvro on bytes damaged at random: the same text where it writes one', () => {
    const schema = parseAvroSchema(JSON.stringify(EVERY_TYPE));
    const next = random(26);
    let written = 0;
    for (let i = 0; i < 1000; i++) {
      const bytes = Buffer.from(encodeAvro(every(next), schema));
      for (let flips = 1 + Math.floor(next() * 3); flips > 0; flips--) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      if (assertSameText(bytes, schema, `damaged datum ${i}`) === 'written') written++;
    }
    assert.ok(written > 50, `${written} damaged data still written`);
  });
});
