// The Services view's rows two ways: as the workbench reads them, through the extension's tree
// data provider (getChildren, getTreeItem), which its API exports with the view itself; and as
// the window draws them, read from the DOM by the browser runner. Test code: the extension
// ships no command for either.

import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/explorer/nodes';
import { eventually } from '../../harness/eventually';
import { SCREENSHOT_DIR_ENV, ShownTreeAnswer, ShownTreeRow, TREE_ANSWER_SUFFIX, TREE_QUERY_SUFFIX } from '../protocol';

const EXTENSION_ID = 'upsun-kafka-tools.upsun-kafka-tools';

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

async function explorer(): Promise<ExtensionApi['explorer']> {
  return (await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate()).explorer;
}

/** Rows down to `maxDepth`, expanding every row that has children (also collapsed ones). */
export async function snapshot(maxDepth = 4): Promise<Snapshot> {
  const { provider } = await explorer();
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
  return { state: provider.state, rows };
}

/** Expands a row by id in the real view, `levels` deep, as a click would; false when the tree has no such row. */
export async function expandRow(id: string, levels = 1): Promise<boolean> {
  const { view } = await explorer();
  const row = (await snapshot()).rows.find((r) => r.id === id);
  if (!row) return false;
  await view.reveal(row.node, { expand: levels, select: false, focus: false });
  return true;
}

let asked = 0;

/**
 * The rows the Services view draws, top to bottom, as the browser runner reads them from the
 * window (test/editor/treeRows.ts): only those a person could see, expanded rows' children
 * included. Throws when no browser runner serves the suite.
 */
export async function drawnRows(): Promise<readonly ShownTreeRow[]> {
  const dir = process.env[SCREENSHOT_DIR_ENV];
  if (!dir) throw new Error(`Reading the Services view from the window needs the browser runner (npm run test:editor); ${SCREENSHOT_DIR_ENV} is not set.`);
  const name = `tree${process.pid}-${++asked}`;
  writeFileSync(path.join(dir, `${name}.partial-tree`), '');
  renameSync(path.join(dir, `${name}.partial-tree`), path.join(dir, `${name}${TREE_QUERY_SUFFIX}`));
  const file = path.join(dir, `${name}${TREE_ANSWER_SUFFIX}`);
  await eventually('the runner to read the Services view', async () => existsSync(file) || undefined, 30_000);
  const answer = JSON.parse(readFileSync(file, 'utf8')) as ShownTreeAnswer;
  rmSync(file);
  if ('error' in answer) throw new Error(answer.error);
  return answer.rows;
}
