// The byte test that spares a search decoding Avro records whose bytes cannot hold its text
// (src/schemas/searchFilter.ts): each reason to decode anyway, as the exact decision, and the
// filtered search against decoding every record, on random schemas, records and needles.

import * as assert from 'assert';
import { bytesMayHold, compileQuery } from '../../src/kafka/searchQuery';
import type { SearchQuery } from '../../src/kafka/types';
import { encodeAvro, parseAvroSchema } from '../../src/schemas/avro';
import { SchemaDecoder } from '../../src/schemas/decoder';
import { avroSchemaStrings, avroSearchFilter, BASE64_ALPHABET, type SchemaStrings, verbatimPart } from '../../src/schemas/searchFilter';
import { PARCEL_AVRO as PARCEL } from '../schemas/fixtures';

const strings = (schema: object) => avroSchemaStrings(parseAvroSchema(JSON.stringify(schema)).type)!;
const STRING_ONLY: SchemaStrings = { literals: [], alphabets: [] };

describe('what decoded Avro text may hold beyond its bytes (search filter)', () => {
  it('keeps the text, less the tail of an escape it may start in', () => {
    const parcel = strings(PARCEL);
    // "n" may be the end of `\n`, "c" of `\u001c`: the record's bytes hold what follows.
    assert.strictEqual(verbatimPart('needle-7f3a9c', false, parcel), 'eedle-7f3a9c');
    assert.strictEqual(verbatimPart('customer-42', true, STRING_ONLY), 'ustomer-42');
    assert.strictEqual(verbatimPart('001fx', true, STRING_ONLY), 'x');
    assert.strictEqual(verbatimPart('fx', true, STRING_ONLY), 'x');
    assert.strictEqual(verbatimPart('café', false, STRING_ONLY), 'afé');
    assert.strictEqual(verbatimPart('Zürich', true, STRING_ONLY), 'Zürich');
    // Upper case is no escape's, unless case is ignored.
    assert.strictEqual(verbatimPart('CUSTOM', true, parcel), 'CUSTOM');
    assert.strictEqual(verbatimPart('Bx', true, STRING_ONLY), 'Bx');
    assert.strictEqual(verbatimPart('Bx', false, STRING_ONLY), 'x');
    assert.strictEqual(verbatimPart('ſtatus', true, parcel), 'ſtatus');
    assert.strictEqual(verbatimPart('a:b', true, STRING_ONLY), ':b');
    assert.strictEqual(verbatimPart('x y', true, STRING_ONLY), 'x y');
  });

  it('decodes every record for text JSON writes around or instead of the bytes', () => {
    const parcel = strings(PARCEL);
    const decline = (text: string, caseSensitive: boolean, schemaStrings = STRING_ONLY) => assert.strictEqual(verbatimPart(text, caseSensitive, schemaStrings), undefined, JSON.stringify(text));
    // JSON's quote, escapes and control characters, U+FFFD and lone surrogates.
    for (const text of ['x"y', 'a\\n', 'tab\there', '\u0001', 'x\ufffd', 'x\ud800', '']) decline(text, true);
    // Outside strings: numbers, true, false, null, brackets and indent.
    for (const text of ['123', '-1.5e+21', 'true', 'ull', 'FALSE', ': 4', '},\n  ']) decline(text, false);
    decline('E+2', true);
    // Field names and enum symbols, as they are and folded; ſ folds to s, the Kelvin sign to k.
    for (const text of ['custom', 'CUSTOMER', 'PACK', 'ſtatus', 'ote']) decline(text, false, parcel);
    decline('PACK', true, parcel);
    // Timestamps print digits, -, :, ., T and Z.
    decline('2026-01-31T12:34', true, parcel);
    assert.strictEqual(verbatimPart('2026-01-31T12:34', true, STRING_ONLY), '026-01-31T12:34');
    // Wholly inside an escape: `\u001f`, `\n`.
    for (const text of ['u001', '001f', 'n', 'u', 'u001c', '1c', 'b']) decline(text, true);
    // Bytes and fixed print base64; floats and doubles NaN and Infinity.
    const bytes = strings({ type: 'record', name: 'B', fields: [{ name: 'raw', type: 'bytes' }] });
    assert.deepStrictEqual(bytes, { literals: ['raw'], alphabets: [BASE64_ALPHABET] });
    decline('Zm9v+/=', true, bytes);
    assert.strictEqual(verbatimPart('Zm9v!', true, bytes), 'Zm9v!');
    const double = strings({ type: 'array', items: 'double' });
    decline('nan', false, double);
    decline('Infin', true, double);
    // A record with a __proto__ field is printed some other way: no filter.
    assert.strictEqual(avroSchemaStrings(parseAvroSchema('{"type":"record","name":"P","fields":[{"name":"__proto__","type":"string"}]}').type), undefined);
  });

  it('has no filter for a regular expression, nor for text the schema may print', () => {
    const schema = parseAvroSchema(JSON.stringify(PARCEL));
    const filterOf = (query: SearchQuery) => avroSearchFilter(query)(schema);
    assert.strictEqual(filterOf({ pattern: 'needle', regex: true }), undefined);
    assert.strictEqual(filterOf({ pattern: 'SHIPPED' }), undefined);
    const filter = filterOf({ pattern: 'needle-7f3a9c' })!;
    const encoded = encodeAvro({ customer: 'x-NEEDLE-7F3A9C-1', qty: 1, status: 'NEW', at: '2026-01-01T00:00:00.000Z', note: null }, schema);
    assert.strictEqual(filter(encoded), true);
    assert.strictEqual(filter(encodeAvro({ customer: 'c-1', qty: 1, status: 'NEW', at: '2026-01-01T00:00:00.000Z', note: null }, schema)), false);
  });

  it('tests bytes as a search matches their text: case folded the RegExp way', () => {
    const kelvin = Buffer.from('\u212a-9', 'utf8');
    assert.strictEqual(bytesMayHold('k-9', false)!(kelvin), true);
    assert.strictEqual(compileQuery({ pattern: 'k-9' }).matches({ key: null, value: kelvin, headers: () => [] }), true);
    assert.strictEqual(bytesMayHold('k-9', true)!(kelvin), false);
    // A string after a lead byte cut short still reads as itself.
    assert.strictEqual(bytesMayHold('abc', false)!(Buffer.from([0xe2, 0x61, 0x62, 0x63])), true);
    assert.strictEqual(bytesMayHold('a\ufffd', false), undefined);
  });
});

/** A pseudo-random generator with a seed, so that a failure can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Pieces of strings: escapes, control characters, folding, non-ASCII, JSON's own words. */
const PIECES = ['c-1', 'customer', 'needle', 'NEEDLE', 'x', ' ', '\n', '\t', '\u0001', '\u001c', '\u001f', '"', '\\', 'é', 'ſ', 'K', 'K', 'k', '😀', 'true', '12', 'NEW', 'status', 'nan', 'T12:', 'ab', ':', ',', '{', 'b', 'f', '00'];
const NAMES = ['customer', 'status', 'note', 'id', 'qty', 'k', 'raw', 'tags', 'nested', 'when'];
const SYMBOLS = ['NEW', 'PACKED', 'SHIPPED', 'c1', 'needle'];

type Next = () => number;
const pick = <T>(next: Next, list: readonly T[]): T => list[Math.floor(next() * list.length)];
const text = (next: Next) => Array.from({ length: Math.floor(next() * 5) }, () => pick(next, PIECES)).join('');

/** A random Avro type (as schema JSON) and a generator of its readable values. */
function randomType(next: Next, depth: number, names: { count: number }): { schema: unknown; value: () => unknown } {
  const kinds = depth > 2 ? 9 : 13;
  switch (Math.floor(next() * kinds)) {
    case 0:
    case 1:
      return { schema: 'string', value: () => text(next) };
    case 2:
      return { schema: 'int', value: () => Math.floor((next() - 0.5) * 2 ** 20) };
    case 3:
      return { schema: 'long', value: () => pick(next, [0, -1, 2 ** 52, '9223372036854775807', 1234567]) };
    case 4:
      return { schema: 'double', value: () => pick(next, [0, 1.5e300, -2.5, 'NaN', '-Infinity']) };
    case 5:
      return { schema: 'bytes', value: () => Buffer.from(text(next)).toString('base64') };
    case 6: {
      const symbols = SYMBOLS.slice(0, 2 + Math.floor(next() * 3));
      return { schema: { type: 'enum', name: `E${names.count++}`, symbols }, value: () => pick(next, symbols) };
    }
    case 7:
      return { schema: { type: 'long', logicalType: 'timestamp-millis' }, value: () => new Date(Math.floor(next() * 4e12)).toISOString() };
    case 8:
      return { schema: { type: 'string', logicalType: 'uuid' }, value: () => '0b4c8a7e-5d1f-4c1a-9d3e-2f6a8b9c0d1e' };
    case 9: {
      const items = randomType(next, depth + 1, names);
      return { schema: { type: 'array', items: items.schema }, value: () => Array.from({ length: Math.floor(next() * 3) }, items.value) };
    }
    case 10: {
      const values = randomType(next, depth + 1, names);
      return { schema: { type: 'map', values: values.schema }, value: () => Object.fromEntries(Array.from({ length: Math.floor(next() * 3) }, () => [text(next), values.value()])) };
    }
    case 11: {
      const inner = randomType(next, depth + 1, names);
      return { schema: ['null', inner.schema], value: () => (next() < 0.3 ? null : inner.value()) };
    }
    default: {
      const fields = [...new Set(Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(next, NAMES)))].map((name) => ({ name, ...randomType(next, depth + 1, names) }));
      return {
        schema: { type: 'record', name: `R${names.count++}`, fields: fields.map(({ name, schema }) => ({ name, type: schema })) },
        value: () => Object.fromEntries(fields.map(({ name, value }) => [name, value()])),
      };
    }
  }
}

describe('a search with the Avro filter finds what decoding every record finds', function () {
  this.timeout(120_000);
  it('on random schemas, records (some framed, some damaged) and needles, either case', async () => {
    const next = random(23);
    let skipped = 0;
    let matched = 0;
    let filtered = 0;
    for (let round = 0; round < 150; round++) {

      const type = randomType(next, 0, { count: 0 });
      const schemaText = JSON.stringify(type.schema);
      const schema = parseAvroSchema(schemaText);
      const records: { key: Buffer | null; value: Buffer }[] = [];
      for (let i = 0; i < 30; i++) {
        let bytes = Buffer.from(encodeAvro(type.value(), schema));
        // Confluent framing with any id (no registry: the mapped schema reads the payload).
        if (next() < 0.2) bytes = Buffer.concat([Buffer.from([0]), Buffer.from(pick(next, ['ne\u0000', 'abcd', '\u0000\u0000\u0000\u0001']).padEnd(4, 'x'), 'latin1'), bytes]);
        // Cut short, or a byte changed: matched as its bytes' text when it cannot be read.
        if (next() < 0.15 && bytes.length > 1) bytes = bytes.subarray(0, Math.floor(next() * bytes.length));
        else if (next() < 0.15) {
          bytes = Buffer.from(bytes);
          bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
        }
        records.push({ key: null, value: bytes });
      }
      const decoder = new SchemaDecoder({ value: { path: 's.avsc', format: 'avro' }, readFile: () => Promise.resolve(schemaText) });
      const plain = await decoder.searchTexts(records);
      for (let n = 0; n < 12; n++) {
        // Pieces of what was printed (so some match), or of the pieces strings are made of.
        const printed = plain[Math.floor(next() * plain.length)].value ?? records[0].value.toString('utf8');
        const at = Math.floor(next() * printed.length);
        const pattern = next() < 0.6 ? printed.slice(at, at + 1 + Math.floor(next() * 8)) : text(next) || 'x';
        if (pattern.length === 0) continue;
        const query: SearchQuery = { pattern, caseSensitive: next() < 0.5, fields: ['value'] };
        const filter = avroSearchFilter(query);
        if (filter(schema) !== undefined) filtered++;
        const texts = await decoder.searchTexts(records, filter);
        const compiled = compileQuery(query);
        records.forEach((record, i) => {
          const expected = compiled.matches({ key: null, value: plain[i].value ?? record.value, headers: () => [] });
          const actual = compiled.matches({ key: null, value: texts[i].value ?? record.value, headers: () => [] });
          assert.strictEqual(actual, expected, `schema ${schemaText}, ${JSON.stringify(query)}, record ${record.value.toString('hex')}: ${JSON.stringify(plain[i].value)}`);
          if (expected) matched++;
          if (texts[i].value === '') skipped++;
        });
      }
    }
    // Not vacuous: the filter applied, spared decoding, and matches were found.
    assert.ok(filtered > 300 && skipped > 10_000 && matched > 3000, `filtered ${filtered}, skipped ${skipped}, matched ${matched}`);
  });
});
