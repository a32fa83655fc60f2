// The explorer stays live by itself (upsunKafka.explorer.refreshIntervalSeconds): message
// counts follow what is produced without Refresh, and a broker that stops and starts again on
// the same port shows as Disconnected with its cause, then connected again, without Set
// Connection. The suite runs a broker of its own, to stop it.

import * as assert from 'assert';
import { Kafka, logLevel } from 'kafkajs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { snapshot, type Row, type Snapshot } from './explorerTree';
import { eventually } from '../../harness/eventually';
import { note } from './notes';
import { renderedMarkdown } from '../../harness/markdown';
import { RunningBroker, startBroker } from '../../harness/kafkaBroker';
import { screenshot } from './screenshot';

const MESSAGES = 3_000;

describe('explorer view, live by itself', function () {
  // Starting a broker on a busy 2-core machine took over 90 s once; it starts twice here.
  this.timeout(600_000);
  const topic = `live-${Date.now().toString(36)}`;
  const folderSettings = () => vscode.workspace.getConfiguration('upsunKafka', vscode.workspace.workspaceFolders![0].uri);
  const settings = () => vscode.workspace.getConfiguration('upsunKafka');
  let api: ExtensionApi;
  let key: string;
  let broker: RunningBroker;

  const tree = async (): Promise<Snapshot> => snapshot(3);
  const outline = (rows: readonly Row[]) => rows.map((r) => `${'  '.repeat(r.depth)}${r.label}${r.description ? ` — ${r.description}` : ''}`).join('\n');
  async function treeWhere(what: string, check: (rows: readonly Row[]) => boolean, timeoutMs = 60_000): Promise<readonly Row[]> {
    let last: readonly Row[] = [];
    try {
      return await eventually(what, async () => {
        last = (await tree()).rows;
        return check(last) ? last : undefined;
      }, timeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}\nrows:\n${outline(last)}`);
    }
  }
  const service = (rows: readonly Row[]) => rows.find((r) => r.label === 'kafka' && r.depth === 0);
  // The topic's size follows its count once the disk is sampled (DescribeLogDirs).
  const counted = (count: number) => (r: Row) => r.label === topic && new RegExp(`^${count.toLocaleString('en-US')} messages · 3 partitions( · \\d+(\\.\\d)? (B|KiB|MiB))?$`).test(r.description ?? '');

  before(async () => {
    broker = await startBroker({ progress: () => undefined });
    api = await vscode.extensions.getExtension<ExtensionApi>('upsun-kafka-tools.upsun-kafka-tools')!.activate();
    key = (await eventually('the kafka service', async () => api.liveKafka.connections.services().find((s) => s.service.name === 'kafka'))).key;
    await settings().update('explorer.refreshIntervalSeconds', 2, vscode.ConfigurationTarget.Workspace);
    await folderSettings().update('connections', { kafka: { brokers: [broker.brokers] } }, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.commands.executeCommand('upsunKafka.explorer.focus');
  });

  after(async () => {
    await vscode.commands.executeCommand('upsunKafka.disconnect', { serviceKey: key });
    await folderSettings().update('connections', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await settings().update('explorer.refreshIntervalSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    await broker?.stop();
  });

  it('updates a topic\'s message count as messages are produced, without Refresh', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('upsunKafka.connect', { serviceKey: key }), true);
    const cluster = api.liveKafka.connections.clusterFor(key)!;
    await cluster.createTopic({ topic, partitions: 3, replicationFactor: 1 });
    // No Refresh from here on: the view loads the topic by itself.
    await treeWhere(`topic ${topic} with 0 messages`, (rows) => rows.some(counted(0)));
    const producer = new Kafka({ brokers: [broker.brokers], clientId: 'live-refresh-test', logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    try {
      await producer.send({ topic, messages: Array.from({ length: MESSAGES }, (_, i) => ({ key: `k${i % 7}`, value: `message ${i}` })) });
    } finally {
      await producer.disconnect();
    }
    const started = Date.now();
    await treeWhere(`topic ${topic} with ${MESSAGES} messages`, (rows) => rows.some(counted(MESSAGES)));
    note(`count updated ${Date.now() - started} ms after the produce`);
  });

  it('shows a stopped broker as Disconnected with the cause, and reconnects when it is back', async () => {
    await broker.stop({ keepData: true });
    const lost = await treeWhere('the service row disconnected', (rows) => service(rows)?.contextValue === 'kafka' && /disconnected: reconnecting…/.test(service(rows)?.description ?? ''));
    const row = service(lost)!;
    assert.match(row.description ?? '', /^kafka:4\.1 · disconnected: reconnecting…$/);
    // The cause, whole: which broker, and what to check.
    const tooltip = renderedMarkdown(row.node.tooltip ?? '').text;
    assert.match(tooltip, new RegExp(`Disconnected: .*${broker.brokers.replace(/\./g, '\\.')}.*(Check that the broker runs|try again in a moment).* Reconnecting when the brokers answer\\.$`, 's'), tooltip);
    assert.ok(!lost.some((r) => r.label === 'Topics'), outline(lost));
    assert.strictEqual(api.liveKafka.connections.statusOf(key).state, 'connected');
    await screenshot('explorer-disconnected');

    await broker.start();
    const back = await treeWhere(`the service connected again, with ${topic}`, (rows) => service(rows)?.contextValue === 'cluster' && rows.some(counted(MESSAGES)), 120_000);
    assert.match(service(back)!.description ?? '', /^kafka:4\.1( · disk .+)?$/);
    assert.strictEqual(api.liveKafka.connections.statusOf(key).lost, undefined);
  });
});
