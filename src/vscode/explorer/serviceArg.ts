// Which service a command is about: the row it was invoked on, or, from the command
// palette, the one the user picks (the only one, without asking, when there is one).

import * as vscode from 'vscode';
import type { ExplorerNode, ServiceNode } from '../../explorer/nodes';
import type { ExplorerProvider } from './explorerProvider';

export async function serviceArg(provider: ExplorerProvider, arg: unknown, placeHolder: string): Promise<ServiceNode | undefined> {
  const node = arg as ExplorerNode | undefined;
  if (node?.kind === 'service') return node;
  const kafka = provider.services().filter((s) => s.isKafka);
  const byKey = typeof arg === 'string' ? kafka.find((s) => s.id === arg || `${s.project.root}#${s.service.name}` === arg) : undefined;
  if (byKey) return byKey;
  if (kafka.length === 0) {
    void vscode.window.showInformationMessage('This workspace declares no Kafka service. Run "Upsun Kafka: Add Kafka Service" to add one.');
    return undefined;
  }
  if (kafka.length === 1) return kafka[0];
  const picked = await vscode.window.showQuickPick(
    kafka.map((s) => ({ label: s.label, description: s.description, detail: vscode.workspace.asRelativePath(s.project.root, false), node: s })),
    { placeHolder },
  );
  return picked?.node;
}

/** The key connections and filters use for a service row. */
export function keyOf(node: ServiceNode): string {
  return `${node.project.root}#${node.service.name}`;
}
