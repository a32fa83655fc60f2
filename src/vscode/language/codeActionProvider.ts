// Quick fixes for this extension's diagnostics. The fixes need the Problem behind a
// diagnostic (its code and `data`), which the diagnostic itself cannot carry; the provider
// gets it from an injected `problemFor`, so whoever publishes diagnostics decides how
// problems are found again.

import * as vscode from 'vscode';
import type { Problem, ProjectModel } from '../../config/model';
import { quickFixesFor, QuickFix } from '../../language/quickFixes';
import { DIAGNOSTIC_SOURCE } from '../../validation/codes';
import type { ProjectStore } from '../projectStore';
import { rangeIn, spanRange } from './positions';

/** The Problem a diagnostic of ours was made from, if it can be found. */
export type ProblemFor = (diagnostic: vscode.Diagnostic, document: vscode.TextDocument, project: ProjectModel) => Problem | undefined;

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return String(typeof code === 'object' ? code.value : code);
}

const SEVERITIES: Record<vscode.DiagnosticSeverity, Problem['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/**
 * The problem the publisher recorded for the diagnostic (`published`), else the one with the
 * diagnostic's code and range among the model's parse problems. When there is none
 * (diagnostics from an older text), a problem without `data` stands in: the fixes work out
 * what they can from the model.
 */
export function problemMatcher(published: ProblemFor = () => undefined): ProblemFor {
  return (diagnostic, document, project) => {
    const code = codeOf(diagnostic);
    if (code === undefined) return undefined;
    const file = document.uri.fsPath;
    const exact =
      published(diagnostic, document, project) ??
      project.problems.find((p) => p.code === code && p.span.file === file && rangeIn(document, p.span).isEqual(diagnostic.range));
    return (
      exact ?? {
        code,
        message: diagnostic.message,
        severity: SEVERITIES[diagnostic.severity],
        span: { file, start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end) },
      }
    );
  };
}

export class CodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly store: ProjectStore,
    private readonly problemFor: ProblemFor,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const project = this.store.projectOfDocument(document);
    if (!project) return [];
    return ours.flatMap((diagnostic) => {
      const problem = this.problemFor(diagnostic, document, project);
      return problem ? quickFixesFor(project, problem).map((fix) => toAction(project, fix, diagnostic)) : [];
    });
  }
}

function toAction(project: ProjectModel, fix: QuickFix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.preferred;
  action.edit = new vscode.WorkspaceEdit();
  for (const edit of fix.edits) {
    const uri = vscode.Uri.file(edit.file);
    if (edit.createFile) {
      action.edit.createFile(uri, { ignoreIfExists: true });
      action.edit.insert(uri, new vscode.Position(0, 0), edit.newText);
    } else {
      action.edit.replace(uri, spanRange(project, { ...edit.range, file: edit.file }), edit.newText);
    }
  }
  return action;
}
