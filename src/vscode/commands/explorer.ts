// The Services view's own commands: Refresh (the whole view from disk, or one section's rows)
// and Filter Topics and Consumer Groups…. The commands on what the rows stand for live beside
// it by concept: topics.ts, groups.ts, messages.ts, connections.ts, config.ts.

import type * as vscode from 'vscode';
import type { ExplorerNode } from '../../explorer/nodes';
import { filterPatterns } from '../../explorer/nameFilter';
import type { ConnectionManager } from '../connections/connectionManager';
import { pickService } from '../connections/servicePick';
import { Handler, registerCommands } from '../commandGuard';
import type { ProjectStore } from '../projectStore';
import type { Prompter } from '../prompter';
import type { ExplorerProvider } from '../explorer/explorerProvider';
import type { FilterStore } from '../explorer/filterStore';

export const REFRESH_COMMAND = 'upsunKafka.refresh';
export const FILTER_COMMAND = 'upsunKafka.filterTopics';

/** What the commands that act on the view's rows need. */
export interface ExplorerCommandDeps {
  readonly provider: ExplorerProvider;
  readonly store: ProjectStore;
  readonly filters: FilterStore;
  readonly log: vscode.LogOutputChannel;
  readonly connections: ConnectionManager;
  /** Every question goes through it, so the editor tests can answer. */
  readonly prompter: Prompter;
}

export function registerExplorerCommands({ provider, store, filters, log, connections, prompter }: ExplorerCommandDeps): vscode.Disposable[] {
  const handlers: Record<string, Handler> = {
    [REFRESH_COMMAND]: async (arg) => {
      const node = arg as ExplorerNode | undefined;
      if (node?.kind === 'topics' || node?.kind === 'groups' || node?.kind === 'topic') return provider.refresh(node);
      // The title bar's Refresh: the YAML from disk, and every cluster's rows.
      await store.reload();
      provider.refresh();
    },
    [FILTER_COMMAND]: async (arg) => {
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
  };
  return registerCommands(handlers, log);
}
