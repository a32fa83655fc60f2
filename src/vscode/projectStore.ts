// Keeps the workspace's project models current: loads them at start, reloads (debounced)
// when a config file (or a folder holding one) is created, changed, deleted or renamed, or the settings that decide
// where to look change, and tells listeners. The text of open editors wins over the disk, so
// everything that reads the store sees what the user is typing.

import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_GLOBS, configFileKind } from '../config/fileKinds';
import { findConfigFiles, loadProjects } from '../config/discover';
import { EDITOR_MAX_CONFIG_FILE_BYTES } from '../config/buildModel';
import type { ProjectModel } from '../config/model';
import { withFileText } from '../config/withFileText';
import { describeError } from '../text/error';
import { onDidChangeSettings, readSettings } from './settings';

/** Long enough to batch a save-all or a branch switch, short enough to feel immediate. */
const RELOAD_DELAY_MS = 150;

/** The text of every config file open in an editor, by path. */
function openEditorText(): Map<string, string> {
  return new Map(
    vscode.workspace.textDocuments
      .filter((d) => d.uri.scheme === 'file' && configFileKind(d.uri.fsPath))
      .map((d) => [d.uri.fsPath, d.getText()] as const),
  );
}

export class ProjectStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<readonly ProjectModel[]>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private projectList: readonly ProjectModel[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly textTimers = new Map<string, NodeJS.Timeout>();
  private loading: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {
    for (const glob of CONFIG_GLOBS) {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      watcher.onDidCreate(() => this.scheduleReload(), undefined, this.disposables);
      watcher.onDidChange(() => this.scheduleReload(), undefined, this.disposables);
      watcher.onDidDelete(() => this.scheduleReload(), undefined, this.disposables);
      this.disposables.push(watcher);
    }
    // Creating or deleting a folder (a checkout, an unzip, `rm -r`) may report the folder
    // alone, not the config files inside it.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    folders.onDidCreate((uri) => this.reloadIfFolderHoldsConfig(uri.fsPath).catch((error: unknown) => this.reloadFailed(error)), undefined, this.disposables);
    folders.onDidDelete((uri) => this.holdsFilesUnder(uri.fsPath) && this.scheduleReload(), undefined, this.disposables);
    this.disposables.push(folders);
    vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload(), undefined, this.disposables);
    vscode.workspace.onDidChangeTextDocument((e) => this.scheduleTextUpdate(e.document), undefined, this.disposables);
    // Closing an unsaved editor drops its text: the disk is the truth again.
    vscode.workspace.onDidCloseTextDocument((d) => d.isDirty && this.scheduleReload(), undefined, this.disposables);
    this.disposables.push(onDidChangeSettings('discovery', () => this.scheduleReload()));
  }

  get projects(): readonly ProjectModel[] {
    return this.projectList;
  }

  /** The project a config file belongs to. */
  projectOf(filePath: string): ProjectModel | undefined {
    return this.projectList.find((p) => p.files.some((f) => f.path === filePath));
  }

  /**
   * The project of an open config document, with the document's current text even when the
   * last debounced update has not run yet (completion asks between keystrokes).
   */
  projectOfDocument(document: vscode.TextDocument): ProjectModel | undefined {
    const project = this.projectOf(document.uri.fsPath);
    return project && withFileText(project, document.uri.fsPath, document.getText());
  }

  /**
   * Loads now. A call during a load gets one more load after it, since the files may have
   * changed after the running load read them; calls meanwhile share that one.
   */
  reload(): Promise<void> {
    if (!this.loading) {
      this.loading = this.load().finally(() => (this.loading = undefined));
      return this.loading;
    }
    this.queued ??= this.loading.then(() => {
      this.queued = undefined;
      return this.reload();
    });
    return this.queued;
  }

  /** Cheap for the many files a build creates: one `stat`, and a search only in new folders. */
  private async reloadIfFolderHoldsConfig(created: string): Promise<void> {
    if (configFileKind(created)) return; // the config file watchers have it
    const { excludedFolders } = readSettings();
    if (created.split(path.sep).some((segment) => excludedFolders.includes(segment))) return;
    try {
      if (!(await fs.stat(created)).isDirectory()) return;
    } catch {
      return; // gone again
    }
    if ((await findConfigFiles(created, excludedFolders)).length > 0) this.scheduleReload();
  }

  private holdsFilesUnder(folder: string): boolean {
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    return this.projectList.some((p) => p.files.some((f) => f.path.startsWith(prefix)));
  }

  private scheduleReload(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.reload().catch((error: unknown) => this.reloadFailed(error));
    }, RELOAD_DELAY_MS);
  }

  /** A reload nobody awaits (a watcher's, a timer's) reports its failure here. */
  private reloadFailed(error: unknown): void {
    const message = describeError(error);
    this.log.error(`Reading the Upsun / Platform.sh config failed: ${message}`);
    void vscode.window.showErrorMessage(`Upsun Kafka: reading the project config failed: ${message}`);
  }

  /** An edit rebuilds only its own project from text already in memory: no disk, no search. */
  private scheduleTextUpdate(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' || !configFileKind(document.uri.fsPath)) return;
    const key = document.uri.fsPath;
    clearTimeout(this.textTimers.get(key));
    this.textTimers.set(
      key,
      setTimeout(() => {
        this.textTimers.delete(key);
        const project = this.projectOf(key);
        if (!project) return this.scheduleReload();
        const updated = withFileText(project, key, document.getText());
        if (updated === project) return;
        this.projectList = this.projectList.map((p) => (p === project ? updated : p));
        this.changed.fire(this.projectList);
      }, RELOAD_DELAY_MS),
    );
  }

  private async load(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file') ?? [];
    const { excludedFolders } = readSettings();
    const files = (await Promise.all(folders.map((f) => findConfigFiles(f.uri.fsPath, excludedFolders)))).flat();
    const loaded = await loadProjects([...new Set(files)], openEditorText(), EDITOR_MAX_CONFIG_FILE_BYTES);
    // Typing went on while the disk was read: the editors' text of now wins over that of the start.
    const openNow = openEditorText();
    this.projectList = loaded.map((project) =>
      project.files.reduce((p, f) => (openNow.has(f.path) ? withFileText(p, f.path, openNow.get(f.path)!) : p), project),
    );
    const count = this.projectList.reduce((n, p) => n + p.services.length, 0);
    this.log.info(`Loaded ${this.projectList.length} project(s) from ${files.length} config file(s), ${count} service(s).`);
    this.changed.fire(this.projectList);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const t of this.textTimers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
