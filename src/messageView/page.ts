// The message view's page: static markup only. Every message text arrives later as data and
// is set with textContent by the view's script (src/webview/peek, bundled into
// dist/webview/peek.js), under a CSP that allows nothing else. No `vscode` import: the
// panel gives the addresses, and the browser test builds the same page around a fake host.

import { randomBytes } from 'crypto';

/** Where the page's assets are, as the webview (or a test's browser) loads them. */
export interface PageAssets {
  /** The origin the stylesheet and icons come from (a webview's `cspSource`). */
  readonly cspSource: string;
  /** The address of the bundled script, dist/webview/peek.js. */
  readonly script: string;
  /** The address of media/peek.css. */
  readonly stylesheet: string;
  /** The address of dist/codicons/codicon.css, VS Code's icon font (the font sits beside it). */
  readonly codicons: string;
}

/** The page's HTML; its script runs under a fresh nonce, and nothing else may. */
export function messageViewHtml(assets: PageAssets): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; style-src ${assets.cspSource}; font-src ${assets.cspSource}; script-src 'nonce-${nonce}'; img-src ${assets.cspSource};`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${assets.codicons}">
<link rel="stylesheet" href="${assets.stylesheet}">
<title>Peek</title>
</head>
<body>
<header>
  <h1 id="title"></h1><span id="summary"></span><span id="busy" hidden>Loading…</span>
  <span class="group end" role="group" aria-label="Time zone and export">
    <select id="timeZone" aria-label="Show timestamps in" title="Show timestamps in UTC or in this computer's time zone">
      <option value="utc">UTC</option>
      <option value="local">Local time</option>
    </select>
    <span class="group nowrap" role="group" aria-label="Export the shown messages">
      <button id="exportJson" class="secondary" aria-label="Export JSON" title="Save the shown messages as JSON"><span class="codicon codicon-export" aria-hidden="true"></span> JSON</button>
      <button id="exportCsv" class="secondary" aria-label="Export CSV" title="Save the shown messages as CSV"><span class="codicon codicon-export" aria-hidden="true"></span> CSV</button>
    </span>
  </span>
</header>
<div class="toolbar">
  <select id="partition" aria-label="Partition"></select>
  <select id="mode" aria-label="Where to start">
    <option value="newest">Newest</option>
    <option value="offset">From offset</option>
    <option value="timestamp">From time</option>
  </select>
  <input id="offset" type="text" inputmode="numeric" placeholder="offset" aria-label="Offset">
  <input id="timestamp" class="iso" type="text" spellcheck="false" placeholder="start time (ISO 8601)" aria-label="From time (ISO 8601; no zone is local time)" title="ISO 8601: 2026-01-31, 2026-01-31T12:00:00Z or …+01:00; without a zone, local time">
  <label>Count <input id="count" type="number" min="1" max="10000"></label>
  <button id="load">Load</button>
  <button id="older" class="secondary" title="Load the messages before the oldest one shown">Load older</button>
  <label title="Add new messages as they arrive"><input id="follow" type="checkbox"> Follow</label>
  <input id="filter" type="search" placeholder="Filter shown messages" aria-label="Filter">
</div>
<div class="toolbar search" role="search">
  <input id="searchText" type="search" placeholder="Search the topic" aria-label="Search the topic" title="Reads the topic from the broker (Enter searches, Escape cancels)">
  <select id="searchKind" aria-label="Text or regular expression">
    <option value="text">Text</option>
    <option value="regex">Regex</option>
  </select>
  <button id="searchRun" title="Read the whole topic, or the time range, for matches (partition and count above apply)">Search</button>
  <button id="searchCancel" class="secondary" hidden>Cancel</button>
  <button id="searchClose" class="secondary" hidden title="Back to the loaded messages">Close search</button>
  <button id="searchOptionsToggle" class="icon toggle" aria-expanded="false" aria-controls="searchOptions" aria-label="Search options" title="Search options: case, where to search, matches, time range"><span class="codicon codicon-ellipsis" aria-hidden="true"></span></button>
  <div id="searchOptions" class="search-options" role="group" aria-label="Search options">
    <label title="Match upper and lower case as typed"><input id="searchCase" type="checkbox"> Match case</label>
    <span class="group" role="group" aria-label="Where to search">
      <label><input id="searchKey" type="checkbox" checked> Key</label>
      <label><input id="searchValue" type="checkbox" checked> Value</label>
      <label><input id="searchHeaders" type="checkbox" checked> Headers</label>
    </span>
    <label title="Search stops after this many matches">Matches <input id="searchLimit" type="number" min="1" max="2000" value="500"></label>
    <span class="group time-range" role="group" aria-labelledby="timeRangeLabel">
      <span id="timeRangeLabel">Time range <span class="optional">(optional)</span></span>
      <input id="searchFrom" class="iso" type="text" spellcheck="false" placeholder="from (ISO time, optional)" aria-label="Search from (optional; ISO 8601, no zone is local time)" title="Empty: from the start of the topic. ISO 8601: 2026-01-31, 2026-01-31T12:00:00Z or …+01:00; without a zone, local time">
      <span aria-hidden="true">–</span>
      <input id="searchTo" class="iso" type="text" spellcheck="false" placeholder="to (ISO time, optional)" aria-label="Search until (optional; ISO 8601, no zone is local time)" title="Empty: to the newest message. ISO 8601: 2026-01-31, 2026-01-31T12:00:00Z or …+01:00; without a zone, local time">
    </span>
  </div>
  <span id="timeProblem" class="input-problem" role="alert" hidden></span>
</div>
<div id="searchBar" hidden><progress id="searchProgress" max="1" value="0" aria-label="Messages read"></progress> <span id="searchStatus" role="status"></span></div>
<div id="error" role="alert" hidden></div>
<div id="notice" role="status" hidden><span class="codicon codicon-warning" aria-hidden="true"></span><span id="noticeText"></span></div>
<section id="histogram" aria-label="Messages over time" hidden></section>
<div id="messages">
<div id="tableBox">
<table id="grid" role="grid" aria-label="Messages" aria-describedby="gridKeys">
  <thead><tr role="row"><th class="num partition" role="columnheader">Partition</th><th class="num offset" role="columnheader">Offset</th><th class="time" id="timeHeading" role="columnheader">Timestamp (UTC)</th><th class="key" role="columnheader">Key</th><th class="value" role="columnheader">Value</th><th class="headers" role="columnheader" title="Header count">Headers</th><th class="actions" role="columnheader">Actions</th></tr></thead>
  <tbody id="rows"></tbody>
</table>
<div id="gridKeys" hidden>Up and Down move between messages, Enter opens the detail, C copies the value, J copies the message as JSON, O opens it in an editor, S sends it again.</div>
<div id="empty" hidden></div>
<nav id="pager" aria-label="Pages of messages" hidden>
  <button id="first" class="secondary" aria-label="First page">«</button>
  <button id="previous" class="secondary" aria-label="Previous page">‹ Previous</button>
  <span id="page" aria-live="polite"></span>
  <button id="next" class="secondary" aria-label="Next page">Next ›</button>
  <button id="last" class="secondary" aria-label="Last page">»</button>
</nav>
</div>
<section id="detail" aria-label="Message detail" tabindex="-1" hidden></section>
</div>
<script nonce="${nonce}" src="${assets.script}"></script>
</body>
</html>`;
}
