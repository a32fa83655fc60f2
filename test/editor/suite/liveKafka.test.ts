import * as assert from 'assert';
import { Kafka, logLevel } from 'kafkajs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { ProduceResult } from '../../../src/kafka/types';
import type { PeekViewRequest } from '../../../src/messageView/protocol';
import { eventually } from '../../harness/eventually';
import { closeProduceTab, setText } from './produceTab';
import { answering, ScriptedPrompter } from './scriptedPrompter';
import { eventuallyShown } from './peekPage';
import { screenshot, screenshotInBothThemes } from './screenshot';

const EXTENSION_ID = 'upsun-kafka-tools.upsun-kafka-tools';
const TOPIC = `orders-${Date.now().toString(36)}`;
const VALUE = '{"id": 42, "note": "<img src=x onerror=alert(1)> & friends"}';

describe('live Kafka in a real VS Code', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let key: string;
  const brokers = process.env.KAFKA_BROKERS ?? '';

  const settingsOfFolder = () => vscode.workspace.getConfiguration('upsunKafka', vscode.workspace.workspaceFolders![0].uri);

  before(async () => {
    assert.ok(brokers, 'KAFKA_BROKERS is not set in the extension host');
    api = (await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate());
    const services = await eventually('the sample project\'s kafka service', async () => api.liveKafka.connections.services().find((s) => s.service.name === 'kafka'));
    key = services.key;
  });

  after(async () => {
    await settingsOfFolder().update('connections', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
  });

  it('names the cause when nothing listens at the brokers set for a service', async () => {
    await settingsOfFolder().update('connections', { kafka: { brokers: ['127.0.0.1:1'] } }, vscode.ConfigurationTarget.WorkspaceFolder);
    const cluster = await api.liveKafka.connections.connectKey(key);
    assert.strictEqual(cluster, undefined);
    const status = api.liveKafka.connections.statusOf(key);
    assert.strictEqual(status.state, 'error');
    assert.match(status.message ?? '', /127\.0\.0\.1:1/);
    assert.match(status.message ?? '', /nothing accepts connections|cannot be reached|did not answer/);
  });

  it('finds the brokers in PLATFORM_RELATIONSHIPS when no connection is set', async () => {
    await settingsOfFolder().update('connections', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await api.liveKafka.connections.disconnect(key);
    const [host, port] = brokers.split(',')[0].split(':');
    const relationships = { kafka: [{ service: 'kafka', host, port: Number(port), scheme: 'kafka', rel: 'kafka', type: 'kafka:4.1' }] };
    process.env.PLATFORM_RELATIONSHIPS = Buffer.from(JSON.stringify(relationships)).toString('base64');
    try {
      const cluster = await api.liveKafka.connections.connectKey(key);
      assert.ok(cluster, `not connected: ${api.liveKafka.connections.statusOf(key).message}`);
      assert.strictEqual(api.liveKafka.connections.statusOf(key).source, 'platform-relationships');
    } finally {
      delete process.env.PLATFORM_RELATIONSHIPS;
      await api.liveKafka.connections.disconnect(key);
    }
  });

  it('asks for host:port when no source knows the brokers', async () => {
    const cluster = await answering(api, { 'Brokers of Kafka service "kafka"': brokers }, () => api.liveKafka.connections.connectKey(key));
    assert.ok(cluster, `not connected: ${api.liveKafka.connections.statusOf(key).message}`);
    assert.strictEqual(api.liveKafka.connections.statusOf(key).source, 'prompt');
    await api.liveKafka.connections.disconnect(key);
  });

  it('sets the kafka service\'s connection with Set Connection for Service…', async () => {
    const saved = await answering(api, { 'brokers': brokers, 'security': 'Plaintext', 'authentication': 'No authentication' }, () =>
      vscode.commands.executeCommand<boolean>('upsunKafka.setConnection', { serviceKey: key }),
    );
    assert.strictEqual(saved, true);
    const setting = settingsOfFolder().get<Record<string, { brokers: string[] }>>('connections');
    assert.deepStrictEqual(setting?.kafka, { brokers: brokers.split(',') });
    const cluster = await api.liveKafka.connections.connectKey(key);
    assert.ok(cluster, `not connected: ${api.liveKafka.connections.statusOf(key).message}`);
    assert.deepStrictEqual(api.liveKafka.connections.statusOf(key), { state: 'connected', source: 'settings', sourceDescription: 'settings (upsunKafka.connections)', brokers: brokers.split(',') });
    await cluster.createTopic({ topic: TOPIC, partitions: 3, replicationFactor: 1 });
    // Right after creating, listing the watermarks can still meet "not the leader" for a moment.
    await eventually('the new topic to be listed', async () => ((await cluster.listTopics()).some((t) => t.name === TOPIC) ? true : undefined));
  });

  it('produces from a produce tab opened with Produce Message…, and peek shows it', async () => {
    const editor = await answering(api, { 'Produce to a topic of': TOPIC }, () => vscode.commands.executeCommand<vscode.TextEditor | undefined>('upsunKafka.produce'));
    assert.ok(editor, 'the produce command opened no tab');
    await setText(editor, `[{"key": "order-42", "value": ${VALUE}, "headers": [{"key": "trace-id", "value": "abc"}, {"key": "source", "value": "editor-test"}], "partition": 1}]`);
    const results = await vscode.commands.executeCommand<ProduceResult[] | undefined>('upsunKafka.produceSend', editor.document.uri);
    assert.strictEqual(results?.length, 1, 'the produce tab sent nothing');
    const [result] = results ?? [];
    await closeProduceTab(editor);
    assert.ok(result, 'the produce command sent nothing');
    assert.deepStrictEqual({ topic: result.topic, partition: result.partition }, { topic: TOPIC, partition: 1 });

    await answering(api, { 'Peek at a topic of': TOPIC }, () => vscode.commands.executeCommand('upsunKafka.peek'));
    const rows = await eventuallyShown('the message view to render the message', TOPIC, ({ rows: rendered }) => (rendered.some((r) => r.key === 'order-42') ? rendered : undefined));
    assert.strictEqual(rows.length, 1);
    const { timestamp: _shownTime, ...row } = rows[0];
    assert.deepStrictEqual(row, {
      partition: '1',
      offset: result.offset,
      key: 'order-42',
      value: JSON.stringify(JSON.parse(VALUE), null, 2),
      headers: 'trace-id=abcsource=editor-test',
    });
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('peek-view-produced');
  });

  it('peeks with a service and topic as argument, and cuts a large value for display', async () => {
    const cluster = api.liveKafka.connections.clusterFor(key);
    assert.ok(cluster);
    await cluster.produce({ topic: TOPIC, partition: 2, key: 'large', value: 'x'.repeat(900_000) });
    await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic: TOPIC });
    const rows = await eventuallyShown('the message view to render the large message', TOPIC, ({ rows: rendered }) => (rendered.some((r) => r.key === 'large') ? rendered : undefined));
    assert.deepStrictEqual(rows.map((r) => r.key), ['large', 'order-42']);
    assert.ok(rows[0].value.length <= 4_000, `the view got ${rows[0].value.length} characters of the value`);
    // The row shows a preview, cut with an ellipsis (rows.ts); the detail holds the cut value.
    assert.match(rows[0].value, /^x+…?$/);
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('peek-view-large');
  });

  it('shows odd records as the CLI does: headers in order, null and binary values, JSON as written', async () => {
    const cluster = api.liveKafka.connections.clusterFor(key);
    assert.ok(cluster);
    const topic = 'odd-records';
    await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
    const value = '{"id": 12345678901234567890, "price": 1.10, "dup": 1, "dup": 2}';
    await cluster.produce({ topic, key: 'odd', value, headers: [{ key: 'a', value: '1' }, { key: 'b', value: Buffer.from([0, 0, 0, 42]) }, { key: 'a', value: null }] });
    await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic });
    const rows = await eventuallyShown('the message view to render the odd record', topic, ({ rows: rendered }) => (rendered.some((r) => r.key === 'odd') ? rendered : undefined));
    assert.strictEqual(rows[0].headers, 'a=1b=00 00 00 2aa=null');
    assert.strictEqual(rows[0].value, '{\n  "id": 12345678901234567890,\n  "price": 1.10,\n  "dup": 1,\n  "dup": 2\n}');
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('peek-view-odd-records');
  });

  it('sends a produce tab of two messages in order, refuses broken JSON keeping its text, and remembers the last message', async () => {
    const cluster = api.liveKafka.connections.clusterFor(key);
    assert.ok(cluster);
    const topic = `produce-tab-${Date.now().toString(36)}`;
    await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
    await eventually('the new topic to be listed', async () => ((await cluster.listTopics()).some((t) => t.name === topic) ? true : undefined));
    const open = () => vscode.commands.executeCommand<vscode.TextEditor | undefined>('upsunKafka.produce', { serviceKey: key, topic });
    const editor = await open();
    assert.ok(editor, 'the produce command opened no tab');
    assert.strictEqual(editor.document.uri.path, `/kafka/${topic}.kafka-produce.json`);
    assert.strictEqual(editor.document.languageId, 'json');
    assert.match(editor.document.getText(), /"key": "order-1"/, 'a first-time tab opens with an example');
    const lensTitles = async () => ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? []).map((l) => l.command?.title ?? '');

    // Broken JSON: the lens says so, sending refuses at the line, and the text stays.
    const broken = '[\n  {"key": "t-1", "value": {"n": 1}}\n  {"key": "t-2", "value": "plain"}\n]\n';
    await setText(editor, broken);
    assert.deepStrictEqual(await eventually('the lens to name the problem', async () => {
      const titles = await lensTitles();
      return titles.some((t) => t.includes('Fix')) ? titles : undefined;
    }), [`$(error) Fix 1 problem before sending to "${topic}"`]);
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.strictEqual(await vscode.commands.executeCommand('upsunKafka.produceSend', editor.document.uri), undefined);
    assert.strictEqual(editor.document.getText(), broken);
    assert.strictEqual(vscode.window.activeTextEditor?.selection.start.line, 2, 'the cursor goes to the missing comma on line 3');
    assert.strictEqual((await cluster.describeTopic(topic)).messageCount, '0');
    const workbench = vscode.workspace.getConfiguration('workbench');
    try {
      for (const theme of ['Default Light Modern', 'Default Dark Modern']) {
        await workbench.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
        await screenshot(`produce-tab-broken-${theme.includes('Dark') ? 'dark' : 'light'}`);
      }
    } finally {
      await workbench.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    }

    // A shape the schema refuses: VS Code's JSON support marks it as you type, from our schema.
    await setText(editor, '{"value": 1, "topic": "other"}');
    const marked = await eventually('the JSON schema\'s diagnostic', async () => {
      const found = vscode.languages.getDiagnostics(editor.document.uri).map((d) => d.message);
      return found.some((m) => /topic/.test(m)) ? found : undefined;
    }, 30_000);
    assert.ok(marked.some((m) => /not allowed/i.test(m)), marked.join(' | '));
    assert.deepStrictEqual(await lensTitles(), [`$(error) Fix 1 problem before sending to "${topic}"`]);

    // Fixed: two messages, sent in order with Ctrl+Enter's command.
    await vscode.commands.executeCommand('notifications.clearAll');
    const fixed = '[\n  {"key": "t-1", "value": {"n": 1}, "headers": [{"key": "h", "value": "1"}]},\n  {"key": "t-2", "value": "plain"}\n]\n';
    await setText(editor, fixed);
    assert.deepStrictEqual(await lensTitles(), [`$(send) Send to "${topic}" on "kafka" (2 messages)`]);
    await vscode.window.showTextDocument(editor.document);
    const results = await vscode.commands.executeCommand<ProduceResult[] | undefined>('upsunKafka.produceSend');
    assert.deepStrictEqual(results, [{ topic, partition: 0, offset: '0' }, { topic, partition: 0, offset: '1' }]);
    assert.strictEqual(editor.document.getText(), fixed, 'the tab keeps what was sent');
    // Sent is saved: no dot on the tab, no question on closing it; its title names the service.
    assert.strictEqual(editor.document.isDirty, false, 'the sent tab is still dirty');
    const tab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === editor.document.uri.toString());
    assert.strictEqual(tab?.label, `kafka/${topic} — produce`);
    for (const theme of ['Default Light Modern', 'Default Dark Modern']) {
      await workbench.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await screenshot(`produce-tab-sent-${theme.includes('Dark') ? 'dark' : 'light'}`);
    }
    await workbench.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);

    // The extension's own peek, and kafkajs as an independent reader.
    await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic });
    const rows = await eventuallyShown('the two sent messages', topic, ({ rows: shown }) => (shown.length === 2 ? shown : undefined));
    assert.deepStrictEqual(rows.map((r) => [r.offset, r.key, r.value, r.headers]), [['1', 't-2', 'plain', ''], ['0', 't-1', '{\n  "n": 1\n}', 'h=1']]);
    const consumer = new Kafka({ brokers: brokers.split(','), clientId: 'produce-tab-test', logLevel: logLevel.NOTHING }).consumer({ groupId: `produce-tab-test-${Date.now()}` });
    const read: string[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void read.push(`${message.offset} ${String(message.key)} ${String(message.value)} ${JSON.stringify(message.headers)}`) });
      await eventually('kafkajs to read both messages', async () => (read.length >= 2 ? true : undefined), 30_000);
    } finally {
      await consumer.disconnect();
    }
    assert.deepStrictEqual(read, ['0 t-1 {"n": 1} {"h":{"type":"Buffer","data":[49]}}', '1 t-2 plain {}']);

    // The next tab for the topic opens with the last message sent.
    await closeProduceTab(editor);
    const again = await open();
    assert.ok(again);
    assert.strictEqual(again.document.getText(), '[\n  {\n    "key": "t-2",\n    "value": "plain"\n  }\n]\n');
    await closeProduceTab(again);
  });

  it('loads older, from an offset, and follows new messages in the message view', async () => {
    const cluster = api.liveKafka.connections.clusterFor(key);
    assert.ok(cluster);
    await cluster.produceMany(TOPIC, Array.from({ length: 10 }, (_, i) => ({ key: `m${i}`, value: `message ${i}`, partition: 0 })));
    await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic: TOPIC });
    const view = api.liveKafka.peekViews.activePanel();
    assert.ok(view);
    /** Sends what a control of the view sends, then waits until the view shows `keys`. */
    const shows = async (request: PeekViewRequest, keys: string[]) => {
      await view.receive(request);
      await eventuallyShown(`the view to show ${keys.join(', ')}`, TOPIC, ({ rows }) => {
        const shown = rows.map((r) => r.key);
        return JSON.stringify(shown) === JSON.stringify(keys) ? shown : undefined;
      }, 15_000);
    };
    await shows({ type: 'load', mode: 'newest', count: 5 }, ['m9', 'm8', 'm7', 'm6', 'm5']);
    await shows({ type: 'older' }, ['m9', 'm8', 'm7', 'm6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
    await shows({ type: 'load', mode: 'offset', partition: 0, offset: '3', count: 2 }, ['m4', 'm3']);
    await shows({ type: 'follow', on: true }, ['m4', 'm3']);
    await cluster.produce({ topic: TOPIC, partition: 0, key: 'm10', value: 'arrived while following' });
    await eventuallyShown('the followed message', TOPIC, ({ rows }) => (rows[0]?.key === 'm10' ? true : undefined), 15_000);
    await view.receive({ type: 'follow', on: false });
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('peek-view-follow');
  });

  it('sends a shown message again, to a new topic, with the same bytes and headers', async () => {
    const cluster = api.liveKafka.connections.clusterFor(key);
    const view = api.liveKafka.peekViews.activePanel();
    assert.ok(cluster && view);
    await view.receive({ type: 'load', mode: 'newest', partition: 1, count: 50 });
    const copy = `${TOPIC}-copy`;
    await answering(api, { 'again, to which topic?': copy }, () => view.receive({ type: 'resend', id: '1:0' }));
    const [sent] = await eventually('the copy on the new topic', async () => {
      const messages = await cluster.peek({ topic: copy, limit: 10 });
      return messages.length > 0 ? messages : undefined;
    });
    const [original] = await cluster.peek({ topic: TOPIC, partition: 1, limit: 1 });
    assert.strictEqual(sent.key?.base64, original.key?.base64);
    assert.strictEqual(sent.value?.base64, original.value?.base64);
    assert.deepStrictEqual(sent.headers, original.headers);
  });

  it('asks before producing to brokers that match a production pattern, and sends nothing when declined', async () => {
    await vscode.workspace.getConfiguration('upsunKafka').update('produce.confirmPatterns', ['127.0.0.1:*'], vscode.ConfigurationTarget.Workspace);
    const editor = await answering(api, { 'Produce to a topic of': TOPIC }, () => vscode.commands.executeCommand<vscode.TextEditor | undefined>('upsunKafka.produce', { serviceKey: key }));
    assert.ok(editor);
    await setText(editor, '{"value": "not for production"}');
    const prompter = new ScriptedPrompter({ 'looks like production': false });
    const installed = api.liveKafka.prompter.use(prompter);
    try {
      const before = (await api.liveKafka.connections.clusterFor(key)!.describeTopic(TOPIC)).messageCount;
      const result = await vscode.commands.executeCommand('upsunKafka.produceSend', editor.document.uri);
      assert.strictEqual(result, undefined);
      assert.ok(prompter.asked.some((q) => /looks like production/.test(q)), `asked: ${prompter.asked.join(' | ')}`);
      assert.strictEqual((await api.liveKafka.connections.clusterFor(key)!.describeTopic(TOPIC)).messageCount, before);
    } finally {
      installed.dispose();
      await closeProduceTab(editor);
      await vscode.workspace.getConfiguration('upsunKafka').update('produce.confirmPatterns', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('asks before it creates or deletes a topic on a production-like cluster, and changes nothing when declined', async () => {
    // A class and braces: the guard's patterns are the topic filter's globs.
    await vscode.workspace.getConfiguration('upsunKafka').update('produce.confirmPatterns', ['{127,10}.0.0.[0-9]:*'], vscode.ConfigurationTarget.Workspace);
    const cluster = api.liveKafka.connections.clusterFor(key);
    assert.ok(cluster);
    const topics = async () => (await cluster.listTopics({ includeInternal: true })).map((t) => t.name);
    const declined = { 'looks like production': false };
    try {
      const produced = `${TOPIC}-guard-produce`;
      const run = async (answers: Record<string, string | boolean>, command: () => Thenable<unknown>) => {
        const prompter = new ScriptedPrompter({ ...declined, ...answers });
        const installed = api.liveKafka.prompter.use(prompter);
        try {
          const result = await command();
          assert.deepStrictEqual(prompter.unanswered, [], `asked: ${prompter.asked.join(' | ')}`);
          assert.ok(prompter.asked.some((q) => /looks like production/.test(q)), `the guard did not ask: ${prompter.asked.join(' | ')}`);
          return result;
        } finally {
          installed.dispose();
        }
      };
      // Producing to a new topic: declined before the topic is created.
      const editor = await answering(api, { 'Produce to a topic of': produced }, () => vscode.commands.executeCommand<vscode.TextEditor | undefined>('upsunKafka.produce', { serviceKey: key }));
      assert.ok(editor);
      await setText(editor, '{"value": "x"}');
      const result = await run({}, () => vscode.commands.executeCommand('upsunKafka.produceSend', editor.document.uri));
      assert.strictEqual(result, undefined);
      await closeProduceTab(editor);
      // Create Topic…
      const created = `${TOPIC}-guard-create`;
      assert.strictEqual(
        await run({ ': partitions of': '3', ': replication factor of': '1', 'Create a topic in': created }, () =>
          vscode.commands.executeCommand('upsunKafka.createTopic', { serviceKey: key }),
        ),
        undefined,
      );
      // Send again, to a new topic.
      const view = api.liveKafka.peekViews.activePanel();
      assert.ok(view);
      const resent = `${TOPIC}-guard-resend`;
      await run({ 'again, to which topic?': resent }, () => view.receive({ type: 'resend', id: '1:0' }));
      // Delete Topic…: the topic stays.
      assert.strictEqual(
        await run({ 'Delete a topic of': TOPIC, [`Delete topic "${TOPIC}" of`]: TOPIC }, () => vscode.commands.executeCommand('upsunKafka.deleteTopic', { serviceKey: key })),
        false,
      );
      const names = await topics();
      for (const name of [produced, created, resent]) assert.ok(!names.includes(name), `"${name}" was created although the guard was declined`);
      assert.ok(names.includes(TOPIC), `"${TOPIC}" was deleted although the guard was declined`);
    } finally {
      await vscode.workspace.getConfiguration('upsunKafka').update('produce.confirmPatterns', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('stops following on Disconnect, and a disconnected or closed view asks for nothing', async () => {
    // No saved connection: a view that connected again on its own would ask for host:port.
    await settingsOfFolder().update('connections', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await api.liveKafka.connections.disconnect(key);
    const cluster = await answering(api, { 'Brokers of Kafka service "kafka"': brokers }, () => api.liveKafka.connections.connectKey(key));
    assert.ok(cluster, `not connected: ${api.liveKafka.connections.statusOf(key).message}`);
    // A view of its own (on the copy made by Send again), since this test closes it.
    await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic: `${TOPIC}-copy` });
    const view = api.liveKafka.peekViews.activePanel();
    assert.ok(view && view.topic === `${TOPIC}-copy`);
    await view.receive({ type: 'follow', on: true });
    await eventuallyShown('the view to show Follow on', view.topic, ({ following }) => (following ? true : undefined), 15_000);

    const states: string[] = [];
    const watch = api.liveKafka.connections.onDidChange((changed) => changed === key && states.push(api.liveKafka.connections.statusOf(key).state));
    const silent = new ScriptedPrompter({});
    const installed = api.liveKafka.prompter.use(silent);
    try {
      await vscode.commands.executeCommand('upsunKafka.disconnect', { serviceKey: key });
      const shown = await eventuallyShown('the view to show following stopped', view.topic, (rendered) => (!rendered.following && /Disconnected/.test(rendered.notice) ? rendered : undefined), 15_000);
      assert.match(shown.notice, /following stopped/);
      await vscode.commands.executeCommand('notifications.clearAll');
      await screenshotInBothThemes('peek-view-disconnected');
      // What must not happen cannot be polled for: watch three follow intervals (2 s each) pass.
      await new Promise((resolve) => setTimeout(resolve, 6_500));
      assert.deepStrictEqual(silent.asked, [], 'the view asked after Disconnect');
      assert.deepStrictEqual(states, ['disconnected'], 'the view connected again after Disconnect');

      // Follow again (connects, as the user asked), then close the view and disconnect.
      await answering(api, { 'Brokers of Kafka service "kafka"': brokers }, () => view.receive({ type: 'follow', on: true }));
      await eventuallyShown('the view to show Follow on again', view.topic, ({ following }) => (following ? true : undefined), 15_000);
      api.liveKafka.prompter.use(silent);
      view.dispose();
      states.length = 0;
      await vscode.commands.executeCommand('upsunKafka.disconnect', { serviceKey: key });
      await new Promise((resolve) => setTimeout(resolve, 6_500));
      assert.deepStrictEqual(silent.asked, [], 'the closed view asked');
      assert.deepStrictEqual(states, ['disconnected'], 'the closed view connected again');
    } finally {
      installed.dispose();
      watch.dispose();
    }
  });
});
