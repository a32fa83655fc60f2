// Typing into a produce tab and closing it, for the suites that produce through one.

import * as assert from 'assert';
import * as vscode from 'vscode';

/** Replaces the whole text of `editor`'s document, as typing it would. */
export async function setText(editor: vscode.TextEditor, text: string): Promise<void> {
  const all = new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length));
  assert.ok(await editor.edit((edit) => edit.replace(all, text)), 'the edit was not applied');
}

/** Closes a produce tab without the save question an edited one asks. */
export async function closeProduceTab(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
