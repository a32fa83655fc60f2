// Wires the explorer: its provider, view, filters, live rows, and the commands on its rows
// (src/vscode/commands). The one call `src/extension.ts` makes for the explorer.

import * as vscode from 'vscode';
import type { LiveKafka } from '../liveKafka';
import type { ProjectStore } from '../projectStore';
import type { ExplorerNode } from '../../explorer/nodes';
import { registerConfigCommands } from '../commands/config';
import { registerExplorerCommands } from '../commands/explorer';
import { registerGroupCommands } from '../commands/groups';
import { registerTopicCommands } from '../commands/topics';
import { ExplorerProvider, VIEW_ID } from './explorerProvider';
import { FilterStore } from './filterStore';
import { ClusterChildren } from './liveChildren';

export interface ExplorerParts {
  readonly log: vscode.LogOutputChannel;
  readonly store: ProjectStore;
  readonly liveKafka: LiveKafka;
}

/** The view and what fills it: what other extensions (and the editor tests) read the tree through, as the workbench does. */
export interface Explorer {
  readonly provider: ExplorerProvider;
  readonly view: vscode.TreeView<ExplorerNode>;
}

const NOTES: Record<string, string | undefined> = { connecting: 'connecting…', error: 'not connected: failed' };

export function registerExplorer(context: vscode.ExtensionContext, parts: ExplorerParts): Explorer {
  const { log, store } = parts;
  const { connections, prompter } = parts.liveKafka;
  const filters = new FilterStore(context.workspaceState);
  const live = new ClusterChildren((key) => connections.clusterFor(key), filters, log);
  const provider = new ExplorerProvider({
    store,
    filters,
    live,
    media: vscode.Uri.joinPath(context.extensionUri, 'media'),
    connection: (key) => {
      const status = connections.statusOf(key);
      const environment = status.environment && `${status.environment.id} (${status.environment.type})`;
      // The message says what failed ("Could not connect to Kafka: …") and what to try.
      const detail = status.state === 'error' ? status.message : undefined;
      return { connected: status.state === 'connected', note: [environment, NOTES[status.state]].filter(Boolean).join(' · ') || undefined, detail, brokers: status.brokers, source: status.sourceDescription };
    },
  });
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const commandDeps = { provider, store, filters, log, connections, prompter };
  context.subscriptions.push(
    filters,
    provider,
    view,
    connections.onDidChange((key) => provider.rebuild(key)),
    ...registerExplorerCommands(commandDeps),
    ...registerConfigCommands(commandDeps),
    ...registerTopicCommands(commandDeps),
    ...registerGroupCommands(commandDeps),
  );
  return { provider, view };
}
