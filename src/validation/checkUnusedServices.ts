// A service nothing reaches costs resources for nothing. "Reaches" is broad on purpose: a
// relationship of an application, a worker or another service, a mount's `service:`, or a
// route's `upstream:`, so the hint only shows for services that are really unused.

import { isMap, isPair, isScalar, Document } from 'yaml';
import { splitColonPair } from '../config/colonPair';
import type { Problem, ProjectModel } from '../config/model';
import { entries, resolve, scalarString } from '../config/yamlNodes';
import { CODES } from './codes';
import { problem, quoted } from './problem';
import { hiddenApplicationFolders } from './submodules';

const MAX_DEPTH = 16;

function relationshipTargets(doc: Document, node: unknown, into: Set<string>): void {
  for (const e of entries(doc, node)) {
    const text = scalarString(e.value);
    if (e.value === null || (isScalar(e.value) && e.value.value === null)) into.add(e.key);
    else if (text !== undefined) into.add(splitColonPair(text).name);
    else into.add(scalarString(entries(doc, e.value).find((x) => x.key === 'service')?.value) ?? e.key);
  }
}

/** Keys whose values hold references (directly, or in each of their entries). */
const HOLDERS = new Set(['workers', 'mounts', 'web']);

/**
 * Names a declaration reaches: its relationships and mounts, and those of its workers. Only
 * the keys that can hold references are walked, not hooks, variables or locations.
 */
function collectReferences(doc: Document, node: unknown, into: Set<string>, seen: Set<unknown>, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  const value = resolve(doc, node);
  // Aliases can reach one node many times; once is enough.
  if (!isMap(value) || seen.has(value)) return;
  seen.add(value);
  for (const pair of value.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = pair.key.value;
    if (key === 'relationships') relationshipTargets(doc, pair.value, into);
    else if (key === 'service') {
      const name = scalarString(resolve(doc, pair.value));
      if (name) into.add(name);
    } else if (typeof key === 'string' && HOLDERS.has(key)) {
      const holder = resolve(doc, pair.value);
      collectReferences(doc, holder, into, seen, depth + 1);
      if (isMap(holder)) for (const entry of holder.items) if (isPair(entry)) collectReferences(doc, entry.value, into, seen, depth + 1);
    }
  }
}

export function checkUnusedServices(model: ProjectModel): Problem[] {
  // An application in a git submodule may use any of them: no hint rests on what is out of sight.
  if (model.services.length === 0 || hiddenApplicationFolders(model)) return [];
  const used = new Set<string>();
  for (const app of model.applications) for (const rel of app.relationships) if (rel.service) used.add(rel.service);
  for (const route of model.routes) for (const target of [route.upstream, route.to]) if (target) used.add(splitColonPair(target.value).name);
  const docs = new Map(model.files.map((f) => [f.path, f.document]));
  const seen = new Set<unknown>();
  for (const decl of [...model.applications, ...model.services]) {
    const doc = docs.get(decl.span.file);
    if (doc && decl.node) collectReferences(doc, decl.node, used, seen);
  }
  return model.services
    .filter((s) => !used.has(s.name))
    .map((s) => problem(s.nameSpan, 'hint', CODES.unusedService, `No application uses service ${quoted(s.name)}. Add a relationship to it from an application, or remove it.`));
}
