// The built message view (dist/webview/peek.js in the page src/messageView/page.ts builds, with
// media/peek.css) in Chromium, against a fake host: the test plays the extension's side of the
// protocol (src/messageView/protocol.ts) by hand and reads what the page renders and asks.
// Checks that rows render, that prepend, append, insert and replace apply, that a change
// arriving after a gap makes the view ask for all rows again (and use none until they come),
// and that a search's progress ticks leave the table alone.

import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import type { PeekedMessage } from '../../src/kafka/types';
import { messageViewHtml } from '../../src/messageView/page';
import type { PeekRow, PeekRowsChange, PeekViewMessage, PeekViewRequest, PeekViewState } from '../../src/messageView/protocol';
import { peekRow } from '../../src/messageView/rows';
import { launchChromium } from '../harness/browser';
import { REPO_ROOT } from '../harness/paths';

/** Where the page seems to come from; every request to it is answered from the repository. */
const ORIGIN = 'https://message-view.test';
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
    page = await browser.newPage();
    const html = messageViewHtml({ cspSource: ORIGIN, script: `${ORIGIN}/dist/webview/peek.js`, stylesheet: `${ORIGIN}/media/peek.css` });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route(`${ORIGIN}/**`, (route) => {
      const file = new URL(route.request().url()).pathname;
      if (file === '/') return route.fulfill({ contentType: 'text/html', body: html });
      return route.fulfill({ contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript', body: readFileSync(path.join(REPO_ROOT, file)) });
    });
    // VS Code's webview host gives the page acquireVsCodeApi; this one keeps what the view posts.
    await page.addInitScript(() => {
      const fromView: unknown[] = [];
      Object.assign(globalThis, { fromView, acquireVsCodeApi: () => ({ postMessage: (m: unknown) => fromView.push(m) }) });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (globalThis as unknown as HostGlobals).fromView.length > 0);
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
});
