// "Connect to Environment…" in a real VS Code: the stand-in `upsun` (test/fixtures/upsun-cli,
// set as upsunKafka.cli.path) lists environments and opens a real forward to a broker that
// advertises kafka.internal:9092; the runner starts that broker and links the workspace to the
// stand-in's project. Pick, connect, peek, disconnect, and nothing of the tunnel is left.

import * as assert from 'assert';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as net from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { PickItem, PickOptions, WindowPrompter } from '../../../src/vscode/prompter';
import { eventually } from '../../harness/eventually';
import { STAND_IN } from '../../harness/upsunStandIn';
import { Answers, ScriptedPrompter } from './scriptedPrompter';
import { eventuallyShown } from './peekPage';
import { screenshot } from './screenshot';

const EXTENSION_ID = 'upsun-kafka-tools.upsun-kafka-tools';
const CONNECT = 'upsunKafka.connectEnvironment';
const TOPIC = `env-orders-${Date.now().toString(36)}`;

/** Shows the environment pick for real (for the screenshot), then answers from the script. */
class ShowingPrompter extends ScriptedPrompter {
  async pick<T>(items: readonly PickItem<T>[], options: PickOptions<T>): Promise<T | undefined> {
    if (options.title.includes('which environment')) {
      // Left open on purpose: the screenshot shows it, and closeQuickOpen then settles it.
      new WindowPrompter().pick(items, options).then(undefined, () => undefined);
      await screenshot('environment-pick');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    return super.pick(items, options);
  }
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(true));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Connect to Environment in a real VS Code', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let key: string;
  const standInDir = process.env.UPSUN_STANDIN_DIR ?? '';
  const settings = () => vscode.workspace.getConfiguration('upsunKafka', vscode.workspace.workspaceFolders![0].uri);
  const tunnels = (): { pid: number; localPort: number; environmentId: string }[] => {
    const file = path.join(standInDir, 'tunnel-info.json');
    return existsSync(file) ? Object.values(JSON.parse(readFileSync(file, 'utf8'))) : [];
  };
  const calls = (): string[][] => readFileSync(path.join(standInDir, 'calls.log'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { argv: string[] }).argv);

  async function connectAnswering(answers: Answers, argument: unknown, prompter = new ShowingPrompter(answers)): Promise<unknown> {
    const installed = api.liveKafka.prompter.use(prompter);
    try {
      const result = await vscode.commands.executeCommand(CONNECT, argument);
      assert.deepStrictEqual(prompter.unanswered, [], `asked: ${prompter.asked.join(' | ')}`);
      return result;
    } finally {
      installed.dispose();
    }
  }

  before(async () => {
    assert.ok(standInDir, 'UPSUN_STANDIN_DIR is not set in the extension host: the runner sets up the stand-in upsun');
    api = (await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate());
    key = (await eventually('the kafka service', async () => api.liveKafka.connections.services().find((s) => s.service.name === 'kafka'))).key;
    await settings().update('cli.path', STAND_IN, vscode.ConfigurationTarget.WorkspaceFolder);
  });

  after(async () => {
    await api.liveKafka.connections.disconnect(key);
    await settings().update('cli.path', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
  });

  it('picks an environment and a relationship, connects through the tunnel, peeks, and disconnecting closes the tunnel', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.upsunKafka');
    const connected = await connectAnswering({ 'which environment': 'staging', 'app relationship': 'backend:kafka' }, { serviceKey: key });
    assert.strictEqual(connected, true);
    const status = api.liveKafka.connections.statusOf(key);
    assert.strictEqual(status.state, 'connected');
    assert.strictEqual(status.source, 'tunnel');
    assert.deepStrictEqual(status.environment, { id: 'staging', title: 'Staging, EU "blue"', type: 'staging' });
    const session = api.liveKafka.environments.sessionOf(key)!;
    assert.ok(session.tunnel.owned);
    assert.deepStrictEqual(status.brokers, [session.tunnel.address]);
    const single = calls().filter((c) => c[0] === 'tunnel:single');
    assert.deepStrictEqual(single.map((c) => c.slice(0, 4)), [['tunnel:single', '--environment=staging', '--app=backend', '--relationship=kafka']]);

    // Through the tunnel only: the broker advertises kafka.internal:9092.
    const cluster = api.liveKafka.connections.clusterFor(key)!;
    await cluster.createTopic({ topic: TOPIC, partitions: 1, replicationFactor: 1 });
    await eventually('the new topic', async () => ((await cluster.listTopics()).some((t) => t.name === TOPIC) ? true : undefined));
    await cluster.produce({ topic: TOPIC, key: 'env-1', value: 'through the tunnel' });
    await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic: TOPIC });
    const rows = await eventuallyShown('the peek view to render the message', TOPIC, ({ rows: rendered }) => (rendered.some((r) => r.key === 'env-1') ? rendered : undefined));
    assert.deepStrictEqual(rows.map((r) => [r.partition, r.offset, r.key, r.value]), [['0', '0', 'env-1', 'through the tunnel']]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.extension.upsunKafka');
    // The topic rows were listed when the service connected, before the message was sent.
    await vscode.commands.executeCommand('upsunKafka.refresh');
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('environment-connected');

    const [open] = tunnels();
    assert.ok(open && alive(open.pid), 'the stand-in\'s ssh is not running');
    await vscode.commands.executeCommand('upsunKafka.disconnect', { serviceKey: key });
    await eventually('the session to end', async () => (api.liveKafka.environments.sessionOf(key) === undefined ? true : undefined));
    await eventually('the ssh stand-in to exit', async () => (!alive(open.pid) ? true : undefined));
    assert.ok(!alive(session.tunnel.pid!), 'the CLI stand-in is still running');
    assert.ok(await refuses(session.tunnel.port), 'the tunnel port still answers');
    assert.strictEqual(api.liveKafka.connections.statusOf(key).state, 'disconnected');
  });

  it('a production environment asks first; no opens nothing', async () => {
    const before = calls().length;
    const connected = await connectAnswering({ 'which environment': 'main', 'app relationship': 'backend:kafka', 'production environment': false }, { serviceKey: key }, new ScriptedPrompter({ 'which environment': 'main', 'app relationship': 'backend:kafka', 'production environment': false }));
    assert.strictEqual(connected, false);
    assert.deepStrictEqual(calls().slice(before).map((c) => c[0]), ['environment:list']);
  });

  it('a tunnel that drops mid-session disconnects the service and leaves nothing running', async () => {
    const drop = path.join(standInDir, 'drop-now');
    process.env.UPSUN_STANDIN_DROP_WHEN = drop;
    try {
      const connected = await connectAnswering({ 'which environment': 'feature-x', 'app relationship': 'backend:events' }, { serviceKey: key }, new ScriptedPrompter({ 'which environment': 'feature-x', 'app relationship': 'backend:events' }));
      assert.strictEqual(connected, true);
      const session = api.liveKafka.environments.sessionOf(key)!;
      assert.strictEqual(api.liveKafka.connections.statusOf(key).state, 'connected');
      writeFileSync(drop, '');
      await eventually('the dropped tunnel to disconnect the service', async () => (api.liveKafka.connections.statusOf(key).state === 'disconnected' ? true : undefined), 30_000);
      assert.strictEqual(api.liveKafka.environments.sessionOf(key), undefined);
      await eventually('the CLI stand-in to exit', async () => (!alive(session.tunnel.pid!) ? true : undefined));
      assert.ok(await refuses(session.tunnel.port));
    } finally {
      delete process.env.UPSUN_STANDIN_DROP_WHEN;
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });
});
