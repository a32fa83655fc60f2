// Composition root: builds the extension's parts and registers them. No logic lives here.

import * as vscode from 'vscode';
import { createLog } from './vscode/log';
import { ProjectStore } from './vscode/projectStore';
import { registerExplorer } from './vscode/explorer/registerExplorer';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = createLog();
  const store = new ProjectStore(log);
  context.subscriptions.push(
    log,
    store,
    vscode.commands.registerCommand('upsunKafka.showLog', () => log.show()),
  );
  registerExplorer(context, { log, store });
  log.info(`Upsun Kafka Tools ${context.extension.packageJSON.version} activated.`);
  await store.reload();
}

export function deactivate(): void {}
