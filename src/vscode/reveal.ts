// Opens a config file with a span selected.

import * as vscode from 'vscode';
import type { SourceSpan } from '../config/model';
import { rangeIn } from './language/positions';

export async function revealSpan(span: SourceSpan): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(span.file));
  const selection = rangeIn(document, span);
  await vscode.window.showTextDocument(document, { selection, preserveFocus: false });
}
