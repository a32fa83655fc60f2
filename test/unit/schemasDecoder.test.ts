// Keys and values read with schemas, one message at a time: Confluent framing read against the
// documented byte layout, a registry served with the request and answer shapes of Confluent's
// API reference, workspace schemas, and every bad input on its own message. Payload bytes and
// expected JSON come from Apache Avro and protobuf-java (test/schemas/truth.ts).

import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { decodeBytes } from '../../src/kafka/decode';
import type { DecodedBytes, PeekedMessage, SearchOptions, SearchRequest } from '../../src/kafka/types';
import { decodingCluster, SchemaDecoder } from '../../src/schemas/decoder';
import { parseSchemaRef, readSchemaMappings, schemasForTopic } from '../../src/schemas/mapping';
import { RegistryClient } from '../../src/schemas/registry';
import { FrameError, readFrame, writeFrame } from '../../src/schemas/wireFormat';
import { startRegistry } from '../schemas/fakeRegistry';
import { SchemaTruth, TRUTH_SETUP_MS } from '../schemas/truth';

const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');

describe('Confluent wire format', () => {
  it('reads magic byte 0, a big-endian 4-byte id and the payload', () => {
    const frame = readFrame(hex('00 00 00 01 02 aa bb'), false);
    assert.strictEqual(frame.schemaId, 258);
    assert.deepStrictEqual(Buffer.from(frame.payload), hex('aa bb'));
  });

  it('reads the Protobuf message-index list: zigzag count then indexes, and the single 0 byte for [0]', () => {
    const cases: [string, number[]][] = [
      ['00', [0]],
      ['02 02', [1]],
      ['06 00 00 00', [0, 0, 0]],
      ['04 02 04', [1, 2]],
      ['02 90 03', [200]],
    ];
    for (const [indexes, expected] of cases) {
      const frame = readFrame(Buffer.concat([hex('00 00 00 00 07'), hex(indexes), hex('08 01')]), true);
      assert.deepStrictEqual([frame.schemaId, frame.messageIndexes, Buffer.from(frame.payload).toString('hex')], [7, expected, '0801'], indexes);
      assert.strictEqual(writeFrame(7, hex('08 01'), expected).toString('hex'), `0000000007${indexes.replace(/ /g, '')}0801`);
    }
    // A writer may also spell [0] out as count 1, index 0.
    assert.deepStrictEqual(readFrame(hex('00 00 00 00 07 02 00 08 01'), true).messageIndexes, [0]);
  });

  it('names what is wrong: magic byte, too short, index list past the end, negative or huge counts', () => {
    assert.throws(() => readFrame(hex('01 00 00 00 07 aa'), false), /magic byte is 1, not 0/);
    assert.throws(() => readFrame(hex('00 00 00 07'), false), /4 bytes is too short/);
    assert.throws(() => readFrame(hex('00 00 00 00 07 04 02'), true), (e: unknown) => e instanceof FrameError && e.message === 'the message-index list is corrupt at byte 7: it ends inside a message index (1 bytes, 0 left)');
    assert.throws(() => readFrame(hex('00 00 00 00 07 02 ff ff ff ff ff'), true), (e: unknown) => e instanceof FrameError && e.message === 'the message-index list is corrupt at byte 6: a message index is longer than a 32-bit varint');
    assert.throws(() => readFrame(hex('00 00 00 00 07 01'), true), /count -1/);
    assert.throws(() => readFrame(hex('00 00 00 00 07 ff ff ff ff 0f'), true), /count -2147483648|longer than|not between/);
  });
});

describe('schema references and the topic mapping setting', () => {
  it('parses paths with the format from the ending and the message after #', () => {
    assert.deepStrictEqual(parseSchemaRef('proto/orders.proto#acme.Order'), { path: 'proto/orders.proto', format: 'protobuf', message: 'acme.Order' });
    assert.deepStrictEqual(parseSchemaRef('schemas/order.avsc'), { path: 'schemas/order.avsc', format: 'avro' });
    assert.deepStrictEqual(parseSchemaRef('schemas/order.schema.json'), { path: 'schemas/order.schema.json', format: 'json-schema' });
    assert.throws(() => parseSchemaRef('schemas/order.txt'), /\.avsc \(Avro\), \.proto \(Protobuf\) or \.schema\.json/);
    assert.throws(() => parseSchemaRef('schemas/order.avsc#X'), /only applies to \.proto/);
  });

  it('keeps the good entries of a hostile setting, with one problem per bad entry', () => {
    const { mappings, problems } = readSchemaMappings([
      { topics: 'orders*', value: 'a.avsc' },
      'nope',
      { topics: [], value: 'b.avsc' },
      { topics: 'x', key: 7 },
      { topics: 'y' },
      { topics: ['pay.*', 'orders'], key: 'k.proto#acme.K', value: 'v.schema.json' },
    ]);
    assert.strictEqual(mappings.length, 2);
    assert.deepStrictEqual(problems, [
      'upsunKafka.schemas[1] must be an object with "topics" and "key" or "value"',
      'upsunKafka.schemas[2].topics must be a topic name or glob, or a list of them',
      'upsunKafka.schemas[3].key must be a schema file path',
      'upsunKafka.schemas[4] names neither a "key" nor a "value" schema',
    ]);
    assert.deepStrictEqual(schemasForTopic(mappings, 'orders'), { key: { path: 'k.proto', format: 'protobuf', message: 'acme.K' }, value: { path: 'a.avsc', format: 'avro' } });
    assert.deepStrictEqual(schemasForTopic(mappings, 'pay.in'), { key: { path: 'k.proto', format: 'protobuf', message: 'acme.K' }, value: { path: 'v.schema.json', format: 'json-schema' } });
    assert.deepStrictEqual(schemasForTopic(mappings, 'other'), {});
    assert.deepStrictEqual(readSchemaMappings({}).problems, ['upsunKafka.schemas must be a list of { "topics", "key", "value" } entries']);
  });
});

const WRITER = {
  type: 'record',
  name: 'Order',
  namespace: 'acme',
  fields: [
    { name: 'id', type: 'int' },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
  ],
};
const READER = {
  type: 'record',
  name: 'Order',
  namespace: 'acme',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
};
const MONEY = 'syntax = "proto3";\npackage acme.common;\nmessage Money { string currency_code = 1; int64 units = 2; }\n';
const ORDERS = `syntax = "proto3";
package acme;
import "acme/common/money.proto";
import "google/protobuf/timestamp.proto";
message Order { string id = 1; acme.common.Money total = 2; }
message Shipment { string order_id = 1; google.protobuf.Timestamp shipped_at = 2; message Parcel { int32 weight = 1; } }
`;
const PROTO_FILES = { 'acme/common/money.proto': MONEY, 'acme/orders.proto': ORDERS };
const ORDER_JSON_SCHEMA = JSON.stringify({ title: 'Order', type: 'object', required: ['id'], properties: { id: { type: 'string' }, qty: { type: 'integer', minimum: 1 } } });

/** The workspace as the decoder sees it. */
const WORKSPACE: Record<string, string> = {
  'schemas/order-v2.avsc': JSON.stringify(READER),
  'schemas/order.avsc': JSON.stringify(WRITER),
  'proto/acme/common/money.proto': MONEY,
  'proto/acme/orders.proto': ORDERS,
  'proto/broken.proto': 'syntax = "proto3";\nmessage Broken {\n  string a = ;\n}\n',
  'schemas/order.schema.json': ORDER_JSON_SCHEMA,
};
const readFile = async (p: string) => WORKSPACE[p];

function message(value: Buffer | null, offset = 0): PeekedMessage {
  return { topic: 'orders', partition: 0, offset: String(offset), timestamp: null, timestampMs: '-1', key: decodeBytes(Buffer.from('k')), value: decodeBytes(value), headers: [] };
}

function json(bytes: DecodedBytes | null): unknown {
  assert.ok(bytes?.schema, 'decoded with a schema');
  assert.strictEqual(bytes.schema.problem, undefined, bytes.schema.problem);
  return JSON.parse(bytes.text);
}

describe('decoding messages with schemas (bytes and expected JSON from Avro and protobuf-java)', function () {
  this.timeout(TRUTH_SETUP_MS);
  let truth: SchemaTruth;
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let descriptorSet: string;
  before(async () => {
    truth = await SchemaTruth.start();
    registry = await startRegistry({
      '/schemas/ids/1': { schema: JSON.stringify(WRITER) },
      '/schemas/ids/2': { schemaType: 'PROTOBUF', schema: ORDERS, references: [{ name: 'acme/common/money.proto', subject: 'money.proto', version: 1 }] },
      '/subjects/money.proto/versions/1': { subject: 'money.proto', id: 3, version: 1, schemaType: 'PROTOBUF', schema: MONEY },
      '/schemas/ids/4': { schemaType: 'JSON', schema: ORDER_JSON_SCHEMA },
      '/schemas/ids/7': 'hang',
      '/schemas/ids/8': { schema: 'x'.repeat(5 * 1024 * 1024) },
    });
    descriptorSet = await truth.descriptorSet(PROTO_FILES, 'acme/orders.proto');
  });
  after(async () => {
    truth?.stop();
    await registry?.close();
  });

  const client = (auth = true, timeoutMs = 5000) => new RegistryClient({ url: registry.url, timeoutMs, ...(auth ? { auth: { kind: 'basic' as const, username: 'ada', password: 's3cret' } } : {}) });

  it('reads framed Avro with the registry writer schema resolved to the workspace reader schema, and framed Protobuf by its message indexes', async () => {
    const avroBytes = await truth.avroEncode(WRITER, { id: 42, amount: Buffer.from([0x30, 0x39]).toString('latin1') });
    const shipment = { orderId: 'o-1', shippedAt: '2026-01-31T12:34:56.500Z' };
    const protoBytes = await truth.protoEncode(descriptorSet, 'acme.Shipment', shipment);
    const parcel = await truth.protoEncode(descriptorSet, 'acme.Shipment.Parcel', { weight: 3 });
    const decoder = new SchemaDecoder({ value: parseSchemaRef('schemas/order-v2.avsc'), registry: client(), readFile });
    const [avro, proto, nested, plain] = await decoder.decodeMessages([
      message(Buffer.concat([hex('00 00 00 00 01'), avroBytes])),
      message(Buffer.concat([hex('00 00 00 00 02 02 02'), protoBytes])),
      message(Buffer.concat([hex('00 00 00 00 02 04 02 00'), parcel])),
      message(Buffer.from('{"plain": true}')),
    ]);
    assert.deepStrictEqual(json(avro.value), await truth.avroDecode(avroBytes, WRITER, READER));
    assert.deepStrictEqual(avro.value!.schema, { format: 'avro', name: 'acme.Order', source: `${registry.url} → schemas/order-v2.avsc`, schemaId: 1 });
    assert.deepStrictEqual(json(proto.value), await truth.protoDecode(descriptorSet, 'acme.Shipment', protoBytes));
    assert.deepStrictEqual(proto.value!.schema, { format: 'protobuf', name: 'acme.Shipment', source: registry.url, schemaId: 2 });
    assert.deepStrictEqual(json(nested.value), await truth.protoDecode(descriptorSet, 'acme.Shipment.Parcel', parcel));
    // Raw bytes stay: the base64 is the record's, frame and all.
    assert.strictEqual(proto.value!.base64, Buffer.concat([hex('00 00 00 00 02 02 02'), protoBytes]).toString('base64'));
    // Not framed, so read with the mapped Avro schema, which it does not fit: the reason, and the text as before.
    assert.match(plain.value!.schema!.problem!, /^the bytes are not an Avro acme\.Order: /);
    assert.strictEqual(plain.value!.text, '{\n  "plain": true\n}');
    // Nothing mapped for keys: as before.
    assert.strictEqual(plain.key!.schema, undefined);
    // The registry was asked once per id, the reference once.
    const asked = await Promise.all([decoder.decodeMessages([message(Buffer.concat([hex('00 00 00 00 01'), avroBytes]))])]);
    assert.ok(asked);
    assert.deepStrictEqual(
      registry.requests.filter((r) => r.includes('/schemas/ids/1 ') || r.includes('/subjects/')).map((r) => r.split(' ')[1]),
      ['/schemas/ids/1', '/subjects/money.proto/versions/1'],
    );
  });

  it('reads unframed and framed records with workspace schemas alone (imports from the workspace), showing the id', async () => {
    const avroBytes = await truth.avroEncode(WRITER, { id: -3, amount: '\u00ff' });
    const orderJson = { id: 'o-9', total: { currencyCode: 'EUR', units: '-12' } };
    const protoBytes = await truth.protoEncode(descriptorSet, 'acme.Order', orderJson);
    const avro = new SchemaDecoder({ value: parseSchemaRef('schemas/order.avsc'), readFile });
    const [plain, framed] = await avro.decodeMessages([message(avroBytes), message(Buffer.concat([hex('00 00 00 00 09'), avroBytes]))]);
    assert.deepStrictEqual(json(plain.value), await truth.avroDecode(avroBytes, WRITER));
    assert.deepStrictEqual(json(framed.value), await truth.avroDecode(avroBytes, WRITER));
    assert.strictEqual(framed.value!.schema!.schemaId, 9);
    const proto = new SchemaDecoder({ value: parseSchemaRef('proto/acme/orders.proto#acme.Order'), readFile });
    const [p1, p2] = await proto.decodeMessages([message(Buffer.from(protoBytes)), message(Buffer.concat([hex('00 00 00 00 05 00'), protoBytes]))]);
    assert.deepStrictEqual(json(p1.value), await truth.protoDecode(descriptorSet, 'acme.Order', protoBytes));
    assert.deepStrictEqual(json(p2.value), await truth.protoDecode(descriptorSet, 'acme.Order', protoBytes));
    assert.strictEqual(p2.value!.schema!.schemaId, 5);
  });

  it('checks JSON against a JSON Schema and names the failing path', async () => {
    const decoder = new SchemaDecoder({ value: parseSchemaRef('schemas/order.schema.json'), readFile });
    const [good, bad, notJson] = await decoder.decodeMessages([message(Buffer.from('{"id":"a","qty":2}')), message(Buffer.from('{"qty":0}')), message(Buffer.from('qty'))]);
    assert.deepStrictEqual(good.value!.schema, { format: 'json-schema', name: 'Order', source: 'schemas/order.schema.json' });
    assert.deepStrictEqual(bad.value!.schema!.violations, [
      { path: '', message: "must have required property 'id'" },
      { path: '/qty', message: 'must be >= 1' },
    ]);
    assert.strictEqual(notJson.value!.schema!.problem, 'the payload is not JSON text');
    assert.strictEqual(notJson.value!.text, 'qty');
  });

  it('gives each bad record its own reason and keeps its bytes; the other records decode', async () => {
    const avroBytes = await truth.avroEncode(WRITER, { id: 1, amount: '\u00ff' });
    const good = Buffer.concat([hex('00 00 00 00 01'), avroBytes]);
    const cases: [string, Buffer, RegExp][] = [
      ['unknown id', Buffer.concat([hex('00 00 00 00 63'), avroBytes]), /answered HTTP 404 for \/schemas\/ids\/99: Schema 99 not found \(40403\)/],
      ['truncated payload', Buffer.concat([hex('00 00 00 00 01'), avroBytes.subarray(0, 1)]), /truncated|invalid/i],
      ['truncated frame', hex('00 00 00 00'), /./],
      ['registry too large an answer', Buffer.concat([hex('00 00 00 00 08'), avroBytes]), /more than 4194304 bytes/],
    ];
    const decoder = new SchemaDecoder({ registry: client(), readFile });
    const decoded = await decoder.decodeMessages([message(good, 0), ...cases.map(([, bytes], i) => message(bytes, i + 1))]);
    assert.strictEqual(decoded[0].value!.schema!.problem, undefined);
    cases.forEach(([what, bytes, reason], i) => {
      const value = decoded[i + 1].value!;
      if (what === 'truncated frame') {
        // Four bytes cannot be a frame: shown as they were, no schema claimed.
        assert.strictEqual(value.schema, undefined, what);
      } else assert.match(value.schema?.problem ?? '', reason, what);
      assert.strictEqual(value.base64, bytes.toString('base64'), what);
      assert.strictEqual(value.text, decodeBytes(bytes)!.text, what);
    });
  });

  it('says when the registry refuses the credentials, is slow or is down', async () => {
    const avroBytes = await truth.avroEncode(WRITER, { id: 1, amount: '\u00ff' });
    const framed = Buffer.concat([hex('00 00 00 00 01'), avroBytes]);
    const refused = await new SchemaDecoder({ registry: client(false), readFile }).decode(decodeBytes(framed), undefined);
    assert.match(refused!.schema!.problem!, /refused the credentials \(HTTP 401\)/);
    const slow = await new SchemaDecoder({ registry: client(true, 300), readFile }).decode(decodeBytes(Buffer.concat([hex('00 00 00 00 07'), avroBytes])), undefined);
    assert.match(slow!.schema!.problem!, /did not answer within 0\.3 s/);
    const down = http.createServer();
    const port = await new Promise<number>((resolve) => down.listen(0, '127.0.0.1', () => resolve((down.address() as AddressInfo).port)));
    await new Promise((resolve) => down.close(resolve));
    const gone = await new SchemaDecoder({ registry: new RegistryClient({ url: `http://127.0.0.1:${port}` }), readFile }).decode(decodeBytes(framed), undefined);
    assert.match(gone!.schema!.problem!, /could not reach the schema registry at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
  });

  it('gives search the decoded JSON of each key and value it can read, whole, and nothing for the others; the registry asked once per id', async () => {
    const avroBytes = await truth.avroEncode(WRITER, { id: 4242, amount: Buffer.from([0x30, 0x39]).toString('latin1') });
    const framed = Buffer.concat([hex('00 00 00 00 01'), avroBytes]);
    const noted = await truth.avroEncode(READER, { id: 7, amount: '\u00ff', note: { string: 'c-42' } });
    const decoder = new SchemaDecoder({ value: parseSchemaRef('schemas/order-v2.avsc'), registry: client(), readFile });
    const before = registry.requests.filter((r) => r.includes('/schemas/ids/1 ')).length;
    const texts = await decoder.searchTexts([
      { key: Buffer.from('k'), value: framed },
      { key: null, value: noted },
      { key: null, value: Buffer.concat([hex('00 00 00 00 63'), avroBytes]) },
      { key: null, value: Buffer.concat([hex('00 00 00 00 01'), avroBytes.subarray(0, 1)]) },
      { key: null, value: null },
      { key: null, value: framed },
    ]);
    const [shownFramed, shownNoted] = (await decoder.decodeMessages([message(framed), message(noted)])).map((m) => m.value!.text);
    assert.deepStrictEqual(JSON.parse(shownFramed), await truth.avroDecode(avroBytes, WRITER, READER));
    assert.deepStrictEqual(JSON.parse(shownNoted), await truth.avroDecode(noted, READER));
    // What the view shows; the key has no schema, the unknown id and the cut payload no text either.
    assert.deepStrictEqual(texts, [{ value: shownFramed }, { value: shownNoted }, {}, {}, {}, { value: shownFramed }]);
    assert.ok(shownNoted.includes('"note": "c-42"'), shownNoted);
    // Past the view's cut (64 KiB): the text searched is whole.
    const longBytes = await truth.avroEncode(READER, { id: 1, amount: '\u00ff', note: { string: `${'x'.repeat(70 * 1024)}c-42` } });
    const [longText] = await decoder.searchTexts([{ key: null, value: longBytes }]);
    assert.ok(longText.value?.endsWith('c-42"\n}'), 'the whole decoded value');
    assert.strictEqual(registry.requests.filter((r) => r.includes('/schemas/ids/1 ')).length - before, 1);
  });

  it('reports a .proto that does not parse, and a missing schema file, on each message', async () => {
    const broken = await new SchemaDecoder({ value: parseSchemaRef('proto/broken.proto'), readFile }).decodeMessages([message(hex('08 01')), message(hex('08 02'))]);
    for (const m of broken) {
      assert.match(m.value!.schema!.problem!, /^proto\/broken\.proto:3: illegal/);
      assert.strictEqual(m.value!.kind, 'binary');
    }
    const missing = await new SchemaDecoder({ value: parseSchemaRef('schemas/none.avsc'), readFile }).decode(decodeBytes(hex('02')), parseSchemaRef('schemas/none.avsc'));
    assert.strictEqual(missing!.schema!.problem, 'schemas/none.avsc not found in the workspace');
  });
});

describe('the message view\'s cluster, read through a decoder', () => {
  it('decodes peek pages and search matches, and leaves every other member to the cluster itself', async () => {
    const schemaText = JSON.stringify({ type: 'record', name: 'P', fields: [{ name: 'n', type: 'int' }] });
    const decoder = new SchemaDecoder({ value: parseSchemaRef('p.avsc'), readFile: async (p) => (p === 'p.avsc' ? schemaText : undefined) });
    class Cluster {
      private calls = 0;
      async peek(): Promise<PeekedMessage[]> {
        this.calls++;
        return [message(Buffer.from([0x54]))];
      }
      async search(): Promise<{ messages: PeekedMessage[]; read: number }> {
        return { messages: [message(Buffer.from([0x02]))], read: 7 };
      }
      count(): number {
        return this.calls;
      }
    }
    const cluster = new Cluster();
    const wrapped = decodingCluster(cluster, decoder);
    // {"n": 42}: 42 as a zig-zag varint is 0x54.
    assert.deepStrictEqual(json((await wrapped.peek())[0].value), { n: 42 });
    const found = await wrapped.search();
    assert.deepStrictEqual([json(found.messages[0].value), found.read], [{ n: 1 }, 7]);
    assert.strictEqual(wrapped.count(), 1);
    // The search is given the decoded texts to match, beside the caller's own options.
    let given: SearchOptions | undefined;
    const searching = decodingCluster(
      {
        peek: async () => [],
        search: async (_request: SearchRequest, options?: SearchOptions) => {
          given = options;
          return { messages: [] };
        },
      },
      decoder,
    );
    const signal = new AbortController().signal;
    // Digits may be a number's: every record is decoded.
    await searching.search({ topic: 'p', pattern: '42' }, { signal });
    assert.strictEqual(given?.signal, signal);
    assert.deepStrictEqual(await given?.recordTexts?.([{ key: null, value: Buffer.from([0x54]) }, { key: null, value: Buffer.from([0x80]) }]), [{ value: '{\n  "n": 42\n}' }, {}]);
    // Text only a string could hold, and these bytes do not: not decoded (searchFilter.ts); what cannot be read, as before.
    await searching.search({ topic: 'p', pattern: 'x' }, { signal });
    assert.deepStrictEqual(await given?.recordTexts?.([{ key: null, value: Buffer.from([0x54]) }, { key: null, value: Buffer.from([0x80]) }]), [{ value: '' }, { value: '' }]);
    // No schema and no registry: the cluster itself.
    assert.strictEqual(decodingCluster(cluster, new SchemaDecoder({ readFile: async () => undefined })), cluster);
  });

  it('shows a running search\'s matches decoded as they arrive, once its schemas are fetched', async () => {
    const schemaText = JSON.stringify({ type: 'record', name: 'P', fields: [{ name: 'n', type: 'int' }] });
    const decoder = new SchemaDecoder({ value: parseSchemaRef('p.avsc'), readFile: async (p) => (p === 'p.avsc' ? schemaText : undefined) });
    // {"n": 42}, and a value that is not a P (a varint cut short).
    const matches = [message(Buffer.from([0x54]), 1), message(Buffer.from([0x80]), 2)];
    const seen: PeekedMessage[][] = [];
    const searching = decodingCluster(
      {
        peek: async () => [],
        search: async (_request: SearchRequest, options?: SearchOptions) => {
          const progress = { read: 1, total: 2, matches: 2, partitions: [] };
          // Before any record was matched the schema is not fetched: the matches stay as they are.
          options?.onProgress?.(progress, () => matches);
          await options?.recordTexts?.([{ key: null, value: Buffer.from([0x54]) }]);
          options?.onProgress?.(progress, () => matches);
          options?.onProgress?.(progress, () => [...matches]);
          return { messages: matches };
        },
      },
      decoder,
    );
    const result = await searching.search({ topic: 'p', pattern: '42' }, { onProgress: (_progress, matchesSoFar) => void seen.push(matchesSoFar()) });
    assert.strictEqual(seen.length, 3);
    assert.deepStrictEqual(seen[0], matches);
    assert.deepStrictEqual(json(seen[1][0].value), { n: 42 });
    assert.match(seen[1][1].value?.schema?.problem ?? '', /not an Avro P/);
    assert.strictEqual(seen[1][1].value?.text, matches[1].value?.text, 'its raw text kept');
    // Each match is decoded once: the next tick shows the same objects.
    assert.strictEqual(seen[2][0], seen[1][0]);
    assert.deepStrictEqual(result.messages.map((m) => m.value?.text), seen[1].map((m) => m.value?.text));
  });
});
