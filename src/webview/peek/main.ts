// The message view's script: holds the rows the extension sends as changes (PeekRowsChange),
// renders them with the state it posts (PeekViewState), and sends the user's requests back
// (PeekViewRequest). The table shows one page of the messages at a time, so 10,000 loaded
// messages stay quick; each page's render, layout included, is measured as the performance
// entry "peek-render".

import { inSpan, messageTimeMs, type TimeSpan } from './histogram';
import type { PeekMode, PeekRow, PeekRowsChange, PeekViewMessage, PeekViewRequest, PeekViewState, TimeZoneChoice } from '../../messageView/protocol';
import { applyRowsChange } from '../../messageView/rowsChange';
import { timeHeading } from '../../text/timeFormat';
import { byId, el, setText } from './dom';
import { HistogramView } from './histogramView';
import { isoInputTime, wireIsoInputs } from './isoInput';
import { rememberShowAs, renderDetail, type DetailOptions, type DetailShowAs, type Part } from './detail';
import { ACTIONS, fillRow, rowElement, rowMatches } from './rows';
import { renderSearch, showQuery, wireSearch } from './search';
import { host } from './vscodeApi';

const PAGE = 50;
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
  timeZone: byId<HTMLSelectElement>('timeZone'),
  exportJson: byId<HTMLButtonElement>('exportJson'),
  exportCsv: byId<HTMLButtonElement>('exportCsv'),
  error: byId('error'),
  notice: byId('notice'),
  noticeText: byId('noticeText'),
  timeHeading: byId('timeHeading'),
  rows: byId('rows'),
  empty: byId('empty'),
  pager: byId('pager'),
  first: byId<HTMLButtonElement>('first'),
  previous: byId<HTMLButtonElement>('previous'),
  next: byId<HTMLButtonElement>('next'),
  last: byId<HTMLButtonElement>('last'),
  page: byId('page'),
  busy: byId('busy'),
  detail: byId('detail'),
};

let state: PeekViewState | undefined;
/** The rows the extension sent, newest first, as of `rowsVersion` (0: none yet). */
let rows: readonly PeekRow[] = [];
let rowsVersion = 0;
/** Asked for all rows again and waiting for them: changes and states until then are stale. */
let resyncing = false;
/** Rows changed since the last state was rendered: the histogram and the table follow at the next state. */
let rowsChanged = false;
/** The time zone the table was last rendered in. */
let renderedZone: TimeZoneChoice | undefined;
/** The rows the filter and the histogram's span left at the last render. */
let visible: readonly PeekRow[] = [];
/** Index of the page shown, from 0. */
let page = 0;
let span: TimeSpan | undefined;
/** The controls follow the extension's selection when it changes, not on every update. */
let selectionShown = '';
/** The partitions the partition picker lists, joined with commas. */
let partitionsShown: string | undefined;
const options: { zone: TimeZoneChoice } & DetailOptions = { zone: 'utc', treeToggles: new Map() };
/** The message whose detail shows (`partition:offset`), while it is loaded. */
let selectedId: string | undefined;
/** Load older was asked for: its first row is revealed when it comes. */
let olderAsked = false;
/** A row to bring into sight at the next render (the first of a Load older). */
let reveal: string | undefined;

/**
 * What the page shows beyond the extension's state (the filter, the page, the selected
 * message), kept with VS Code's state of the page: a tab that comes back reloads its page, and
 * shows exactly what it showed.
 */
interface ShownState {
  readonly filter: string;
  readonly page: number;
  readonly selectedId?: string;
}

function saveShown(): void {
  const saved = host.getState();
  const shown: ShownState = { filter: els.filter.value, page, selectedId };
  host.setState({ ...(saved && typeof saved === 'object' ? saved : {}), shown });
}

function restoreShown(): void {
  const saved = host.getState() as { shown?: Partial<ShownState> } | undefined;
  const shown = saved?.shown;
  if (!shown) return;
  if (typeof shown.filter === 'string') els.filter.value = shown.filter;
  if (typeof shown.page === 'number') page = shown.page;
  if (typeof shown.selectedId === 'string') selectedId = shown.selectedId;
}
const histogram = new HistogramView(byId('histogram'), (selected) => {
  span = selected;
  page = 0;
  renderRows();
});

/** The loaded messages the filter and the histogram's span leave shown. */
function visibleRows(): readonly PeekRow[] {
  const needle = els.filter.value.trim().toLowerCase();
  if (!state) return [];
  return rows.filter((row) => rowMatches(row, needle) && (!span || inSpan(messageTimeMs(row), span)));
}

function renderRows(): void {
  performance.mark('peek-render-start');
  visible = visibleRows();
  const revealAt = reveal === undefined ? -1 : visible.findIndex((r) => r.id === reveal);
  if (revealAt >= 0) page = Math.floor(revealAt / PAGE);
  const pages = Math.max(1, Math.ceil(visible.length / PAGE));
  page = Math.min(page, pages - 1);
  showPage(visible.slice(page * PAGE, (page + 1) * PAGE));
  // One Tab stop for the grid: the selected row, or the first.
  const stop = rowOf(selectedId) ?? els.rows.querySelector<HTMLElement>('tr');
  if (stop) stop.tabIndex = 0;
  els.pager.hidden = visible.length <= PAGE;
  setText(els.page, `Page ${page + 1} of ${pages} · messages ${visible.length === 0 ? 0 : page * PAGE + 1}–${Math.min(visible.length, (page + 1) * PAGE)} of ${visible.length}`);
  els.first.disabled = els.previous.disabled = page === 0;
  els.next.disabled = els.last.disabled = page >= pages - 1;
  showEmpty();
  // Reading a layout property makes the browser lay the page out now, inside the measure.
  void els.rows.offsetHeight;
  performance.measure('peek-render', 'peek-render-start');
  renderSelected();
  if (revealAt >= 0) rowOf(reveal)?.scrollIntoView({ block: 'center' });
  reveal = undefined;
  saveShown();
}

/**
 * Puts `shown` in the table with as few changes to the page as it takes: a row already shown
 * stays where it is (Follow's new rows go in above it), and rows that leave are filled with
 * the ones that come (a page turn changes text, not elements), so the browser lays out only
 * what changed.
 */
function showPage(shown: readonly PeekRow[]): void {
  const old = [...els.rows.children] as HTMLTableRowElement[];
  const wanted = new Set(shown.map((r) => r.id));
  const kept = new Map(old.filter((tr) => wanted.has(tr.dataset.id ?? '')).map((tr) => [tr.dataset.id, tr]));
  const spare = old.filter((tr) => !kept.has(tr.dataset.id));
  const used = new Set<Element>();
  let cursor = els.rows.firstElementChild;
  for (const row of shown) {
    const selected = row.id === selectedId;
    let tr = kept.get(row.id);
    if (!tr || !fillRow(tr, row, options.zone, selected)) {
      const reused = spare.findIndex((s) => fillRow(s, row, options.zone, selected));
      tr = reused >= 0 ? spare.splice(reused, 1)[0] : rowElement(row, options.zone, selected);
    }
    used.add(tr);
    if (tr === cursor) cursor = cursor.nextElementSibling;
    else els.rows.insertBefore(tr, cursor);
  }
  for (const tr of old) if (!used.has(tr)) tr.remove();
}

function rowOf(id: string | undefined): HTMLTableRowElement | null {
  return id === undefined ? null : els.rows.querySelector<HTMLTableRowElement>(`tr[data-id="${CSS.escape(id)}"]`);
}

/** The detail of the selected message, while the filter and the histogram's span leave it shown. */
function renderSelected(): void {
  const row = selectedId === undefined ? undefined : visible.find((r) => r.id === selectedId);
  if (!row) selectedId = undefined;
  renderDetail(els.detail, row, state?.topic ?? '', options.zone, options);
}

/** Selects the message in `tr`, moves the grid's Tab stop and the keyboard to it, and shows its detail. */
function select(tr: HTMLTableRowElement, focus: boolean): void {
  for (const other of els.rows.querySelectorAll<HTMLTableRowElement>('tr[tabindex="0"], tr[aria-selected="true"]')) {
    other.tabIndex = -1;
    other.setAttribute('aria-selected', 'false');
  }
  tr.tabIndex = 0;
  tr.setAttribute('aria-selected', 'true');
  if (focus) tr.focus();
  selectedId = tr.dataset.id;
  renderSelected();
  // After the detail: a pane that opens below the table leaves it less room.
  tr.scrollIntoView({ block: 'nearest' });
  saveShown();
}

/** The line under an empty table: why nothing is shown (none while loading). */
function showEmpty(): void {
  els.empty.hidden = visible.length > 0 || !state || state.busy;
  setText(els.empty, rows.length > 0 ? 'No shown message matches the filter or the selected time span.' : 'No messages.');
}

/** The extension's change of the rows, applied when it is the next one; a gap asks for all rows again. */
function receiveRows(change: PeekRowsChange): void {
  const next = change.type === 'replace' || (!resyncing && change.version === rowsVersion + 1) ? applyRowsChange(rows, change) : undefined;
  if (!next) return resync();
  // Load older's rows come at the bottom: the view goes to the first of them.
  if (olderAsked && change.type === 'append' && change.rows.length > 0) reveal = change.rows[0].id;
  if (change.type === 'append' || change.type === 'replace') olderAsked = false;
  rows = next;
  rowsVersion = change.version;
  resyncing = false;
  rowsChanged = true;
}

function resync(): void {
  if (resyncing) return;
  resyncing = true;
  host.postMessage({ type: 'resync' });
}

function renderState(next: PeekViewState): void {
  // A state about rows this view does not hold (it missed a change): wait for all of them.
  if (next.rowsVersion !== rowsVersion) return resync();
  if (resyncing) return;
  state = next;
  options.zone = next.timeZone;
  els.timeZone.value = next.timeZone;
  setText(els.timeHeading, timeHeading(next.timeZone));
  setText(els.title, next.topic);
  setText(els.summary, `${next.service} · ${next.summary}`);
  els.summary.title = `${next.service} · ${next.summary}`;
  // Rebuilt only when the partitions change: every state (each Follow poll) has them.
  if (next.partitions.join(',') !== partitionsShown) {
    partitionsShown = next.partitions.join(',');
    const selected = els.partition.value;
    const all = el('option', '', 'All partitions');
    all.value = '';
    const partitions = [all];
    for (const p of next.partitions) {
      const option = el('option', '', `Partition ${p}`);
      option.value = String(p);
      partitions.push(option);
    }
    els.partition.replaceChildren(...partitions);
    els.partition.value = next.partitions.map(String).includes(selected) ? selected : '';
  }
  if (JSON.stringify([next.selection, next.count]) !== selectionShown) setControls(next);
  if (!els.count.value) els.count.value = String(next.count);
  els.follow.checked = next.following;
  // A running search says so on its own bar; "Loading…" beside the title would be wrong then.
  els.busy.hidden = !next.busy || next.search?.running === true;
  els.error.hidden = !next.error;
  setText(els.error, next.error ?? '');
  els.notice.hidden = !next.notice;
  // A lost connection is a warning, in the theme's warning colours with its codicon.
  els.notice.classList.toggle('warning', next.noticeLevel === 'warning');
  setText(els.noticeText, next.notice ?? '');
  renderSearch(next.search);
  showQuery(next.searchQuery);
  // A search's progress and Follow's polls without news change no row: the table stays as it is.
  if (rowsChanged || renderedZone !== next.timeZone) {
    histogram.update(rows.map(messageTimeMs), next.timeZone);
    rowsChanged = false;
    renderedZone = next.timeZone;
    renderRows();
  } else {
    showEmpty();
  }
}

function setControls(next: PeekViewState): void {
  const { selection } = next;
  selectionShown = JSON.stringify([selection, next.count]);
  els.mode.value = selection.mode;
  els.partition.value = selection.partition === undefined ? '' : String(selection.partition);
  els.offset.value = selection.offset ?? '';
  els.count.value = String(next.count);
  if (selection.timestamp) els.timestamp.value = selection.timestamp;
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
    ...(mode === 'timestamp' && isoInputTime(els.timestamp) ? { timestamp: isoInputTime(els.timestamp) } : {}),
  };
  page = 0;
  host.postMessage(request);
}

function goTo(target: number): void {
  page = Math.max(0, target);
  renderRows();
}

function countWanted(): number {
  return Math.max(1, Math.min(MAX_COUNT, parseInt(els.count.value, 10) || (state ? state.count : 50)));
}

els.mode.addEventListener('change', showModeInputs);
wireSearch(() => (els.partition.value !== '' ? Number(els.partition.value) : undefined));
wireIsoInputs([els.timestamp, byId<HTMLInputElement>('searchFrom'), byId<HTMLInputElement>('searchTo')], byId('timeProblem'));
els.load.addEventListener('click', load);
for (const input of [els.offset, els.timestamp, els.count]) {
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') load();
  });
}
els.older.addEventListener('click', () => {
  olderAsked = true;
  host.postMessage({ type: 'older' });
});
els.follow.addEventListener('change', () => host.postMessage({ type: 'follow', on: els.follow.checked }));
els.timeZone.addEventListener('change', () => host.postMessage({ type: 'timeZone', timeZone: els.timeZone.value === 'local' ? 'local' : 'utc' }));
els.filter.addEventListener('input', () => goTo(0));
els.first.addEventListener('click', () => goTo(0));
els.previous.addEventListener('click', () => goTo(page - 1));
els.next.addEventListener('click', () => goTo(page + 1));
els.last.addEventListener('click', () => goTo(Number.MAX_SAFE_INTEGER));
for (const [button, format] of [
  [els.exportJson, 'json'],
  [els.exportCsv, 'csv'],
] as const) {
  button.addEventListener('click', () => host.postMessage({ type: 'export', format, ids: visibleRows().map((r) => r.id) }));
}
/** Asks the extension to act on message `id` (copy, copy value, open, send again). */
function act(action: string, id: string | undefined): void {
  if (id && (action === 'copy' || action === 'copyValue' || action === 'resend' || action === 'open')) host.postMessage({ type: action, id });
}

els.rows.addEventListener('click', (event) => {
  const target = event.target instanceof HTMLElement ? event.target : undefined;
  const tr = target?.closest<HTMLTableRowElement>('tr');
  if (!target || !tr) return;
  const action = target.closest<HTMLElement>('[data-action]')?.dataset.action;
  if (action) return act(action, tr.dataset.id);
  select(tr, true);
});

/** Rows a Page Up or Page Down moves by. */
const PAGE_ROWS = 10;
const SHORTCUTS = new Map(ACTIONS.map(([action, , , key]) => [key.toLowerCase(), action]));

els.rows.addEventListener('keydown', (event) => {
  const tr = event.target instanceof HTMLTableRowElement ? event.target : undefined;
  if (!tr || event.altKey || event.ctrlKey || event.metaKey) return;
  const all = [...els.rows.querySelectorAll<HTMLTableRowElement>('tr')];
  const at = all.indexOf(tr);
  const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1, PageDown: at + PAGE_ROWS, PageUp: at - PAGE_ROWS };
  const to = moves[event.key];
  const action = SHORTCUTS.get(event.key.toLowerCase());
  if (to !== undefined) {
    select(all[Math.max(0, Math.min(all.length - 1, to))], true);
  } else if (event.key === 'Enter' || event.key === ' ') {
    select(tr, false);
    els.detail.focus();
  } else if (action) {
    act(action, tr.dataset.id);
  } else {
    return;
  }
  event.preventDefault();
});

els.detail.addEventListener('keydown', (event) => {
  // Escape leaves the detail for its row in the grid.
  if (event.key !== 'Escape') return;
  rowOf(selectedId)?.focus();
  event.preventDefault();
});

els.detail.addEventListener('click', (event) => {
  const target = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('[data-action]') : undefined;
  const action = target?.dataset.action;
  if (!target || !action) return;
  act(action, selectedId);
});

els.detail.addEventListener('change', (event) => {
  const select = event.target instanceof HTMLSelectElement && event.target.classList.contains('show-as') ? event.target : undefined;
  if (!select || !state) return;
  const part = select.dataset.part as Part;
  rememberShowAs(state.topic, part, select.value as DetailShowAs);
  renderSelected();
  els.detail.querySelector<HTMLElement>(`select.show-as[data-part="${part}"]`)?.focus();
});

window.addEventListener('message', (event: MessageEvent<PeekViewMessage | undefined>) => {
  const message = event.data;
  if (message?.type === 'state') renderState(message);
  else if (message?.type === 'replace' || message?.type === 'prepend' || message?.type === 'append' || message?.type === 'insert') receiveRows(message);
});
showModeInputs();
restoreShown();
host.postMessage({ type: 'ready' });
