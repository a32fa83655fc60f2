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
import { HealthSampler } from './healthSampler';
import { registerHealthCommands } from '../commands/health';
import { readHealthSettings } from '../settings';
import type { DiskLevel } from '../../health/serviceDisk';
import { registerLiveRefresh } from './liveRefresh';

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
/** A connection whose brokers stopped answering, until they answer again (liveRefresh tries). */
const LOST_NOTE = 'disconnected: reconnecting…';

/** A description holds no icon: the disk's level is a sign before its text (the tooltip says the rest). */
const DISK_MARKS: Record<DiskLevel, string> = { ok: '', warning: '⚠ ', critical: '⛔ ' };

export function registerExplorer(context: vscode.ExtensionContext, parts: ExplorerParts): Explorer {
  const { log, store } = parts;
  const { connections, prompter } = parts.liveKafka;
  const filters = new FilterStore(context.workspaceState);
  const health = new HealthSampler(connections, log);
  const live = new ClusterChildren((key) => connections.clusterFor(key), filters, log, (key, cause) => connections.markLost(key, cause), {
    monitor: health.monitor,
    // The service row shows the first figures at once, not a sampling interval later.
    sample: (key): Promise<void> => health.sample(key).then(() => provider.rebuild()),
  });
  const provider = new ExplorerProvider({
    store,
    filters,
    live,
    media: vscode.Uri.joinPath(context.extensionUri, 'media'),
    connection: (key) => {
      const status = connections.statusOf(key);
      const environment = status.environment && `${status.environment.id} (${status.environment.type})`;
      // The message says what failed ("Could not connect to Kafka: …") and what to try.
      const disk = status.state === 'connected' && status.lost === undefined ? health.monitor.diskNote(key, readHealthSettings().thresholds) : undefined;
      const diskText = disk && `${DISK_MARKS[disk.level]}${disk.text}`;
      const detail = status.state === 'error' ? status.message : status.lost !== undefined ? `Disconnected: ${status.lost} Reconnecting when the brokers answer.` : disk?.detail.join('\n\n');
      const note = status.lost !== undefined ? LOST_NOTE : NOTES[status.state];
      return { connected: status.state === 'connected' && status.lost === undefined, note: [environment, note, diskText].filter(Boolean).join(' · ') || undefined, detail, brokers: status.brokers, source: status.sourceDescription };
    },
  });
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  health.watch(view, provider);
  const commandDeps = { provider, store, filters, log, connections, prompter };
  context.subscriptions.push(
    filters,
    provider,
    health,
    view,
    connections.onDidChange((key) => provider.rebuild(key)),
    registerLiveRefresh(view, provider, connections, log),
    ...registerExplorerCommands(commandDeps),
    ...registerConfigCommands(commandDeps),
    ...registerTopicCommands(commandDeps),
    ...registerGroupCommands(commandDeps),
    ...registerHealthCommands(health.monitor, log),
  );
  return { provider, view };
}
