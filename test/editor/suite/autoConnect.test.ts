// Connecting on open (upsunKafka.connection.autoConnect) where it must hold back or fail
// quietly: services that appear in the config while the window is open are tried once, as on
// open. The connected case is the npm start demo (startDemo.test.ts).

import * as assert from 'assert';
import { readFileSync, writeFileSync } from 'fs';
import * as net from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { snapshot, type Row } from './explorerTree';
import { eventually } from '../../harness/eventually';
import { renderedMarkdown } from '../../harness/markdown';
import { ScriptedPrompter } from './scriptedPrompter';

const SILENT = 'kafka-silent';
const PROD = 'kafka-prod';
const SASL = 'kafka-sasl';

describe('connecting on open', function () {
  this.timeout(120_000);
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  const folder = () => vscode.workspace.workspaceFolders![0];
  const configPath = () => path.join(folder().uri.fsPath, '.upsun', 'config.yaml');
  const settings = () => vscode.workspace.getConfiguration('upsunKafka', folder().uri);
  let api: ExtensionApi;
  let original: string;
  let silent: net.Server;
  const sockets = new Set<net.Socket>();

  before(async () => {
    assert.ok(brokers.length > 0, 'KAFKA_BROKERS is not set in the extension host');
    api = await vscode.extensions.getExtension<ExtensionApi>('upsun-kafka-tools.upsun-kafka-tools')!.activate();
    original = readFileSync(configPath(), 'utf8');
    // Accepts connections and never answers: a stuck tunnel or proxy.
    silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });

  after(async () => {
    writeFileSync(configPath(), original);
    await eventually('the added services gone', async () => (api.liveKafka.connections.services().length === 1 ? true : undefined));
    await settings().update('connections', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await settings().update('connection.timeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('connects nothing that would ask or looks like production, and shows a silent broker on the row', async () => {
    const port = (silent.address() as net.AddressInfo).port;
    await settings().update('connection.timeoutSeconds', 2, vscode.ConfigurationTarget.Workspace);
    await settings().update(
      'connections',
      {
        [SILENT]: { brokers: [`127.0.0.1:${port}`] },
        // Reachable, but its name matches "*prod*" of upsunKafka.produce.confirmPatterns.
        [PROD]: { brokers },
        // No password in secret storage: connecting would ask for one.
        [SASL]: { brokers, sasl: { mechanism: 'plain', username: 'demo' } },
      },
      vscode.ConfigurationTarget.WorkspaceFolder,
    );
    const prompter = new ScriptedPrompter({});
    const installed = api.liveKafka.prompter.use(prompter);
    try {
      const added = [SILENT, PROD, SASL].map((name) => `  ${name}:\n    type: kafka:4.1\n`).join('');
      writeFileSync(configPath(), original.replace(/^services:\n/m, `services:\n${added}`));
      const keys = await eventually('the added services', async () => {
        const found = Object.fromEntries(api.liveKafka.connections.services().map((s) => [s.service.name, s.key]));
        return found[SILENT] && found[PROD] && found[SASL] ? found : undefined;
      });
      const { connections } = api.liveKafka;
      const failed = await eventually('the silent broker to fail', async () => (connections.statusOf(keys[SILENT]).state === 'error' ? connections.statusOf(keys[SILENT]) : undefined), 30_000);
      assert.match(failed.message ?? '', new RegExp(`127\\.0\\.0\\.1:${port} did not answer within 2 s`));
      // The other two were decided without the network, before the silent one's 2 s ran out.
      assert.deepStrictEqual(connections.statusOf(keys[PROD]), { state: 'disconnected' });
      assert.deepStrictEqual(connections.statusOf(keys[SASL]), { state: 'disconnected' });
      assert.deepStrictEqual(prompter.asked, []);

      const rows = ((await snapshot(1)) ?? { rows: [] }).rows;
      const row = (label: string): Row => {
        const found = rows.find((r) => r.label === label);
        assert.ok(found, `no row ${label} among ${rows.map((r) => r.label).join(', ')}`);
        return found;
      };
      assert.strictEqual(row(SILENT).description, 'kafka:4.1 · not connected: failed');
      assert.ok(renderedMarkdown(row(SILENT).node.tooltip ?? '').text.endsWith(`not connected: failed\n${failed.message}`), row(SILENT).node.tooltip);
      assert.strictEqual(row(SILENT).contextValue, 'kafka');
      assert.strictEqual(row(PROD).description, 'kafka:4.1');
      assert.strictEqual(row(SASL).description, 'kafka:4.1');
    } finally {
      installed.dispose();
    }
  });
});
