// Files that hold nothing (empty, or only comments). One empty `.upsun` file beside others is a
// placeholder; but when every `.upsun` file is empty the project declares no application, and
// Upsun requires `applications` (the Upsun JSON Schema's root `required`; the Upsun CLI refuses
// empty content, upsun/cli internal/lint/linter.go ErrEmptyContent). An empty
// `.platform.app.yaml` lacks the `name` and `type` every application needs.

import type { ConfigFile, Problem, ProjectModel } from '../config/model';
import { isScalar } from 'yaml';
import { CODES } from './codes';
import { problem } from './problem';

function isEmpty(file: ConfigFile): boolean {
  const contents = file.document.contents;
  return contents === null || (isScalar(contents) && contents.value === null && !contents.tag);
}

/** The first line of a file, or its first character: where a whole-file finding shows. */
function firstLine(file: ConfigFile) {
  const end = file.text.indexOf('\n');
  return { file: file.path, start: 0, end: end < 0 ? file.text.length : end };
}

export function checkEmptyFiles(model: ProjectModel): Problem[] {
  const own = model.files.filter((f) => !f.includedAs);
  const problems: Problem[] = [];
  // A file over the size limit was not read: what it declares is unknown, not nothing.
  const unread = new Set(model.sources.filter((s) => s.tooLarge).map((s) => s.path));
  const upsun = own.filter((f) => f.kind === 'upsun');
  if (upsun.length > 0 && upsun.every((f) => isEmpty(f) && !unread.has(f.path))) {
    for (const file of upsun) {
      problems.push(problem(firstLine(file), 'error', CODES.missingKey, 'This file declares nothing, and no other `.upsun` file does: Upsun needs at least one application. Declare it under `applications:`, with its `type`.'));
    }
  }
  for (const file of own.filter((f) => f.kind === 'platform-app' && isEmpty(f) && !unread.has(f.path))) {
    problems.push(problem(firstLine(file), 'error', CODES.missingKey, '`.platform.app.yaml` is empty: Platform.sh reads an application from it, which needs at least `name` and `type`. Add them, or remove the file.'));
  }
  return problems;
}
