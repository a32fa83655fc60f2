// The import graph of src has no cycle. Every import counts, type-only ones and re-exports
// included: a type cycle still ties two modules' meanings together and is how the next value
// cycle starts. Dependencies are read with TypeScript's own pre-processor, so what counts as an
// import is what the compiler sees.

import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { REPO_ROOT } from '../harness/paths';

const SRC = path.join(REPO_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  const isFile = (p: string): boolean => statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  if (base.endsWith('.ts') && isFile(base)) return base;
  if (isFile(`${base}.ts`)) return `${base}.ts`;
  if (statSync(base, { throwIfNoEntry: false })?.isDirectory() && isFile(path.join(base, 'index.ts'))) return path.join(base, 'index.ts');
  return undefined;
}

/** Each file of src with the files of src it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(file, info.importedFiles.map((f) => resolveImport(file, f.fileName)).filter((f): f is string => f !== undefined));
  }
  return graph;
}

/** Every strongly connected component of more than one file, or a file importing itself (Tarjan's algorithm). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.map((f) => path.relative(REPO_ROOT, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import graph of src', () => {
  it('finds a cycle when there is one', () => {
    const graph = new Map([['/a.ts', ['/b.ts']], ['/b.ts', ['/c.ts']], ['/c.ts', ['/a.ts']], ['/d.ts', ['/a.ts']]]);
    assert.deepStrictEqual(cycles(graph), [['/a.ts', '/b.ts', '/c.ts'].map((f) => path.relative(REPO_ROOT, f)).sort()]);
  });

  it('has no import cycle', () => {
    const graph = importGraph();
    assert.ok(graph.size > 100, `read ${graph.size} files of src`);
    const found = cycles(graph);
    assert.deepStrictEqual(found, [], `${found.length} import cycles in src:\n${found.map((c) => `  ${c.join(' ↔ ')}`).join('\n')}`);
  });
});
