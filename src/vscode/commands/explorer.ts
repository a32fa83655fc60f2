// The explorer's commands: each a small handler next to its id, all wrapped once so a
// failure becomes a readable message and a log line instead of a silent rejection.

import * as vscode from 'vscode';
import type { SourceSpan } from '../../config/model';
import type { ExplorerNode } from '../../explorer/nodes';
import { filterPatterns } from '../../explorer/nameFilter';
import type { ConnectionManager } from '../connections/connectionManager';
import { pickService } from '../connections/servicePick';
import type { ProjectStore } from '../projectStore';
import type { Prompter } from '../prompter';
import { revealSpan } from '../reveal';
import { addKafkaService, ADD_KAFKA_COMMAND } from './addKafkaService';
import type { ExplorerProvider } from '../explorer/explorerProvider';
import type { FilterStore } from '../explorer/filterStore';
import { snapshot, SNAPSHOT_COMMAND } from '../explorer/snapshot';
import { REVEAL_COMMAND } from '../explorer/treeItems';

export interface ExplorerCommandDeps {
  readonly provider: ExplorerProvider;
  readonly store: ProjectStore;
  readonly filters: FilterStore;
  readonly log: vscode.LogOutputChannel;
  readonly connections: ConnectionManager;
  /** Every question goes through it, so the editor tests can answer. */
  readonly prompter: Prompter;
}

export type Handler = (...args: unknown[]) => unknown;

export function registerExplorerCommands(deps: ExplorerCommandDeps): vscode.Disposable[] {
  const { provider, store, filters, log, connections, prompter } = deps;
  const handlers: Record<string, Handler> = {
    'upsunKafka.refresh': async (arg) => {
      const node = arg as ExplorerNode | undefined;
      if (node?.kind === 'topics' || node?.kind === 'groups' || node?.kind === 'topic') return provider.refresh(node);
      // The title bar's Refresh: the YAML from disk, and every cluster's rows.
      await store.reload();
      provider.refresh();
    },
    [REVEAL_COMMAND]: async (arg) => {
      const span = (arg as ExplorerNode | undefined)?.reveal ?? (arg as SourceSpan | undefined);
      if (!span?.file) throw new Error('Reveal in Config works on a row that comes from the YAML (a service, a relationship, a variable).');
      await revealSpan(span);
    },
    [ADD_KAFKA_COMMAND]: () => addKafkaService(store, log, prompter),
    'upsunKafka.copyBootstrapServers': async (arg) => {
      const service = await pickService(connections, prompter, arg, 'Copy the bootstrap servers of which Kafka service?');
      if (!service) return undefined;
      const status = connections.statusOf(service.key);
      if (status.state !== 'connected' || !status.brokers) {
        void vscode.window.showInformationMessage(
          `Kafka service "${service.service.name}" is not connected, so its brokers are not known yet. Connect it first (Upsun Kafka: Connect); from a laptop, open a tunnel with \`upsun tunnel:open\` or set its brokers with Upsun Kafka: Set Connection for Service….`,
        );
        return undefined;
      }
      const brokers = status.brokers.join(',');
      // Not awaited: in a browser the clipboard can wait for a permission nobody grants.
      void vscode.env.clipboard.writeText(brokers);
      void vscode.window.showInformationMessage(`Copied the bootstrap servers of "${service.service.name}": ${brokers}`);
      return brokers;
    },
    'upsunKafka.filterTopics': async (arg) => {
      const service = await pickService(connections, prompter, arg, 'Filter the topics and consumer groups of which Kafka service?');
      if (!service) return;
      const key = service.key;
      const text = await prompter.input({
        title: `Filter topics and consumer groups of "${service.service.name}"`,
        prompt: 'Part of a name, or globs for whole names, separated by commas or spaces, e.g. ord payments-v?; !pattern leaves names out. Empty shows all.',
        value: filters.textOf(key),
        validate: (value) => (filterPatterns(value).some((p) => p === '!') ? 'A "!" needs a pattern after it, e.g. !_*' : undefined),
      });
      if (text === undefined) return;
      await filters.set(key, text);
      log.info(text.trim() ? `Filter of "${service.service.name}": ${text.trim()}` : `Filter of "${service.service.name}" cleared.`);
    },
    [SNAPSHOT_COMMAND]: (maxDepth) => snapshot(provider, typeof maxDepth === 'number' ? maxDepth : undefined),
  };
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, guarded(id, handler, log)));
}

/** Turns a failing handler into an error message that says what failed, and a log line. */
export function guarded(id: string, handler: Handler, log: vscode.LogOutputChannel): Handler {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${id}: ${message}`);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  };
}
