// Composition root: builds the extension's parts and registers them. No logic lives here.

import * as vscode from 'vscode';
import { createLog } from './vscode/log';
import { ProjectStore } from './vscode/projectStore';
import { ExplorerProvider, REVEAL_COMMAND } from './vscode/explorer/explorerProvider';
import { revealSpan } from './vscode/reveal';
import { registerLanguageFeatures } from './vscode/language/registerLanguageFeatures';
import { registerDiagnostics } from './vscode/diagnostics/registerDiagnostics';
import { problemOf } from './vscode/diagnostics/problemIndex';
import { LiveKafka, registerLiveKafka } from './vscode/liveKafka';

/** What other extensions (and the editor tests) get from `extension.exports`. */
export interface ExtensionApi {
  readonly liveKafka: LiveKafka;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const log = createLog();
  const store = new ProjectStore(log);
  const explorer = new ExplorerProvider(store);
  context.subscriptions.push(
    log,
    store,
    explorer,
    vscode.window.registerTreeDataProvider('upsunKafka.explorer', explorer),
    vscode.commands.registerCommand('upsunKafka.refresh', () => store.reload()),
    vscode.commands.registerCommand('upsunKafka.showLog', () => log.show()),
    vscode.commands.registerCommand(REVEAL_COMMAND, revealSpan),
  );
  registerDiagnostics(context, { log, store });
  registerLanguageFeatures(context, { log, store, publishedProblem: (diagnostic, document) => problemOf(document.uri, diagnostic) });
  const liveKafka = registerLiveKafka(context, { log, store });
  log.info(`Upsun Kafka Tools ${context.extension.packageJSON.version} activated.`);
  await store.reload();
  return { liveKafka };
}

export function deactivate(): void {}
