// "Open" in the message view: one message as a read-only JSON document in an editor tab, so
// VS Code's own search, folding, outline and copy work on it. A read-only file system (not a
// text document content provider, whose documents take edits in memory) serves it. The text
// is Copy's (messageAsJson): key, value, headers, partition, offset and timestamp, values whole
// and lossless (JSON kept as written, binary as base64).

import * as vscode from 'vscode';
import type { PeekedMessage } from '../../kafka/types';
import { messageAsJson } from '../../kafka/messageJson';

export const MESSAGE_SCHEME = 'upsun-kafka-message';

export class MessageDocuments implements vscode.FileSystemProvider, vscode.Disposable {
  /** Bytes by URI path; a message's document stays what it was when opened. */
  private readonly files = new Map<string, { readonly data: Uint8Array; readonly mtime: number }>();
  private readonly registration: vscode.Disposable;
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;

  constructor() {
    this.registration = vscode.workspace.registerFileSystemProvider(MESSAGE_SCHEME, this, { isReadonly: true, isCaseSensitive: true });
  }

  /**
   * Opens `message` of `service` beside the view, in a tab named `<topic>-<partition>-<offset>.json`
   * (the `.json` name gives it JSON's language features).
   */
  async open(service: string, message: PeekedMessage): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: MESSAGE_SCHEME, path: `/${encodeURIComponent(service)}/${message.topic}-${message.partition}-${message.offset}.json` });
    this.files.set(uri.path, { data: new TextEncoder().encode(`${messageAsJson(message)}\n`), mtime: Date.now() });
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.file(uri);
    return { type: vscode.FileType.File, ctime: file.mtime, mtime: file.mtime, size: file.data.length, permissions: vscode.FilePermission.Readonly };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return this.file(uri).data;
  }

  private file(uri: vscode.Uri): { readonly data: Uint8Array; readonly mtime: number } {
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file;
  }

  watch(): vscode.Disposable {
    // The documents never change once opened: nothing to watch.
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
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
