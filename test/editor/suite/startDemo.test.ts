// What `npm start` shows: the demo data, the sample backend running, and the extension finding
// the broker in PLATFORM_RELATIONSHIPS, as scripts/start.ts sets it, so Connect asks nothing.
// Takes the README's explorer screenshot. Runs last (file order): it leaves the broker with
// the demo topics, which no later suite expects.

import * as assert from 'assert';
import type { ChildProcess } from 'child_process';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { PLATFORM_RELATIONSHIPS } from '../../../src/kafka/resolve';
import type { Row, Snapshot } from '../../../src/vscode/explorer/snapshot';
import { ANALYTICS_GROUP, AUDIT_TOPIC, CUSTOMERS_TOPIC, demoRelationships, ORDERS_TOPIC, PROCESSOR_GROUP, seedDemoData, startSampleBackend } from '../../harness/demo';
import { eventually } from '../../harness/eventually';
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
        last = ((await vscode.commands.executeCommand<Snapshot>('upsunKafka.explorer.snapshot', 4)) ?? { rows: [] }).rows;
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
  const savedRelationships = process.env[PLATFORM_RELATIONSHIPS];

  before(async () => {
    assert.ok(brokers.length > 0, 'KAFKA_BROKERS is not set in the extension host');
    await seedDemoData(brokers);
    // What scripts/start.ts puts in code-server's environment; the extension host reads it
    // when it looks for a service's brokers.
    process.env[PLATFORM_RELATIONSHIPS] = demoRelationships(brokers);
    api = (await vscode.extensions.getExtension<ExtensionApi>('upsun-kafka-tools.upsun-kafka-tools')!.activate());
    key = (await eventually('the kafka service', async () => api.liveKafka.connections.services().find((s) => s.service.name === 'kafka'))).key;
    backend = startSampleBackend(vscode.workspace.workspaceFolders![0].uri.fsPath, brokers, (text) => (backendOutput += text));
  });

  after(async () => {
    backend?.kill('SIGTERM');
    await vscode.commands.executeCommand('upsunKafka.disconnect', { serviceKey: key });
    if (savedRelationships === undefined) delete process.env[PLATFORM_RELATIONSHIPS];
    else process.env[PLATFORM_RELATIONSHIPS] = savedRelationships;
  });

  it('connects from PLATFORM_RELATIONSHIPS without asking anything', async () => {
    // No answers: any question (a host:port prompt) fails the test.
    assert.strictEqual(await answering(api, {}, () => vscode.commands.executeCommand('upsunKafka.connect', { serviceKey: key })), true);
    const status = api.liveKafka.connections.statusOf(key);
    assert.deepStrictEqual([status.state, status.source, status.brokers], ['connected', 'platform-relationships', [brokers[0]]]);
  });

  it('shows the demo topics and a consumer group with lag', async () => {
    const rows = await treeWhere('the demo topics and groups', (rs) =>
      [ORDERS_TOPIC, CUSTOMERS_TOPIC, AUDIT_TOPIC, ANALYTICS_GROUP, PROCESSOR_GROUP].every((label) => row(rs, label)) && lagOf(row(rs, ANALYTICS_GROUP)) > 0,
    );
    assert.match(row(rows, ORDERS_TOPIC)!.description ?? '', / · 3 partitions$/);
    assert.match(row(rows, CUSTOMERS_TOPIC)!.description ?? '', /^12 messages · 1 partition/);
    assert.match(row(rows, AUDIT_TOPIC)!.description ?? '', /^30 messages · 1 partition/);
    assert.ok(lagOf(row(rows, ANALYTICS_GROUP)) >= 30, outline(rows));
    await vscode.commands.executeCommand('upsunKafka.explorer.focus');
    await screenshot('explorer-demo', { expand: ['Consumer groups', ANALYTICS_GROUP] });
  });

  it('the sample backend produces and consumes: orders grow and the processor commits', async () => {
    const first = messagesOf(row(await treeWhere('orders counted', (rs) => messagesOf(row(rs, ORDERS_TOPIC)) > 0), ORDERS_TOPIC));
    await treeWhere(`more than ${first} orders (backend output: ${backendOutput.trim() || 'none'})`, (rs) => messagesOf(row(rs, ORDERS_TOPIC)) > first);
    // The processor's group exists once it has committed; its lag is a number.
    const rows = await treeWhere(`${PROCESSOR_GROUP} with a lag`, (rs) => Number.isFinite(lagOf(row(rs, PROCESSOR_GROUP))));
    assert.ok(lagOf(row(rows, PROCESSOR_GROUP)) >= 0);
  });
});
