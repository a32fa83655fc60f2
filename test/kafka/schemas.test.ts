// `upsun-kafka peek` and `search` reading Avro, Protobuf and JSON Schema records that Kafka's
// Java producer wrote: payloads from Apache Avro and protobuf-java, expected JSON from them
// too, schema files in a project folder (flags and the upsunKafka.schemas setting), and a
// registry answering with Confluent's API shapes (test/schemas/fakeRegistry.ts).

import * as assert from 'assert';
import { execFile } from 'child_process';
import { existsSync, mkdtempSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { connectCluster } from '../../src/kafka/connect';
import type { KafkaCluster } from '../../src/kafka/types';
import { testBrokers } from '../harness/kafkaBroker';
import { REPO_ROOT } from '../harness/paths';
import { REGISTRY_USER, startRegistry } from '../schemas/fakeRegistry';
import { ORDER_AVRO, ORDERS_PROTO } from '../schemas/fixtures';
import { SchemaTruth, TRUTH_SETUP_MS } from '../schemas/truth';
import { javaReadCommitted, javaWrite } from './javaClient';
import { uniqueName } from './helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, PLATFORM_RELATIONSHIPS: '', ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const ORDER = ORDER_AVRO;
const PROTO = ORDERS_PROTO;
/** Search for values that exist only in the decoded JSON: an int, an enum symbol, a field name. */
const PARCEL = {
  type: 'record',
  name: 'Parcel',
  namespace: 'acme',
  fields: [
    { name: 'customer', type: 'string' },
    { name: 'qty', type: 'int' },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'SHIPPED'] } },
  ],
};

describe('peek and search with schemas, against the broker', function () {
  this.timeout(TRUTH_SETUP_MS);
  let truth: SchemaTruth;
  let cluster: KafkaCluster;
  let project: string;
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  const brokers = testBrokers().join(',');
  const produceTopic = uniqueName('schemas-produce');

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
    truth = await SchemaTruth.start();
    cluster = await connectCluster({ brokers: testBrokers() });
    project = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-schemas-'));
    await fs.mkdir(path.join(project, 'schemas'));
    await fs.mkdir(path.join(project, 'proto', 'acme'), { recursive: true });
    await fs.writeFile(path.join(project, 'schemas', 'order.avsc'), JSON.stringify(ORDER));
    await fs.writeFile(path.join(project, 'schemas', 'parcel.avsc'), JSON.stringify(PARCEL));
    await fs.writeFile(path.join(project, 'proto', 'acme', 'orders.proto'), PROTO);
    await fs.writeFile(path.join(project, 'schemas', 'order.schema.json'), JSON.stringify({ title: 'Order', type: 'object', required: ['id'] }));
    registry = await startRegistry({
      '/schemas/ids/11': { schema: JSON.stringify(ORDER) },
      '/schemas/ids/12': { schemaType: 'PROTOBUF', schema: PROTO },
      [`/subjects/${produceTopic}-value/versions/latest`]: { subject: `${produceTopic}-value`, id: 21, version: 3, schemaType: 'PROTOBUF', schema: PROTO },
    });
  });
  after(async () => {
    truth?.stop();
    await cluster?.disconnect();
    await registry?.close();
    if (project) await fs.rm(project, { recursive: true, force: true });
  });

  it('decodes unframed Avro with --value-schema, and framed Avro and Protobuf through --schema-registry, one bad record beside them', async () => {
    const topic = uniqueName('schemas');
    await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
    const avro = await truth.avroEncode(ORDER, { id: 'o-1', total: Buffer.from([0x01, 0xe2, 0x40]).toString('latin1'), at: 1769862896789 });
    const descriptorSet = await truth.descriptorSet({ 'acme/orders.proto': PROTO }, 'acme/orders.proto');
    const shipment = await truth.protoEncode(descriptorSet, 'acme.Shipment', { orderId: 'o-1', shippedAt: '2026-01-31T12:00:00Z', weights: { a: '9007199254740993' } });
    const framedAvro = Buffer.concat([Buffer.from([0, 0, 0, 0, 11]), avro]);
    // Message indexes [1]: the second message of the file.
    const framedProto = Buffer.concat([Buffer.from([0, 0, 0, 0, 12, 2, 2]), shipment]);
    const unknownId = Buffer.concat([Buffer.from([0, 0, 0, 0, 99]), avro]);
    const plain = (value: Buffer) => ({ kind: 'plain' as const, partition: 0, key: Buffer.from('k'), value, headers: [] });
    await javaWrite(topic, [plain(avro), plain(framedAvro), plain(framedProto), plain(unknownId)]);
    const expectedAvro = await truth.avroDecode(avro, ORDER);
    const expectedShipment = await truth.protoDecode(descriptorSet, 'acme.Shipment', shipment);

    const unframed = await cli(
      ['peek', '--brokers', brokers, '--topic', topic, '--from-offset', '0', '--partition', '0', '-n', '1', '--value-schema', 'schemas/order.avsc', '--format', 'json'],
      project,
    );
    assert.strictEqual(unframed.code, 0, unframed.stderr);
    const [first] = jsonLines(unframed.stdout);
    assert.deepStrictEqual(first.valueDecoded, expectedAvro);
    assert.deepStrictEqual(first.valueSchema, { format: 'avro', name: 'acme.Order', source: 'schemas/order.avsc' });
    assert.deepStrictEqual([first.value, first.valueEncoding], [avro.toString('base64'), 'base64']);

    const env = { UPSUN_KAFKA_REGISTRY_USERNAME: REGISTRY_USER.username, UPSUN_KAFKA_REGISTRY_PASSWORD: REGISTRY_USER.password };
    const framed = await cli(
      ['peek', '--brokers', brokers, '--topic', topic, '--from-offset', '1', '--partition', '0', '-n', '3', '--schema-registry', registry.url, '--format', 'json'],
      project,
      env,
    );
    assert.strictEqual(framed.code, 0, framed.stderr);
    const byOffset = new Map(jsonLines(framed.stdout).map((m) => [m.offset, m]));
    assert.deepStrictEqual(byOffset.get('1')?.valueDecoded, expectedAvro);
    assert.deepStrictEqual(byOffset.get('1')?.valueSchema, { format: 'avro', name: 'acme.Order', source: registry.url, schemaId: 11 });
    assert.deepStrictEqual(byOffset.get('2')?.valueDecoded, expectedShipment);
    assert.deepStrictEqual(byOffset.get('2')?.valueSchema, { format: 'protobuf', name: 'acme.Shipment', source: registry.url, schemaId: 12 });
    const bad = byOffset.get('3')!;
    assert.strictEqual(bad.valueDecoded, undefined);
    assert.match((bad.valueSchema as { problem: string }).problem, /HTTP 404 for \/schemas\/ids\/99: Schema 99 not found \(40403\)/);
    assert.strictEqual(bad.value, unknownId.toString('base64'));

    // For people: the schema line above the decoded JSON.
    const text = await cli(['peek', '--brokers', brokers, '--topic', topic, '--from-offset', '2', '--partition', '0', '-n', '1', '--schema-registry', registry.url], project, env);
    assert.strictEqual(text.code, 0, text.stderr);
    assert.ok(text.stdout.includes(`[protobuf acme.Shipment, schema id 12, from ${registry.url}]\n{\n  "orderId": "o-1",`), text.stdout);

    // Each record matched as it is shown (decoded, or its bytes where it cannot be) and shown decoded.
    const found = await cli(['search', '--brokers', brokers, '--topic', topic, '--text', 'o-1', '--schema-registry', registry.url, '--json'], project, env);
    assert.strictEqual(found.code, 0, found.stderr);
    assert.deepStrictEqual(
      jsonLines(found.stdout).map((m) => [m.offset, (m.valueSchema as { schemaId?: number } | undefined)?.schemaId]),
      [
        ['3', 99],
        ['2', 12],
        ['1', 11],
        ['0', undefined],
      ],
    );

    // A registry that refuses the credentials: each framed record says so, the command succeeds.
    const refused = await cli(['peek', '--brokers', brokers, '--topic', topic, '--from-offset', '1', '--partition', '0', '-n', '1', '--schema-registry', registry.url, '--format', 'json'], project);
    assert.strictEqual(refused.code, 0, refused.stderr);
    assert.match((jsonLines(refused.stdout)[0].valueSchema as { problem: string }).problem, /refused the credentials \(HTTP 401\)/);
  });

  it("takes the schemas from the project's upsunKafka.schemas setting, and names a bad flag", async () => {
    const topic = uniqueName('schemas-mapped');
    await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
    await fs.mkdir(path.join(project, '.vscode'), { recursive: true });
    await fs.writeFile(
      path.join(project, '.vscode', 'settings.json'),
      `{\n  // comments are allowed here\n  "upsunKafka.schemas": [{ "topics": "schemas-mapped*", "value": "schemas/order.schema.json" }, { "topics": 3 }]\n}\n`,
    );
    await javaWrite(topic, [{ kind: 'plain', partition: 0, key: null, value: Buffer.from('{"total": 1}'), headers: [] }]);
    const peeked = await cli(['peek', '--brokers', brokers, '--topic', topic, '--format', 'json'], project);
    assert.strictEqual(peeked.code, 0, peeked.stderr);
    assert.deepStrictEqual(jsonLines(peeked.stdout)[0].valueSchema, {
      format: 'json-schema',
      name: 'Order',
      source: 'schemas/order.schema.json',
      violations: [{ path: '', message: "must have required property 'id'" }],
    });
    assert.match(peeked.stderr, /\.vscode\/settings\.json: upsunKafka\.schemas\[1\]\.topics must be a topic name or glob/);
    const misuse = await cli(['peek', '--brokers', brokers, '--topic', topic, '--value-schema', 'order.txt'], project);
    assert.strictEqual(misuse.code, 2);
    assert.match(misuse.stderr, /--value-schema: "order\.txt" is not a schema file/);
  });

  it("produces JSON lines encoded with a workspace Avro schema, and with the registry subject's Protobuf schema framed with its id, as Avro and protobuf-java read them", async () => {
    await cluster.createTopic({ topic: produceTopic, partitions: 1, replicationFactor: 1 });
    const orders = [
      { id: 'o-1', total: '1234.50', at: '2026-01-31T12:34:56.789Z' },
      { id: 'o-2', total: '-0.01', at: '1969-12-31T23:59:59.999Z' },
    ];
    const avro = await cli(['produce', '--brokers', brokers, '--topic', produceTopic, '--value-schema', 'schemas/order.avsc'], project, {}, orders.map((o) => JSON.stringify(o)).join('\n'));
    assert.strictEqual(avro.code, 0, avro.stderr);
    const env = { UPSUN_KAFKA_REGISTRY_USERNAME: REGISTRY_USER.username, UPSUN_KAFKA_REGISTRY_PASSWORD: REGISTRY_USER.password };
    const shipment = { orderId: 'o-1', shippedAt: '2026-01-31T12:00:00.500Z', weights: { a: '9007199254740993' } };
    const proto = await cli(
      ['produce', '--brokers', brokers, '--topic', produceTopic, '--schema-registry', registry.url, '--value-schema', 'proto/acme/orders.proto#acme.Shipment', '--value', JSON.stringify(shipment)],
      project,
      env,
    );
    assert.strictEqual(proto.code, 0, proto.stderr);
    const seen = await javaReadCommitted(produceTopic);
    const values = seen.map((r) => Buffer.from(r.value!, 'base64'));
    assert.deepStrictEqual([await truth.avroDecode(values[0], ORDER), await truth.avroDecode(values[1], ORDER)], orders);
    // Magic byte 0, id 21, message indexes [1] (Shipment is the file's second message), then the payload.
    assert.strictEqual(values[2].subarray(0, 7).toString('hex'), '00000000150202');
    const descriptorSet = await truth.descriptorSet({ 'acme/orders.proto': PROTO }, 'acme/orders.proto');
    assert.deepStrictEqual(await truth.protoDecode(descriptorSet, 'acme.Shipment', values[2].subarray(7)), shipment);

    const bad = await cli(
      ['produce', '--brokers', brokers, '--topic', produceTopic, '--value-schema', 'schemas/order.avsc'],
      project,
      {},
      `${JSON.stringify(orders[0])}\n{"id":"o-3","total":"x","at":"2026-01-31T12:00:00.000Z"}\n`,
    );
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /line 2 does not fit avro acme\.Order from schemas\/order\.avsc: \$\.total: "x" is not a valid decimal/);
  });

  it('searches Avro and Protobuf records as their decoded JSON, finding what their bytes do not hold; a record that does not decode by its bytes', async () => {
    const topic = uniqueName('schemas-search');
    await cluster.createTopic({ topic, partitions: 2, replicationFactor: 1 });
    const parcels = [
      { partition: 0, json: { customer: 'c-42', qty: 42, status: 'SHIPPED' } },
      { partition: 1, json: { customer: 'c-7', qty: 42, status: 'NEW' } },
      { partition: 0, json: { customer: 'c-42', qty: 420, status: 'NEW' } },
      { partition: 1, json: { customer: 'c-9', qty: 1, status: 'SHIPPED' } },
    ];
    const encoded = await Promise.all(parcels.map((p) => truth.avroEncode(PARCEL, p.json)));
    // Offset 2 of partition 0: JSON text that is no Avro Parcel (a 17-character string cannot fit), holding the words.
    const notAvro = Buffer.from('"qty": 42 SHIPPED');
    await javaWrite(topic, [
      ...parcels.map((p, i) => ({ kind: 'plain' as const, partition: p.partition, key: Buffer.from(`k${i}`), value: encoded[i], headers: [] })),
      { kind: 'plain', partition: 0, key: null, value: notAvro, headers: [] },
    ]);
    for (const [i, bytes] of encoded.entries()) assert.deepStrictEqual(await truth.avroDecode(bytes, PARCEL), parcels[i].json, `Avro reads back parcel ${i}`);
    const found = async (args: string[], cwd = project) => {
      const run = await cli(['search', '--brokers', brokers, '--topic', topic, '--json', ...args], cwd);
      assert.strictEqual(run.code, 0, run.stderr);
      return jsonLines(run.stdout)
        .map((m) => `${m.partition as number}:${m.offset as string}`)
        .sort();
    };
    const schema = ['--value-schema', 'schemas/parcel.avsc'];
    // Offsets: partition 0 holds parcels 0 and 2 (offsets 0, 1) and the text (2); partition 1 parcels 1 and 3.
    assert.deepStrictEqual(await found(['--text', '"qty": 42,', ...schema]), ['0:0', '1:0']);
    assert.deepStrictEqual(await found(['--regex', '"qty": 42,\\s+"status": "SHIPPED"', '--in', 'value', ...schema]), ['0:0']);
    assert.deepStrictEqual(await found(['--text', '"customer": "c-42"', ...schema]), ['0:0', '0:1']);
    assert.deepStrictEqual(await found(['--text', 'shipped', ...schema]), ['0:0', '0:2', '1:1']);
    // The bytes alone hold none of the Avro records' matches: only the JSON text's.
    const plain = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-no-schemas-'));
    try {
      assert.deepStrictEqual(await found(['--text', '"qty": 42,'], plain), []);
      assert.deepStrictEqual(await found(['--text', '"customer": "c-42"'], plain), []);
      assert.deepStrictEqual(await found(['--text', 'shipped'], plain), ['0:2']);
    } finally {
      await fs.rm(plain, { recursive: true, force: true });
    }
    // Shown as peek shows them: decoded, and the record that is not Avro with the reason.
    const shown = await cli(['search', '--brokers', brokers, '--topic', topic, '--json', '--text', 'SHIPPED', '--partition', '0', ...schema], project);
    const byOffset = new Map(jsonLines(shown.stdout).map((m) => [m.offset, m]));
    assert.deepStrictEqual(byOffset.get('0')?.valueDecoded, parcels[0].json);
    assert.strictEqual(byOffset.get('2')?.valueDecoded, undefined);
    assert.match((byOffset.get('2')?.valueSchema as { problem: string }).problem, /not an Avro acme\.Parcel/);

    // Protobuf from protoc: the canonical JSON's names (orderId) and int64 as strings.
    const protoTopic = uniqueName('schemas-search-proto');
    await cluster.createTopic({ topic: protoTopic, partitions: 1, replicationFactor: 1 });
    const descriptorSet = await truth.descriptorSet({ 'acme/orders.proto': PROTO }, 'acme/orders.proto');
    const shipments = [
      { orderId: 'o-7', weights: { a: '12' } },
      { orderId: 'o-8', weights: { a: '9007199254740993' } },
    ];
    const protoBytes = await Promise.all(shipments.map((v) => truth.protoEncode(descriptorSet, 'acme.Shipment', v)));
    await javaWrite(protoTopic, protoBytes.map((value) => ({ kind: 'plain' as const, partition: 0, key: null, value, headers: [] })));
    const protoSchema = ['--value-schema', 'proto/acme/orders.proto#acme.Shipment'];
    const protoFound = async (args: string[], cwd = project) => {
      const run = await cli(['search', '--brokers', brokers, '--topic', protoTopic, '--json', ...args], cwd);
      assert.strictEqual(run.code, 0, run.stderr);
      return jsonLines(run.stdout).map((m) => m.offset);
    };
    assert.deepStrictEqual(await protoFound(['--text', '"orderId": "o-8"', ...protoSchema]), ['1']);
    assert.deepStrictEqual(await protoFound(['--text', '"a": "9007199254740993"', ...protoSchema]), ['1']);
    assert.deepStrictEqual(await protoFound(['--text', '"orderId"']), []);
  });
});
