// Typed access to the extension's settings (`upsunKafka.*`), so no other module reads
// configuration keys by string.

import * as vscode from 'vscode';
import { DEFAULT_EXCLUDED_FOLDERS } from '../config/discover';

const SECTION = 'upsunKafka';

export interface Settings {
  /** Folder names never searched for config files. */
  readonly excludedFolders: readonly string[];
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    excludedFolders: config.get<string[]>('discovery.excludeFolders') ?? DEFAULT_EXCLUDED_FOLDERS,
  };
}

/** Fires only for changes to this extension's own section. */
export function onDidChangeSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION)) listener();
  });
}

export interface ExplorerSettings {
  /** Show topics such as `__consumer_offsets` under Topics. */
  readonly showInternalTopics: boolean;
  /** Show the "Other services" section with the declared services that are not Kafka. */
  readonly showOtherServices: boolean;
}

export function readExplorerSettings(): ExplorerSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    showInternalTopics: config.get<boolean>('explorer.showInternalTopics') ?? false,
    showOtherServices: config.get<boolean>('explorer.showOtherServices') ?? true,
  };
}
