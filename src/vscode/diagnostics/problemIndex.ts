// Which Problem each published diagnostic came from, so quick fixes can read its `data`
// (replacement, missingService, related) without redoing validation. VS Code hands code-action
// providers copies of diagnostics, so the look-up is by URI, code, range and message, not by
// object identity.

import * as vscode from 'vscode';
import type { Problem } from '../../config/model';

interface Entry {
  readonly diagnostic: vscode.Diagnostic;
  readonly problem: Problem;
}

const byUri = new Map<string, readonly Entry[]>();

export function setProblems(uri: vscode.Uri, entries: readonly Entry[]): void {
  if (entries.length === 0) byUri.delete(uri.toString());
  else byUri.set(uri.toString(), entries);
}

export function clearProblems(): void {
  byUri.clear();
}

/** The Problem behind a diagnostic this extension published for `uri`, if any. */
export function problemOf(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Problem | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return byUri
    .get(uri.toString())
    ?.find((e) => e.diagnostic.code === code && e.diagnostic.range.isEqual(diagnostic.range) && e.diagnostic.message === diagnostic.message)?.problem;
}
