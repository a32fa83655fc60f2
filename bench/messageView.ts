// `npm run bench:messageView`: the message view with 10,000 messages loaded.
//   - In Chromium (the built page against the fake host of the webview level, 1400 × 900):
//     each render of the table as the page measures it (the performance entry "peek-render",
//     the same the editor suite's 10,000-message test reports) while turning pages, and while
//     Follow brings 3 new messages at a time. Median and slowest; target one frame (16 ms)
//     median and 50 ms slowest.
//   - On the extension's side: the heap and resident memory a MessageViewSession holds once it
//     loaded 10,000 messages of 1 KB of JSON from a broker (KAFKA_BROKERS, or one the test
//     harness starts), measured after garbage collection (run with --expose-gc). Target under
//     100 MB.
// Prints the load average: on a shared machine the render times measure it too.

import * as os from 'os';
import type { Page } from 'playwright-core';
import { connectCluster } from '../src/kafka/connect';
import { decodeBytes } from '../src/kafka/decode';
import type { PeekedMessage } from '../src/kafka/types';
import type { PeekViewMessage, PeekViewState } from '../src/messageView/protocol';
import { peekRow } from '../src/messageView/rows';
import { MessageViewSession } from '../src/messageView/session';
import { launchChromium } from '../test/harness/browser';
import { brokerForTests } from '../test/harness/kafkaBroker';
import { openMessageViewPage } from '../test/harness/messageViewPage';

const MESSAGES = 10_000;
const PAGE_TURNS = 30;
const FOLLOW_POLLS = 30;
const FOLLOW_BATCH = 3;
const VALUE_BYTES = 1_024;
const T0 = Date.UTC(2026, 0, 31, 12, 0, 0);

/** A message as the editor test writes them: about 150 bytes of JSON, decoded as a peek decodes it. */
function message(n: number): PeekedMessage {
  const time = T0 + n * 1_000;
  const value = JSON.stringify({ n, customer: `c-${n % 97}`, items: [{ sku: `s-${n % 13}`, qty: (n % 5) + 1 }], note: 'x'.repeat(n % 80) });
  return {
    topic: 'bench',
    partition: n % 3,
    offset: String(Math.floor(n / 3)),
    timestamp: new Date(time).toISOString(),
    timestampMs: String(time),
    key: decodeBytes(Buffer.from(`k${n}`)),
    value: decodeBytes(Buffer.from(value)),
    headers: [{ key: 'source', value: decodeBytes(Buffer.from('bench')) }],
  };
}

const state = (rowsVersion: number): PeekViewState => ({
  type: 'state', rowsVersion, service: 'kafka', topic: 'bench', partitions: [0, 1, 2], count: MESSAGES, busy: false, following: true, summary: 'bench', selection: { mode: 'newest' }, timeZone: 'utc',
});

function spread(samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, slowest ${sorted[sorted.length - 1].toFixed(1)} ms (${sorted.length} renders)`;
}

const renderTimes = (page: Page) => page.evaluate(() => (globalThis as unknown as { performance: { getEntriesByName(n: string): { duration: number }[] } }).performance.getEntriesByName('peek-render').map((e) => e.duration));
const post = (page: Page, messages: readonly PeekViewMessage[]) => page.evaluate((all) => all.forEach((m) => (globalThis as unknown as { postMessage(m: unknown, t: string): void }).postMessage(m, '*')), messages);
const pageLabel = (page: Page, text: string) => page.waitForFunction((want) => (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } } }).document.getElementById('page').textContent === want, text, { timeout: 60_000 });
const firstRow = (page: Page, id: string) => page.waitForFunction((want) => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string } | null } }).document.querySelector('#rows tr')?.getAttribute('data-id') === want, id, { timeout: 60_000 });

async function renders(): Promise<{ pages: number[]; follow: number[] }> {
  const browser = await launchChromium();
  try {
    const { page, errors } = await openMessageViewPage(browser);
    await page.setViewportSize({ width: 1400, height: 900 });
    const all = Array.from({ length: MESSAGES + FOLLOW_POLLS * FOLLOW_BATCH }, (_, n) => peekRow(message(n))).reverse();
    const loaded = all.slice(FOLLOW_POLLS * FOLLOW_BATCH);
    await post(page, [{ type: 'replace', version: 1, rows: loaded }, state(1)]);
    await pageLabel(page, `Page 1 of 200 · messages 1–50 of ${MESSAGES}`);
    let before = (await renderTimes(page)).length;
    for (let turn = 1; turn <= PAGE_TURNS; turn++) {
      await page.evaluate(`document.getElementById('next').click()`);
      await pageLabel(page, `Page ${turn + 1} of 200 · messages ${turn * 50 + 1}–${turn * 50 + 50} of ${MESSAGES}`);
    }
    const pages = (await renderTimes(page)).slice(before);
    await page.evaluate(`document.getElementById('first').click()`);
    await pageLabel(page, `Page 1 of 200 · messages 1–50 of ${MESSAGES}`);
    before = (await renderTimes(page)).length;
    // Follow: each poll prepends its new messages and drops as many of the oldest (the cap).
    for (let poll = 1; poll <= FOLLOW_POLLS; poll++) {
      const fresh = all.slice((FOLLOW_POLLS - poll) * FOLLOW_BATCH, (FOLLOW_POLLS - poll + 1) * FOLLOW_BATCH);
      await post(page, [{ type: 'prepend', version: poll + 1, rows: fresh, dropOldest: FOLLOW_BATCH }, state(poll + 1)]);
      await firstRow(page, fresh[0].id);
    }
    const follow = (await renderTimes(page)).slice(before);
    if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
    return { pages, follow };
  } finally {
    await browser.close();
  }
}

/** Heap plus Buffers (they live outside the heap), and resident memory, in bytes, after collecting garbage. */
function memory(): { held: number; rss: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:messageView does)');
  gc();
  gc();
  const m = process.memoryUsage();
  return { held: m.heapUsed + m.arrayBuffers, rss: m.rss };
}

async function sessionMemory(): Promise<{ held: number; rss: number; shown: number }> {
  const broker = await brokerForTests({ progress: (line) => console.error(line) });
  const cluster = await connectCluster({ brokers: broker.brokers.split(','), clientId: 'bench-message-view', timeoutMs: 60_000 });
  const topic = `bench-message-view-${Date.now().toString(36)}`;
  try {
    await cluster.createTopic({ topic, partitions: 3, replicationFactor: 1 });
    for (let batch = 0; batch < MESSAGES; batch += 1_000) {
      await cluster.produceMany(topic, Array.from({ length: 1_000 }, (_, i) => {
        const n = batch + i;
        const json = JSON.stringify({ n, customer: `c-${n % 97}`, pad: '' });
        return { key: `k${n}`, value: JSON.stringify({ n, customer: `c-${n % 97}`, pad: 'x'.repeat(VALUE_BYTES - json.length) }), partition: n % 3, headers: [{ key: 'source', value: 'bench' }] };
      }));
    }
    const deps = (posted: { bytes: number }) => ({
      cluster: async () => cluster,
      connected: () => cluster,
      post: (m: PeekViewMessage) => (posted.bytes += JSON.stringify(m).length),
      log: { error: (line: string) => console.error(line), info: () => undefined },
      timeZone: () => 'utc' as const,
      searchMatchBudgetMs: () => 100,
      every: () => ({ dispose: () => undefined }),
      now: () => Date.now(),
    });
    // Warm: the code and the connections a load uses, then the baseline without a session.
    const warm = new MessageViewSession('kafka', topic, 50, deps({ bytes: 0 }));
    await warm.loadNewest();
    warm.dispose();
    const before = memory();
    const session = new MessageViewSession('kafka', topic, MESSAGES, deps({ bytes: 0 }));
    await session.loadNewest();
    const after = memory();
    const shown = session.shown().length;
    session.dispose();
    return { held: after.held - before.held, rss: after.rss - before.rss, shown };
  } finally {
    await cluster.deleteTopic(topic).catch(() => undefined);
    await cluster.disconnect();
    await broker.stop();
  }
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0];
  const { pages, follow } = await renders();
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const held = await sessionMemory();
  console.log(`message view bench: ${MESSAGES.toLocaleString('en-US')} messages loaded, 50 a page, Chromium 1400 × 900, load average ${loadBefore.toFixed(2)} → ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores`);
  console.log(`  turning a page:          ${spread(pages)} (target median ≤ 16 ms, slowest ≤ 50 ms)`);
  console.log(`  following, ${FOLLOW_BATCH} new a poll: ${spread(follow)}`);
  console.log(`  extension host, a session holding ${held.shown.toLocaleString('en-US')} messages of ${VALUE_BYTES.toLocaleString('en-US')} bytes: heap and buffers +${mb(held.held)}, resident +${mb(held.rss)} (target under 100 MB)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
