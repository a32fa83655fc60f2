// One table row per message, one line each (partition, offset, time, key, a one-line value
// preview, header count, actions), built with textContent from the data the extension posts,
// so message text is never parsed as HTML. The selected message's whole detail is the
// detail pane's (detail.ts).

import { messageTimeMs } from './histogram';
import type { CellText, PeekRow, TimeZoneChoice } from '../../messageView/protocol';
import { formatTimestamp } from '../../text/timeFormat';
import { el, setAttr, setText } from './dom';

/** Whether the row holds `needle` (lower case) in any of its shown text; all rows match an empty one. */
export function rowMatches(row: PeekRow, needle: string): boolean {
  if (!needle) return true;
  const haystack = [String(row.partition), row.offset, row.timestamp, cellText(row.key), cellText(row.value), ...row.headers.map((h) => `${h.key}=${cellText(h.value)}`), row.problem ?? ''];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

function cellText(cell: CellText | null): string {
  return cell ? cell.text : '';
}

/** The record's time as the view prints it in `zone`; its own text when it has no date. */
export function timeText(row: PeekRow, zone: TimeZoneChoice): string {
  const ms = messageTimeMs(row);
  return (ms !== undefined && formatTimestamp(ms, zone)) || row.timestamp;
}

/** A message's actions: request type, codicon, label, keyboard shortcut on a row (see main.ts). */
export const ACTIONS: readonly (readonly [action: 'copyValue' | 'copy' | 'open' | 'resend', icon: string, label: string, key: string])[] = [
  ['copyValue', 'copy', 'Copy value', 'C'],
  ['copy', 'json', 'Copy as JSON', 'J'],
  // Distinct shapes: two page icons side by side (copy, go-to-file) read as one.
  ['open', 'link-external', 'Open in editor', 'O'],
  ['resend', 'send', 'Send again', 'S'],
];

/** A codicon button for `action` on message `id`; its label names the message. */
export function actionButton(action: string, icon: string, label: string, key: string, id: string, text?: string): HTMLButtonElement {
  const button = el('button', text === undefined ? 'icon' : 'secondary');
  button.dataset.action = action;
  button.appendChild(el('span', `codicon codicon-${icon}`)).setAttribute('aria-hidden', 'true');
  if (text !== undefined) button.appendChild(document.createTextNode(` ${text}`));
  button.title = `${label} (${key})`;
  button.setAttribute('aria-label', `${label}: message ${id}`);
  button.setAttribute('aria-keyshortcuts', key);
  return button;
}

/**
 * Most characters a one-line preview holds: wider than any screen shows, so the cell's own
 * ellipsis still cuts it, while a 4,000-character value is not laid out whole on every page.
 */
export const PREVIEW_CHARS = 600;

/** `text` cut to PREVIEW_CHARS, an ellipsis marking the cut. */
export function previewText(text: string): string {
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}

function gridCell(className: string, text = ''): HTMLTableCellElement {
  const td = el('td', className, text);
  td.setAttribute('role', 'gridcell');
  return td;
}

/** What a row element shows, to know whether it needs filling again. */
const filled = new WeakMap<HTMLTableRowElement, { readonly row: PeekRow; readonly zone: TimeZoneChoice }>();

/** A new row element for `row`. */
export function rowElement(row: PeekRow, zone: TimeZoneChoice, selected: boolean): HTMLTableRowElement {
  const tr = el('tr');
  tr.setAttribute('role', 'row');
  if (row.problem !== undefined) {
    // A batch that could not be read: its problem across key, value and headers, nothing to act on.
    tr.classList.add('problem');
    const cell = gridCell('problem');
    cell.colSpan = 3;
    tr.append(gridCell('num partition'), gridCell('num offset'), timeCell(), cell, gridCell('actions'));
  } else {
    const actions = gridCell('actions');
    for (const [action, icon, label, key] of ACTIONS) {
      const button = actionButton(action, icon, label, key, row.id);
      // The grid is one Tab stop: its rows' buttons are for the mouse and the shortcuts.
      button.tabIndex = -1;
      actions.appendChild(button);
    }
    tr.append(gridCell('num partition'), gridCell('num offset'), timeCell(), gridCell('key'), gridCell('value'), gridCell('headers'), actions);
  }
  fillRow(tr, row, zone, selected);
  return tr;
}

/**
 * Makes `tr` (made by rowElement) show `row`, writing only what differs, so a page turn
 * changes text in the rows it has instead of building new ones; false when `tr` has the other
 * shape (a problem row and a message row differ) and cannot.
 */
export function fillRow(tr: HTMLTableRowElement, row: PeekRow, zone: TimeZoneChoice, selected: boolean): boolean {
  if (tr.classList.contains('problem') !== (row.problem !== undefined)) return false;
  const tabIndex = selected ? 0 : -1;
  if (tr.tabIndex !== tabIndex) tr.tabIndex = tabIndex;
  setAttr(tr, 'aria-selected', String(selected));
  const shown = filled.get(tr);
  if (shown?.row === row && shown.zone === zone) return true;
  filled.set(tr, { row, zone });
  if (tr.dataset.id !== row.id) tr.dataset.id = row.id;
  setAttr(tr, 'aria-label', `Message ${row.id}`);
  const [partition, offset, time, ...rest] = [...tr.cells];
  setText(partition, String(row.partition));
  setText(offset, row.offset);
  // The date and the clock apart, so a narrow table shows the clock alone (media/peek.css).
  const text = timeText(row, zone);
  const split = text.indexOf(' ');
  const [date, clock] = time.children;
  setText(date, split > 0 ? text.slice(0, split + 1) : '');
  setText(clock, split > 0 ? text.slice(split + 1) : text);
  setAttr(time, 'title', `${text} · partition ${row.partition}, offset ${row.offset}`);
  if (row.problem !== undefined) {
    setText(rest[0], row.problem);
    return true;
  }
  const [key, value, headers, actions] = rest;
  fillPreview(key, row.key);
  fillPreview(value, row.value);
  setText(headers, row.headers.length === 0 ? '' : String(row.headers.length));
  setAttr(headers, 'title', row.headers.map((h) => `${h.key}=${h.value ? h.value.text : 'null'}`).join('\n'));
  setAttr(headers, 'aria-label', `${row.headers.length} header${row.headers.length === 1 ? '' : 's'}`);
  ACTIONS.forEach(([, , label], i) => setAttr(actions.children[i], 'aria-label', `${label}: message ${row.id}`));
  return true;
}

function timeCell(): HTMLTableCellElement {
  const td = gridCell('time');
  td.append(el('span', 'date'), el('span', 'clock'));
  return td;
}

/** The key or value as one line: its text, whose line breaks the cell's style shows as spaces. */
function fillPreview(td: HTMLTableCellElement, cell: CellText | null): void {
  const className = cell ? `bytes preview ${cell.kind}` : 'null';
  let child = td.firstElementChild;
  if (!child || child.className !== className) {
    child = cell ? el('pre', className) : el('span', className, 'null');
    td.replaceChildren(child);
  }
  if (cell) setText(child, previewText(cell.text));
}
