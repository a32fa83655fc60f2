// The "Services" view of the Upsun Kafka container. Rebuilds the declared tree whenever the
// project store, a filter or the settings change, sets the `upsunKafka.state` context key
// that picks the welcome view, and loads live children (topics, groups) only when expanded.

import * as vscode from 'vscode';
import { buildDeclaredTree, DeclaredTree, ServiceStatus } from '../../explorer/declaredTree';
import { ExplorerNode, LiveSectionNode, ServiceNode, SettingsNode, staticChildren } from '../../explorer/nodes';
import type { ProjectStore } from '../projectStore';
import { onDidChangeSettings, readExplorerSettings } from '../settings';
import type { FilterStore } from './filterStore';
import { toTreeItem } from './treeItems';
import { isTrusted, MANAGE_TRUST_COMMAND, onDidGrantTrust } from '../workspaceTrust';

export { REVEAL_COMMAND } from './treeItems';

export const VIEW_ID = 'upsunKafka.explorer';
export const STATE_CONTEXT_KEY = 'upsunKafka.state';

/** What the view shows under a connected service; errors come back as rows, never thrown. */
export interface LiveChildren {
  childrenOf(node: LiveSectionNode | SettingsNode): Promise<ExplorerNode[]>;
  /** Forgets loaded rows of one service (or all), so they load again when shown. */
  invalidate(serviceKey?: string): void;
  isLoaded(sectionId: string): boolean;
  /** Loads a loaded section again; errors come back as rows. */
  reload(section: LiveSectionNode): Promise<ExplorerNode[]>;
}

export interface ExplorerDeps {
  readonly store: ProjectStore;
  readonly filters: FilterStore;
  /** The extension's `media/` folder, for the Kafka icon. */
  readonly media: vscode.Uri;
  /** Connection state per service key; every service is disconnected without it. */
  readonly connection?: (key: string) => { readonly connected: boolean; readonly note?: string; readonly detail?: string; readonly brokers?: readonly string[]; readonly source?: string };
  readonly live?: LiveChildren;
}

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private tree: DeclaredTree | undefined;
  /** Filled as rows are handed out, for `getParent` (which `TreeView.reveal` needs). */
  private readonly parents = new Map<string, ExplorerNode | undefined>();
  private readonly shown = new Map<string, ExplorerNode>();

  constructor(private readonly deps: ExplorerDeps) {
    deps.store.onDidChange(() => this.rebuild(), undefined, this.disposables);
    deps.filters.onDidChange((key) => this.rebuild(key), undefined, this.disposables);
    this.disposables.push(
      onDidChangeSettings('explorer', () => this.rebuild(null)),
      // The Restricted Mode row goes, and Connect works, without a reload.
      onDidGrantTrust(() => this.rebuild(null)),
    );
  }

  /** Undefined until the store's first load. */
  get state(): DeclaredTree['state'] | undefined {
    return this.tree?.state;
  }

  /**
   * Builds the tree again from the store. `changedService` names a service whose live rows
   * must load again (its connection or filter changed); null means every service's.
   */
  rebuild(changedService?: string | null): void {
    if (changedService !== undefined) this.deps.live?.invalidate(changedService ?? undefined);
    this.shown.clear();
    const { showOtherServices } = readExplorerSettings();
    this.tree = buildDeclaredTree(this.deps.store.projects, {
      projectLabel: (root) => vscode.workspace.asRelativePath(root, false),
      statusOf: (key) => this.statusOf(key),
      showOtherServices,
      restricted: isTrusted() ? undefined : { manageTrustCommand: MANAGE_TRUST_COMMAND },
    });
    void vscode.commands.executeCommand('setContext', STATE_CONTEXT_KEY, this.tree.state);
    this.changed.fire(undefined);
  }

  /** Loads a live section (or a topic) again from the cluster; every one without a node. */
  refresh(node?: ExplorerNode): void {
    this.deps.live?.invalidate(node && 'serviceKey' in node ? node.serviceKey : undefined);
    // A topic's partitions come with its section's one request: load the section again.
    this.changed.fire(node?.kind === 'topic' ? this.parents.get(node.id) : node);
  }

  /** Loads the live rows of one service again, after a change made through the extension. */
  refreshService(serviceKey: string): void {
    this.deps.live?.invalidate(serviceKey);
    const sections = [...this.shown.values()].filter((n) => (n.kind === 'topics' || n.kind === 'groups') && n.serviceKey === serviceKey);
    if (sections.length === 0) this.changed.fire(undefined);
    for (const section of sections) this.changed.fire(section);
  }

  /**
   * Loads again every "Topics" and "Consumer groups" the view shows expanded (counts,
   * offsets, lag), each replacing its rows when its answer comes. `ok` is false when any
   * failed; `services` are the keys of the services whose sections loaded.
   */
  async reloadShown(): Promise<{ readonly ok: boolean; readonly services: ReadonlySet<string> }> {
    const live = this.deps.live;
    if (!live) return { ok: true, services: new Set() };
    const sections = [...this.shown.values()].filter((n): n is LiveSectionNode => (n.kind === 'topics' || n.kind === 'groups') && live.isLoaded(n.id));
    const loaded = await Promise.all(
      sections.map(async (section) => {
        const rows = await live.reload(section);
        // A rebuild in the meantime (a lost connection, an edit) replaced the row: nothing to update.
        if (this.shown.get(section.id) === section) this.changed.fire(section);
        return !rows.some((r) => r.kind === 'message' && r.isError);
      }),
    );
    return { ok: loaded.every(Boolean), services: new Set(sections.map((s) => s.serviceKey)) };
  }

  /** Every service row, Kafka first, across projects. */
  services(): ServiceNode[] {
    const walk = (nodes: readonly ExplorerNode[]): ServiceNode[] =>
      nodes.flatMap((n) => (n.kind === 'service' ? [n] : n.kind === 'project' || n.kind === 'section' ? walk(n.children) : []));
    return walk(this.tree?.roots ?? []);
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    let children: readonly ExplorerNode[];
    if (!node) children = this.tree?.roots ?? [];
    else if ((node.kind === 'topics' || node.kind === 'groups' || node.kind === 'settings') && this.deps.live) children = await this.deps.live.childrenOf(node);
    else children = staticChildren(node);
    for (const child of children) {
      this.parents.set(child.id, node);
      this.shown.set(child.id, child);
    }
    return [...children];
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return toTreeItem(node, this.deps.media);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.parents.get(node.id);
  }

  private statusOf(key: string): ServiceStatus {
    const connection = this.deps.connection?.(key);
    const filter = this.deps.filters.textOf(key);
    return { connected: connection?.connected ?? false, notes: connection?.note ? [connection.note] : [], detail: connection?.detail, filter: filter || undefined, brokers: connection?.brokers, source: connection?.source };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
