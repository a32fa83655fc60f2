// Wires the explorer: its provider, view, filters and commands. The one call
// `src/extension.ts` makes for the explorer.

import * as vscode from 'vscode';
import type { ProjectStore } from '../projectStore';
import { registerExplorerCommands } from './explorerCommands';
import { ExplorerProvider, VIEW_ID } from './explorerProvider';
import { FilterStore } from './filterStore';
import { EXPAND_COMMAND, expandRow } from './snapshot';

export interface ExplorerParts {
  readonly log: vscode.LogOutputChannel;
  readonly store: ProjectStore;
}

export function registerExplorer(context: vscode.ExtensionContext, parts: ExplorerParts): ExplorerProvider {
  const filters = new FilterStore(context.workspaceState);
  const provider = new ExplorerProvider({ store: parts.store, filters, media: vscode.Uri.joinPath(context.extensionUri, 'media') });
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(
    filters,
    provider,
    view,
    ...registerExplorerCommands({ provider, store: parts.store, filters, log: parts.log }),
    vscode.commands.registerCommand(EXPAND_COMMAND, (id: string, levels: number) => expandRow(view, provider, id, levels)),
  );
  return provider;
}
