// "Open" in the message view: one message as a read-only JSON document in an editor tab, so
// VS Code's own search, folding, outline and copy work on it. A read-only file system (not a
// text document content provider, whose documents take edits in memory) serves it. The text
// is Copy's (messageAsJson): key, value, headers, partition, offset and timestamp, values whole
// and lossless (JSON kept as written, binary as base64).

import * as vscode from 'vscode';
import type { PeekedMessage } from '../../kafka/types';
import { messageAsJson } from '../../kafka/messageJson';
import { MemoryFiles } from '../memoryFiles';

export const MESSAGE_SCHEME = 'upsun-kafka-message';

export class MessageDocuments implements vscode.Disposable {
  /** A message's document stays what it was when opened. */
  private readonly files = new MemoryFiles(MESSAGE_SCHEME, true);

  /**
   * Opens `message` of `service` beside the view, in a tab named `<topic>-<partition>-<offset>.json`
   * (the `.json` name gives it JSON's language features).
   */
  async open(service: string, message: PeekedMessage): Promise<vscode.TextEditor> {
    const uri = this.files.put(`/${encodeURIComponent(service)}/${message.topic}-${message.partition}-${message.offset}.json`, `${messageAsJson(message)}\n`);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    this.files.dispose();
  }
}
