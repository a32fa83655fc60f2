// Documents this extension makes (a message opened from the message view, a produce tab) held
// in memory under a scheme of their own: a real file system provider, so VS Code's search,
// folding, outline and save work on them, and nothing is written to disk. Read-only for the
// messages a view opens; writable for produce tabs, where a send saves the tab (into memory) so
// it shows clean and closes without a question, as an untitled document never would.

import * as vscode from 'vscode';

interface MemoryFile {
  readonly data: Uint8Array;
  readonly mtime: number;
}

export class MemoryFiles implements vscode.FileSystemProvider, vscode.Disposable {
  /** Bytes by URI path; folders are implied by the paths. */
  private readonly files = new Map<string, MemoryFile>();
  private readonly registration: vscode.Disposable;
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;

  constructor(
    readonly scheme: string,
    private readonly readonly: boolean,
  ) {
    this.registration = vscode.workspace.registerFileSystemProvider(scheme, this, { isReadonly: readonly, isCaseSensitive: true });
  }

  /** Puts `text` at `path` without an event: a document is opened from it afterwards. */
  put(path: string, text: string): vscode.Uri {
    this.files.set(path, { data: new TextEncoder().encode(text), mtime: Date.now() });
    return vscode.Uri.from({ scheme: this.scheme, path });
  }

  /** Forgets `uri`: a closed tab's text goes, as an untitled one's does. */
  forget(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.files.get(uri.path);
    const permissions = this.readonly ? { permissions: vscode.FilePermission.Readonly } : {};
    if (file) return { type: vscode.FileType.File, ctime: file.mtime, mtime: file.mtime, size: file.data.length, ...permissions };
    // A file's folder (breadcrumbs ask for it).
    const folder = uri.path.endsWith('/') ? uri.path : `${uri.path}/`;
    if ([...this.files.keys()].some((path) => path.startsWith(folder))) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, ...permissions };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    if (this.readonly) throw vscode.FileSystemError.NoPermissions(uri);
    const created = !this.files.has(uri.path);
    this.files.set(uri.path, { data: content, mtime: Date.now() });
    this.changes.fire([{ type: created ? vscode.FileChangeType.Created : vscode.FileChangeType.Changed, uri }]);
  }

  watch(): vscode.Disposable {
    // Only this extension and the tab's own saves change a file: nothing else to watch.
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    if (this.readonly) throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    if (this.readonly) throw vscode.FileSystemError.NoPermissions(uri);
    this.files.delete(uri.path);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.registration.dispose();
    this.changes.dispose();
    this.files.clear();
  }
}
