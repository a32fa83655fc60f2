// The message view as a person uses it, read and driven through the browser runner: JSON as a
// collapsible tree, a message opened in an editor tab, the histogram and its selected span,
// UTC or local time, and 10,000 messages paged with each page's render measured in the page.

import * as assert from 'assert';
import { mkdirSync, writeFileSync } from 'fs';
import { Kafka, logLevel } from 'kafkajs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { eventually } from '../../harness/eventually';
import { TEST_RESULTS } from '../../harness/paths';
import type { PeekViewRequest } from '../../../src/messageView/protocol';
import type { PeekPageAction, RenderedView } from '../protocol';
import { eventuallyShown, readPeekView } from './peekPage';
import { screenshot } from './screenshot';

const EXTENSION_ID = 'upsun-kafka-tools.upsun-kafka-tools';
const RUN = Date.now().toString(36);
const TOPIC = `view-${RUN}`;
const BIG = `view-10k-${RUN}`;
/** 2026-01-31 12:00:00 UTC: the messages' own timestamps, so the histogram's buckets are known. */
const T0 = Date.UTC(2026, 0, 31, 12, 0, 0);
const ODD = '{"id": 12345678901234567890, "price": 1.10, "dup": 1, "dup": 2, "nested": {"list": [true, null, "x"]}}';
const ODD_ID = '0:35';

describe('message view: tree, open, histogram, time zone, 10,000 messages', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let key: string;
  const brokers = process.env.KAFKA_BROKERS ?? '';
  const settingsOfFolder = () => vscode.workspace.getConfiguration('upsunKafka', vscode.workspace.workspaceFolders![0].uri);

  /** Does `actions` in the view of `topic`, then reads it. */
  const act = async (topic: string, actions: readonly PeekPageAction[]): Promise<RenderedView> => {
    const view = await readPeekView(topic, actions);
    assert.ok(view, `no message view of ${topic}`);
    return view;
  };

  before(async () => {
    assert.ok(brokers, 'KAFKA_BROKERS is not set in the extension host');
    api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    key = (await eventually('the sample project\'s kafka service', async () => api.liveKafka.connections.services().find((s) => s.service.name === 'kafka'))).key;
    await settingsOfFolder().update('connections', { kafka: { brokers: brokers.split(',') } }, vscode.ConfigurationTarget.WorkspaceFolder);
    const cluster = await api.liveKafka.connections.connectKey(key);
    assert.ok(cluster, `not connected: ${api.liveKafka.connections.statusOf(key).message}`);
    await cluster.createTopic({ topic: TOPIC, partitions: 1, replicationFactor: 1 });
    // Timestamps of our choosing need a client that sets them: kafkajs itself.
    const producer = new Kafka({ brokers: brokers.split(','), clientId: 'message-view-test', logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    try {
      const at = (ms: number, k: string, value: string) => ({ key: k, value, timestamp: String(ms) });
      const messages = [
        ...Array.from({ length: 10 }, (_, i) => at(T0 + i * 1_000, `a${i}`, `{"n": ${i}}`)),
        ...Array.from({ length: 5 }, (_, i) => at(T0 + 300_000 + i * 1_000, `b${i}`, `{"n": ${i}}`)),
        ...Array.from({ length: 20 }, (_, i) => at(T0 + 600_000 + i * 500, `c${i}`, `{"n": ${i}}`)),
        { ...at(T0 + 615_000, 'odd', ODD), headers: { h: 'v' } },
      ];
      await producer.send({ topic: TOPIC, messages });
    } finally {
      await producer.disconnect();
    }
    await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic: TOPIC });
    const view = api.liveKafka.peekViews.activePanel();
    assert.ok(view && view.topic === TOPIC);
    await view.receive({ type: 'load', mode: 'newest', count: 100 });
    await eventuallyShown('all 36 messages', TOPIC, ({ rows }) => (rows.length === 36 ? rows : undefined));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('upsunKafka').update('peek.timeZone', undefined, vscode.ConfigurationTarget.Global);
    await settingsOfFolder().update('connections', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    // Only this suite's views: the runner's window checks look for the peek suite's tab.
    const ours = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.label.startsWith(`${TOPIC} `) || tab.label.startsWith(`${BIG} `));
    await vscode.window.tabGroups.close(ours);
  });

  it('shows a JSON value as a tree that keeps every digit and repeated key, driven by the keyboard', async () => {
    const value = '#detail .value';
    let shown = await act(TOPIC, [
      { kind: 'click', selector: `#rows tr[data-id="${ODD_ID}"] td.offset` },
      { kind: 'select', selector: `${value} select.show-as`, value: 'tree' },
    ]);
    assert.deepStrictEqual(shown.tree, [
      '- {5}',
      '  "id": 12345678901234567890',
      '  "price": 1.10',
      '  "dup": 1',
      '  "dup": 2',
      '  - "nested": {1}',
      '    + "list": [3]',
    ]);
    // Into the tree with Tab's stop (its first item), to the last item, and open it.
    shown = await act(TOPIC, [
      { kind: 'press', selector: `${value} [role="treeitem"][tabindex="0"]`, key: 'End' },
      { kind: 'press', key: 'ArrowRight' },
    ]);
    assert.deepStrictEqual(shown.tree.slice(6), ['    - "list": [3]', '      true', '      null', '      "x"']);
    assert.strictEqual(shown.treeFocus, '"list": [3]');
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('peek-json-tree');
    // ← on an open item closes it; ↑ moves to the one above; ← closes that.
    shown = await act(TOPIC, [{ kind: 'press', key: 'ArrowLeft' }, { kind: 'press', key: 'ArrowUp' }, { kind: 'press', key: 'ArrowLeft' }]);
    assert.deepStrictEqual(shown.tree.slice(5), ['  + "nested": {1}']);
    assert.strictEqual(shown.treeFocus, '"nested": {1}');
    // Back to text: the lossless pretty print, as before.
    shown = await act(TOPIC, [{ kind: 'select', selector: `${value} select.show-as`, value: 'text' }]);
    assert.deepStrictEqual(shown.tree, []);
    assert.strictEqual(shown.rows[0].value, '{\n  "id": 12345678901234567890,\n  "price": 1.10,\n  "dup": 1,\n  "dup": 2,\n  "nested": {\n    "list": [\n      true,\n      null,\n      "x"\n    ]\n  }\n}');
  });

  it('opens a message in an editor tab as a read-only JSON document, whole and lossless', async () => {
    await act(TOPIC, [
      { kind: 'click', selector: `#rows tr[data-id="${ODD_ID}"] td.offset` },
      { kind: 'click', selector: '#detail [data-action="open"]' },
    ]);
    const document = await eventually('the message\'s document', async () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'upsun-kafka-message'));
    assert.strictEqual(path.posix.basename(document.uri.path), `${TOPIC}-0-35.json`);
    assert.strictEqual(document.languageId, 'json');
    const text = document.getText();
    const parsed = JSON.parse(text);
    assert.deepStrictEqual(
      { topic: parsed.topic, partition: parsed.partition, offset: parsed.offset, timestamp: parsed.timestamp, timestampMs: parsed.timestampMs, key: parsed.key, headers: parsed.headers },
      { topic: TOPIC, partition: 0, offset: '35', timestamp: new Date(T0 + 615_000).toISOString(), timestampMs: String(T0 + 615_000), key: 'odd', headers: [{ key: 'h', value: 'v' }] },
    );
    // What JSON.parse would lose is in the text as the producer wrote it.
    assert.match(text, /"value": \{\n {4}"id": 12345678901234567890,\n {4}"price": 1\.10,\n {4}"dup": 1,\n {4}"dup": 2,/);
    try {
      // Read-only: its file system takes no write, and the document cannot be saved.
      assert.strictEqual(vscode.workspace.fs.isWritableFileSystem(document.uri.scheme), false);
      await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(document.uri, new TextEncoder().encode('{}'))), /NoPermissions|permission/i);
      assert.strictEqual(await document.save(), false);
      assert.strictEqual(document.getText(), text);
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('peeks, opens the detail and copies with the keyboard alone', async () => {
    await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic: TOPIC });
    // The grid's one Tab stop, reached from the histogram with Tab; then keys only.
    let shown = await act(TOPIC, [
      { kind: 'press', selector: '#histogram svg', key: 'Tab' },
      { kind: 'press', key: 'End' },
      { kind: 'press', key: 'Home' },
    ]);
    assert.strictEqual(shown.focus, ODD_ID);
    assert.strictEqual(shown.detail, `Message ${ODD_ID}`);
    shown = await act(TOPIC, [{ kind: 'press', key: 'ArrowDown' }]);
    assert.strictEqual(shown.focus, '0:34');
    shown = await act(TOPIC, [{ kind: 'press', key: 'ArrowUp' }, { kind: 'press', key: 'Enter' }]);
    assert.deepStrictEqual([shown.focus, shown.detail], ['detail', `Message ${ODD_ID}`]);
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('peek-detail');
    // What the keys ask of the panel: the browser under test never answers clipboard reads.
    const view = api.liveKafka.peekViews.activePanel();
    assert.ok(view && view.topic === TOPIC);
    const asked: PeekViewRequest[] = [];
    const receive = view.receive.bind(view);
    view.receive = (request) => {
      asked.push(request);
      return receive(request);
    };
    try {
      shown = await act(TOPIC, [{ kind: 'press', key: 'Escape' }, { kind: 'press', key: 'c' }, { kind: 'press', key: 'j' }]);
      assert.strictEqual(shown.focus, ODD_ID);
      await eventually('the copies asked for', async () => (asked.length >= 2 ? true : undefined));
      assert.deepStrictEqual(asked, [{ type: 'copyValue', id: ODD_ID }, { type: 'copy', id: ODD_ID }]);
    } finally {
      view.receive = receive;
    }
    // The same view at 1400 and 700 px, in a light and a dark theme.
    const workbench = vscode.workspace.getConfiguration('workbench');
    try {
      for (const theme of ['Default Light Modern', 'Default Dark Modern']) {
        await workbench.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
        const name = theme.includes('Dark') ? 'dark' : 'light';
        await screenshot(`peek-${name}-1400`);
        await screenshot(`peek-${name}-700`, { width: 700 });
      }
    } finally {
      await workbench.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('counts messages over time, and a span selected with the mouse or the keyboard narrows the table', async () => {
    await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic: TOPIC });
    let shown = await eventuallyShown('the histogram', TOPIC, (view) => (view.bars.length > 0 ? view : undefined));
    // 12:00:00 to 12:10:15 in at most 60 bars: 15 s each, 42 bars.
    const expected = new Array<number>(42).fill(0);
    expected[0] = 10;
    expected[20] = 5;
    expected[40] = 20;
    expected[41] = 1;
    assert.deepStrictEqual(shown.bars, expected);
    assert.strictEqual(shown.histogramCaption, '36 messages, 2026-01-31 12:00:00.000 – 2026-01-31 12:10:30.000, 15 s per bar');
    // Drag across bars 19 to 21: the five messages of 12:05.
    shown = await act(TOPIC, [{ kind: 'drag', selector: '#histogram svg', from: 19.5 / 42, to: 21.5 / 42 }]);
    assert.deepStrictEqual(shown.selectedBars, [19, 20, 21]);
    assert.deepStrictEqual(shown.rows.map((r) => r.key), ['b4', 'b3', 'b2', 'b1', 'b0']);
    assert.match(shown.histogramCaption, /^Showing 2026-01-31 12:04:45\.000 – 2026-01-31 12:05:30\.000 of /);
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('peek-histogram');
    // The keyboard: Home selects the first bar, Shift+End widens to the last, Escape shows all.
    shown = await act(TOPIC, [{ kind: 'press', selector: '#histogram svg', key: 'Home' }]);
    assert.deepStrictEqual(shown.rows.map((r) => r.key), ['a9', 'a8', 'a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1', 'a0']);
    shown = await act(TOPIC, [{ kind: 'press', key: 'Shift+End' }]);
    assert.strictEqual(shown.rows.length, 36);
    assert.strictEqual(shown.selectedBars.length, 42);
    shown = await act(TOPIC, [{ kind: 'press', key: 'ArrowLeft' }]);
    assert.deepStrictEqual(shown.rows.map((r) => r.key), Array.from({ length: 20 }, (_, i) => `c${19 - i}`));
    assert.deepStrictEqual(shown.selectedBars, [40]);
    shown = await act(TOPIC, [{ kind: 'press', key: 'Escape' }]);
    assert.strictEqual(shown.rows.length, 36);
    assert.deepStrictEqual(shown.selectedBars, []);
  });

  it('shows timestamps in UTC or local time, and remembers the choice', async () => {
    let shown = await act(TOPIC, []);
    assert.strictEqual(shown.timeHeading, 'Timestamp (UTC)');
    assert.strictEqual(shown.rows[0].timestamp, '2026-01-31 12:10:15.000');
    await act(TOPIC, [{ kind: 'select', selector: '#timeZone', value: 'local' }]);
    shown = await eventuallyShown('local time', TOPIC, (view) => (view.timeHeading === 'Timestamp (local)' ? view : undefined));
    assert.match(shown.rows[0].timestamp, /^2026-01-31 \d\d:\d\d:15\.000 [+-]\d\d:\d\d$/);
    assert.strictEqual(vscode.workspace.getConfiguration('upsunKafka').get('peek.timeZone'), 'local');
    await act(TOPIC, [{ kind: 'select', selector: '#timeZone', value: 'utc' }]);
    shown = await eventuallyShown('UTC again', TOPIC, (view) => (view.timeHeading === 'Timestamp (UTC)' ? view : undefined));
    assert.strictEqual(shown.rows[0].timestamp, '2026-01-31 12:10:15.000');
    assert.strictEqual(vscode.workspace.getConfiguration('upsunKafka').get('peek.timeZone'), 'utc');
  });

  it('holds 10,000 messages and pages through them, each render timed in the page', async () => {
    const cluster = api.liveKafka.connections.clusterFor(key);
    assert.ok(cluster);
    await cluster.createTopic({ topic: BIG, partitions: 3, replicationFactor: 1 });
    for (let batch = 0; batch < 10; batch++) {
      await cluster.produceMany(
        BIG,
        Array.from({ length: 1_000 }, (_, i) => {
          const n = batch * 1_000 + i;
          return { key: `k${n}`, value: JSON.stringify({ n, customer: `c-${n % 97}`, items: [{ sku: `s-${n % 13}`, qty: (n % 5) + 1 }], note: 'x'.repeat(n % 80) }), partition: n % 3, headers: [{ key: 'source', value: 'bench' }] };
        }),
      );
    }
    await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic: BIG });
    const view = api.liveKafka.peekViews.activePanel();
    assert.ok(view && view.topic === BIG);
    await view.receive({ type: 'load', mode: 'newest', count: 10_000 });
    let shown = await eventuallyShown('10,000 messages, first page', BIG, (v) => (v.page === 'Page 1 of 200 · messages 1–50 of 10000' ? v : undefined), 60_000);
    assert.strictEqual(shown.rows.length, 50);
    const before = shown.renderMs.length;
    const pages: string[] = [];
    for (let i = 0; i < 9; i++) {
      shown = await act(BIG, [{ kind: 'press', selector: '#next', key: 'Enter' }]);
      pages.push(shown.page);
    }
    shown = await act(BIG, [{ kind: 'press', selector: '#last', key: 'Enter' }]);
    pages.push(shown.page);
    shown = await act(BIG, [{ kind: 'press', selector: '#first', key: 'Enter' }]);
    assert.deepStrictEqual(pages.slice(0, 2), ['Page 2 of 200 · messages 51–100 of 10000', 'Page 3 of 200 · messages 101–150 of 10000']);
    assert.strictEqual(pages[9], 'Page 200 of 200 · messages 9951–10000 of 10000');
    assert.strictEqual(shown.rows.length, 50);
    // The README's picture: a full page of JSON orders, one open in the detail beside the table.
    shown = await act(BIG, [{ kind: 'click', selector: '#rows tr:nth-child(4) td.offset' }]);
    assert.match(shown.detail, /^Message \d:\d+$/);
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('peek-view');
    // Eleven page turns, and any render a state update of the extension caused meanwhile.
    const times = shown.renderMs.slice(before);
    mkdirSync(TEST_RESULTS, { recursive: true });
    writeFileSync(path.join(TEST_RESULTS, 'peek-render-10k.json'), `${JSON.stringify({ messages: 10_000, pageRows: 50, renderMs: shown.renderMs, sinceFirstPageMs: times }, null, 2)}\n`);
    assert.ok(times.length >= 11, `${times.length} renders for 11 page turns`);
    // Reported by the runner, not asserted: speed belongs to bench/, and this machine's load varies.
  });
});
