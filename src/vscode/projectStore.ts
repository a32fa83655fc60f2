// Keeps the workspace's project models current: loads them at start, reloads (debounced)
// when a config file is created, changed, deleted or renamed, or the settings that decide
// where to look change, and tells listeners.

import * as vscode from 'vscode';
import { CONFIG_GLOBS } from '../config/fileKinds';
import { findConfigFiles, loadProjects } from '../config/discover';
import type { ProjectModel } from '../config/model';
import { onDidChangeSettings, readSettings } from './settings';

/** Long enough to batch a save-all or a branch switch, short enough to feel immediate. */
const RELOAD_DELAY_MS = 150;

export class ProjectStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<readonly ProjectModel[]>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private projectList: readonly ProjectModel[] = [];
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {
    for (const glob of CONFIG_GLOBS) {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      watcher.onDidCreate(() => this.scheduleReload(), undefined, this.disposables);
      watcher.onDidChange(() => this.scheduleReload(), undefined, this.disposables);
      watcher.onDidDelete(() => this.scheduleReload(), undefined, this.disposables);
      this.disposables.push(watcher);
    }
    vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload(), undefined, this.disposables);
    this.disposables.push(onDidChangeSettings(() => this.scheduleReload()));
  }

  get projects(): readonly ProjectModel[] {
    return this.projectList;
  }

  /** Loads now; concurrent callers share one load. */
  reload(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private scheduleReload(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), RELOAD_DELAY_MS);
  }

  private async load(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file') ?? [];
    const { excludedFolders } = readSettings();
    const files = (await Promise.all(folders.map((f) => findConfigFiles(f.uri.fsPath, excludedFolders)))).flat();
    this.projectList = await loadProjects([...new Set(files)]);
    const count = this.projectList.reduce((n, p) => n + p.services.length, 0);
    this.log.info(`Loaded ${this.projectList.length} project(s) from ${files.length} config file(s), ${count} service(s).`);
    this.changed.fire(this.projectList);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
