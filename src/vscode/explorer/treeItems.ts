// Turns the explorer's plain nodes into TreeItems: icons, collapse state, the click that
// opens the YAML. Everything a row says was decided by the pure tree.

import * as vscode from 'vscode';
import type { ExplorerNode } from '../../explorer/nodes';
import { untrustedMarkdown } from '../markdownString';

export const REVEAL_COMMAND = 'upsunKafka.revealInConfig';

/** Icons drawn for this extension, in `media/NAME-light.svg` and `media/NAME-dark.svg`. */
const OWN_ICONS = new Set(['kafka', 'kafka-connected']);

const COLLAPSE: Record<ExplorerNode['expand'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

export function toTreeItem(node: ExplorerNode, media: vscode.Uri): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, COLLAPSE[node.expand]);
  item.id = node.id;
  item.description = node.description;
  if (node.tooltip) item.tooltip = untrustedMarkdown(node.tooltip);
  if (node.accessibilityLabel) item.accessibilityInformation = { label: node.accessibilityLabel };
  item.contextValue = node.contextValue;
  item.iconPath = OWN_ICONS.has(node.icon)
    ? { light: vscode.Uri.joinPath(media, `${node.icon}-light.svg`), dark: vscode.Uri.joinPath(media, `${node.icon}-dark.svg`) }
    : new vscode.ThemeIcon(node.icon, iconColor(node));
  if (node.reveal) item.command = { command: REVEAL_COMMAND, title: 'Reveal in Config', arguments: [node.reveal] };
  if (node.kind === 'message' && node.action) item.command = { command: node.action.command, title: node.action.title };
  return item;
}

function iconColor(node: ExplorerNode): vscode.ThemeColor | undefined {
  if (node.kind === 'problem' || (node.kind === 'message' && node.isError)) return new vscode.ThemeColor('errorForeground');
  // Topics and partitions with fewer in-sync replicas than replicas.
  if (node.icon === 'warning') return new vscode.ThemeColor('problemsWarningIcon.foreground');
  return undefined;
}
