// One table row per message, one line each (partition, offset, time, key, a one-line value
// preview, header count, actions), built with textContent from the data the extension posts,
// so message text is never parsed as HTML. The selected message's whole detail is the
// detail pane's (detail.ts).

import { messageTimeMs } from './histogram';
import type { CellText, PeekRow, TimeZoneChoice } from '../../messageView/protocol';
import { formatTimestamp } from '../../text/timeFormat';
import { el } from './dom';

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

/** The key or value as one line: its text, whose line breaks the cell's style shows as spaces. */
function previewCell(row: PeekRow, part: 'key' | 'value'): HTMLTableCellElement {
  const cell = row[part];
  const td = el('td', part);
  td.setAttribute('role', 'gridcell');
  td.appendChild(cell ? el('pre', `bytes preview ${cell.kind}`, cell.text) : el('span', 'null', 'null'));
  return td;
}

function gridCell(className: string, text: string): HTMLTableCellElement {
  const td = el('td', className, text);
  td.setAttribute('role', 'gridcell');
  return td;
}

export function rowElement(row: PeekRow, zone: TimeZoneChoice, selected: boolean): HTMLTableRowElement {
  const tr = el('tr');
  tr.dataset.id = row.id;
  tr.setAttribute('role', 'row');
  tr.tabIndex = -1;
  tr.setAttribute('aria-selected', String(selected));
  tr.setAttribute('aria-label', `Message ${row.id}`);
  tr.appendChild(gridCell('num partition', String(row.partition)));
  tr.appendChild(gridCell('num offset', row.offset));
  // The date and the clock apart, so a narrow table shows the clock alone (media/peek.css).
  const text = timeText(row, zone);
  const split = text.indexOf(' ');
  const time = gridCell('time', split > 0 ? '' : text);
  if (split > 0) time.append(el('span', 'date', text.slice(0, split + 1)), el('span', 'clock', text.slice(split + 1)));
  time.title = `${text} · partition ${row.partition}, offset ${row.offset}`;
  tr.appendChild(time);
  if (row.problem !== undefined) {
    // A batch that could not be read: its problem across key, value and headers, nothing to act on.
    tr.classList.add('problem');
    const cell = gridCell('problem', row.problem);
    cell.colSpan = 3;
    tr.appendChild(cell);
    tr.appendChild(gridCell('actions', ''));
    return tr;
  }
  tr.appendChild(previewCell(row, 'key'));
  tr.appendChild(previewCell(row, 'value'));
  const headers = gridCell('headers', row.headers.length === 0 ? '' : String(row.headers.length));
  headers.title = row.headers.map((h) => `${h.key}=${h.value ? h.value.text : 'null'}`).join('\n');
  headers.setAttribute('aria-label', `${row.headers.length} header${row.headers.length === 1 ? '' : 's'}`);
  tr.appendChild(headers);
  const actions = gridCell('actions', '');
  for (const [action, icon, label, key] of ACTIONS) {
    const button = actionButton(action, icon, label, key, row.id);
    // The grid is one Tab stop: its rows' buttons are for the mouse and the shortcuts.
    button.tabIndex = -1;
    actions.appendChild(button);
  }
  tr.appendChild(actions);
  return tr;
}
