// One table row per message, built with textContent from the data the extension posts, so
// message text is never parsed as HTML.

import { messageTimeMs } from './histogram';
import type { CellText, PeekRow, TimeZoneChoice } from '../../messageView/protocol';
import { formatTimestamp } from '../../text/timeFormat';
import { el } from './dom';
import { jsonTreeElement } from './jsonTreeView';

/** How rows render now; kept across renders so a re-render keeps what the user opened. */
export interface RowOptions {
  readonly zone: TimeZoneChoice;
  /** Cells shown as a tree, as `${rowId}/key` or `${rowId}/value`. */
  readonly treeCells: Set<string>;
  /** Per cell in `treeCells`, the tree nodes toggled against their default. */
  readonly treeToggles: Map<string, Set<string>>;
}

/** Values longer than this start collapsed. */
const COLLAPSE_CHARS = 300;
const COLLAPSE_LINES = 6;

/** Whether the row holds `needle` (lower case) in any of its shown text; all rows match an empty one. */
export function rowMatches(row: PeekRow, needle: string): boolean {
  if (!needle) return true;
  const haystack = [String(row.partition), row.offset, row.timestamp, cellText(row.key), cellText(row.value), ...row.headers.map((h) => `${h.key}=${cellText(h.value)}`), row.problem ?? ''];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

function cellText(cell: CellText | null): string {
  return cell ? cell.text : '';
}

function sizeLabel(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function bytesCell(row: PeekRow, part: 'key' | 'value', options: RowOptions): HTMLTableCellElement {
  const cell = row[part];
  const td = el('td', part);
  if (!cell) {
    td.appendChild(el('span', 'null', 'null'));
    return td;
  }
  const cellId = `${row.id}/${part}`;
  // A value cut for display is not whole JSON: it stays text (Open shows all of it).
  const canTree = cell.kind === 'json' && !cell.truncated;
  const tree = canTree && options.treeCells.has(cellId) ? treeOf(cell, cellId, part, row, options) : undefined;
  const long = cell.text.length > COLLAPSE_CHARS || cell.text.split('\n').length > COLLAPSE_LINES;
  if (tree) {
    td.appendChild(tree);
  } else {
    const pre = el('pre', `bytes ${cell.kind}`, cell.text);
    if (long) pre.classList.add('collapsed');
    td.appendChild(pre);
  }
  const meta = el('div', 'meta');
  meta.appendChild(el('span', 'kind', `${cell.schema ?? cell.kind} · ${sizeLabel(cell.size)}${cell.truncated ? ' · cut, open, copy or export for all' : ''}`));
  if (canTree) {
    const button = el('button', 'link', tree ? 'Text' : 'Tree');
    button.dataset.action = 'tree';
    button.dataset.cell = cellId;
    button.setAttribute('aria-pressed', String(!!tree));
    button.setAttribute('aria-label', `Show the ${part} of message ${row.id} as a ${tree ? 'text' : 'tree'}`);
    meta.appendChild(button);
  }
  if (long && !tree) {
    const toggle = el('button', 'link', 'Expand');
    toggle.dataset.action = 'toggle';
    meta.appendChild(toggle);
  }
  td.appendChild(meta);
  return td;
}

function treeOf(cell: CellText, cellId: string, part: string, row: PeekRow, options: RowOptions): HTMLElement | undefined {
  let toggled = options.treeToggles.get(cellId);
  if (!toggled) options.treeToggles.set(cellId, (toggled = new Set()));
  return jsonTreeElement(cell.text, `The ${part} of message ${row.id}`, toggled);
}

/** The record's time as the view prints it in `zone`; its own text when it has no date. */
export function timeText(row: PeekRow, zone: TimeZoneChoice): string {
  const ms = messageTimeMs(row);
  return (ms !== undefined && formatTimestamp(ms, zone)) || row.timestamp;
}

const ACTIONS: readonly (readonly [action: string, label: string, tip: string])[] = [
  ['open', 'Open', 'Open this message, whole, as a read-only JSON document in an editor tab'],
  ['copy', 'Copy', 'Copy this message as JSON'],
  ['resend', 'Send again', 'Produce this message again, to this or another topic'],
];

export function rowElement(row: PeekRow, options: RowOptions): HTMLTableRowElement {
  const tr = el('tr');
  tr.dataset.id = row.id;
  tr.appendChild(el('td', 'num partition', String(row.partition)));
  tr.appendChild(el('td', 'num offset', row.offset));
  const time = el('td', 'time', timeText(row, options.zone));
  time.title = row.timestamp;
  tr.appendChild(time);
  if (row.problem !== undefined) {
    // A batch that could not be read: its problem across key, value and headers, nothing to act on.
    tr.classList.add('problem');
    const cell = el('td', 'problem', row.problem);
    cell.colSpan = 3;
    tr.appendChild(cell);
    tr.appendChild(el('td', 'actions'));
    return tr;
  }
  tr.appendChild(bytesCell(row, 'key', options));
  tr.appendChild(bytesCell(row, 'value', options));
  const headers = el('td', 'headers');
  for (const h of row.headers) {
    const line = el('div', 'header');
    line.appendChild(el('span', 'hkey', h.key));
    line.appendChild(document.createTextNode('='));
    // Same treatment as keys and values: text as it is, binary in hex, a missing value as null.
    line.appendChild(h.value ? el('span', `hvalue ${h.value.kind}`, h.value.text) : el('span', 'hvalue null', 'null'));
    headers.appendChild(line);
  }
  tr.appendChild(headers);
  const actions = el('td', 'actions');
  for (const [action, label, tip] of ACTIONS) {
    const button = el('button', 'secondary small', label);
    button.dataset.action = action;
    button.title = tip;
    button.setAttribute('aria-label', `${label}: message ${row.id}`);
    actions.appendChild(button);
  }
  tr.appendChild(actions);
  return tr;
}
