// The rows the view shows, read through the same provider calls the workbench makes. An
// internal command returns them so editor tests check what a person sees in the tree.

import type * as vscode from 'vscode';
import type { ExplorerNode } from '../../explorer/nodes';
import type { ExplorerProvider } from './explorerProvider';

export const SNAPSHOT_COMMAND = 'upsunKafka.explorer.snapshot';
/** Internal: expands a shown row by id, so tests can screenshot the tree opened up. */
export const EXPAND_COMMAND = 'upsunKafka.explorer.expand';

export interface Row {
  readonly depth: number;
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly contextValue?: string;
  readonly command?: string;
  /** The argument of the row's click command (a source span for declared rows). */
  readonly commandArgument?: unknown;
  /** What a menu command on the row receives as its argument. */
  readonly node: ExplorerNode;
}

export interface Snapshot {
  /** The `upsunKafka.state` context key that picks the welcome view. */
  readonly state?: string;
  readonly rows: readonly Row[];
}

export async function snapshot(provider: ExplorerProvider, maxDepth?: number): Promise<Snapshot> {
  return { state: provider.state, rows: await snapshotRows(provider, maxDepth) };
}

/** Rows down to `maxDepth`, expanding every row that has children (also collapsed ones). */
async function snapshotRows(provider: ExplorerProvider, maxDepth = 4): Promise<Row[]> {
  const rows: Row[] = [];
  const walk = async (parent: ExplorerNode | undefined, depth: number): Promise<void> => {
    for (const node of await provider.getChildren(parent)) {
      const item: vscode.TreeItem = provider.getTreeItem(node);
      rows.push({
        depth,
        id: item.id ?? node.id,
        label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
        description: typeof item.description === 'string' ? item.description : undefined,
        contextValue: item.contextValue,
        command: item.command?.command,
        commandArgument: item.command?.arguments?.[0],
        node,
      });
      if (depth < maxDepth && item.collapsibleState) await walk(node, depth + 1);
    }
  };
  await walk(undefined, 0);
  return rows;
}

export async function expandRow(view: vscode.TreeView<ExplorerNode>, provider: ExplorerProvider, id: string, levels = 1): Promise<boolean> {
  const node = provider.shownNode(id);
  if (!node) return false;
  await view.reveal(node, { expand: levels, select: false, focus: false });
  return true;
}
