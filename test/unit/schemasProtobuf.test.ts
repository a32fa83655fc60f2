// Protobuf decoding checked against Google's own: protoc compiles the .proto files to a
// descriptor set, protobuf-java's JsonFormat.parser() writes each message's bytes from JSON and
// JsonFormat.printer() gives the expected canonical JSON (test/schemas/java/SchemaTruth.java).

import * as assert from 'assert';
import { decodeProto, encodeProto, loadProto, ProtoError, protoMessage, ProtoSchema } from '../../src/schemas/protobuf';
import { SchemaTruth, TRUTH_SETUP_MS } from '../schemas/truth';

const FILES: Record<string, string> = {
  'acme/common/money.proto': `syntax = "proto3";
package acme.common;
message Money {
  string currency_code = 1;
  int64 units = 2;
  int32 nanos = 3;
}
enum Level { LEVEL_UNSPECIFIED = 0; LOW = 1; HIGH = 2; }
`,
  'acme/orders.proto': `syntax = "proto3";
package acme;
import "acme/common/money.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/duration.proto";
import "google/protobuf/wrappers.proto";
import "google/protobuf/struct.proto";
import "google/protobuf/field_mask.proto";
import "google/protobuf/empty.proto";

// The first message of the file: Confluent's message index [0].
message Order {
  string id = 1;
  acme.common.Money total = 2;
  message Line {
    string sku = 1;
    uint32 qty = 2;
    message Note { string text = 1; }
    Note note = 3;
  }
  repeated Line lines = 3;
  enum Status { STATUS_UNSPECIFIED = 0; NEW = 1; PAID = 2; }
  Status status = 4;
  oneof payment {
    string card = 5;
    bytes token = 6;
  }
  map<string, int64> counts = 7;
  google.protobuf.Timestamp created_at = 8;
  google.protobuf.Duration ttl = 9;
  google.protobuf.Int64Value big = 10;
  google.protobuf.StringValue note = 11;
  google.protobuf.BoolValue flag = 12;
  optional int32 maybe = 13;
  double ratio = 14;
  float f = 15;
  sint64 delta = 16;
  fixed64 fx = 17;
  map<int32, Line> by_id = 18;
  google.protobuf.Struct extra = 19;
  google.protobuf.FieldMask mask = 20;
  int32 field_with_1 = 21;
  string json_named = 22 [json_name = "customName"];
  acme.common.Level level = 23;
  repeated sfixed32 samples = 24;
  google.protobuf.Empty nothing = 25;
  google.protobuf.UInt64Value counter = 26;
  google.protobuf.BytesValue blob = 27;
  map<bool, string> flags = 28;
}

message Shipment {
  string order_id = 1;
  google.protobuf.Timestamp shipped_at = 2;
}
`,
};

/** Canonical JSON inputs for JsonFormat.parser(), chosen for the mapping's edges. */
const ORDERS = [
  {
    id: 'o-1',
    total: {
      currencyCode: 'EUR',
      units: '9007199254740993',
      nanos: -500000000,
    },
    lines: [{ sku: 'A', qty: 4294967295, note: { text: 'ü' } }, { sku: 'B' }],
    status: 'PAID',
    card: '4111',
    counts: { a: '1', b: '-9223372036854775808' },
    createdAt: '2026-01-31T12:34:56.789Z',
    ttl: '-1.000000500s',
    big: '0',
    note: '',
    flag: false,
    maybe: 0,
    ratio: 0.1,
    f: 1.1,
    delta: '-5',
    fx: '18446744073709551615',
    byId: { '7': { sku: 'S' }, '-1': {} },
    extra: {
      s: 'x',
      n: 1.5,
      b: true,
      z: null,
      l: [1, 'two', { deep: [] }],
      o: {},
    },
    mask: 'fooBar,baz.quxQuux',
    fieldWith1: 3,
    customName: 'named',
    level: 'HIGH',
    samples: [-1, 0, 2147483647],
    nothing: {},
    counter: '18446744073709551615',
    blob: 'AAH+/w==',
    flags: { true: 'yes', false: 'no' },
  },
  {
    id: 'o-2',
    token: 'AAEC',
    createdAt: '1969-12-31T23:59:59.999999999Z',
    ttl: '0s',
    ratio: -1e-300,
    f: -3.4028235e38,
  },
  {
    id: 'o-3',
    card: '',
    createdAt: '2026-01-31T12:00:00Z',
    ttl: '315576000000.999999999s',
    f: 0.3,
    extra: {},
  },
  {},
];

describe('Protobuf (checked against protoc and protobuf-java JsonFormat)', function () {
  this.timeout(TRUTH_SETUP_MS);
  let truth: SchemaTruth;
  let descriptorSet: string;
  let schema: ProtoSchema;
  const read = async (path: string) => FILES[path];

  before(async () => {
    truth = await SchemaTruth.start();
    descriptorSet = await truth.descriptorSet(FILES, 'acme/orders.proto');
    schema = await loadProto('acme/orders.proto', read);
  });
  after(() => truth?.stop());

  it('decodes nested messages, enums, oneof, maps, imports and well-known types to the canonical JSON JsonFormat prints', async () => {
    const order = protoMessage(schema, 'acme.Order');
    for (const json of ORDERS) {
      const bytes = await truth.protoEncode(descriptorSet, 'acme.Order', json);
      const expected = await truth.protoDecode(descriptorSet, 'acme.Order', bytes);
      assert.deepStrictEqual(decodeProto(bytes, order), expected);
      // And back: our encoding of the canonical JSON reads as the same message in Java.
      assert.deepStrictEqual(await truth.protoDecode(descriptorSet, 'acme.Order', encodeProto(expected, order)), expected);
    }
  });

  it('finds the message by short name, full name and Confluent message indexes, including nested ones', () => {
    assert.deepStrictEqual(schema.topLevel, ['acme.Order', 'acme.Shipment']);
    assert.strictEqual(protoMessage(schema, 'Shipment').fullName, '.acme.Shipment');
    assert.strictEqual(protoMessage(schema).fullName, '.acme.Order');
    assert.strictEqual(protoMessage(schema, undefined, [1]).fullName, '.acme.Shipment');
    assert.strictEqual(protoMessage(schema, undefined, [0, 0, 0]).fullName, '.acme.Order.Line.Note');
    assert.throws(() => protoMessage(schema, undefined, [2]), /no message at index 2/);
    assert.throws(() => protoMessage(schema, 'acme.Nope'), /no message acme\.Nope/);
  });

  it('says which file and line do not parse, which import is missing, and which bytes are not the message', async () => {
    await assert.rejects(
      loadProto('bad.proto', async (p) => (p === 'bad.proto' ? 'syntax = "proto3";\nmessage X {\n  string a = ;\n}\n' : undefined)),
      (e: unknown) => e instanceof ProtoError && e.file === 'bad.proto' && e.line === 3,
    );
    await assert.rejects(
      loadProto('a.proto', async (p) => (p === 'a.proto' ? 'syntax = "proto3";\nimport "missing/b.proto";\nmessage A {}\n' : undefined)),
      (e: unknown) => e instanceof ProtoError && /import "missing\/b\.proto" not found/.test(e.message),
    );
    await assert.rejects(
      loadProto('u.proto', async (p) => (p === 'u.proto' ? 'syntax = "proto3";\nmessage A { Unknown u = 1; }\n' : undefined)),
      (e: unknown) => e instanceof ProtoError && /Unknown/.test(e.message),
    );
    const order = protoMessage(schema, 'acme.Order');
    const bytes = await truth.protoEncode(descriptorSet, 'acme.Order', ORDERS[0]);
    assert.throws(() => decodeProto(bytes.subarray(0, bytes.length - 2), order), /index out of range|invalid|truncat/i);
    assert.throws(() => decodeProto(Buffer.from([0x0f, 0x01]), order), /wire type|invalid/i);
  });
});
