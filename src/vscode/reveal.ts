// Opens a config file with a span selected: the one place where offsets from the pure
// model become editor positions.

import * as vscode from 'vscode';
import type { SourceSpan } from '../config/model';

export async function revealSpan(span: SourceSpan): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(span.file));
  const selection = new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
  await vscode.window.showTextDocument(document, { selection, preserveFocus: false });
}
