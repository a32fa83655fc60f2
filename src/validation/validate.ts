// The validation entry point: every check over one project model, plus the parser's own
// problems, in file order. Pure: the editor, the CLI and the tests all call this.

import type { Problem, ProjectModel } from '../config/model';
import { checkDisk } from './checkDisk';
import { checkDuplicates } from './checkDuplicates';
import { checkEmptyFiles } from './checkEmptyFiles';
import { checkImageTypes } from './checkImageTypes';
import { checkIncludes } from './checkIncludes';
import { checkMounts } from './checkMounts';
import { checkStack } from './checkStack';
import { checkPlatformPair } from './checkPlatformPair';
import { checkReplicas } from './checkReplicas';
import { checkRelationships } from './checkRelationships';
import { checkRoutes } from './checkRoutes';
import { checkShapes } from './checkShapes';
import { checkUnusedServices } from './checkUnusedServices';
import { CODES } from './codes';

type Check = (model: ProjectModel) => Problem[];

const PROJECT_CHECKS: readonly Check[] = [checkImageTypes, checkRelationships, checkDuplicates, checkUnusedServices, checkDisk, checkMounts, checkStack, checkPlatformPair, checkRoutes, checkReplicas, checkEmptyFiles, checkIncludes];

/** A relationship in an invalid form gets one clear message, not also the schema's type error. */
function withoutDoubles(problems: Problem[]): Problem[] {
  const invalid = new Set(problems.filter((p) => p.code === CODES.relationshipInvalid).map((p) => `${p.span.file}:${p.span.start}:${p.span.end}`));
  if (invalid.size === 0) return problems;
  return problems.filter((p) => p.code !== CODES.wrongType || !invalid.has(`${p.span.file}:${p.span.start}:${p.span.end}`));
}

/** The same finding at the same place, as checks reached through several aliases give it, once. */
function once(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.span.file}\0${p.span.start}\0${p.span.end}\0${p.code}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function validateProject(model: ProjectModel): Problem[] {
  const problems: Problem[] = [...model.problems];
  for (const file of model.files) problems.push(...checkShapes(file));
  for (const check of PROJECT_CHECKS) problems.push(...check(model));
  const order = new Map(model.files.map((f, i) => [f.path, i]));
  return once(withoutDoubles(problems)).sort((a, b) => (order.get(a.span.file) ?? 0) - (order.get(b.span.file) ?? 0) || a.span.start - b.span.start);
}
