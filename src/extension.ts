// Composition root: builds the extension's parts and registers them. No logic lives here.

import * as vscode from 'vscode';
import { createLog } from './vscode/log';
import { ProjectStore } from './vscode/projectStore';
import { Explorer, registerExplorer } from './vscode/explorer/registerExplorer';
import { registerLanguageFeatures } from './vscode/language/registerLanguageFeatures';
import { registerYamlExtensionSettings } from './vscode/language/yamlExtensionSettings';
import { registerDiagnostics } from './vscode/diagnostics/registerDiagnostics';
import { problemOf } from './vscode/diagnostics/problemIndex';
import { LiveKafka, registerLiveKafka } from './vscode/liveKafka';
import { registerTopicsFile } from './vscode/topicsFile/registerTopicsFile';
import { registerSchemaDiagnostics } from './vscode/schemas';

/** What other extensions (and the editor tests) get from `extension.exports`. */
export interface ExtensionApi {
  readonly liveKafka: LiveKafka;
  /** The Services view: its rows through the provider the workbench calls, and the view to reveal them in. */
  readonly explorer: Explorer;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const started = performance.now();
  const log = createLog();
  const store = new ProjectStore(log);
  context.subscriptions.push(
    log,
    store,
    vscode.commands.registerCommand('upsunKafka.showLog', () => log.show()),
  );
  registerDiagnostics(context, { log, store });
  registerLanguageFeatures(context, { log, store, publishedProblem: (diagnostic, document) => problemOf(document.uri, diagnostic) });
  registerYamlExtensionSettings(context, log);
  const liveKafka = registerLiveKafka(context, { log, store });
  const explorer = registerExplorer(context, { log, store, liveKafka });
  registerTopicsFile(context, { log, store, liveKafka });
  registerSchemaDiagnostics(context, log);
  // The first load of the config runs on after activation: the views and diagnostics fill in
  // when it ends, and nothing waits for the workspace to be searched.
  store.reload().catch((error: Error) => log.error(`Could not load the workspace's config: ${error.message}`));
  // The README reports this number; the editor test reads it from the channel.
  log.info(`Upsun Kafka Tools ${(context.extension.packageJSON as { version: string }).version} activated in ${Math.round(performance.now() - started)} ms.`);
  return { liveKafka, explorer };
}

export function deactivate(): void {}
