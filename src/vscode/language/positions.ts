// Offsets from the pure modules become editor positions and ranges here, and nowhere else
// (lines and columns themselves come from src/config/positions.ts). Spans in other files are
// converted with their file's line counter, so no document is opened.

import * as vscode from 'vscode';
import type { ConfigFile, OffsetRange, ProjectModel, SourceSpan } from '../../config/model';
import { positionOf } from '../../config/positions';

export function rangeIn(document: vscode.TextDocument, range: OffsetRange): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}

/** A span of any file of the project as an editor range. */
export function spanRange(project: ProjectModel, span: SourceSpan): vscode.Range {
  return fileSpanRange(project.files.find((f) => f.path === span.file), span);
}

/** A span as an editor range, with its file's own line table (the text that was validated). */
export function fileSpanRange(file: Pick<ConfigFile, 'lineCounter'> | undefined, span: OffsetRange): vscode.Range {
  const at = (offset: number) => {
    const pos = positionOf(file, offset);
    return new vscode.Position(pos.line, pos.character);
  };
  return new vscode.Range(at(span.start), at(span.end));
}

export function spanLocation(project: ProjectModel, span: SourceSpan): vscode.Location {
  return new vscode.Location(vscode.Uri.file(span.file), spanRange(project, span));
}
