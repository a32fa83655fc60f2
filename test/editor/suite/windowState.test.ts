// The last suite (suites run in name order): it leaves the window as the runner's window checks
// look at it, whatever the suites before it closed. The Upsun Kafka view in the side bar, the
// Output channel open on the extension's log, and a message view tab on an orders topic, each
// made here rather than inherited.

import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { eventually } from '../../harness/eventually';
import { eventuallyShown } from './peekPage';

const EXTENSION_ID = 'upsun-kafka-tools.upsun-kafka-tools';
const TOPIC = `orders-window-${Date.now().toString(36)}`;

describe('the window the runner checks', function () {
  this.timeout(120_000);
  const brokers = process.env.KAFKA_BROKERS ?? '';
  const settingsOfFolder = () => vscode.workspace.getConfiguration('upsunKafka', vscode.workspace.workspaceFolders![0].uri);

  it('shows the Services view, the Output channel and a message view tab on an orders topic', async () => {
    assert.ok(brokers, 'KAFKA_BROKERS is not set in the extension host');
    const api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    const { key } = await eventually('the sample project\'s kafka service', async () => api.liveKafka.connections.services().find((s) => s.service.name === 'kafka'));
    await settingsOfFolder().update('connections', { kafka: { brokers: brokers.split(',') } }, vscode.ConfigurationTarget.WorkspaceFolder);
    const cluster = await api.liveKafka.connections.connectKey(key);
    assert.ok(cluster, `not connected: ${api.liveKafka.connections.statusOf(key).message}`);
    await cluster.createTopic({ topic: TOPIC, partitions: 1, replicationFactor: 1 });
    await eventually('the new topic to be listed', async () => ((await cluster.listTopics()).some((t) => t.name === TOPIC) ? true : undefined));
    await cluster.produce({ topic: TOPIC, key: 'window', value: 'seen by the window check' });
    await vscode.commands.executeCommand('workbench.view.extension.upsunKafka');
    await vscode.commands.executeCommand('upsunKafka.showLog');
    await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic: TOPIC });
    const rows = await eventuallyShown('the message view to render the message', TOPIC, ({ rows: rendered }) => (rendered.length > 0 ? rendered : undefined));
    assert.deepStrictEqual(rows.map((r) => r.key), ['window']);
    assert.ok(vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === `${TOPIC} · kafka`), 'the message view tab');
  });
});
