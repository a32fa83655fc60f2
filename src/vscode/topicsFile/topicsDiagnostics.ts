// The topics file's problems as diagnostics while the user types: the same checks plan and
// apply run (src/topicsFile/file.ts), with the services of the project that holds the file.
// Each document is read again a moment after its last edit, and when the project's config
// changes (a service declared or renamed); closing the document clears its problems.

import * as vscode from 'vscode';
import type { Severity } from '../../config/model';
import { DIAGNOSTIC_SOURCE } from '../../validation/codes';
import { plainMessage } from '../../validation/problem';
import { rangeIn } from '../language/positions';
import type { ProjectStore } from '../projectStore';
import { isTopicsDocument, readTopicsDocument } from './topicsDocument';

/** As the project store's: long enough to skip keystrokes, short enough to feel immediate. */
const CHECK_DELAY_MS = 150;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function registerTopicsDiagnostics(context: vscode.ExtensionContext, store: ProjectStore): void {
  const collection = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-topics`);
  const timers = new Map<string, NodeJS.Timeout>();
  const check = (document: vscode.TextDocument): void => {
    if (document.isClosed) return;
    const { file } = readTopicsDocument(store, document);
    collection.set(
      document.uri,
      file.problems.map((p) => {
        const diagnostic = new vscode.Diagnostic(rangeIn(document, p), plainMessage(p.message), SEVERITY[p.severity]);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = p.code;
        return diagnostic;
      }),
    );
  };
  const schedule = (document: vscode.TextDocument): void => {
    if (!isTopicsDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => (timers.delete(key), check(document)), CHECK_DELAY_MS));
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
    store.onDidChange(() => vscode.workspace.textDocuments.forEach(schedule)),
  );
  vscode.workspace.textDocuments.forEach(schedule);
}
