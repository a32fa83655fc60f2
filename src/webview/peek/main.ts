// The message view's script: renders the state the extension posts (PeekViewState) and sends
// the user's requests back (PeekViewRequest). Rows render in pages so a long list or a large
// value stays cheap; each render is measured as the performance entry "peek-render".

import type { PeekMode, PeekRow, PeekViewRequest, PeekViewState } from '../../live/peekProtocol';
import { byId, el } from './dom';
import { rowElement, rowMatches } from './rows';
import { renderSearch, wireSearch } from './search';
import { host } from './vscodeApi';

const PAGE = 200;
const MAX_COUNT = 10_000;

const els = {
  title: byId('title'),
  summary: byId('summary'),
  partition: byId<HTMLSelectElement>('partition'),
  mode: byId<HTMLSelectElement>('mode'),
  offset: byId<HTMLInputElement>('offset'),
  timestamp: byId<HTMLInputElement>('timestamp'),
  count: byId<HTMLInputElement>('count'),
  load: byId<HTMLButtonElement>('load'),
  older: byId<HTMLButtonElement>('older'),
  follow: byId<HTMLInputElement>('follow'),
  filter: byId<HTMLInputElement>('filter'),
  exportJson: byId<HTMLButtonElement>('exportJson'),
  exportCsv: byId<HTMLButtonElement>('exportCsv'),
  error: byId('error'),
  notice: byId('notice'),
  rows: byId('rows'),
  empty: byId('empty'),
  more: byId<HTMLButtonElement>('more'),
  busy: byId('busy'),
};

let state: PeekViewState | undefined;
let shown = PAGE;
/** The controls follow the extension's selection when it changes, not on every update. */
let selectionShown = '';

function visibleRows(): readonly PeekRow[] {
  const needle = els.filter.value.trim().toLowerCase();
  return state ? state.rows.filter((row) => rowMatches(row, needle)) : [];
}

function renderRows(): void {
  performance.mark('peek-render-start');
  const rows = visibleRows();
  const fragment = document.createDocumentFragment();
  for (const row of rows.slice(0, shown)) fragment.appendChild(rowElement(row));
  els.rows.replaceChildren(fragment);
  els.more.hidden = rows.length <= shown;
  els.more.textContent = `Show ${Math.min(PAGE, rows.length - shown)} more of ${rows.length - shown}`;
  els.empty.hidden = rows.length > 0 || !state || state.busy;
  els.empty.textContent = state && state.rows.length > 0 ? 'No shown message matches the filter.' : 'No messages.';
  performance.measure('peek-render', 'peek-render-start');
}

function renderState(next: PeekViewState): void {
  state = next;
  els.title.textContent = next.topic;
  els.summary.textContent = `${next.service} · ${next.summary}`;
  const selected = els.partition.value;
  const all = el('option', '', 'All partitions');
  all.value = '';
  const options = [all];
  for (const p of next.partitions) {
    const option = el('option', '', `Partition ${p}`);
    option.value = String(p);
    options.push(option);
  }
  els.partition.replaceChildren(...options);
  els.partition.value = next.partitions.map(String).includes(selected) ? selected : '';
  if (JSON.stringify(next.selection) !== selectionShown) setControls(next);
  if (!els.count.value) els.count.value = String(next.count);
  els.follow.checked = next.following;
  els.busy.hidden = !next.busy;
  els.error.hidden = !next.error;
  els.error.textContent = next.error ?? '';
  els.notice.hidden = !next.notice;
  els.notice.textContent = next.notice ?? '';
  renderSearch(next.search);
  renderRows();
}

function setControls(next: PeekViewState): void {
  const { selection } = next;
  selectionShown = JSON.stringify(selection);
  els.mode.value = selection.mode;
  els.partition.value = selection.partition === undefined ? '' : String(selection.partition);
  els.offset.value = selection.offset ?? '';
  els.count.value = String(next.count);
  if (selection.timestamp) {
    // datetime-local wants local time without a zone.
    const date = new Date(selection.timestamp);
    els.timestamp.value = new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
  }
  showModeInputs();
}

function showModeInputs(): void {
  els.offset.hidden = els.mode.value !== 'offset';
  els.timestamp.hidden = els.mode.value !== 'timestamp';
}

function load(): void {
  const count = countWanted();
  const mode = els.mode.value as PeekMode;
  const request: PeekViewRequest = {
    type: 'load',
    mode,
    count,
    ...(els.partition.value !== '' ? { partition: Number(els.partition.value) } : {}),
    ...(mode === 'offset' ? { offset: els.offset.value.trim() } : {}),
    ...(mode === 'timestamp' && els.timestamp.value ? { timestamp: new Date(els.timestamp.value).toISOString() } : {}),
  };
  shown = PAGE;
  host.postMessage(request);
}

function countWanted(): number {
  return Math.max(1, Math.min(MAX_COUNT, parseInt(els.count.value, 10) || (state ? state.count : 50)));
}

els.mode.addEventListener('change', showModeInputs);
wireSearch(() => ({ partition: els.partition.value !== '' ? Number(els.partition.value) : undefined, limit: countWanted() }));
els.load.addEventListener('click', load);
for (const input of [els.offset, els.timestamp, els.count]) {
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') load();
  });
}
els.older.addEventListener('click', () => host.postMessage({ type: 'older' }));
els.follow.addEventListener('change', () => host.postMessage({ type: 'follow', on: els.follow.checked }));
els.filter.addEventListener('input', () => {
  shown = PAGE;
  renderRows();
});
els.more.addEventListener('click', () => {
  shown += PAGE;
  renderRows();
});
for (const [button, format] of [
  [els.exportJson, 'json'],
  [els.exportCsv, 'csv'],
] as const) {
  button.addEventListener('click', () => host.postMessage({ type: 'export', format, ids: visibleRows().map((r) => r.id) }));
}
els.rows.addEventListener('click', (event) => {
  const target = event.target instanceof HTMLElement ? event.target : undefined;
  const action = target?.dataset.action;
  if (!target || !action) return;
  if (action === 'toggle') {
    const pre = target.closest('td')?.querySelector('pre');
    if (!pre) return;
    const collapsed = pre.classList.toggle('collapsed');
    target.textContent = collapsed ? 'Expand' : 'Collapse';
    return;
  }
  const id = target.closest('tr')?.dataset.id;
  if (id && (action === 'copy' || action === 'resend')) host.postMessage({ type: action, id });
});

window.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
  if (event.data?.type === 'state') renderState(event.data as PeekViewState);
});
showModeInputs();
host.postMessage({ type: 'ready' });
