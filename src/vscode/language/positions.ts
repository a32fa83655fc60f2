// Offsets from the pure language modules become editor ranges here, and nowhere else. Spans
// in other files are converted with their file's line counter, so no document is opened.

import * as vscode from 'vscode';
import type { OffsetRange, ProjectModel, SourceSpan } from '../../config/model';
import { positionOf } from '../../config/positions';

export function rangeIn(document: vscode.TextDocument, range: OffsetRange): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}

/** A span of any file of the project as an editor range. */
export function spanRange(project: ProjectModel, span: SourceSpan): vscode.Range {
  const file = project.files.find((f) => f.path === span.file);
  const at = (offset: number) => {
    const pos = positionOf(file, offset);
    return new vscode.Position(pos.line, pos.character);
  };
  return new vscode.Range(at(span.start), at(span.end));
}

export function spanLocation(project: ProjectModel, span: SourceSpan): vscode.Location {
  return new vscode.Location(vscode.Uri.file(span.file), spanRange(project, span));
}
