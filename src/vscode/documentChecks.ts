// One way for the checks that follow a kind of document as it is typed (topics files, schema
// files): each document is checked a moment after it opens and after its last edit, and
// closing it clears its problems.

import * as vscode from 'vscode';
import { describeError } from '../text/error';

/** Long enough to skip keystrokes, short enough to feel immediate. */
const CHECK_DELAY_MS = 150;

/**
 * Runs `check` on each open document `applies` to, after it opens and a moment after each
 * edit; deletes its entry of `collection` when it closes; a check that throws is logged on
 * `log`. Returns `schedule`, to check a document again for another reason (the project's
 * config changed). Disposed with `context`.
 */
export function checkDocumentsAsTyped(
  context: vscode.ExtensionContext,
  collection: vscode.DiagnosticCollection,
  applies: (document: vscode.TextDocument) => boolean,
  check: (document: vscode.TextDocument) => void | Promise<void>,
  log: vscode.LogOutputChannel,
): (document: vscode.TextDocument) => void {
  const timers = new Map<string, NodeJS.Timeout>();
  const schedule = (document: vscode.TextDocument): void => {
    if (!applies(document)) return;
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      if (document.isClosed) return;
      Promise.resolve()
        .then(() => check(document))
        .catch((error: unknown) => log.error(`Checking ${document.uri.fsPath} failed: ${describeError(error)}`));
    }, CHECK_DELAY_MS));
  };
  context.subscriptions.push(
    collection,
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    vscode.workspace.onDidOpenTextDocument(schedule),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      clearTimeout(timers.get(document.uri.toString()));
      collection.delete(document.uri);
    }),
  );
  vscode.workspace.textDocuments.forEach(schedule);
  return schedule;
}
