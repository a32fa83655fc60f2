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
import { HealthSampler } from './healthSampler';
import { registerHealthCommands } from '../commands/health';
import { readHealthSettings } from '../settings';
import type { DiskLevel } from '../../health/serviceDisk';
import { EXPAND_COMMAND, expandRow } from './snapshot';

export interface ExplorerParts {
  readonly log: vscode.LogOutputChannel;
  readonly store: ProjectStore;
  readonly liveKafka: LiveKafka;
}

const NOTES: Record<string, string | undefined> = { connecting: 'connecting…', error: 'not connected: failed' };

/** A description holds no icon: the disk's level is a sign before its text (the tooltip says the rest). */
const DISK_MARKS: Record<DiskLevel, string> = { ok: '', warning: '⚠ ', critical: '⛔ ' };

export function registerExplorer(context: vscode.ExtensionContext, parts: ExplorerParts): ExplorerProvider {
  const { log, store } = parts;
  const { connections, prompter } = parts.liveKafka;
  const filters = new FilterStore(context.workspaceState);
  const health = new HealthSampler(connections, log);
  const live = new ClusterChildren((key) => connections.clusterFor(key), filters, log, {
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
      const disk = status.state === 'connected' ? health.monitor.diskNote(key, readHealthSettings().thresholds) : undefined;
      const diskText = disk && `${DISK_MARKS[disk.level]}${disk.text}`;
      const detail = status.state === 'error' ? status.message : disk?.detail.join('\n\n');
      return { connected: status.state === 'connected', note: [environment, NOTES[status.state], diskText].filter(Boolean).join(' · ') || undefined, detail, brokers: status.brokers, source: status.sourceDescription };
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
    ...registerExplorerCommands(commandDeps),
    ...registerClusterCommands(commandDeps),
    ...registerGroupCommands(commandDeps),
    ...registerTopicSettingsCommands(commandDeps),
    ...registerHealthCommands(health.monitor, log),
    vscode.commands.registerCommand(EXPAND_COMMAND, (id: string, levels: number) => expandRow(view, provider, id, levels)),
  );
  return provider;
}
