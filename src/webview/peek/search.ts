// The message view's search bar: text or a regular expression, where to look, a time range;
// Search asks the extension to read the topic, Cancel stops it, and the bar shows how far it
// read (a progress bar of messages read of the range) and why it stopped.

import type { SearchFieldName, SearchQueryShown, SearchViewRequest, SearchViewState } from '../../messageView/protocol';
import { byId } from './dom';
import { isoInputTime } from './isoInput';
import { host } from './vscodeApi';

const els = {
  text: byId<HTMLInputElement>('searchText'),
  kind: byId<HTMLSelectElement>('searchKind'),
  caseSensitive: byId<HTMLInputElement>('searchCase'),
  inKey: byId<HTMLInputElement>('searchKey'),
  inValue: byId<HTMLInputElement>('searchValue'),
  inHeaders: byId<HTMLInputElement>('searchHeaders'),
  from: byId<HTMLInputElement>('searchFrom'),
  to: byId<HTMLInputElement>('searchTo'),
  limit: byId<HTMLInputElement>('searchLimit'),
  run: byId<HTMLButtonElement>('searchRun'),
  cancel: byId<HTMLButtonElement>('searchCancel'),
  close: byId<HTMLButtonElement>('searchClose'),
  optionsToggle: byId<HTMLButtonElement>('searchOptionsToggle'),
  bar: byId('searchBar'),
  progress: byId<HTMLProgressElement>('searchProgress'),
  status: byId('searchStatus'),
};

/** Most matches one search asks for (the view's cap, src/messageView/search.ts). */
const MAX_MATCHES = 2_000;

function start(partition: number | undefined): void {
  const limit = Math.max(1, Math.min(MAX_MATCHES, parseInt(els.limit.value, 10) || 500));
  const fields: SearchFieldName[] = [];
  if (els.inKey.checked) fields.push('key');
  if (els.inValue.checked) fields.push('value');
  if (els.inHeaders.checked) fields.push('headers');
  const regex = els.kind.value === 'regex';
  const request: SearchViewRequest = {
    type: 'search',
    pattern: els.text.value,
    regex,
    // Text matches any case unless asked; a regular expression is taken as written unless asked.
    caseSensitive: els.caseSensitive.checked,
    fields,
    from: isoInputTime(els.from),
    to: isoInputTime(els.to),
    partition,
    limit,
  };
  host.postMessage(request);
}

/** Wires the bar; `partition` gives the partition chosen in the toolbar. */
export function wireSearch(partition: () => number | undefined): void {
  const run = () => start(partition());
  els.run.addEventListener('click', run);
  els.text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') run();
    if (event.key === 'Escape') host.postMessage({ type: 'cancelSearch' });
  });
  els.cancel.addEventListener('click', () => host.postMessage({ type: 'cancelSearch' }));
  els.close.addEventListener('click', () => host.postMessage({ type: 'closeSearch' }));
  // Narrow views fold the options behind a toggle (media/peek.css); it stands out while any is set.
  els.optionsToggle.addEventListener('click', () => els.optionsToggle.setAttribute('aria-expanded', String(els.optionsToggle.getAttribute('aria-expanded') !== 'true')));
  for (const input of [els.caseSensitive, els.inKey, els.inValue, els.inHeaders, els.from, els.to, els.limit]) input.addEventListener('input', markOptionsSet);
}

/** Marks the options' toggle while an option differs from its default, so folded options still show they apply. */
function markOptionsSet(): void {
  const set = els.caseSensitive.checked || !els.inKey.checked || !els.inValue.checked || !els.inHeaders.checked || els.from.value.trim() !== '' || els.to.value.trim() !== '' || els.limit.value !== els.limit.defaultValue;
  els.optionsToggle.classList.toggle('set', set);
}

/** The query last put in the bar from the extension's state. */
let queryShown = '';

/**
 * Puts the extension's search in the bar when it is not the one last put there: a view that
 * reloads (VS Code reloads a tab's page when it comes back) shows the search whose matches it
 * shows, and typing is never overwritten by the progress of the search it started.
 */
export function showQuery(query: SearchQueryShown | undefined): void {
  const json = JSON.stringify(query ?? null);
  if (!query || json === queryShown) return;
  queryShown = json;
  els.text.value = query.pattern;
  els.kind.value = query.regex ? 'regex' : 'text';
  els.caseSensitive.checked = query.caseSensitive;
  els.inKey.checked = query.fields.includes('key');
  els.inValue.checked = query.fields.includes('value');
  els.inHeaders.checked = query.fields.includes('headers');
  els.from.value = query.from ?? '';
  els.to.value = query.to ?? '';
  els.limit.value = String(query.limit);
  markOptionsSet();
}

export function renderSearch(search: SearchViewState | undefined): void {
  els.bar.hidden = !search;
  els.run.disabled = search?.running ?? false;
  els.cancel.hidden = !search?.running;
  els.close.hidden = !search || search.running;
  if (!search) return;
  els.progress.max = Math.max(1, search.total);
  els.progress.value = search.total === 0 ? (search.running ? 0 : 1) : search.read;
  els.progress.setAttribute('aria-valuetext', search.status);
  els.status.textContent = search.status;
}
