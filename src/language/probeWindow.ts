// The part of a file that decides what the cursor is in. Completion parses the text again
// with a marker at the cursor; in a long `.upsun` file only the entry around the cursor (one
// application or service, under its top-level key) needs parsing, which keeps completion as
// fast on 3,000 lines as on 60.

import { isMap, isScalar, Node as YamlNode } from 'yaml';
import type { ConfigFile, ConfigFileKind, Problem } from '../config/model';

export interface ProbeWindow {
  /** Offsets of the slice of the real text to parse. */
  readonly start: number;
  readonly end: number;
  /** A line put before the slice so the path from the root stays the same (`applications:`). */
  readonly header: string;
  /** Length of the path to an entry's map; a map above it is only partly in the slice. */
  readonly depth: number;
}

/** How many levels of keys lead to a self-contained entry: `services: name:` in `.upsun`, `name:` in `.platform/services.yaml`. */
const ENTRY_DEPTH: Partial<Record<ConfigFileKind, 1 | 2>> = {
  upsun: 2,
  'platform-services': 1,
  'platform-routes': 1,
};

interface Lines {
  readonly starts: number[];
  readonly text: string;
}

function lineText(lines: Lines, i: number): string {
  const end = i + 1 < lines.starts.length ? lines.starts[i + 1] - 1 : lines.text.length;
  return lines.text.slice(lines.starts[i], end);
}

/** A line that holds YAML (not blank, not only a comment), with its indentation. */
function indentOf(lines: Lines, i: number): number | undefined {
  const line = lineText(lines, i);
  const content = line.trimStart();
  if (content === '' || content.startsWith('#')) return undefined;
  return line.length - content.length;
}

export const WHOLE = (file: ConfigFile): ProbeWindow => ({ start: 0, end: file.text.length, header: '', depth: 0 });

export function probeWindow(file: ConfigFile, offset: number, problems: readonly Problem[]): ProbeWindow {
  const whole = WHOLE(file);
  const depth = ENTRY_DEPTH[file.kind];
  if (!depth || /^(---|%)/m.test(file.text)) return whole;
  const lines = { starts: [0], text: file.text };
  for (let i = file.text.indexOf('\n'); i >= 0; i = file.text.indexOf('\n', i + 1)) lines.starts.push(i + 1);
  let cursorLine = lines.starts.length - 1;
  while (lines.starts[cursorLine] > offset) cursorLine--;
  const cursorIndent = /^ */.exec(file.text.slice(lines.starts[cursorLine], offset))![0].length;

  // Text being typed breaks the cursor's own line; a break elsewhere (a quote left open
  // above) can reach across entries, so only the whole file tells how it reads.
  const lineEnd = cursorLine + 1 < lines.starts.length ? lines.starts[cursorLine + 1] : file.text.length;
  if (problems.some((p) => p.span.file === file.path && (p.span.start < lines.starts[cursorLine] || p.span.start > lineEnd))) return whole;
  let top = cursorLine;
  while (top >= 0 && indentOf(lines, top) !== 0) top--;
  if (top < 0) return whole;
  let entry = top;
  let entryIndent = 0;
  let header = '';
  if (depth === 2) {
    // Under a plain `key:` line, entries sit at the indentation of its first child.
    if (!/^[A-Za-z_][\w-]*:\s*(#.*)?$/.test(lineText(lines, top))) return whole;
    let first = top + 1;
    while (first <= cursorLine && indentOf(lines, first) === undefined) first++;
    entryIndent = first <= cursorLine ? indentOf(lines, first)! : 0;
    if (entryIndent === 0) return whole;
    entry = cursorLine;
    while (entry > top && indentOf(lines, entry) !== entryIndent) {
      const indent = indentOf(lines, entry);
      if (indent !== undefined && indent < entryIndent) return whole;
      entry--;
    }
    header = `${lineText(lines, top)}\n`;
  }
  // On the entry's own line, or at its indentation, the cursor is among the entries: their siblings matter.
  if (entry >= cursorLine || cursorIndent <= entryIndent) return whole;
  let next = cursorLine + 1;
  while (next < lines.starts.length && (indentOf(lines, next) === undefined || indentOf(lines, next)! > entryIndent)) next++;
  // The entry's keys sit at one indentation, which the cursor's line may be the first to set;
  // anything less indented inside the slice would belong to the entries around it.
  let first = entry + 1;
  while (first < cursorLine && indentOf(lines, first) === undefined) first++;
  const childIndent = first < cursorLine ? indentOf(lines, first)! : cursorIndent;
  if (cursorIndent < childIndent) return whole;
  for (let i = entry + 1; i < next; i++) {
    const indent = i === cursorLine ? cursorIndent : indentOf(lines, i);
    if (indent !== undefined && indent < childIndent) return whole;
  }
  // The slice ends after the next entry's first line, so a construct left open at the end of
  // this entry is closed by the same line as in the whole file.
  const end = next + 1 < lines.starts.length ? lines.starts[next + 1] : file.text.length;
  const window = { start: lines.starts[entry], end, header, depth };
  return agreesWithModel(file, lines, { top, entry, entryIndent, next }) ? window : whole;
}

function keyAt(map: unknown, offset: number): YamlNode | undefined | null {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.range?.[0] === offset);
  return pair ? ((pair.value as YamlNode | null) ?? null) : undefined;
}

/**
 * The model parsed the file without the marker; when it sees the slice's entry, and the
 * entry after it, start where the lines say, nothing outside the slice (an unclosed quote
 * or bracket above it) changes how the slice reads.
 */
function agreesWithModel(file: ConfigFile, lines: Lines, at: { top: number; entry: number; entryIndent: number; next: number }): boolean {
  const root = file.document.contents;
  const entries = at.entryIndent === 0 ? root : keyAt(root, lines.starts[at.top]);
  if (keyAt(entries, lines.starts[at.entry] + at.entryIndent) === undefined) return false;
  if (at.next >= lines.starts.length) return true;
  const nextIndent = indentOf(lines, at.next);
  return keyAt(nextIndent === 0 ? root : entries, lines.starts[at.next] + (nextIndent ?? 0)) !== undefined;
}
