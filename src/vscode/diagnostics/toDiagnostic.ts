// Turns a Problem (offsets in a file's text) into a VS Code Diagnostic (lines and columns),
// with the stable code, our source name, tags and related places. The Problems panel shows
// no Markdown, so the message's backticked names are shown in plain quotes.

import * as vscode from 'vscode';
import type { ConfigFile, Problem, Severity, SourceSpan } from '../../config/model';
import { fileSpanRange } from '../language/positions';
import { CODES, DIAGNOSTIC_SOURCE } from '../../validation/codes';
import { plainMessage } from '../../validation/problem';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const TAGS: Partial<Record<string, vscode.DiagnosticTag[]>> = {
  [CODES.unusedService]: [vscode.DiagnosticTag.Unnecessary],
  [CODES.deprecatedVersion]: [vscode.DiagnosticTag.Deprecated],
};

/** Converts a span with its file's own line table, which matches the text that was validated. */
export function rangeOf(span: SourceSpan, files: ReadonlyMap<string, ConfigFile>): vscode.Range {
  return fileSpanRange(files.get(span.file), span);
}

export function toDiagnostic(problem: Problem, files: ReadonlyMap<string, ConfigFile>): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(rangeOf(problem.span, files), plainMessage(problem.message), SEVERITY[problem.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.code;
  const tags = TAGS[problem.code];
  if (tags) diagnostic.tags = tags;
  const related = problem.data?.related;
  if (related?.length) {
    diagnostic.relatedInformation = related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(r.span.file), rangeOf(r.span, files)), plainMessage(r.message)));
  }
  return diagnostic;
}
