// Where the cursor is in a config file, worked out from the YAML even while it is half
// typed. The trick, as in yaml-language-server: put a marker at the cursor (and a colon when
// the line can only become a key), parse that text, and find the scalar holding the marker.
// Its place in the tree gives the key path and whether it is a key or a value.

import { isMap, isPair, isScalar, isSeq, parseDocument, Node as YamlNode, Pair } from 'yaml';
import type { ConfigFile, ConfigFileKind, OffsetRange, ProjectModel } from '../config/model';
import type { PathStep } from './keyTable';
import { probeWindow, WHOLE } from './probeWindow';

const MARKER = '__upsunCursor__';

/** A place completion knows special values for. */
export type Slot =
  | { readonly kind: 'service-type' }
  | { readonly kind: 'app-type' }
  /** A key under `relationships:`. */
  | { readonly kind: 'relationship-name' }
  /** The value of `name:` under `relationships:`. */
  | { readonly kind: 'relationship-value'; readonly relationship: string }
  | { readonly kind: 'relationship-service'; readonly relationship: string }
  /** `endpoint:`; `service` is the sibling `service:` value, or the relationship's name. */
  | { readonly kind: 'relationship-endpoint'; readonly relationship: string; readonly service: string };

export interface CursorContext {
  readonly file: ConfigFile;
  readonly kind: ConfigFileKind;
  readonly offset: number;
  /** Keys (and list indexes) from the root to the map the cursor's key is in, or to the key whose value it is. */
  readonly path: readonly PathStep[];
  readonly position: 'key' | 'value';
  /** The scalar being typed, without quotes, in the real text: completions replace it. */
  readonly replace: OffsetRange;
  /** What is typed from the start of `replace` to the cursor. */
  readonly prefix: string;
  /** Column where the key being typed starts, for indenting what completion inserts below it. */
  readonly indent: number;
  /** The other entries of the map around the cursor, key to scalar value (undefined for non-scalars). */
  readonly siblings: ReadonlyMap<string, string | undefined>;
  readonly slot?: Slot;
}

/** The file of `filePath` in the project, if it is one of its config files. */
function fileOf(project: ProjectModel, filePath: string): ConfigFile | undefined {
  return project.files.find((f) => f.path === filePath);
}

/**
 * The cursor's context in a config file of the project. `wholeFile` parses the whole text
 * instead of the entry around the cursor (for comparing the two).
 */
export function cursorContext(project: ProjectModel, filePath: string, offset: number, wholeFile = false): CursorContext | undefined {
  const file = fileOf(project, filePath);
  if (!file || offset < 0 || offset > file.text.length) return undefined;
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndRaw = text.indexOf('\n', offset);
  const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd);
  if (/(^|\s)#/.test(before.replace(/(["'])(?:(?!\1).)*\1/g, ''))) return undefined;
  const wordAfter = /^[^\s:,{}[\]#]*/.exec(after)?.[0] ?? '';
  const restAfterWord = after.slice(wordAfter.length);
  // A bare word on its own line can only become a key; give it its colon so it parses as one.
  const blockKey = /^\s*(?:-\s+)*[^\s:#'"{}[\],]*$/.test(before) && !restAfterWord.trimStart().startsWith(':') && restAfterWord.trim() === '';
  const window = wholeFile ? WHOLE(file) : probeWindow(file, offset, project.problems);
  const probe = window.header + text.slice(window.start, offset) + MARKER + (blockKey ? ':' : '') + text.slice(offset, window.end);
  /** Probe offsets before the marker back to the real text. */
  const shift = window.start - window.header.length;
  const markerAt = offset - shift;
  const doc = parseDocument(probe, { uniqueKeys: false, strict: false });
  const found = findMarker(doc.contents, []);
  if (!found) return undefined;
  // The cursor is among the entries themselves: their map is only partly in the slice, so
  // read the whole file, once. The whole file's window has depth 0; a marker that is still
  // above it (an alias used as a key at the top level, `*a name: x`) has no context.
  const mapDepth = found.position === 'key' ? found.path.length : found.path.length - 1;
  if (mapDepth < window.depth) return wholeFile ? undefined : cursorContext(project, filePath, offset, true);
  if (mapDepth < 0) return undefined;
  const { scalar, path, position, map } = found;
  const range = scalar.range ?? [markerAt, markerAt + MARKER.length];
  const quote = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE' ? probe[range[0]] : undefined;
  const closed = quote !== undefined && range[1] - 1 >= markerAt + MARKER.length && probe[range[1] - 1] === quote;
  // After the cursor the real text is shorter by the marker.
  const end = range[1] - (closed ? 1 : 0) - MARKER.length + shift;
  // A scalar may span lines (an unclosed quote while typing); completion replaces on the cursor's line only.
  const replace = { start: Math.max(lineStart, Math.min(range[0] + (quote ? 1 : 0) + shift, offset)), end: Math.min(Math.max(end, offset), lineEnd) };
  const siblings = new Map<string, string | undefined>();
  for (const pair of map?.items ?? []) {
    if (!isPair(pair) || !isScalar(pair.key) || pair === found.pair) continue;
    siblings.set(String(pair.key.value), isScalar(pair.value) && pair.value.value !== null ? pair.value.toString() : undefined);
  }
  const keyRange = (found.pair?.key as YamlNode | undefined)?.range;
  const keyStart = position === 'key' || !keyRange ? replace.start : keyRange[0] + shift;
  const context = {
    file,
    kind: file.kind,
    offset,
    path,
    position,
    replace,
    prefix: text.slice(replace.start, offset),
    indent: keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1),
    siblings,
  };
  return { ...context, slot: slotOf(file.kind, path, position, siblings) };
}

interface Found {
  readonly scalar: YamlNode & { type?: string };
  readonly path: PathStep[];
  readonly position: 'key' | 'value';
  /** The map holding the marker's pair. */
  readonly map?: { items: unknown[] };
  readonly pair?: Pair;
}

function holdsMarker(node: unknown): boolean {
  return isScalar(node) && typeof node.value === 'string' && node.value.includes(MARKER);
}

/** Real config is a handful of levels deep; hostile nesting stops here instead of overflowing the stack. */
const MAX_DEPTH = 64;

function findMarker(node: unknown, path: PathStep[]): Found | undefined {
  if (path.length > MAX_DEPTH) return undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (holdsMarker(pair.key)) return { scalar: pair.key as YamlNode, path, position: 'key', map: node, pair };
      if (holdsMarker(pair.value)) {
        const value = pair.value as YamlNode;
        return { scalar: value, path: key === undefined ? path : [...path, key], position: 'value', map: node, pair };
      }
      if (key !== undefined) {
        const inner = findMarker(pair.value, [...path, key]);
        if (inner) return inner;
      }
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      if (holdsMarker(item)) return { scalar: item as YamlNode, path: [...path, i], position: 'value' };
      const inner = findMarker(item, [...path, i]);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Where the declarations start in each kind of file: `[services, name]` in `.upsun`, `[name]` in `.platform/services.yaml`. */
function declarationOf(kind: ConfigFileKind, path: readonly PathStep[]): { section: 'service' | 'application'; rest: readonly PathStep[] } | undefined {
  switch (kind) {
    case 'upsun':
      if (path.length < 2) return undefined;
      if (path[0] === 'services') return { section: 'service', rest: path.slice(2) };
      if (path[0] === 'applications') return { section: 'application', rest: path.slice(2) };
      return undefined;
    case 'platform-services':
      return path.length < 1 ? undefined : { section: 'service', rest: path.slice(1) };
    case 'platform-applications':
      return typeof path[0] === 'number' ? { section: 'application', rest: path.slice(1) } : undefined;
    case 'platform-app':
      return { section: 'application', rest: path };
    case 'platform-routes':
      return undefined;
  }
}

function slotOf(kind: ConfigFileKind, path: readonly PathStep[], position: 'key' | 'value', siblings: ReadonlyMap<string, string | undefined>): Slot | undefined {
  const declaration = declarationOf(kind, path);
  if (!declaration) return undefined;
  const { section, rest } = declaration;
  if (position === 'value' && rest.length === 1 && rest[0] === 'type') return { kind: section === 'service' ? 'service-type' : 'app-type' };
  const at = rest.lastIndexOf('relationships');
  if (at < 0) return undefined;
  const inside = rest.slice(at + 1);
  const relationship = String(inside[0]);
  if (inside.length === 0 && position === 'key') return { kind: 'relationship-name' };
  if (inside.length === 1 && position === 'value') return { kind: 'relationship-value', relationship };
  if (inside.length === 2 && position === 'value' && inside[1] === 'service') return { kind: 'relationship-service', relationship };
  if (inside.length === 2 && position === 'value' && inside[1] === 'endpoint') {
    return { kind: 'relationship-endpoint', relationship, service: siblings.get('service') ?? relationship };
  }
  return undefined;
}
