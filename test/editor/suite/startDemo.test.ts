// What `npm start` shows: the runner opens this suite in a window of its own, as
// scripts/start.ts does: a fresh broker with the demo data and PLATFORM_RELATIONSHIPS in the
// editor's environment before the window opens. No test runs Connect: the explorer must show
// the service connected on open (upsunKafka.connection.autoConnect), the demo topics, the
// group with lag, and a message view following orders as the sample backend writes them.
// Takes the explorer screenshot the README and docs show.

import * as assert from 'assert';
import type { ChildProcess } from 'child_process';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { PLATFORM_RELATIONSHIPS } from '../../../src/upsun/relationships';
import { snapshot, type Row } from './explorerTree';
import type { RenderedRow } from '../protocol';
import { ANALYTICS_GROUP, AUDIT_TOPIC, CUSTOMERS_TOPIC, ORDERS_TOPIC, PROCESSOR_GROUP, startSampleBackend } from '../../harness/demo';
import { eventually } from '../../harness/eventually';
import { eventuallyShown } from './peekPage';
import { answering } from './scriptedPrompter';
import { screenshot } from './screenshot';

const outline = (rows: readonly Row[]) => rows.map((r) => `${'  '.repeat(r.depth)}${r.label}${r.description ? ` — ${r.description}` : ''}`).join('\n');

async function treeWhere(what: string, check: (rows: readonly Row[]) => boolean, timeoutMs = 30_000): Promise<readonly Row[]> {
  let last: readonly Row[] = [];
  try {
    return await eventually(
      what,
      async () => {
        await vscode.commands.executeCommand('upsunKafka.refresh');
        last = ((await snapshot(4)) ?? { rows: [] }).rows;
        return check(last) ? last : undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\nrows:\n${outline(last)}`);
  }
}

const row = (rows: readonly Row[], label: string) => rows.find((r) => r.label === label);
const lagOf = (r: Row | undefined) => Number(/^lag (\d+)/.exec(r?.description ?? '')?.[1] ?? NaN);
const messagesOf = (r: Row | undefined) => Number(/^([\d,]+) messages/.exec(r?.description ?? '')?.[1].replace(/,/g, '') ?? NaN);

describe('npm start demo', function () {
  this.timeout(180_000);
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  let api: ExtensionApi;
  let key: string;
  let backend: ChildProcess | undefined;
  let backendOutput = '';

  before(async () => {
    assert.ok(brokers.length > 0, 'KAFKA_BROKERS is not set in the extension host');
    assert.ok(process.env[PLATFORM_RELATIONSHIPS], `${PLATFORM_RELATIONSHIPS} is not set in the extension host: the runner opens this suite as npm start does`);
    api = await vscode.extensions.getExtension<ExtensionApi>('upsun-kafka-tools.upsun-kafka-tools')!.activate();
    key = (await eventually('the kafka service', async () => api.liveKafka.connections.services().find((s) => s.service.name === 'kafka'))).key;
    backend = startSampleBackend(vscode.workspace.workspaceFolders![0].uri.fsPath, brokers, (text) => (backendOutput += text));
  });

  // The service stays connected: the runner then checks the window as npm start leaves it.
  after(() => {
    backend?.kill('SIGTERM');
  });

  it('is connected on open, from PLATFORM_RELATIONSHIPS, with no command run', async () => {
    const status = await eventually('the kafka service connected on open', async () => {
      const now = api.liveKafka.connections.statusOf(key);
      if (now.state === 'error') throw new Error(`connecting on open failed: ${now.message}`);
      return now.state === 'connected' ? now : undefined;
    }, 60_000);
    assert.deepStrictEqual([status.state, status.source, status.brokers], ['connected', 'platform-relationships', [brokers[0]]]);
    const service = await treeWhere('the connected service row', (rs) => row(rs, 'kafka')?.contextValue === 'cluster');
    // The disk joins once the topics' sizes are read.
    assert.match(row(service, 'kafka')!.description ?? '', /^kafka:4\.1( · disk .*)?$/);
  });

  it('shows the demo topics, a consumer group with lag, and a message view following orders', async () => {
    const rows = await treeWhere('the demo topics and groups', (rs) =>
      [ORDERS_TOPIC, CUSTOMERS_TOPIC, AUDIT_TOPIC, ANALYTICS_GROUP, PROCESSOR_GROUP].every((label) => row(rs, label)) && lagOf(row(rs, ANALYTICS_GROUP)) > 0,
    );
    assert.match(row(rows, ORDERS_TOPIC)!.description ?? '', / · 3 partitions · \d+(\.\d)? [KM]?i?B$/);
    assert.match(row(rows, CUSTOMERS_TOPIC)!.description ?? '', /^12 messages · 1 partition/);
    assert.match(row(rows, AUDIT_TOPIC)!.description ?? '', /^30 messages · 1 partition/);
    assert.ok(lagOf(row(rows, ANALYTICS_GROUP)) >= 30, outline(rows));
    // Peek and Follow ask nothing on a connected service: any question fails the test.
    await answering(api, {}, () => vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic: ORDERS_TOPIC }));
    const view = api.liveKafka.peekViews.activePanel();
    assert.ok(view);
    const loaded = await eventuallyShown('the newest orders', ORDERS_TOPIC, ({ rows }) => (rows.length > 0 ? rows : undefined), 15_000);
    const isNew = (r: RenderedRow) => !loaded.some((l) => l.partition === r.partition && l.offset === r.offset);
    await view.receive({ type: 'follow', on: true });
    // The sample backend writes a few orders a second: following shows them arrive.
    const followed = await eventuallyShown(`orders arriving while following (backend output: ${backendOutput.trim() || 'none'})`, ORDERS_TOPIC, (now) => (now.following && now.rows.some(isNew) ? now : undefined), 30_000);
    // A new order is the backend's JSON, keyed by its customer.
    const arrived = followed.rows.find(isNew)!;
    assert.match(arrived.value, /"status": "created"/);
    assert.ok(arrived.key.length > 0);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('upsunKafka.explorer.focus');
    await screenshot('explorer-demo', { expand: ['Consumer groups', ANALYTICS_GROUP] });
    await view.receive({ type: 'follow', on: false });
  });

  it('the sample backend produces and consumes: orders grow and the processor commits', async () => {
    const first = messagesOf(row(await treeWhere('orders counted', (rs) => messagesOf(row(rs, ORDERS_TOPIC)) > 0), ORDERS_TOPIC));
    await treeWhere(`more than ${first} orders (backend output: ${backendOutput.trim() || 'none'})`, (rs) => messagesOf(row(rs, ORDERS_TOPIC)) > first);
    // The processor's group exists once it has committed; its lag is a number.
    const rows = await treeWhere(`${PROCESSOR_GROUP} with a lag`, (rs) => Number.isFinite(lagOf(row(rs, PROCESSOR_GROUP))));
    assert.ok(lagOf(row(rows, PROCESSOR_GROUP)) >= 0);
  });
});
