// The produce tab's values encoded with the topic's schema, and each misfit marked at its field
// (offsets in the document). The bytes themselves are checked against Apache Avro in the
// Kafka and editor levels; here, where the marks land and what they say.

import * as assert from 'assert';
import { parseProduceDocument } from '../../src/kafka/produceDocument';
import { schemaEncoder, type SchemaEncoder } from '../../src/schemas/encoder';
import { encodeProduceValues } from '../../src/schemas/produceValues';
import { ORDER_AVRO, ORDERS_PROTO } from '../schemas/fixtures';

const JSON_SCHEMA = JSON.stringify({ title: 'Parcel', type: 'object', required: ['qty'], properties: { qty: { type: 'integer', minimum: 1 }, tags: { type: 'array', items: { type: 'string' } } } });

function encoderFor(path: string, text: string, message?: string): Promise<SchemaEncoder> {
  const files: Record<string, string> = { [path]: text };
  return schemaEncoder({ topic: 'orders', ref: { path, format: path.endsWith('.avsc') ? 'avro' : path.endsWith('.proto') ? 'protobuf' : 'json-schema', ...(message ? { message } : {}) }, readFile: async (file) => files[file] }) as Promise<SchemaEncoder>;
}

function marks(text: string, encoder: SchemaEncoder) {
  const document = parseProduceDocument(text);
  assert.deepStrictEqual(document.problems, []);
  const { values, problems } = encodeProduceValues(text, document, encoder);
  return { values, problems: problems.map((p) => ({ at: text.slice(p.offset, p.offset + p.length), line: p.line, column: p.column, message: p.message })) };
}

describe('produce tab values encoded with a schema', () => {
  it('refuses an integer a JSON number cannot hold exactly, naming it and the string to write, and takes digits elsewhere', async () => {
    const avro = await encoderFor('s.avsc', JSON.stringify({ type: 'record', name: 'L', fields: [{ name: 'n', type: 'long' }, { name: 'note', type: 'string' }, { name: 'x', type: 'double' }] }));
    assert.throws(() => avro.encode('{"n": -9007199254740993, "note": "", "x": 0}'), {
      message: 'the number -9007199254740993 is past what a JSON number holds exactly (2^53): it would be sent as -9007199254740992. Write it as a string, "-9007199254740993", as peek shows such a long.',
    });
    // In a string, in a fraction or an exponent, or at 2^53 - 1: nothing is lost by JSON.
    const fine = (json: string) => assert.doesNotThrow(() => avro.encode(json), json);
    fine('{"n": "-9007199254740993", "note": "12345678901234567890", "x": 0}');
    fine('{"n": 9007199254740991, "note": "", "x": 1.12345678901234567890}');
    fine('{"n": 1, "note": "", "x": 1e-12345678901234567}');
    fine('{"n": -9007199254740991, "note": "\\"12345678901234567890", "x": 12345678901234567.5}');
  });


  it('encodes each Avro value (a tombstone stays null) and marks a misfit at its field, naming the message and the schema', async () => {
    const avro = await encoderFor('schemas/order.avsc', JSON.stringify(ORDER_AVRO));
    const good = '[\n  {"key": "a", "value": {"id": "o-1", "total": "12.50", "at": "2026-01-31T12:00:00.000Z"}},\n  {"key": "b", "value": null}\n]';
    const sent = marks(good, avro);
    assert.deepStrictEqual(sent.problems, []);
    assert.strictEqual(sent.values.length, 2);
    assert.strictEqual(sent.values[1], null);
    assert.deepStrictEqual(sent.values[0], avro.encode('{"id": "o-1", "total": "12.50", "at": "2026-01-31T12:00:00.000Z"}'));

    const bad = '[\n  {"value": {"id": "o-1", "total": "12.50", "at": "2026-01-31T12:00:00.000Z"}},\n  {"value": {"id": "o-2", "total": "x", "at": "2026-01-31T12:00:00.000Z"}}\n]';
    assert.deepStrictEqual(marks(bad, avro), {
      values: [],
      problems: [{ at: '"x"', line: 3, column: 36, message: 'Message 2\'s value does not fit avro acme.Order from schemas/order.avsc: $.total: "x" is not a valid decimal' }],
    });
    // A field the record does not have is marked at that field; one it needs, at the record.
    const unknown = '{"value": {"id": "o-1", "total": "1", "at": "2026-01-31T12:00:00.000Z", "note": 7}}';
    assert.deepStrictEqual(marks(unknown, avro).problems.map((p) => [p.at, p.message]), [['7', 'The value does not fit avro acme.Order from schemas/order.avsc: $: acme.Order has no field "note"']]);
    const missing = '{"value": {"id": "o-1", "at": "2026-01-31T12:00:00.000Z"}}';
    assert.deepStrictEqual(marks(missing, avro).problems.map((p) => [p.at, p.message]), [['{"id": "o-1", "at": "2026-01-31T12:00:00.000Z"}', 'The value does not fit avro acme.Order from schemas/order.avsc: $: field "total" is missing and has no default']]);
    // A string value is the JSON string it is written as, not its text: not an Order.
    assert.deepStrictEqual(marks('{"value": "{\\"id\\": 1}"}', avro).problems.map((p) => p.at), ['"{\\"id\\": 1}"']);
  });

  it('marks a Protobuf misfit inside a map, and every JSON Schema violation at its own field', async () => {
    const proto = await encoderFor('acme/orders.proto', ORDERS_PROTO, 'acme.Shipment');
    const text = '{"value": {"orderId": "o-1", "shippedAt": "yesterday", "weights": {"a": "1"}}}';
    assert.deepStrictEqual(marks(text, proto).problems.map((p) => [p.at, p.message]), [['"yesterday"', 'The value does not fit protobuf acme.Shipment from acme/orders.proto: $.shippedAt: "yesterday" is not an RFC 3339 timestamp']]);

    // protobufjs would coerce these ("abc" to 0, 1.5 to 1, 5 to "5", a 12-digit int32 cut): each is refused at its place.
    const scalars = await encoderFor('s.proto', 'syntax = "proto3"; package p; enum Colour { RED = 0; BLUE = 1; } message S { int32 n = 1; string s = 2; repeated int64 r = 3; Colour c = 4; }');
    for (const [value, at, why] of [
      ['{"n": "abc"}', '"abc"', '$.n: "abc" is not an int32'],
      ['{"n": 1.5}', '1.5', '$.n: 1.5 is not an int32'],
      ['{"n": 99999999999}', '99999999999', '$.n: 99999999999 is not an int32'],
      ['{"s": 5}', '5', '$.s: 5 is not a string'],
      ['{"r": ["1", "x"]}', '"x"', '$.r[1]: "x" is not an int64'],
      ['{"c": "GREEN"}', '"GREEN"', '$.c: "GREEN" is not a Colour (RED, BLUE)'],
    ]) assert.deepStrictEqual(marks(`{"value": ${value}}`, scalars).problems.map((p) => [p.at, p.message]), [[at, `The value does not fit protobuf p.S from s.proto: ${why}`]]);

    const json = await encoderFor('schemas/parcel.schema.json', JSON_SCHEMA);
    const parcel = '{"value": {"qty": 0, "tags": ["a", 5]}}';
    assert.deepStrictEqual(marks(parcel, json).problems.map((p) => [p.at, p.message]), [
      ['0', 'The value does not fit json-schema Parcel from schemas/parcel.schema.json: /qty must be >= 1'],
      ['5', 'The value does not fit json-schema Parcel from schemas/parcel.schema.json: /tags/1 must be string'],
    ]);
    assert.deepStrictEqual(marks('{"value": {"qty": 2, "tags": ["a/b"]}}', json).values.map((v) => v?.toString()), ['{"qty": 2, "tags": ["a/b"]}']);
  });
});
