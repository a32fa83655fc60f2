// Avro and Protobuf messages in the message view of a real VS Code: the schema files in the
// workspace, mapped to topics by upsunKafka.schemas; the bytes written by Apache Avro's and
// Google's protobuf Java libraries (test/schemas/truth.ts), and the JSON the view shows checked
// against what those libraries decode. Screenshots of both, light and dark.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { eventually } from '../../harness/eventually';
import { freePorts } from '../../harness/ports';
import { ORDER_AVRO, ORDERS_PROTO } from '../../schemas/fixtures';
import { SchemaTruth, TRUTH_SETUP_MS } from '../../schemas/truth';
import { eventuallyShown, readPeekView } from './peekPage';
import { closeProduceTab, setText } from './produceTab';
import { screenshotInBothThemes } from './screenshot';

const EXTENSION_ID = 'upsun-kafka-tools.upsun-kafka-tools';
const STAMP = Date.now().toString(36);
const AVRO_TOPIC = `avro-orders-${STAMP}`;
const PROTO_TOPIC = `proto-shipments-${STAMP}`;
const PRODUCE_TOPIC = `avro-orders-produced-${STAMP}`;

const ORDER = ORDER_AVRO;
const PROTO = ORDERS_PROTO;

describe('Avro and Protobuf messages in the message view', function () {
  this.timeout(TRUTH_SETUP_MS);
  const brokers = process.env.KAFKA_BROKERS ?? '';
  const folder = () => vscode.workspace.workspaceFolders![0];
  const settings = () => vscode.workspace.getConfiguration('upsunKafka', folder().uri);
  let api: ExtensionApi;
  let key: string;
  let truth: SchemaTruth;
  const written: string[] = [];

  before(async () => {
    assert.ok(brokers, 'KAFKA_BROKERS is not set in the extension host');
    truth = await SchemaTruth.start();
    api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    key = (await eventually('the kafka service', async () => api.liveKafka.connections.services().find((s) => s.service.name === 'kafka'))).key;
    const root = folder().uri.fsPath;
    for (const [file, text] of [['schemas/order.avsc', JSON.stringify(ORDER, null, 2)], ['proto/acme/shipments.proto', PROTO]]) {
      await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await fs.writeFile(path.join(root, file), text);
      written.push(path.join(root, file.split('/')[0]));
    }
    await settings().update('schemas', [
      { topics: 'avro-orders-*', value: 'schemas/order.avsc' },
      { topics: 'proto-shipments-*', value: 'proto/acme/shipments.proto#acme.Shipment' },
    ], vscode.ConfigurationTarget.WorkspaceFolder);
    await settings().update('connections', { kafka: { brokers: brokers.split(',') } }, vscode.ConfigurationTarget.WorkspaceFolder);
  });

  after(async () => {
    truth?.stop();
    const cluster = api.liveKafka.connections.clusterFor(key);
    for (const topic of [AVRO_TOPIC, PROTO_TOPIC, PRODUCE_TOPIC]) await cluster?.deleteTopic(topic).catch(() => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.liveKafka.connections.disconnect(key);
    await settings().update('schemas', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await settings().update('connections', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    for (const dir of written) await fs.rm(dir, { recursive: true, force: true });
  });

  /** Creates `topic`, writes `value` to it, peeks, selects the message and returns the view. */
  async function peekOne(topic: string, value: Buffer) {
    const cluster = await api.liveKafka.connections.connectKey(key);
    assert.ok(cluster, `not connected: ${api.liveKafka.connections.statusOf(key).message}`);
    await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
    await eventually(`${topic} to be listed`, async () => ((await cluster.listTopics()).some((t) => t.name === topic) ? true : undefined));
    await cluster.produce({ topic, key: 'k1', value });
    await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic });
    await eventuallyShown(`the message of ${topic}`, topic, (view) => (view.rows.length === 1 ? view : undefined));
    const shown = await readPeekView(topic, [{ kind: 'click', selector: '#rows tr' }]);
    assert.ok(shown);
    return eventuallyShown(`the detail of ${topic}`, topic, (view) => (view.detail === 'Message 0:0' ? view : undefined));
  }

  it('shows an Avro value decoded with the workspace\'s .avsc: the JSON Apache Avro reads, the schema named in the detail', async () => {
    const record = { id: 'o-42', total: Buffer.from([0x01, 0xe2, 0x40]).toString('latin1'), at: 1769862896789 };
    const bytes = await truth.avroEncode(ORDER, record);
    const expected = await truth.avroDecode(bytes, ORDER);
    const view = await peekOne(AVRO_TOPIC, bytes);
    assert.deepStrictEqual(JSON.parse(view.rows[0].value), expected);
    assert.match(view.detailKinds[1] ?? '', new RegExp(`^avro acme\\.Order, from schemas/order\\.avsc · ${bytes.length} B$`));
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshotInBothThemes('peek-avro');
  });

  it('shows a Protobuf value decoded with the workspace\'s .proto: the JSON protobuf-java prints, the message named in the detail', async () => {
    const descriptorSet = await truth.descriptorSet({ 'acme/shipments.proto': PROTO }, 'acme/shipments.proto');
    const shipment = { orderId: 'o-42', shippedAt: '2026-01-31T12:00:00Z', weights: { parcel: '9007199254740993' } };
    const bytes = await truth.protoEncode(descriptorSet, 'acme.Shipment', shipment);
    const expected = await truth.protoDecode(descriptorSet, 'acme.Shipment', bytes);
    const view = await peekOne(PROTO_TOPIC, bytes);
    assert.deepStrictEqual(JSON.parse(view.rows[0].value), expected);
    assert.match(view.detailKinds[1] ?? '', new RegExp(`^protobuf acme\\.Shipment, from proto/acme/shipments\\.proto · ${bytes.length} B$`));
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshotInBothThemes('peek-protobuf');
  });

  it('produces an Avro value from a produce tab: a value that does not fit is marked at its field and not sent; one that fits is what Apache Avro reads', async () => {
    const cluster = await api.liveKafka.connections.connectKey(key);
    assert.ok(cluster, `not connected: ${api.liveKafka.connections.statusOf(key).message}`);
    await cluster.createTopic({ topic: PRODUCE_TOPIC, partitions: 1, replicationFactor: 1 });
    await eventually(`${PRODUCE_TOPIC} to be listed`, async () => ((await cluster.listTopics()).some((t) => t.name === PRODUCE_TOPIC) ? true : undefined));
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('upsunKafka.produce', { serviceKey: key, topic: PRODUCE_TOPIC });
    assert.ok(editor, 'the produce command opened no tab');
    const uri = editor.document.uri;
    const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'produce-value-schema');
    const lensTitles = async () => ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).map((l) => l.command?.title ?? '');
    try {
      const misfit = '[\n  {"key": "o-7", "value": {"id": "o-7", "total": "12.3.4", "at": "2026-01-31T12:34:56.789Z"}}\n]\n';
      await setText(editor, misfit);
      // The tab's first text (the template) is checked too: wait for the check of the text typed.
      const [diagnostic] = await eventually('the misfit marked', async () => (ours().some((d) => editor.document.getText(d.range) === '"12.3.4"') ? ours() : undefined));
      assert.deepStrictEqual(
        [diagnostic.message, editor.document.getText(diagnostic.range), diagnostic.range.start.line, diagnostic.severity],
        ['The value does not fit avro acme.Order from schemas/order.avsc: $.total: "12.3.4" is not a valid decimal', '"12.3.4"', 1, vscode.DiagnosticSeverity.Error],
      );
      assert.deepStrictEqual(await lensTitles(), [`$(error) Fix 1 problem before sending to "${PRODUCE_TOPIC}"`]);
      await vscode.commands.executeCommand('notifications.clearAll');
      await screenshotInBothThemes('produce-avro-misfit');
      assert.strictEqual(await vscode.commands.executeCommand('upsunKafka.produceSend', uri), undefined);
      assert.strictEqual((await cluster.describeTopic(PRODUCE_TOPIC)).messageCount, '0', 'the misfit was sent');

      const order = { id: 'o-7', total: '-1234.50', at: '2026-01-31T12:34:56.789Z' };
      await setText(editor, `[\n  {"key": "o-7", "value": ${JSON.stringify(order)}}\n]\n`);
      await eventually('the mark cleared', async () => (ours().length === 0 ? true : undefined));
      assert.deepStrictEqual(await lensTitles(), [`$(send) Send to "${PRODUCE_TOPIC}" on "kafka"`]);
      const results = await vscode.commands.executeCommand<{ offset: string }[] | undefined>('upsunKafka.produceSend', uri);
      assert.deepStrictEqual(results?.map((r) => r.offset), ['0']);
      const [message] = await cluster.peek({ topic: PRODUCE_TOPIC, limit: 1 });
      assert.ok(message?.value, 'nothing was read back');
      const bytes = Buffer.from(message.value.base64, 'base64');
      assert.deepStrictEqual(await truth.avroDecode(bytes, ORDER), order);

      // A registry set for the service that does not answer: marked at the top, and nothing is sent.
      const down = `http://127.0.0.1:${(await freePorts(1))[0]}`;
      await settings().update('schemaRegistries', { kafka: { url: down } }, vscode.ConfigurationTarget.WorkspaceFolder);
      const [unreadable] = await eventually('the unreadable schema marked', async () => (ours().length > 0 ? ours() : undefined));
      assert.deepStrictEqual([unreadable.message, unreadable.range.start.line, unreadable.range.start.character], [`The topic's schema cannot be read, so nothing can be sent: could not reach the schema registry at ${down}: ECONNREFUSED`, 0, 0]);
      await vscode.commands.executeCommand('notifications.clearAll');
      assert.strictEqual(await vscode.commands.executeCommand('upsunKafka.produceSend', uri), undefined);
      assert.strictEqual((await cluster.describeTopic(PRODUCE_TOPIC)).messageCount, '1', 'a value was sent without its schema');
    } finally {
      await settings().update('schemaRegistries', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      await closeProduceTab(editor);
    }
  });

  it('marks a schema file that does not parse where it breaks, and clears the mark once it is fixed', async () => {
    const file = vscode.Uri.joinPath(folder().uri, 'schemas', 'broken.avsc');
    const text = '{"type": "record", "name": "Broken", "fields": [}';
    await vscode.workspace.fs.writeFile(file, Buffer.from(text));
    const document = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(document);
    const ours = () => vscode.languages.getDiagnostics(file).filter((d) => d.code === 'schema-file-invalid');
    const [diagnostic] = await eventually('the schema file\'s problem', async () => (ours().length > 0 ? ours() : undefined));
    assert.deepStrictEqual([diagnostic.message, diagnostic.range.start.character, diagnostic.range.end.character, diagnostic.severity], ['Not JSON: a value expected.', text.indexOf('}'), text.indexOf('}') + 1, vscode.DiagnosticSeverity.Error]);
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshotInBothThemes('schema-file-problem');
    await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(text.indexOf('}')), document.positionAt(text.length)), ']}'));
    await eventually('the problem cleared', async () => (ours().length === 0 ? true : undefined));
    await document.save();
  });
});
