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
