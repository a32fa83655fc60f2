// The message view's script. It builds every row with textContent from the data the
// extension posts, so message text is never parsed as HTML, and renders rows in pages so a
// long list or a large value stays cheap.
// @ts-check
(function () {
  // @ts-ignore: provided by the webview host
  const vscode = acquireVsCodeApi();
  const PAGE = 200;
  /** Values longer than this start collapsed. */
  const COLLAPSE_CHARS = 300;
  const COLLAPSE_LINES = 6;

  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const els = {
    title: $('title'),
    summary: $('summary'),
    partition: /** @type {HTMLSelectElement} */ ($('partition')),
    mode: /** @type {HTMLSelectElement} */ ($('mode')),
    offset: /** @type {HTMLInputElement} */ ($('offset')),
    timestamp: /** @type {HTMLInputElement} */ ($('timestamp')),
    count: /** @type {HTMLInputElement} */ ($('count')),
    load: $('load'),
    older: $('older'),
    follow: /** @type {HTMLInputElement} */ ($('follow')),
    filter: /** @type {HTMLInputElement} */ ($('filter')),
    exportJson: $('exportJson'),
    exportCsv: $('exportCsv'),
    error: $('error'),
    notice: $('notice'),
    rows: $('rows'),
    empty: $('empty'),
    more: $('more'),
    busy: $('busy'),
  };

  /** @type {any} */
  let state = undefined;
  let shown = PAGE;
  /** The controls follow the extension's selection when it changes, not on every update. */
  let selectionShown = '';

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function cellText(cell) {
    return cell ? cell.text : '';
  }

  function matches(row, needle) {
    if (!needle) return true;
    const haystack = [String(row.partition), row.offset, row.timestamp, cellText(row.key), cellText(row.value), ...row.headers.map((h) => `${h.key}=${cellText(h.value)}`)];
    return haystack.some((text) => text.toLowerCase().includes(needle));
  }

  function sizeLabel(bytes) {
    return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  function bytesCell(cell, className) {
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

  function rowElement(row) {
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
    for (const [action, label, tip] of [
      ['copy', 'Copy', 'Copy this message as JSON'],
      ['resend', 'Send again', 'Produce this message again, to this or another topic'],
    ]) {
      const button = el('button', 'secondary small', label);
      button.dataset.action = action;
      button.title = tip;
      actions.appendChild(button);
    }
    tr.appendChild(actions);
    return tr;
  }

  function visibleRows() {
    const needle = els.filter.value.trim().toLowerCase();
    return state ? state.rows.filter((row) => matches(row, needle)) : [];
  }

  function renderRows() {
    const rows = visibleRows();
    const fragment = document.createDocumentFragment();
    for (const row of rows.slice(0, shown)) fragment.appendChild(rowElement(row));
    els.rows.replaceChildren(fragment);
    els.more.hidden = rows.length <= shown;
    els.more.textContent = `Show ${Math.min(PAGE, rows.length - shown)} more of ${rows.length - shown}`;
    els.empty.hidden = rows.length > 0 || !state || state.busy;
    els.empty.textContent = state && state.rows.length > 0 ? 'No shown message matches the filter.' : 'No messages.';
    reportRendered();
  }

  function reportRendered() {
    const rendered = [...els.rows.querySelectorAll('tr')].map((tr) => {
      const text = (selector) => {
        const node = tr.querySelector(selector);
        return node ? node.textContent || '' : '';
      };
      return { partition: text('.partition'), offset: text('.offset'), key: text('.key pre'), value: text('.value pre'), headers: text('.headers') };
    });
    vscode.postMessage({
      type: 'rendered',
      rows: rendered,
      following: els.follow.checked,
      notice: els.notice.hidden ? '' : els.notice.textContent || '',
      error: els.error.hidden ? '' : els.error.textContent || '',
    });
  }

  function renderState() {
    els.title.textContent = `${state.topic}`;
    els.summary.textContent = `${state.service} · ${state.summary}`;
    const selected = els.partition.value;
    const options = [el('option', '', 'All partitions')];
    options[0].value = '';
    for (const p of state.partitions) {
      const option = el('option', '', `Partition ${p}`);
      option.value = String(p);
      options.push(option);
    }
    els.partition.replaceChildren(...options);
    els.partition.value = state.partitions.map(String).includes(selected) ? selected : '';
    if (JSON.stringify(state.selection) !== selectionShown) setControls(state.selection);
    if (!els.count.value) els.count.value = String(state.count);
    els.follow.checked = state.following;
    els.busy.hidden = !state.busy;
    els.error.hidden = !state.error;
    els.error.textContent = state.error || '';
    els.notice.hidden = !state.notice;
    els.notice.textContent = state.notice || '';
    renderRows();
  }

  function setControls(selection) {
    selectionShown = JSON.stringify(selection);
    els.mode.value = selection.mode;
    els.partition.value = selection.partition === undefined ? '' : String(selection.partition);
    els.offset.value = selection.offset || '';
    els.count.value = String(state.count);
    if (selection.timestamp) {
      // datetime-local wants local time without a zone.
      const date = new Date(selection.timestamp);
      els.timestamp.value = new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
    }
    showModeInputs();
  }

  function showModeInputs() {
    els.offset.hidden = els.mode.value !== 'offset';
    els.timestamp.hidden = els.mode.value !== 'timestamp';
  }

  function load() {
    const count = Math.max(1, Math.min(10000, parseInt(els.count.value, 10) || (state ? state.count : 50)));
    /** @type {any} */
    const request = { type: 'load', mode: els.mode.value, count };
    if (els.partition.value !== '') request.partition = Number(els.partition.value);
    if (els.mode.value === 'offset') request.offset = els.offset.value.trim();
    if (els.mode.value === 'timestamp' && els.timestamp.value) request.timestamp = new Date(els.timestamp.value).toISOString();
    shown = PAGE;
    vscode.postMessage(request);
  }

  els.mode.addEventListener('change', showModeInputs);
  els.load.addEventListener('click', load);
  for (const input of [els.offset, els.timestamp, els.count]) {
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') load();
    });
  }
  els.older.addEventListener('click', () => vscode.postMessage({ type: 'older' }));
  els.follow.addEventListener('change', () => vscode.postMessage({ type: 'follow', on: els.follow.checked }));
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
  ]) {
    button.addEventListener('click', () => vscode.postMessage({ type: 'export', format, ids: visibleRows().map((r) => r.id) }));
  }
  els.rows.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const action = target.dataset ? target.dataset.action : undefined;
    if (!action) return;
    if (action === 'toggle') {
      const pre = target.closest('td').querySelector('pre');
      const collapsed = pre.classList.toggle('collapsed');
      target.textContent = collapsed ? 'Expand' : 'Collapse';
      return;
    }
    const tr = target.closest('tr');
    if (tr) vscode.postMessage({ type: action, id: tr.dataset.id });
  });

  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'state') {
      state = event.data;
      renderState();
    }
  });
  showModeInputs();
  vscode.postMessage({ type: 'ready' });
})();
