// The "Services" view of the Upsun Kafka container: every Kafka service the workspace declares.

import * as path from 'path';
import * as vscode from 'vscode';
import type { ProjectModel, ServiceDecl } from '../../config/model';
import type { ProjectStore } from '../projectStore';

export const REVEAL_COMMAND = 'upsunKafka.revealInConfig';

export class ExplorerProvider implements vscode.TreeDataProvider<ServiceDecl> {
  private readonly changed = new vscode.EventEmitter<ServiceDecl | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: ProjectStore) {
    store.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(element?: ServiceDecl): ServiceDecl[] {
    if (element) return [];
    return this.store.projects.flatMap((p) => kafkaServices(p));
  }

  getTreeItem(service: ServiceDecl): vscode.TreeItem {
    const item = new vscode.TreeItem(service.name, vscode.TreeItemCollapsibleState.None);
    const disk = typeof service.disk?.value === 'number' ? ` · ${service.disk.value} MB` : '';
    item.description = `${service.type?.value ?? 'kafka'}${disk}`;
    item.tooltip = `${service.name} (${service.type?.value ?? 'no type'}) in ${path.basename(service.nameSpan.file)}`;
    item.iconPath = new vscode.ThemeIcon('server-process');
    item.contextValue = 'service';
    item.command = { command: REVEAL_COMMAND, title: 'Reveal in Config', arguments: [service.nameSpan] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function kafkaServices(project: ProjectModel): ServiceDecl[] {
  return project.services.filter((s) => s.typeName === 'kafka');
}
