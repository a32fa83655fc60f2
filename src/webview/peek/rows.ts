// One table row per message, built with textContent from the data the extension posts, so
// message text is never parsed as HTML.

import type { CellText, PeekRow } from '../../live/peekProtocol';
import { el } from './dom';

/** Values longer than this start collapsed. */
const COLLAPSE_CHARS = 300;
const COLLAPSE_LINES = 6;

/** Whether the row holds `needle` (lower case) in any of its shown text; all rows match an empty one. */
export function rowMatches(row: PeekRow, needle: string): boolean {
  if (!needle) return true;
  const haystack = [String(row.partition), row.offset, row.timestamp, cellText(row.key), cellText(row.value), ...row.headers.map((h) => `${h.key}=${cellText(h.value)}`)];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

function cellText(cell: CellText | null): string {
  return cell ? cell.text : '';
}

function sizeLabel(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function bytesCell(cell: CellText | null, className: string): HTMLTableCellElement {
  const td = el('td', className);
  if (!cell) {
    td.appendChild(el('span', 'null', 'null'));
    return td;
  }
  const pre = el('pre', `bytes ${cell.kind}`, cell.text);
  const long = cell.text.length > COLLAPSE_CHARS || cell.text.split('\n').length > COLLAPSE_LINES;
  if (long) pre.classList.add('collapsed');
  td.appendChild(pre);
  const meta = el('div', 'meta');
  meta.appendChild(el('span', 'kind', `${cell.kind} · ${sizeLabel(cell.size)}${cell.truncated ? ' · cut, copy or export for all' : ''}`));
  if (long) {
    const toggle = el('button', 'link', 'Expand');
    toggle.dataset.action = 'toggle';
    meta.appendChild(toggle);
  }
  td.appendChild(meta);
  return td;
}

const ACTIONS: readonly (readonly [action: string, label: string, tip: string])[] = [
  ['copy', 'Copy', 'Copy this message as JSON'],
  ['resend', 'Send again', 'Produce this message again, to this or another topic'],
];

export function rowElement(row: PeekRow): HTMLTableRowElement {
  const tr = el('tr');
  tr.dataset.id = row.id;
  tr.appendChild(el('td', 'num partition', String(row.partition)));
  tr.appendChild(el('td', 'num offset', row.offset));
  const time = el('td', 'time', row.timestamp.replace('T', ' ').replace('Z', ''));
  time.title = row.timestamp;
  tr.appendChild(time);
  tr.appendChild(bytesCell(row.key, 'key'));
  tr.appendChild(bytesCell(row.value, 'value'));
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
    actions.appendChild(button);
  }
  tr.appendChild(actions);
  return tr;
}
