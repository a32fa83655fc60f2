// Wires the explorer: its provider, view, filters, live rows and commands. The one call
// `src/extension.ts` makes for the explorer.

import * as vscode from 'vscode';
import type { LiveKafka } from '../liveKafka';
import type { ProjectStore } from '../projectStore';
import { registerClusterCommands } from '../commands/cluster';
import { registerExplorerCommands } from '../commands/explorer';
import { registerGroupCommands } from '../commands/groups';
import { ExplorerProvider, VIEW_ID } from './explorerProvider';
import { FilterStore } from './filterStore';
import { registerTopicSettingsCommands } from '../commands/topicSettings';
import { ClusterChildren } from './liveChildren';
import { registerLiveRefresh } from './liveRefresh';
import { EXPAND_COMMAND, expandRow } from './snapshot';

export interface ExplorerParts {
  readonly log: vscode.LogOutputChannel;
  readonly store: ProjectStore;
  readonly liveKafka: LiveKafka;
}

const NOTES: Record<string, string | undefined> = { connecting: 'connecting…', error: 'not connected: failed' };
/** A connection whose brokers stopped answering, until they answer again (liveRefresh tries). */
const LOST_NOTE = 'disconnected: reconnecting…';

export function registerExplorer(context: vscode.ExtensionContext, parts: ExplorerParts): ExplorerProvider {
  const { log, store } = parts;
  const { connections, prompter } = parts.liveKafka;
  const filters = new FilterStore(context.workspaceState);
  const live = new ClusterChildren((key) => connections.clusterFor(key), filters, log, (key, cause) => connections.markLost(key, cause));
  const provider = new ExplorerProvider({
    store,
    filters,
    live,
    media: vscode.Uri.joinPath(context.extensionUri, 'media'),
    connection: (key) => {
      const status = connections.statusOf(key);
      const environment = status.environment && `${status.environment.id} (${status.environment.type})`;
      // The message says what failed ("Could not connect to Kafka: …") and what to try.
      const detail = status.state === 'error' ? status.message : status.lost !== undefined ? `Disconnected: ${status.lost} Reconnecting when the brokers answer.` : undefined;
      const note = status.lost !== undefined ? LOST_NOTE : NOTES[status.state];
      return { connected: status.state === 'connected' && status.lost === undefined, note: [environment, note].filter(Boolean).join(' · ') || undefined, detail, brokers: status.brokers, source: status.sourceDescription };
    },
  });
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const commandDeps = { provider, store, filters, log, connections, prompter };
  context.subscriptions.push(
    filters,
    provider,
    view,
    connections.onDidChange((key) => provider.rebuild(key)),
    registerLiveRefresh(view, provider, connections, log),
    ...registerExplorerCommands(commandDeps),
    ...registerClusterCommands(commandDeps),
    ...registerGroupCommands(commandDeps),
    ...registerTopicSettingsCommands(commandDeps),
    vscode.commands.registerCommand(EXPAND_COMMAND, (id: string, levels: number) => expandRow(view, provider, id, levels)),
  );
  return provider;
}
