// The built message view (dist/webview/peek.js in the page src/messageView/page.ts builds, with
// media/peek.css) in Chromium, against a fake host: the test plays the extension's side of the
// protocol (src/messageView/protocol.ts) by hand and reads what the page renders and asks.
// Checks that rows render, that prepend, append, insert and replace apply, that a change
// arriving after a gap makes the view ask for all rows again (and use none until they come),
// that a search's progress ticks leave the table alone; and the layout and keyboard: one-line
// rows (15 and more in 900 px, at 1400 and 700 px), compact toolbars, no sideways scroll from
// 500 px up with columns leaving in their stated order, the grid's one Tab stop and its keys,
// the detail pane in sight with its row under a sticky header row and closed when the span or
// filter hides its message, one "show as" control, distinct action icons, a lost connection in
// warning colours, and the search's time range shown as optional.

import * as assert from 'assert';
import type { Browser, Page } from 'playwright-core';
import type { PeekedMessage } from '../../src/kafka/types';
import type { PeekRow, PeekRowsChange, PeekViewMessage, PeekViewRequest, PeekViewState } from '../../src/messageView/protocol';
import { peekRow } from '../../src/messageView/rows';
import { parseIsoTime } from '../../src/text/isoTime';
import { launchChromium } from '../harness/browser';
import { openMessageViewPage } from '../harness/messageViewPage';

const T0 = Date.UTC(2026, 0, 31, 12, 0, 0);

/** The page's globals the fake host uses: what the view posted through acquireVsCodeApi, and its render times. */
interface HostGlobals {
  readonly fromView: PeekViewRequest[];
  readonly document: { querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null; querySelector(s: string): { textContent: string | null } | null }>; getElementById(id: string): { textContent: string | null; hidden: boolean } | null };
  readonly performance: { getEntriesByName(name: string): readonly unknown[] };
  postMessage(message: unknown, target: string): void;
}

function row(partition: number, offset: number): PeekRow {
  const time = T0 + offset * 1_000 + partition;
  const text = (s: string) => ({ kind: 'text' as const, text: s, size: s.length, truncated: false, base64: Buffer.from(s).toString('base64') });
  const message: PeekedMessage = { topic: 'orders', partition, offset: String(offset), timestamp: new Date(time).toISOString(), timestampMs: String(time), key: text(`k${offset}`), value: text(`value ${offset}`), headers: [] };
  return peekRow(message);
}

const rows = (partition: number, offsets: readonly number[]) => offsets.map((o) => row(partition, o));

function state(rowsVersion: number, extra: Partial<PeekViewState> = {}): PeekViewState {
  return { type: 'state', rowsVersion, service: 'kafka', topic: 'orders', partitions: [0, 1], count: 50, busy: false, following: false, summary: 'test', selection: { mode: 'newest' }, timeZone: 'utc', ...extra };
}

describe('message view page against a fake host', function () {
  let browser: Browser;
  let page: Page;

  /** Posts to the page as the extension would. */
  const post = (...messages: PeekViewMessage[]) => page.evaluate((all) => all.forEach((m) => (globalThis as unknown as HostGlobals).postMessage(m, '*')), messages);
  /** What the view asked since the last call. */
  const asked = () => page.evaluate(() => (globalThis as unknown as HostGlobals).fromView.splice(0));
  /** Waits until the table shows exactly these row ids (partition:offset), in order. */
  const shows = async (ids: readonly string[]) => {
    try {
      await page.waitForFunction((want) => [...(globalThis as unknown as HostGlobals).document.querySelectorAll('#rows tr')].map((tr) => tr.getAttribute('data-id')).join(' ') === want, ids.join(' '), { timeout: 10_000 });
    } catch {
      assert.deepStrictEqual(await shown(), ids);
    }
  };
  const shown = () => page.evaluate(() => [...(globalThis as unknown as HostGlobals).document.querySelectorAll('#rows tr')].map((tr) => tr.getAttribute('data-id')));
  const renders = () => page.evaluate(() => (globalThis as unknown as HostGlobals).performance.getEntriesByName('peek-render').length);

  before(async () => {
    browser = await launchChromium();
    let errors: string[];
    ({ page, errors } = await openMessageViewPage(browser));
    assert.deepStrictEqual(errors, []);
  });

  after(async () => {
    await browser?.close();
  });

  it('says it is ready, and renders the rows and state it is sent', async () => {
    assert.deepStrictEqual(await asked(), [{ type: 'ready' }]);
    await post({ type: 'replace', version: 1, rows: rows(0, [5, 4, 3]) }, state(1, { summary: '3 shown' }));
    await shows(['0:5', '0:4', '0:3']);
    const cells = await page.evaluate(() => [...(globalThis as unknown as HostGlobals).document.querySelectorAll('#rows tr')].map((tr) => ['.partition', '.offset', '.time', '.key pre', '.value pre'].map((s) => tr.querySelector(s)?.textContent)));
    assert.deepStrictEqual(cells[0], ['0', '5', '2026-01-31 12:00:05.000', 'k5', 'value 5']);
    assert.strictEqual(await page.evaluate(() => (globalThis as unknown as HostGlobals).document.getElementById('summary')?.textContent), 'kafka · 3 shown');
    assert.deepStrictEqual(await asked(), []);
  });

  it('applies prepend, append, insert and replace, each with its drops', async () => {
    await post({ type: 'prepend', version: 2, rows: rows(0, [7, 6]), dropOldest: 1 }, state(2));
    await shows(['0:7', '0:6', '0:5', '0:4']);
    await post({ type: 'append', version: 3, rows: rows(0, [3, 2]), dropNewest: 1 }, state(3));
    await shows(['0:6', '0:5', '0:4', '0:3', '0:2']);
    await post({ type: 'insert', version: 4, rows: [row(1, 5), row(1, 3)], at: [1, 3], dropNewest: 1, dropOldest: 1 }, state(4));
    await shows(['0:5', '1:5', '0:4', '1:3', '0:3']);
    await post({ type: 'replace', version: 5, rows: rows(1, [9]) }, state(5));
    await shows(['1:9']);
    assert.deepStrictEqual(await asked(), []);
  });

  it('asks for all rows again after a gap in versions, uses nothing until they come, then goes on', async () => {
    // Version 6 never arrives.
    const lost: PeekRowsChange = { type: 'prepend', version: 7, rows: rows(1, [11]), dropOldest: 0 };
    await post(lost, state(7));
    await page.waitForFunction(() => (globalThis as unknown as HostGlobals).fromView.length > 0);
    assert.deepStrictEqual(await asked(), [{ type: 'resync' }]);
    assert.deepStrictEqual(await shown(), ['1:9']);
    // More changes before the answer: ignored, and no second request.
    await post({ type: 'prepend', version: 8, rows: rows(1, [12]), dropOldest: 0 }, state(8));
    await post({ type: 'replace', version: 9, rows: rows(1, [12, 11, 10, 9]) }, state(9, { summary: 'all again' }));
    await shows(['1:12', '1:11', '1:10', '1:9']);
    assert.deepStrictEqual(await asked(), []);
    await post({ type: 'append', version: 10, rows: rows(1, [8]), dropNewest: 0 }, state(10));
    await shows(['1:12', '1:11', '1:10', '1:9', '1:8']);
    // A state about rows the view does not hold is a gap too.
    await post(state(12));
    await page.waitForFunction(() => (globalThis as unknown as HostGlobals).fromView.length > 0);
    assert.deepStrictEqual(await asked(), [{ type: 'resync' }]);
    await post({ type: 'replace', version: 13, rows: rows(1, [8]) }, state(13));
    await shows(['1:8']);
  });

  it('a change that does not fit the rows held asks for all of them again', async () => {
    await post({ type: 'append', version: 14, rows: [], dropNewest: 5 }, state(14));
    await page.waitForFunction(() => (globalThis as unknown as HostGlobals).fromView.length > 0);
    assert.deepStrictEqual(await asked(), [{ type: 'resync' }]);
    await post({ type: 'replace', version: 15, rows: rows(0, [1, 0]) }, state(15));
    await shows(['0:1', '0:0']);
  });

  it('shows a search\'s progress ticks without rendering the table again', async () => {
    const before = await renders();
    for (let read = 100; read <= 1_000; read += 100) {
      await post(state(15, { busy: true, search: { running: true, read, total: 1_000, matches: 0, status: `Searching for "x": ${read} of 1,000 messages` } }));
    }
    await page.waitForFunction(() => (globalThis as unknown as HostGlobals).document.getElementById('searchStatus')?.textContent === 'Searching for "x": 1000 of 1,000 messages');
    assert.strictEqual(await renders(), before);
    await shows(['0:1', '0:0']);
  });

  /** Runs `fn` in the page with its document (typed loosely: this project's Node code has no DOM types). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const inPage = <T, A = undefined>(fn: (doc: any, arg: A) => T, arg?: A): Promise<T> => page.evaluate(`(${fn.toString()})(document, ${JSON.stringify(arg ?? null)})`);

  function jsonRow(partition: number, offset: number): PeekRow {
    const time = T0 + offset * 60_000;
    const json = JSON.stringify({ orderId: `order-${offset}`, customer: { id: offset * 7, name: 'A customer with a long name' }, items: [{ sku: 'sku-1', qty: 2 }], note: 'x'.repeat(120) }, null, 2);
    const cell = (s: string, kind: 'json' | 'text') => ({ kind, text: s, size: s.length, truncated: false, base64: Buffer.from(s).toString('base64') });
    return peekRow({ topic: 'orders', partition, offset: String(offset), timestamp: new Date(time).toISOString(), timestampMs: String(time), key: cell(`order-${offset}`, 'text'), value: cell(json, 'json'), headers: [{ key: 'trace', value: cell('abc', 'text') }] });
  }

  const version = { n: 100 };
  async function showJsonRows(count: number): Promise<string[]> {
    const all = Array.from({ length: count }, (_, i) => jsonRow(i % 3, count - i));
    version.n += 1;
    // From the first page: a replace keeps the page shown (a resync must not move the view).
    await inPage((doc) => doc.getElementById('first').click());
    await post({ type: 'replace', version: version.n, rows: all }, state(version.n));
    await shows(all.slice(0, 50).map((r) => r.id));
    return all.map((r) => r.id);
  }

  /** Rows wholly in sight: inside the table's scrolling box and the window, below its sticky header row. */
  const rowsInSight = () =>
    inPage((doc) => {
      const box = doc.getElementById('tableBox').getBoundingClientRect();
      const head = doc.querySelector('#grid thead th.value').getBoundingClientRect();
      const trs = [...doc.querySelectorAll('#rows tr')] as { getBoundingClientRect(): { top: number; bottom: number; height: number } }[];
      const inSight = trs.filter((tr) => {
        const r = tr.getBoundingClientRect();
        return r.top >= Math.max(box.top, head.bottom) - 0.5 && r.bottom <= Math.min(box.bottom, doc.documentElement.clientHeight) + 0.5;
      });
      return { heights: [...new Set(trs.map((tr) => Math.round(tr.getBoundingClientRect().height)))], visible: inSight.length };
    });

  for (const width of [1400, 700]) {
    it(`shows each message on one line: at least 15 rows in a ${width} × 900 window, the histogram and the toolbars included`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await showJsonRows(60);
      const { heights, visible } = await rowsInSight();
      assert.strictEqual(heights.length, 1, `rows of several heights: ${heights.join(', ')} px`);
      assert.ok(heights[0] <= 26, `a row is ${heights[0]} px high`);
      assert.ok(visible >= 15, `${visible} rows visible at 900 px`);
      console.log(`      rows visible at ${width} × 900: ${visible} (row height ${heights[0]} px)`);
    });
  }

  for (const [width, most] of [[1400, 260], [700, 280], [360, 330]]) {
    it(`keeps the toolbars compact at ${width} px: the table starts within ${most} px, Export JSON and CSV on one line`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await showJsonRows(60);
      const layout = await inPage((doc) => ({
        tableTop: doc.getElementById('tableBox').getBoundingClientRect().top,
        exports: ['exportJson', 'exportCsv'].map((id) => Math.round(doc.getElementById(id).getBoundingClientRect().top)),
      }));
      assert.ok(layout.tableTop <= most, `the table starts at ${Math.round(layout.tableTop)} px`);
      assert.strictEqual(layout.exports[0], layout.exports[1], 'Export CSV wrapped away from Export JSON');
      console.log(`      table starts at ${Math.round(layout.tableTop)} px at ${width} px`);
    });
  }

  for (const width of [1400, 1000, 800, 700, 500]) {
    it(`keeps a selected row and its detail in sight at ${width} × 900, under a sticky header row`, async () => {
      await page.setViewportSize({ width, height: 900 });
      const ids = await showJsonRows(60);
      // The 41st row, well below the first screen, by the keyboard.
      await page.focus(`#rows tr[data-id="${ids[0]}"]`);
      for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
      const sight = await inPage((doc, id) => {
        const rect = (e: { getBoundingClientRect(): { top: number; bottom: number; left: number; right: number; height: number } }) => e.getBoundingClientRect();
        const row = rect(doc.querySelector(`#rows tr[data-id="${id}"]`));
        const detail = rect(doc.getElementById('detail'));
        const box = rect(doc.getElementById('tableBox'));
        const head = rect(doc.querySelector('#grid thead th.value'));
        const height = doc.documentElement.clientHeight;
        return {
          row: row.top >= head.bottom - 0.5 && row.bottom <= Math.min(box.bottom, height) + 0.5,
          detail: detail.top >= 0 && detail.bottom <= height + 0.5 && detail.height >= 150,
          apart: detail.top >= row.bottom - 0.5 || detail.left >= row.right - 0.5,
          stickyHead: Math.abs(head.top - box.top) < 1,
          detailTitle: doc.querySelector('#detail h2')?.textContent,
        };
      }, ids[40]);
      assert.deepStrictEqual(sight, { row: true, detail: true, apart: true, stickyHead: true, detailTitle: `Message ${ids[40]}` });
    });
  }

  it('clears the detail when the histogram\'s span or the filter leaves its message out', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    const ids = await showJsonRows(60);
    const detailShown = () => inPage((doc) => (doc.getElementById('detail').hidden ? '' : doc.querySelector('#detail h2')?.textContent));
    // The newest message, then the first bar (the oldest minutes): the newest is out.
    await page.click(`#rows tr[data-id="${ids[0]}"] td.offset`);
    assert.strictEqual(await detailShown(), `Message ${ids[0]}`);
    await page.focus('#histogram svg');
    await page.keyboard.press('Home');
    assert.ok(!(await shown()).includes(ids[0]));
    assert.strictEqual(await detailShown(), '');
    await page.keyboard.press('Escape');
    // The same for the filter.
    await page.click(`#rows tr[data-id="${ids[1]}"] td.offset`);
    await page.fill('#filter', 'order-60"');
    assert.deepStrictEqual(await shown(), [ids[0]]);
    assert.strictEqual(await detailShown(), '');
    await page.fill('#filter', '');
  });

  it('draws the actions\' icons with VS Code\'s codicon font, loaded under the page\'s CSP', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await showJsonRows(3);
    // The page's globals, untyped here: the test's tsconfig has no DOM.
    const font = await page.evaluate(async () => {
      const g = globalThis as unknown as {
        document: { fonts: { load(font: string): Promise<{ family: string; status: string }[]> }; querySelector(s: string): unknown };
        getComputedStyle(e: unknown, pseudo: string): { fontFamily: string; content: string };
      };
      const loaded = await g.document.fonts.load('16px codicon');
      const icon = g.document.querySelector('#rows tr td.actions .codicon-copy');
      const style = g.getComputedStyle(icon, '::before');
      return { loaded: loaded.map((f) => [f.family, f.status]), family: style.fontFamily, content: style.content };
    });
    // codicon-copy is U+EBCC in @vscode/codicons' codicon.css.
    assert.deepStrictEqual(font, { loaded: [['codicon', 'loaded']], family: 'codicon', content: `"${String.fromCharCode(0xebcc)}"` });
  });

  for (const width of [1400, 1000, 900, 760, 700, 650, 600, 560, 500]) {
    it(`has no sideways scroll at ${width} px, and the value keeps the free width`, async () => {
      await page.setViewportSize({ width, height: 900 });
      const layout = await inPage((doc) => {
        const box = (s: string) => doc.querySelector(s)?.getBoundingClientRect();
        const shownColumns = [...doc.querySelectorAll('#grid thead th')].filter((th: { getBoundingClientRect(): { width: number } }) => th.getBoundingClientRect().width > 0).map((th: { className: string }) => th.className.replace('num ', ''));
        return { scroll: doc.scrollingElement.scrollWidth, client: doc.scrollingElement.clientWidth, value: box('#grid thead th.value').width, table: box('#tableBox').width, shownColumns };
      });
      assert.ok(layout.scroll <= layout.client, `scrolls sideways: ${layout.scroll} px of content in ${layout.client} px`);
      // Columns leave in the stated order (media/peek.css), by the table's width: headers, partition, actions, time.
      const table = layout.table;
      const expected = ['partition', 'offset', 'time', 'key', 'value', 'headers', 'actions'].filter((c) => !((c === 'headers' && table <= 1000) || (c === 'partition' && table <= 900) || (c === 'actions' && table <= 700) || (c === 'time' && table <= 560)));
      assert.deepStrictEqual(layout.shownColumns, expected);
      // Up to 700 px the value keeps most of the width; wider, at least 30 %.
      const share = table <= 700 ? 0.5 : 0.3;
      assert.ok(layout.value >= layout.table * share, `the value column is ${Math.round(layout.value)} px of ${Math.round(layout.table)} px`);
    });
  }

  it('is one Tab stop; arrows move the selection, Enter opens the detail, letters act on the message', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    const ids = await showJsonRows(60);
    await asked();
    const stops = await inPage((doc) => [...doc.querySelectorAll('#grid [tabindex="0"], #grid button:not([tabindex="-1"]), #grid a')].length);
    assert.strictEqual(stops, 1);
    // From the histogram, the control before it, Tab reaches the grid's one stop: the first row.
    await page.focus('#histogram svg');
    await page.keyboard.press('Tab');
    const focused = () => inPage((doc) => doc.activeElement?.getAttribute('data-id') ?? doc.activeElement?.id ?? '');
    assert.strictEqual(await focused(), ids[0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.strictEqual(await focused(), ids[2]);
    assert.deepStrictEqual(await inPage((doc) => [...doc.querySelectorAll('#rows tr[aria-selected="true"]')].map((tr: { getAttribute(n: string): string }) => tr.getAttribute('data-id'))), [ids[2]]);
    await page.keyboard.press('End');
    assert.strictEqual(await focused(), ids[49]);
    await page.keyboard.press('Home');
    await page.keyboard.press('PageDown');
    assert.strictEqual(await focused(), ids[10]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    assert.strictEqual(await focused(), 'detail');
    const detail = await inPage((doc) => ({ title: doc.querySelector('#detail h2')?.textContent, value: doc.querySelector('#detail .value pre')?.textContent, headers: doc.querySelector('#detail .headers')?.textContent, labels: [...doc.querySelectorAll('#detail button')].map((b: { getAttribute(n: string): string }) => b.getAttribute('aria-label')) }));
    assert.strictEqual(detail.title, `Message ${ids[9]}`);
    assert.match(detail.value ?? '', /^\{\n {2}"orderId": "order-51",/);
    assert.strictEqual(detail.headers, 'Headers (1)traceabc');
    assert.deepStrictEqual(detail.labels, ['Copy value', 'Copy as JSON', 'Open in editor', 'Send again'].map((l) => `${l}: message ${ids[9]}`));
    // Escape goes back to the row; the letters act on it.
    await page.keyboard.press('Escape');
    assert.strictEqual(await focused(), ids[9]);
    for (const key of ['c', 'j', 'o', 's']) await page.keyboard.press(key);
    assert.deepStrictEqual(await asked(), ['copyValue', 'copy', 'open', 'resend'].map((type) => ({ type, id: ids[9] })));
    // Every row's buttons name their message.
    const rowLabels = await inPage((doc, id) => [...doc.querySelectorAll(`#rows tr[data-id="${id}"] button`)].map((b: { getAttribute(n: string): string }) => b.getAttribute('aria-label')), ids[3]);
    assert.deepStrictEqual(rowLabels, ['Copy value', 'Copy as JSON', 'Open in editor', 'Send again'].map((l) => `${l}: message ${ids[3]}`));
  });

  it('shows a binary value as a hex dump with ASCII, or as text, base64 or JSON, remembered for the topic\'s values', async () => {
    const bytes = Buffer.concat([Buffer.from('{"a":1}'), Buffer.from([0, 0xff])]);
    const hex = bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');
    const binary = (offset: number): PeekRow => ({ ...row(0, offset), value: { kind: 'binary', text: hex, size: bytes.length, truncated: false } });
    const json = Buffer.from('{"a":1}').toString('hex').replace(/(..)(?!$)/g, '$1 ');
    version.n += 1;
    await post({ type: 'replace', version: version.n, rows: [binary(2), { ...row(0, 1), value: { kind: 'binary', text: json, size: 7, truncated: false } }] }, state(version.n));
    await shows(['0:2', '0:1']);
    await page.click('#rows tr[data-id="0:2"] td.offset');
    const valueShown = () => inPage((doc) => doc.querySelector('#detail .value pre')?.textContent ?? doc.querySelector('#detail .value .show-problem')?.textContent);
    assert.strictEqual(await valueShown(), '00000000  7b 22 61 22 3a 31 7d 00  ff                       |{"a":1}..|');
    await page.selectOption('#detail select.show-as[data-part="value"]', 'base64');
    assert.strictEqual(await valueShown(), bytes.toString('base64'));
    await page.selectOption('#detail select.show-as[data-part="value"]', 'text');
    assert.strictEqual(await valueShown(), 'These bytes are not UTF-8 text: show them as hex or base64.');
    await page.selectOption('#detail select.show-as[data-part="value"]', 'json');
    // Remembered for this topic's values: the next message shows as JSON too, its key as before.
    await page.click('#rows tr[data-id="0:1"] td.offset');
    assert.strictEqual(await valueShown(), '{\n  "a": 1\n}');
    assert.strictEqual(await inPage((doc) => (doc.querySelector('#detail select.show-as[data-part="key"]') as { value: string }).value), 'text');
    assert.deepStrictEqual(await page.evaluate(() => (globalThis as unknown as { saved: { state: { showAs: unknown } } }).saved.state.showAs), { orders: { value: 'json' } });
  });

  it('checks typed times as ISO 8601 with the one parser and says what is wrong', async () => {
    await page.fill('#searchFrom', '2026-02-30');
    const problem = () => inPage((doc) => ({ text: doc.getElementById('timeProblem').hidden ? '' : doc.getElementById('timeProblem').textContent, invalid: doc.getElementById('searchFrom').getAttribute('aria-invalid') }));
    assert.deepStrictEqual(await problem(), { text: 'Search from: "2026-02-30" names a day that does not exist (2026-02-30)', invalid: 'true' });
    await page.fill('#searchFrom', '2026-01-31T12:00:00Z');
    assert.deepStrictEqual(await problem(), { text: '', invalid: 'false' });
    await page.fill('#searchText', 'order');
    await page.fill('#searchLimit', '20');
    await asked();
    await page.click('#searchRun');
    const [request] = (await asked()) as { from?: string; limit?: number }[];
    assert.deepStrictEqual([request.from, request.limit], ['2026-01-31T12:00:00.000Z', 20]);
  });

  it('keeps the rows it shows across renders: Follow adds its rows above them, a page turn fills them, a problem row gets its own shape', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await showJsonRows(120);
    // Marks on the elements: a row rebuilt would lose its mark.
    await inPage((doc) => [...doc.querySelectorAll('#rows tr')].forEach((tr: { dataset: Record<string, string> }, i: number) => (tr.dataset.mark = String(i))));
    const marks = () => inPage((doc) => [...doc.querySelectorAll('#rows tr')].map((tr: { dataset: Record<string, string> }) => tr.dataset.mark ?? '-'));
    version.n += 1;
    await post({ type: 'prepend', version: version.n, rows: [jsonRow(0, 122), jsonRow(1, 121)], dropOldest: 2 }, state(version.n));
    await shows(['0:122', '1:121', ...Array.from({ length: 48 }, (_, i) => `${i % 3}:${120 - i}`)]);
    // The 48 rows still on the page are the same elements; the two new ones are the two that left, filled again.
    assert.deepStrictEqual((await marks()).slice(2), Array.from({ length: 48 }, (_, i) => String(i)));
    const broken: PeekRow = { ...row(2, 999), key: null, value: null, headers: [], problem: 'Record batch at offset 999 is corrupt' };
    version.n += 1;
    await post({ type: 'prepend', version: version.n, rows: [broken], dropOldest: 1 }, state(version.n));
    await shows(['2:999', '0:122', '1:121', ...Array.from({ length: 47 }, (_, i) => `${i % 3}:${120 - i}`)]);
    const cells = () => inPage((doc) => [...doc.querySelectorAll('#rows tr')].slice(0, 2).map((tr: { className: string; querySelectorAll(s: string): Iterable<{ className: string; textContent: string }> }) => [tr.className, ...[...tr.querySelectorAll('td')].map((td) => `${td.className}=${td.textContent}`)]));
    assert.deepStrictEqual((await cells())[0], ['problem', 'num partition=2', 'num offset=999', 'time=2026-01-31 12:16:39.002', 'problem=Record batch at offset 999 is corrupt', 'actions=']);
    // The next page: every row filled with another message, exactly as a new row shows it.
    await inPage((doc) => doc.getElementById('next').click());
    await shows(Array.from({ length: 50 }, (_, i) => `${(i + 47) % 3}:${73 - i}`));
    const [first] = await cells();
    assert.deepStrictEqual(first.slice(0, 4), ['', 'num partition=2', 'num offset=73', 'time=2026-01-31 13:13:00.000']);
    assert.match(first[4], /^key=order-73$/);
    assert.match(first[5], /^value=\{\s*"orderId": "order-73",/);
    assert.deepStrictEqual(first.slice(6), ['headers=1', 'actions=']);
    assert.strictEqual(await inPage((doc) => doc.querySelector('#rows tr').querySelectorAll('button[aria-label$=": message 2:73"]').length), 4);
    await inPage((doc) => doc.getElementById('first').click());
  });

  it('Load older goes to the older rows it appended, below the others', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    const ids = await showJsonRows(60);
    await asked();
    await page.click('#older');
    assert.deepStrictEqual(await asked(), [{ type: 'older' }]);
    const older = Array.from({ length: 10 }, (_, i) => jsonRow(0, -1 - i));
    version.n += 1;
    await post({ type: 'append', version: version.n, rows: older, dropNewest: 0 }, state(version.n));
    await page.waitForFunction(() => (globalThis as unknown as HostGlobals).document.getElementById('page')?.textContent === 'Page 2 of 2 · messages 51–70 of 70');
    const sight = await inPage((doc, id) => {
      const box = doc.querySelector(`#rows tr[data-id="${id}"]`).getBoundingClientRect();
      return box.top >= 0 && box.bottom <= doc.scrollingElement.clientHeight;
    }, older[0].id);
    assert.ok(sight, 'the first older row is out of sight');
    assert.strictEqual((await shown()).at(-1), older[9].id);
    assert.ok(ids.length === 60);
  });

  it('shows again exactly what it showed when its page reloads (a tab switched away and back)', async () => {
    const ids = await showJsonRows(60);
    await page.click(`#rows tr[data-id="${ids[4]}"] td.offset`);
    await page.fill('#filter', 'order');
    const query = { pattern: 'order', regex: false, caseSensitive: true, fields: ['value' as const], from: '2026-01-31T00:00:00Z', limit: 20 };
    const before = await inPage((doc) => doc.getElementById('detail').querySelector('h2').textContent);
    await page.reload();
    await page.waitForFunction(() => (globalThis as unknown as HostGlobals).fromView.length > 0);
    assert.deepStrictEqual(await asked(), [{ type: 'ready' }]);
    const all = Array.from({ length: 60 }, (_, i) => jsonRow(i % 3, 60 - i));
    await post({ type: 'replace', version: 1, rows: all }, state(1, { searchQuery: query, search: { running: false, read: 60, total: 60, matches: 60, status: 'done' } }));
    await shows(all.slice(0, 50).map((r) => r.id));
    const after = await inPage((doc) => ({
      filter: doc.getElementById('filter').value,
      search: [doc.getElementById('searchText').value, doc.getElementById('searchKind').value, doc.getElementById('searchCase').checked, doc.getElementById('searchKey').checked, doc.getElementById('searchValue').checked, doc.getElementById('searchFrom').value, doc.getElementById('searchLimit').value],
      selected: [...doc.querySelectorAll('#rows tr[aria-selected="true"]')].map((tr: { getAttribute(n: string): string }) => tr.getAttribute('data-id')),
      detail: doc.getElementById('detail').querySelector('h2')?.textContent,
    }));
    assert.deepStrictEqual(after, { filter: 'order', search: ['order', 'text', true, false, true, '2026-01-31T00:00:00Z', '20'], selected: [ids[4]], detail: before });
  });

  it('shows JSON as text, tree or bytes through one "Show as" control, remembered for the topic', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    const ids = await showJsonRows(3);
    await page.click(`#rows tr[data-id="${ids[0]}"] td.offset`);
    // An earlier test chose JSON for this topic's values.
    await page.selectOption('#detail select.show-as[data-part="value"]', 'text');
    const control = () =>
      inPage((doc) => ({
        options: [...doc.querySelectorAll('#detail .value select.show-as option')].map((o: { value: string }) => o.value),
        value: (doc.querySelector('#detail .value select.show-as') as { value: string }).value,
        // Any other control in the value's head (a "Text"/"Tree" link beside the select) would say the same twice.
        others: [...doc.querySelectorAll('#detail .value .part-head button, #detail .value .part-head a')].map((b: { textContent: string }) => b.textContent),
        tree: !!doc.querySelector('#detail .value .json-tree'),
      }));
    assert.deepStrictEqual(await control(), { options: ['text', 'tree', 'hex', 'base64', 'json'], value: 'text', others: [], tree: false });
    await page.selectOption('#detail select.show-as[data-part="value"]', 'tree');
    assert.deepStrictEqual(await control(), { options: ['text', 'tree', 'hex', 'base64', 'json'], value: 'tree', others: [], tree: true });
    // The next message opens as a tree too; its key, plain text, has no tree to offer.
    await page.click(`#rows tr[data-id="${ids[1]}"] td.offset`);
    assert.strictEqual((await control()).tree, true);
    assert.deepStrictEqual(await inPage((doc) => [...doc.querySelectorAll('#detail .key select.show-as option')].map((o: { value: string }) => o.value)), ['text', 'hex', 'base64', 'json']);
    await page.selectOption('#detail select.show-as[data-part="value"]', 'text');
  });

  it('gives the actions icons of distinct shapes, each with a label', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    const ids = await showJsonRows(3);
    await page.click(`#rows tr[data-id="${ids[0]}"] td.offset`);
    const icons = await inPage((doc) =>
      [...doc.querySelectorAll('#detail .detail-actions button')].map((b: { textContent: string; querySelector(s: string): { className: string } }) => [b.querySelector('.codicon').className.replace('codicon codicon-', ''), b.textContent.trim()]),
    );
    // Copy and go-to-file are both pages with a corner: side by side they read as one icon.
    assert.deepStrictEqual(icons, [['copy', 'Copy value'], ['json', 'Copy as JSON'], ['link-external', 'Open in editor'], ['send', 'Send again']]);
    const glyphs = await page.evaluate(() => {
      const g = globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<unknown> }; getComputedStyle(e: unknown, p: string): { content: string } };
      return [...g.document.querySelectorAll('#detail .detail-actions .codicon')].map((icon) => g.getComputedStyle(icon, '::before').content);
    });
    assert.strictEqual(new Set(glyphs).size, 4, `glyphs ${glyphs.join(' ')}`);
  });

  it('shows a lost connection as a warning, in the theme\'s warning colours with its codicon; other notices stay quiet', async () => {
    await page.evaluate("document.documentElement.style.setProperty('--vscode-editorWarning-foreground', 'rgb(191, 136, 3)'); document.documentElement.style.setProperty('--vscode-inputValidation-warningBorder', 'rgb(184, 149, 0)')");
    const notice = () =>
      inPage((doc) => {
        const el = doc.getElementById('notice');
        const icon = el.querySelector('.codicon-warning');
        const style = (e: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string; borderTopColor: string; display: string } }).getComputedStyle(e);
        return { text: el.textContent, border: style(el).borderTopColor, icon: !!icon && style(icon).display !== 'none' };
      });
    version.n += 1;
    await post({ type: 'replace', version: version.n, rows: rows(0, [1]) }, state(version.n, { notice: 'Disconnected: following stopped. Load or Follow connects again.', noticeLevel: 'warning' }));
    await page.waitForFunction(() => !(globalThis as unknown as HostGlobals).document.getElementById('notice')?.hidden);
    assert.deepStrictEqual(await notice(), { text: 'Disconnected: following stopped. Load or Follow connects again.', border: 'rgb(184, 149, 0)', icon: true });
    await post(state(version.n, { notice: 'No older messages: this is the start of what the topic still holds.', noticeLevel: 'info' }));
    await page.waitForFunction(() => (globalThis as unknown as HostGlobals).document.getElementById('notice')?.textContent?.startsWith('No older'));
    const quiet = await notice();
    assert.strictEqual(quiet.icon, false);
  });

  it('shows the search\'s time range as plainly optional: labelled so, placeholders that are no time, in the placeholder colour', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.evaluate("document.documentElement.style.setProperty('--vscode-input-placeholderForeground', 'rgb(118, 118, 118)'); document.documentElement.style.setProperty('--vscode-input-foreground', 'rgb(59, 59, 59)')");
    await page.fill('#searchFrom', '');
    await page.fill('#searchTo', '');
    const fields = await inPage((doc) =>
      ['searchFrom', 'searchTo', 'timestamp'].map((id) => {
        const input = doc.getElementById(id);
        const g = globalThis as unknown as { getComputedStyle(e: unknown, p?: string): { color: string } };
        return { id, placeholder: input.placeholder, label: input.getAttribute('aria-label'), placeholderColour: g.getComputedStyle(input, '::placeholder').color, colour: g.getComputedStyle(input).color };
      }),
    );
    const range = await inPage((doc) => doc.getElementById('timeRangeLabel').textContent);
    assert.strictEqual(range, 'Time range (optional)');
    for (const field of fields) {
      // A placeholder that parses as a time reads as a time already set.
      assert.ok('problem' in parseIsoTime(field.placeholder), `${field.id}'s placeholder "${field.placeholder}" reads as a time`);
      assert.doesNotMatch(field.placeholder, /\d{4}-\d\d/, `${field.id}'s placeholder "${field.placeholder}" looks like a value`);
      assert.strictEqual(field.placeholderColour, 'rgb(118, 118, 118)');
      assert.notStrictEqual(field.placeholderColour, field.colour);
    }
    for (const field of fields.slice(0, 2)) {
      assert.match(field.placeholder, /optional/);
      assert.match(field.label ?? '', /optional/);
    }
  });
});
