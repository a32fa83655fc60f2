// The detail pane: the selected message whole, as the view holds it: its key and value (text,
// a JSON tree, a hex dump with ASCII, base64 or re-indented JSON, "show as" remembered per
// topic and key/value), its headers, sizes, and its actions as labelled buttons.

import type { CellText, PeekRow, TimeZoneChoice } from '../../messageView/protocol';
import { SHOW_AS, showBytesAs, type ShowAs } from '../../text/bytesView';
import { el } from './dom';
import { jsonTreeElement } from './jsonTreeView';
import { ACTIONS, actionButton, timeText } from './rows';
import { bytesText } from '../../text/bytes';
import { host } from './vscodeApi';

export type Part = 'key' | 'value';

/** What the pane keeps across renders: the trees' toggles ("show as" is kept per topic and part). */
export interface DetailOptions {
  /** Per cell (`${rowId}/key` or `${rowId}/value`) shown as a tree, the nodes toggled against their default. */
  readonly treeToggles: Map<string, Set<string>>;
}

/** How the pane shows a key or value: the bytes' views, or JSON as a collapsible tree. */
export type DetailShowAs = ShowAs | 'tree';
const DETAIL_SHOW_AS: readonly DetailShowAs[] = ['text', 'tree', ...SHOW_AS.filter((as) => as !== 'text')];
const SHOW_AS_LABELS: Record<DetailShowAs, string> = { text: 'Text', tree: 'Tree', json: 'JSON', hex: 'Hex', base64: 'Base64' };

interface SavedState {
  /** Per topic, the "show as" chosen for keys and for values. */
  readonly showAs?: Record<string, Partial<Record<Part, DetailShowAs>>>;
}

function saved(): SavedState {
  const state = host.getState();
  return state && typeof state === 'object' ? state : {};
}

/** The "show as" the user chose for `part` of `topic`'s messages, if any. */
export function chosenShowAs(topic: string, part: Part): DetailShowAs | undefined {
  const chosen = saved().showAs?.[topic]?.[part];
  return chosen && DETAIL_SHOW_AS.includes(chosen) ? chosen : undefined;
}

export function rememberShowAs(topic: string, part: Part, as: DetailShowAs): void {
  const state = saved();
  host.setState({ ...state, showAs: { ...state.showAs, [topic]: { ...state.showAs?.[topic], [part]: as } } });
}

/** The chosen "show as" where the cell allows it: a tree needs whole JSON (a value cut for display is not), else text. */
function showAsOf(topic: string, part: Part, cell: CellText, canTree: boolean): DetailShowAs {
  const chosen = chosenShowAs(topic, part) ?? (cell.kind === 'binary' ? 'hex' : 'text');
  return chosen === 'tree' && !canTree ? 'text' : chosen;
}

function partElement(row: PeekRow, topic: string, part: Part, options: DetailOptions): HTMLElement {
  const cell = row[part];
  const box = el('section', `part ${part}`);
  const head = el('div', 'part-head');
  const name = part === 'key' ? 'Key' : 'Value';
  head.appendChild(el('h3', '', name));
  box.appendChild(head);
  if (!cell) {
    box.appendChild(el('span', 'null', 'null'));
    return box;
  }
  head.appendChild(el('span', 'kind', `${cell.schema ?? cell.kind} · ${bytesText(cell.size)}${cell.truncated ? ' · cut, open, copy or export for all' : ''}`));
  // One control for every view of the bytes, the tree among them where the cell is whole JSON
  // (a value cut for display is not: Open shows all of it).
  const canTree = cell.kind === 'json' && !cell.truncated;
  const as = showAsOf(topic, part, cell, canTree);
  const select = el('select', 'show-as');
  select.dataset.part = part;
  select.setAttribute('aria-label', `Show the ${part} of message ${row.id} as`);
  for (const choice of DETAIL_SHOW_AS) {
    if (choice === 'tree' && !canTree) continue;
    const option = el('option', '', SHOW_AS_LABELS[choice]);
    option.value = choice;
    select.appendChild(option);
  }
  select.value = as;
  head.appendChild(el('label', 'show-as-label', 'Show as ')).appendChild(select);
  const tree = as === 'tree' ? treeOf(cell, `${row.id}/${part}`, part, row, options) : undefined;
  if (tree) {
    box.appendChild(tree);
    return box;
  }
  const shown = showBytesAs(cell.kind, cell.text, as === 'tree' ? 'text' : as);
  if ('problem' in shown) box.appendChild(el('div', 'show-problem', shown.problem));
  else box.appendChild(el('pre', `bytes ${as === 'text' || as === 'tree' ? cell.kind : as}`, shown.text));
  return box;
}

function treeOf(cell: CellText, cellId: string, part: string, row: PeekRow, options: DetailOptions): HTMLElement | undefined {
  let toggled = options.treeToggles.get(cellId);
  if (!toggled) options.treeToggles.set(cellId, (toggled = new Set()));
  return jsonTreeElement(cell.text, `The ${part} of message ${row.id}`, toggled);
}

/** Fills `pane` with `row`'s detail; empties and hides it without one. */
export function renderDetail(pane: HTMLElement, row: PeekRow | undefined, topic: string, zone: TimeZoneChoice, options: DetailOptions): void {
  pane.hidden = !row;
  if (!row) return void pane.replaceChildren();
  const head = el('div', 'detail-head');
  head.appendChild(el('h2', '', `Message ${row.id}`));
  head.appendChild(el('span', 'meta', `partition ${row.partition} · offset ${row.offset} · ${timeText(row, zone)}`));
  const parts: HTMLElement[] = [head];
  if (row.problem !== undefined) {
    parts.push(el('div', 'problem', row.problem));
    return void pane.replaceChildren(...parts);
  }
  const actions = el('div', 'detail-actions');
  actions.setAttribute('role', 'toolbar');
  actions.setAttribute('aria-label', `Actions on message ${row.id}`);
  for (const [action, icon, label, key] of ACTIONS) actions.appendChild(actionButton(action, icon, label, key, row.id, label));
  head.appendChild(actions);
  parts.push(partElement(row, topic, 'key', options), partElement(row, topic, 'value', options));
  const headers = el('section', 'part headers');
  headers.appendChild(el('div', 'part-head')).appendChild(el('h3', '', `Headers (${row.headers.length})`));
  if (row.headers.length > 0) {
    const table = el('table', 'header-table');
    for (const h of row.headers) {
      const tr = table.appendChild(el('tr'));
      tr.appendChild(el('th', 'hkey', h.key));
      // Same treatment as keys and values: text as it is, binary in hex, a missing value as null.
      tr.appendChild(h.value ? el('td', `hvalue ${h.value.kind}`, h.value.text) : el('td', 'hvalue null', 'null'));
    }
    headers.appendChild(table);
  }
  parts.push(headers);
  pane.replaceChildren(...parts);
}
