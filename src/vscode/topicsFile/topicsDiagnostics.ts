// The topics file's problems as diagnostics while the user types: the same checks plan and
// apply run (src/topicsFile/file.ts), with the services of the project that holds the file.
// Each document is read again a moment after its last edit, and when the project's config
// changes (a service declared or renamed); closing the document clears its problems.

import * as vscode from 'vscode';
import type { Severity } from '../../config/model';
import { DIAGNOSTIC_SOURCE } from '../../validation/codes';
import { plainMessage } from '../../validation/problem';
import { rangeIn } from '../language/positions';
import { checkDocumentsAsTyped } from '../documentChecks';
import type { ProjectStore } from '../projectStore';
import { isTopicsDocument, readTopicsDocument } from './topicsDocument';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function registerTopicsDiagnostics(context: vscode.ExtensionContext, store: ProjectStore, log: vscode.LogOutputChannel): void {
  const collection = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-topics`);
  const check = (document: vscode.TextDocument): void => {
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
  const schedule = checkDocumentsAsTyped(context, collection, isTopicsDocument, check, log);
  context.subscriptions.push(store.onDidChange(() => vscode.workspace.textDocuments.forEach(schedule)));
}
