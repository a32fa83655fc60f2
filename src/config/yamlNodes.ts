// Reading `yaml` AST nodes the way the platform reads values: aliases followed, merge keys
// (`<<: *base`) applied, every value with the span it came from.

import { isAlias, isMap, isNode, isPair, isScalar, isSeq, visit, Alias, Document, Node as YamlNode, Pair, Scalar } from 'yaml';
import type { OffsetRange } from './model';

/** Deep alias chains are legal YAML but a sign of a hostile file; stop following early. */
const MAX_ALIAS_HOPS = 32;

/** Follows aliases to the node they name; undefined for a dangling alias or a loop. */
export function resolve(doc: Document, node: unknown): YamlNode | undefined {
  let current = node;
  for (let hops = 0; isAlias(current); hops++) {
    if (hops >= MAX_ALIAS_HOPS) return undefined;
    current = aliasTarget(doc, current);
  }
  return (current ?? undefined) as YamlNode | undefined;
}

/** Each document's anchored nodes by anchor name, in document order (start offset ascending). */
const anchorIndexes = new WeakMap<Document, Map<string, { readonly start: number; readonly node: YamlNode }[]>>();

/**
 * The node `alias` names: the last node anchored with its name before it, as YAML (and
 * `Alias.resolve`) reads it. `Alias.resolve` walks the whole document for each alias, so a
 * file of 100,000 aliases took hours; the document's anchors are indexed once instead.
 */
function aliasTarget(doc: Document, alias: Alias): unknown {
  const at = alias.range?.[0];
  if (at === undefined) return alias.resolve(doc);
  let index = anchorIndexes.get(doc);
  if (index === undefined) {
    const built = new Map<string, { start: number; node: YamlNode }[]>();
    visit(doc, {
      Node(_, node) {
        if (!isNode(node) || isAlias(node) || !node.anchor || !node.range) return;
        const list = built.get(node.anchor) ?? [];
        list.push({ start: node.range[0], node });
        built.set(node.anchor, list);
      },
    });
    for (const list of built.values()) list.sort((a, b) => a.start - b.start);
    anchorIndexes.set(doc, (index = built));
  }
  const list = index.get(alias.source);
  if (list === undefined) return undefined;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle].start < at) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? undefined : list[low - 1].node;
}

/** The span a node covers, without the trailing comment or line break `yaml` attaches. */
export function nodeRange(node: unknown): OffsetRange | undefined {
  const range = (node as YamlNode | undefined)?.range;
  if (!range) return undefined;
  return { start: range[0], end: range[1] };
}

export interface Entry {
  readonly key: string;
  readonly keyNode: Scalar | undefined;
  /** The value with aliases followed; `null` for an empty value (`kafka:`). */
  readonly value: YamlNode | null;
  /** Span of the key, or of the merged map for keys that came from `<<`. */
  readonly keyRange: OffsetRange;
  /** Key start to value end. */
  readonly range: OffsetRange;
  readonly pair: Pair;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol');
}

function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const v = key.value;
  if (v === null || v === undefined) return '';
  return typeof v === 'symbol' ? undefined : key.toString();
}

function entryOf(doc: Document, pair: Pair, key: string): Entry {
  const keyRange = nodeRange(pair.key) ?? { start: 0, end: 0 };
  const value = pair.value === null || pair.value === undefined ? null : resolve(doc, pair.value) ?? null;
  const valueEnd = nodeRange(pair.value)?.end ?? keyRange.end;
  return { key, keyNode: pair.key as Scalar, value, keyRange, range: { start: keyRange.start, end: Math.max(valueEnd, keyRange.end) }, pair };
}

/**
 * The entries of a mapping in source order, with merge keys applied as YAML 1.1 does:
 * keys written in the map win over merged ones, and earlier merged maps over later ones.
 * Non-scalar keys are skipped; the validator reports them from the raw node. Each merged
 * map is read once, so aliases that merge the same map many times stay linear.
 */
export function entries(doc: Document, mapNode: unknown, depth = 0, visited: Set<unknown> = new Set()): Entry[] {
  const map = resolve(doc, mapNode);
  if (!isMap(map) || visited.has(map)) return [];
  visited.add(map);
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const item of (map).items) {
    if (!isPair(item)) continue;
    if (isMergeKey(item.key)) {
      if (depth >= MAX_ALIAS_HOPS) continue;
      const sources = resolve(doc, item.value);
      const list = isSeq(sources) ? sources.items : [item.value];
      for (const source of list) for (const e of entries(doc, source, depth + 1, visited)) merged.push(e);
      continue;
    }
    const key = keyText(item.key);
    if (key !== undefined) own.push(entryOf(doc, item, key));
  }
  if (merged.length === 0) return own;
  const written = new Set(own.map((e) => e.key));
  for (const e of merged) {
    if (written.has(e.key)) continue;
    written.add(e.key);
    own.push(e);
  }
  return own;
}

/**
 * Looks up one key of a mapping (after merges). A key written before any merge key wins over
 * merged ones, so only a map with a merge key ahead of the match needs all its entries: making
 * them for every lookup was most of the memory a 5 MB file of routes took.
 */
export function get(doc: Document, mapNode: unknown, key: string): Entry | undefined {
  const map = resolve(doc, mapNode);
  if (!isMap(map)) return undefined;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (isMergeKey(item.key)) return entries(doc, map).find((e) => e.key === key);
    if (keyText(item.key) === key) return entryOf(doc, item, key);
  }
  return undefined;
}

/** The scalar value of a node, or undefined when it is not a scalar. */
export function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** The string value of a scalar node (numbers are turned into their written text). */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  if (typeof node.value === 'number') return node.source ?? String(node.value);
  return undefined;
}
