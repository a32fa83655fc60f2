// Merged files must not declare the same service or application twice: the platform refuses
// the merge. Duplicates inside one mapping are the parser's `duplicate-key` already.

import type { ConfigFile, Problem, ProjectModel, SourceSpan } from '../config/model';
import type { ProblemCode } from './codes';
import { CODES } from './codes';
import { problem } from './problem';

interface Named {
  readonly name: string;
  readonly nameSpan: SourceSpan;
}

function duplicates(items: readonly Named[], kinds: ReadonlyMap<string, ConfigFile['kind']>, code: ProblemCode, what: string): Problem[] {
  const first = new Map<string, Named>();
  const problems: Problem[] = [];
  for (const item of items) {
    if (item.name === '') continue;
    const earlier = first.get(item.name);
    if (!earlier) {
      first.set(item.name, item);
      continue;
    }
    // Two keys of one mapping: the parser said so already. Items of one list are not keys.
    const sameMap = earlier.nameSpan.file === item.nameSpan.file && kinds.get(item.nameSpan.file) !== 'platform-applications';
    if (sameMap) continue;
    problems.push(
      problem(item.nameSpan, 'error', code, `${what} \`${item.name}\` is declared twice. Rename one, or merge them into one declaration.`, {
        related: [{ span: earlier.nameSpan, message: `First declaration of \`${item.name}\`` }],
      }),
    );
  }
  return problems;
}

export function checkDuplicates(model: ProjectModel): Problem[] {
  const kinds = new Map(model.files.map((f) => [f.path, f.kind]));
  return [...duplicates(model.services, kinds, CODES.duplicateService, 'Service'), ...duplicates(model.applications, kinds, CODES.duplicateApplication, 'Application')];
}
