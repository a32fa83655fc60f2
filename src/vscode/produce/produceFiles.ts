// The produce tabs' documents, held in memory under their own scheme rather than as untitled
// documents: an untitled document is dirty for as long as it holds text, so a tab that was sent
// still asked to be saved. Here a send saves the tab (into memory), so it shows clean and closes
// without a question; a tab edited since asks, as any file does. The twin of the message view's
// read-only MessageDocuments, writable.

import * as vscode from 'vscode';

export const PRODUCE_SCHEME = 'upsun-kafka-produce';

export class ProduceFiles implements vscode.FileSystemProvider, vscode.Disposable {
  /** Bytes by URI path (`/<service>/<topic>.kafka-produce.json`). */
  private readonly files = new Map<string, { readonly data: Uint8Array; readonly mtime: number }>();
  private readonly registration: vscode.Disposable;
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;

  constructor() {
    this.registration = vscode.workspace.registerFileSystemProvider(PRODUCE_SCHEME, this, { isCaseSensitive: true });
  }

  has(uri: vscode.Uri): boolean {
    return this.files.has(uri.path);
  }

  /** Puts `text` at `uri` without an event: the document is opened from it afterwards. */
  put(uri: vscode.Uri, text: string): void {
    this.files.set(uri.path, { data: new TextEncoder().encode(text), mtime: Date.now() });
  }

  /** Forgets `uri`: a closed tab's text goes, as an untitled one's did. */
  forget(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.files.get(uri.path);
    if (file) return { type: vscode.FileType.File, ctime: file.mtime, mtime: file.mtime, size: file.data.length };
    // The service's folder of a tab (breadcrumbs ask for it).
    if ([...this.files.keys()].some((path) => path.startsWith(uri.path.endsWith('/') ? uri.path : `${uri.path}/`))) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const created = !this.files.has(uri.path);
    this.files.set(uri.path, { data: content, mtime: Date.now() });
    this.changes.fire([{ type: created ? vscode.FileChangeType.Created : vscode.FileChangeType.Changed, uri }]);
  }

  watch(): vscode.Disposable {
    // Only the tab's own saves change a file: nothing else to watch.
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    // Folders are implied by the files' paths.
  }

  delete(uri: vscode.Uri): void {
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
