// Validation results as the CLI prints them: one flat record per problem with 1-based lines
// and columns and a path relative to the folder the linter ran in.

import * as path from 'path';
import type { ProjectModel, Severity } from '../../config/model';
import { positionOf } from '../../config/positions';
import { validateProject } from '../../validation/validate';

export interface Finding {
  /** Relative to the working folder, with `/` separators. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly related?: readonly { readonly file: string; readonly line: number; readonly column: number; readonly message: string }[];
}

export function relativePath(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

/** Problems of `projects` in `onlyFiles`, in file and position order. */
export function findingsOf(projects: readonly ProjectModel[], cwd: string, onlyFiles: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  for (const project of projects) {
    const files = new Map(project.files.map((f) => [f.path, f]));
    const position = (file: string, offset: number) => {
      const pos = positionOf(files.get(file), offset);
      return { line: pos.line + 1, column: pos.character + 1 };
    };
    for (const p of validateProject(project)) {
      if (!onlyFiles.has(p.span.file)) continue;
      const start = position(p.span.file, p.span.start);
      const end = position(p.span.file, p.span.end);
      const related = p.data?.related?.map((r) => ({ file: relativePath(cwd, r.span.file), ...position(r.span.file, r.span.start), message: r.message }));
      findings.push({
        file: relativePath(cwd, p.span.file),
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        severity: p.severity,
        code: p.code,
        message: p.message,
        ...(related ? { related } : {}),
      });
    }
  }
  return findings;
}
