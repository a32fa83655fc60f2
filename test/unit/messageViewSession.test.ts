// The message view's session on Node, against a topic held in memory: what it posts the view
// for each transition (load newest, an older page, follow, the window's cap, a search's start,
// progress and end, a change of mode), and that rows travel only when they change. The rows'
// changes are checked by applying them as the view does (applyRowsChange) and comparing with
// the rows of what the session shows.

import * as assert from 'assert';
import fc from 'fast-check';
import { KafkaAccessError, type PeekedMessage, type PeekRequest, type SearchOptions, type SearchProgress, type SearchRequest, type SearchResult, type TopicInfo } from '../../src/kafka/types';
import type { PeekRow, PeekRowsChange, PeekViewMessage, PeekViewState } from '../../src/messageView/protocol';
import { messageId, peekRow } from '../../src/messageView/rows';
import { applyRowsChange, rowsChange } from '../../src/messageView/rowsChange';
import { FOLLOW_INTERVAL_MS, MAX_MESSAGES, MessageViewSession, SEARCH_PROGRESS_EVERY_MS, type SessionRequest, type ViewCluster } from '../../src/messageView/session';

const TOPIC = 'orders';
/** 2026-01-31 12:00:00 UTC; message n of a partition is n seconds later. */
const T0 = Date.UTC(2026, 0, 31, 12, 0, 0);

function message(partition: number, offset: number, time = T0 + offset * 1_000 + partition, value = `{"n": ${offset}}`): PeekedMessage {
  const raw = Buffer.from(value);
  return {
    topic: TOPIC,
    partition,
    offset: String(offset),
    timestamp: new Date(time).toISOString(),
    timestampMs: String(time),
    key: { kind: 'text', text: `k${partition}-${offset}`, size: 6, truncated: false, base64: '' },
    value: { kind: 'json', text: value, size: raw.length, truncated: false, base64: raw.toString('base64') },
    headers: [{ key: 'source', value: { kind: 'text', text: 'test', size: 4, truncated: false, base64: '' } }],
  };
}

const newestFirst = (a: PeekedMessage, b: PeekedMessage) => Number(BigInt(b.timestampMs) - BigInt(a.timestampMs)) || a.partition - b.partition || Number(BigInt(b.offset) - BigInt(a.offset));

/** A topic in memory that answers peeks as src/kafka/peek.ts does, and searches the test drives by hand. */
class MemoryTopic implements ViewCluster {
  readonly log = new Map<number, PeekedMessage[]>();
  searches: { request: SearchRequest; options: SearchOptions; finish: (result: SearchResult) => void }[] = [];

  constructor(partitions: number) {
    for (let p = 0; p < partitions; p++) this.log.set(p, []);
  }

  /** Appends `count` messages to `partition`, with their offsets' times unless `time` says. */
  produce(partition: number, count: number, time?: (offset: number) => number, value?: (offset: number) => string): void {
    const log = this.log.get(partition)!;
    for (let i = 0; i < count; i++) {
      const offset = log.length;
      log.push(message(partition, offset, time?.(offset), value?.(offset)));
    }
  }

  async describeTopic(): Promise<TopicInfo> {
    const partitions = [...this.log].map(([partition, log]) => ({ partition, leader: 1, replicas: [1], isr: [1], low: '0', high: String(log.length), lastStable: String(log.length) }));
    return { name: TOPIC, internal: false, partitions, messageCount: String([...this.log.values()].reduce((n, log) => n + log.length, 0)) };
  }

  async peek(request: PeekRequest): Promise<PeekedMessage[]> {
    const all = [...this.log].filter(([p]) => request.partition === undefined || p === request.partition).flatMap(([p, log]) =>
      log.filter((m) => {
        const offset = Number(m.offset);
        if (request.before) return request.before[p] === undefined || offset < Number(request.before[p]);
        // Partitions Follow does not name are read from their end: nothing yet.
        if (request.after) return request.after[p] !== undefined && offset >= Number(request.after[p]);
        if (request.fromOffset !== undefined) return offset >= Number(request.fromOffset);
        return true;
      }),
    );
    // Follow and a start offset take the oldest of what they read, the others the newest.
    const oldestFirst = request.after !== undefined || request.fromOffset !== undefined;
    const picked = oldestFirst ? all.sort((a, b) => newestFirst(b, a)).slice(0, request.limit) : all.sort(newestFirst).slice(0, request.limit);
    return picked.sort(newestFirst);
  }

  search(request: SearchRequest, options: SearchOptions = {}): Promise<SearchResult> {
    return new Promise((resolve) => {
      this.searches.push({ request, options, finish: resolve });
      const cancelled = { read: 0, total: 0, matches: 0, partitions: [], messages: [], stopped: 'cancelled' as const };
      if (options.signal?.aborted) resolve(cancelled);
      options.signal?.addEventListener('abort', () => resolve(cancelled));
    });
  }
}

/** A session on `topic` with a clock and a Follow timer the test moves, and what it posted. */
function open(topic: MemoryTopic, count = 50) {
  const posted: PeekViewMessage[] = [];
  const timers = new Set<() => void>();
  let now = 0;
  const connected = { value: true };
  const session = new MessageViewSession('kafka', TOPIC, count, {
    cluster: async () => (connected.value ? topic : undefined),
    connected: () => (connected.value ? topic : undefined),
    post: (m) => posted.push(JSON.parse(JSON.stringify(m)) as PeekViewMessage),
    log: { error: (line) => assert.fail(`logged an error: ${line}`), info: () => undefined },
    timeZone: () => 'utc',
    searchMatchBudgetMs: () => 100,
    every: (ms, tick) => {
      assert.strictEqual(ms, FOLLOW_INTERVAL_MS);
      timers.add(tick);
      return { dispose: () => timers.delete(tick) };
    },
    now: () => now,
  });
  /** The view's side: rows as applyRowsChange leaves them, version by version. */
  const view = { rows: [] as PeekRow[], version: 0 };
  let seen = 0;
  /** What was posted since the last call, applied to `view` as the webview would. */
  const take = (): PeekViewMessage[] => {
    const fresh = posted.slice(seen);
    seen = posted.length;
    for (const m of fresh) {
      if (m.type === 'state') {
        assert.strictEqual(m.rowsVersion, view.version, 'a state about rows the view does not hold');
        continue;
      }
      assert.strictEqual(m.version, view.version + 1, `${m.type} skips a version`);
      const next = applyRowsChange(view.rows, m);
      assert.ok(next, `${m.type} v${m.version} does not fit the view's ${view.rows.length} rows`);
      view.rows = next;
      view.version = m.version;
    }
    return fresh;
  };
  /** The view holds exactly the rows of what the session shows. */
  const inStep = () => assert.deepStrictEqual(view.rows, JSON.parse(JSON.stringify(session.shown().map(peekRow))));
  const lastState = (messages: readonly PeekViewMessage[]): PeekViewState => {
    const states = messages.filter((m): m is PeekViewState => m.type === 'state');
    assert.ok(states.length > 0, 'no state posted');
    return states[states.length - 1];
  };
  const rowChanges = (messages: readonly PeekViewMessage[]) => messages.filter((m): m is PeekRowsChange => m.type !== 'state');
  const tick = async () => {
    for (const t of timers) t();
    // The poll's peek and describe are promises: let them settle.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  };
  const advance = (ms: number) => (now += ms);
  const receive = (request: SessionRequest) => session.receive(request);
  return { session, take, inStep, lastState, rowChanges, tick, advance, receive, timers, connected };
}

/**
 * A topic of `perPartition[p]` messages in each partition p, and a session on it that loaded
 * the newest `count` (and follows, when asked), with what that posted already taken.
 */
async function loaded(perPartition: readonly number[], options: { count?: number; follow?: boolean; value?: (offset: number) => string } = {}) {
  const topic = new MemoryTopic(perPartition.length);
  perPartition.forEach((n, p) => topic.produce(p, n, undefined, options.value));
  const s = open(topic, options.count);
  await s.session.loadNewest();
  if (options.follow) await s.receive({ type: 'follow', on: true });
  s.take();
  return { topic, s };
}

/** Lets the session's awaits run until `done` holds (a few turns of the event loop at most). */
async function until(what: string, done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100 && !done(); turn++) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(done(), `${what} did not happen`);
}

const bytesOf = (messages: readonly PeekViewMessage[]) => messages.reduce((n, m) => n + Buffer.byteLength(JSON.stringify(m)), 0);
const ids = (rows: readonly { readonly id: string }[]) => rows.map((r) => r.id);

describe('message view session: loading and paging', () => {
  it('loads the newest messages: busy first, then all rows at once, then a state that goes with them', async () => {
    const topic = new MemoryTopic(3);
    for (let p = 0; p < 3; p++) topic.produce(p, 40);
    const s = open(topic);
    await s.session.loadNewest();
    const posted = s.take();
    assert.deepStrictEqual(posted.map((m) => m.type), ['state', 'replace', 'state']);
    const [busy, replace, done] = posted as [PeekViewState, PeekRowsChange, PeekViewState];
    assert.deepStrictEqual([busy.busy, busy.rowsVersion, busy.summary], [true, 0, 'loading…']);
    assert.strictEqual(replace.version, 1);
    assert.strictEqual(replace.rows.length, 50);
    // Newest first: offset 39 of partitions 2, 1, 0 (one ms apart), then 38…
    assert.deepStrictEqual(ids(replace.rows).slice(0, 4), ['2:39', '1:39', '0:39', '2:38']);
    assert.deepStrictEqual(
      { ...done, type: done.type },
      {
        type: 'state',
        rowsVersion: 1,
        service: 'kafka',
        topic: TOPIC,
        partitions: [0, 1, 2],
        count: 50,
        busy: false,
        following: false,
        summary: '50 shown, newest in all partitions · 120 messages in 3 partitions',
        selection: { mode: 'newest' },
        timeZone: 'utc',
      },
    );
    s.inStep();
  });

  it('adds an older page at the bottom and sends only that page; at the start of the topic, only a notice', async () => {
    const { s } = await loaded([120]);
    await s.receive({ type: 'older' });
    const changes = s.rowChanges(s.take());
    assert.deepStrictEqual(changes.map((c) => [c.type, c.type === 'append' ? c.dropNewest : -1, c.rows.length]), [['append', 0, 50]]);
    assert.deepStrictEqual([changes[0].rows[0].id, changes[0].rows[49].id], ['0:69', '0:20']);
    s.inStep();
    await s.receive({ type: 'older' });
    s.take();
    await s.receive({ type: 'older' });
    const end = s.take();
    assert.deepStrictEqual(s.rowChanges(end), []);
    assert.strictEqual(s.lastState(end).notice, 'No older messages: this is the start of what the topic still holds.');
    assert.strictEqual(s.lastState(end).noticeLevel, 'info');
    assert.strictEqual(s.lastState(end).summary, '120 shown, newest in all partitions · 120 messages in 1 partition');
    s.inStep();
  });

  it(`at the cap of ${MAX_MESSAGES.toLocaleString('en')}, an older page drops the newest rows, says so, and stops following`, async () => {
    const { s } = await loaded([5_010, 5_010], { count: MAX_MESSAGES });
    await s.receive({ type: 'follow', on: true });
    assert.strictEqual(s.lastState(s.take()).following, true);
    await s.receive({ type: 'older' });
    const posted = s.take();
    const append = s.rowChanges(posted).filter((c) => c.type === 'append');
    assert.deepStrictEqual(append.map((c) => [c.rows.length, c.type === 'append' && c.dropNewest]), [[20, 20]]);
    const state = s.lastState(posted);
    assert.strictEqual(state.notice, 'Dropped the 20 newest messages to show older ones: a view keeps 10,000. Load to see the newest again.');
    assert.strictEqual(state.following, false);
    assert.strictEqual(s.timers.size, 0);
    s.inStep();
  });

  it('changes mode: from an offset in one partition, what the controls show, and a bad offset refused in words', async () => {
    const { s } = await loaded([20, 20]);
    await s.receive({ type: 'load', mode: 'offset', partition: 1, offset: '3', count: 2 });
    let posted = s.take();
    assert.deepStrictEqual(s.rowChanges(posted).map((c) => [c.type, ids(c.rows)]), [['replace', ['1:4', '1:3']]]);
    let state = s.lastState(posted);
    assert.deepStrictEqual([state.selection, state.count, state.summary], [{ mode: 'offset', partition: 1, offset: '3' }, 2, '2 shown, from an offset in partition 1 · 40 messages in 2 partitions']);
    await s.receive({ type: 'load', mode: 'offset', partition: 1, offset: '-1', count: 2 });
    posted = s.take();
    assert.deepStrictEqual(s.rowChanges(posted), []);
    state = s.lastState(posted);
    assert.strictEqual(state.error, 'Enter an offset: a whole number from 0 to 2^63 - 1.');
    assert.deepStrictEqual(state.selection, { mode: 'offset', partition: 1, offset: '3' });
    await s.receive({ type: 'load', mode: 'timestamp', timestamp: new Date(T0 + 18_000).toISOString(), count: 50 });
    posted = s.take();
    assert.deepStrictEqual(s.lastState(posted).selection, { mode: 'timestamp', timestamp: new Date(T0 + 18_000).toISOString() });
    s.inStep();
  });

  it('answers ready and resync with all rows again under a new version', async () => {
    const { s } = await loaded([10]);
    await s.receive({ type: 'resync' });
    const posted = s.take();
    assert.deepStrictEqual(posted.map((m) => m.type), ['replace', 'state']);
    assert.deepStrictEqual([(posted[0] as PeekRowsChange).version, (posted[1] as PeekViewState).rowsVersion, (posted[0] as PeekRowsChange).rows.length], [2, 2, 10]);
    s.inStep();
  });

  it('says so when not connected, and sends no rows', async () => {
    const s = open(new MemoryTopic(1));
    s.connected.value = false;
    await s.session.loadNewest();
    const posted = s.take();
    assert.deepStrictEqual(s.rowChanges(posted), []);
    assert.strictEqual(s.lastState(posted).error, 'Not connected. Connect to the service, then load again.');
  });
});

describe('message view session: follow', () => {
  it('puts new messages on top, sending only them; a poll with nothing new sends nothing', async () => {
    const { topic, s } = await loaded([10, 10], { follow: true });
    await s.tick();
    assert.deepStrictEqual(s.take(), []);
    topic.produce(0, 2);
    topic.produce(1, 1);
    await s.tick();
    const posted = s.take();
    const changes = s.rowChanges(posted);
    assert.deepStrictEqual(changes.map((c) => [c.type, ids(c.rows), c.type === 'prepend' && c.dropOldest]), [['prepend', ['0:11', '1:10', '0:10'], 0]]);
    assert.strictEqual(s.lastState(posted).summary, '23 shown, newest in all partitions · 23 messages in 2 partitions');
    s.inStep();
  });

  it('at the cap, drops as many of the oldest as arrived', async () => {
    const { topic, s } = await loaded([MAX_MESSAGES], { count: MAX_MESSAGES, follow: true });
    topic.produce(0, 3);
    await s.tick();
    const changes = s.rowChanges(s.take());
    assert.deepStrictEqual(changes.map((c) => [c.type, ids(c.rows), c.type === 'prepend' && c.dropOldest]), [['prepend', [`0:${MAX_MESSAGES + 2}`, `0:${MAX_MESSAGES + 1}`, `0:${MAX_MESSAGES}`], 3]]);
    s.inStep();
  });

  it('places a followed message older than the newest shown where it belongs, sending only it', async () => {
    const { topic, s } = await loaded([10, 10], { follow: true });
    // A producer's own timestamp, between offsets 4 and 5 of the others.
    topic.produce(1, 1, () => T0 + 4_500);
    await s.tick();
    const changes = s.rowChanges(s.take());
    assert.deepStrictEqual(changes.map((c) => [c.type, ids(c.rows), c.type === 'insert' && c.at]), [['insert', ['1:10'], [10]]]);
    s.inStep();
  });

  it('keeps following while the broker does not answer, says it is reconnecting, and goes on when it answers', async () => {
    const { topic, s } = await loaded([3], { follow: true });
    const peek = topic.peek.bind(topic);
    const refused = new KafkaAccessError('Could not reach Kafka at 127.0.0.1:9: nothing accepts connections at 127.0.0.1:9. Check that the broker runs and the port is right.', 'refused');
    topic.peek = async () => Promise.reject(refused);
    await s.tick();
    const down = s.lastState(s.take());
    assert.deepStrictEqual([down.following, down.notice, down.error], [true, `Reconnecting: ${refused.message} Following goes on when the broker answers.`, undefined]);
    // A lost connection is a warning: the view shows it in the theme's warning colours.
    assert.strictEqual(down.noticeLevel, 'warning');
    assert.strictEqual(s.timers.size, 1);
    topic.peek = peek;
    topic.produce(0, 1);
    await s.tick();
    const back = s.take();
    assert.deepStrictEqual(s.rowChanges(back).map((c) => ids(c.rows)), [['0:3']]);
    assert.deepStrictEqual([s.lastState(back).following, s.lastState(back).notice, s.lastState(back).noticeLevel], [true, undefined, undefined]);
    s.inStep();
  });

  it('stops following on a failure other than a broker not answering, and says why', async () => {
    const { topic, s } = await loaded([3], { follow: true });
    topic.peek = async () => Promise.reject(new KafkaAccessError('Not authorized to read topic', 'auth'));
    await s.tick();
    const state = s.lastState(s.take());
    assert.deepStrictEqual([state.following, state.error], [false, 'Following stopped: Not authorized to read topic']);
  });

  it('stops following when the service disconnects, and says so', async () => {
    const { s } = await loaded([3], { follow: true });
    s.connected.value = false;
    await s.tick();
    const state = s.lastState(s.take());
    assert.deepStrictEqual([state.following, state.notice, state.noticeLevel], [false, 'Disconnected: following stopped. Load or Follow connects again.', 'warning']);
    assert.strictEqual(s.timers.size, 0);
  });
});

describe('message view session: search', () => {
  const progress = (read: number, total: number, matches: number): SearchProgress => ({ read, total, matches, partitions: [] });

  it(`sends a search's progress in under 10 KB a tick while it holds 2,000 matches of 1 KB, and only the new matches`, async () => {
    const { topic, s } = await loaded([4_000], { value: (offset) => JSON.stringify({ n: offset, pad: 'x'.repeat(1_000) }) });
    const searching = s.receive({ type: 'search', pattern: 'x', regex: false, caseSensitive: false, fields: ['value'], limit: 2_000 });
    await until('the search to start', () => topic.searches.length === 1);
    const [{ options, finish }] = topic.searches;
    const started = s.take();
    // The loaded rows give way to the (still empty) matches.
    assert.deepStrictEqual(s.rowChanges(started).map((c) => [c.type, c.rows.length]), [['replace', 0]]);
    assert.deepStrictEqual(s.lastState(started).search, { running: true, read: 0, total: 0, matches: 0, status: 'Searching for "x": 0 of 0 messages (100%) · 0 matches' });
    const all = await topic.peek({ topic: TOPIC, limit: 4_000 });
    let found: PeekedMessage[] = [];
    const report = (read: number, matches: number) => {
      s.advance(SEARCH_PROGRESS_EVERY_MS);
      found = all.filter((m) => Number(m.offset) >= 4_000 - read).slice(0, matches);
      options.onProgress?.(progress(read, 4_000, matches), () => found);
      return s.take();
    };
    // Matches arrive as they are found, 200 a tick, up to 2,000.
    for (let tick = 1; tick <= 10; tick++) {
      const posted = report(tick * 200, tick * 200);
      assert.deepStrictEqual(s.rowChanges(posted).map((c) => [c.type, c.rows.length]), [[tick === 1 ? 'replace' : 'append', 200]]);
    }
    s.inStep();
    // A tick that finds nothing new: the state alone, a few hundred bytes.
    const quiet = report(3_000, 2_000);
    assert.deepStrictEqual(quiet.map((m) => m.type), ['state']);
    assert.ok(bytesOf(quiet) < 10_000, `a quiet tick sent ${bytesOf(quiet)} bytes`);
    assert.strictEqual(s.lastState(quiet).search?.status, 'Searching for "x": 3,000 of 4,000 messages (75%) · 2,000 matches');
    // A tick that finds one more (the limit pushes the oldest out): that one row and the state.
    s.advance(SEARCH_PROGRESS_EVERY_MS);
    const one = all.filter((m) => m.offset === '999');
    found = [...found.slice(0, 1_999), ...one];
    options.onProgress?.(progress(3_100, 4_000, 2_001), () => found);
    const more = s.take();
    assert.deepStrictEqual(s.rowChanges(more).map((c) => [c.type, ids(c.rows), c.type === 'insert' && [c.at, c.dropNewest, c.dropOldest]]), [['insert', ['0:999'], [[1_999], 0, 1]]]);
    assert.ok(bytesOf(more) < 10_000, `a tick with one new match sent ${bytesOf(more)} bytes`);
    // Ticks closer together than the pace are not sent.
    options.onProgress?.(progress(3_200, 4_000, 2_001), () => found);
    assert.deepStrictEqual(s.take(), []);
    s.inStep();
    finish({ ...progress(4_000, 4_000, 2_000), messages: found, stopped: 'limit' });
    await searching;
    const done = s.take();
    assert.deepStrictEqual(s.rowChanges(done), []);
    assert.deepStrictEqual(s.lastState(done).search, { running: false, read: 4_000, total: 4_000, matches: 2_000, status: '"x": 2,000 matches in 4,000 messages · stopped at the limit of 2,000 matches (raise Matches to find more)' });
    // Close search: the loaded messages again. Here they are the 50 newest matches, so the
    // view is told only to drop the other 1,950.
    await s.receive({ type: 'closeSearch' });
    const back = s.take();
    assert.deepStrictEqual(s.rowChanges(back).map((c) => [c.type, c.rows.length, c.type === 'prepend' && c.dropOldest]), [['prepend', 0, 1_950]]);
    assert.strictEqual(s.lastState(back).search, undefined);
    s.inStep();
  });

  it('stops on Cancel and says so; a refused search drops the last one and shows the loaded messages', async () => {
    const { topic, s } = await loaded([5]);
    const searching = s.receive({ type: 'search', pattern: 'n', regex: false, caseSensitive: false, fields: ['value'], limit: 50 });
    await until('the search to start', () => topic.searches.length === 1);
    await s.receive({ type: 'cancelSearch' });
    await searching;
    assert.strictEqual(s.lastState(s.take()).search?.status, '"n": 0 matches in 0 messages · cancelled');
    await s.receive({ type: 'search', pattern: '(', regex: true, caseSensitive: false, fields: ['value'], limit: 50 });
    const refused = s.take();
    assert.deepStrictEqual(s.rowChanges(refused).map((c) => [c.type, c.rows.length]), [['replace', 5]]);
    assert.match(s.lastState(refused).error ?? '', /^"\(" is not a regular expression: /);
    assert.strictEqual(s.lastState(refused).search, undefined);
    s.inStep();
  });
});

describe('message view: rows changes', () => {
  const row = (id: string): PeekRow => ({ id, partition: 0, offset: id, timestamp: '', timestampMs: '0', key: null, value: null, headers: [] });

  it('turns any list of rows into any other when applied, with rows sent only for ids the view lacks', () => {
    const list = fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }).map((ns) => ns.map(String));
    fc.assert(
      fc.property(list, list, (held, next) => {
        const change = rowsChange(held, next, (id) => id, row, 7);
        const after = change ? applyRowsChange(held.map(row), change) : held.map(row);
        assert.deepStrictEqual(after, next.map(row));
        if (change && change.type !== 'replace') {
          assert.strictEqual(change.version, 7);
          assert.deepStrictEqual(ids(change.rows), next.filter((id) => !held.includes(id)));
        }
      }),
    );
  });

  it('refuses a change that does not fit the rows held', () => {
    const held = ['a', 'b', 'c'].map(row);
    assert.strictEqual(applyRowsChange(held, { type: 'prepend', version: 2, rows: [], dropOldest: 4 }), undefined);
    assert.strictEqual(applyRowsChange(held, { type: 'append', version: 2, rows: [], dropNewest: -1 }), undefined);
    assert.strictEqual(applyRowsChange(held, { type: 'insert', version: 2, rows: [row('x'), row('y')], at: [3, 1], dropNewest: 0, dropOldest: 0 }), undefined);
    assert.strictEqual(applyRowsChange(held, { type: 'insert', version: 2, rows: [row('x')], at: [9], dropNewest: 0, dropOldest: 0 }), undefined);
  });

  it('names each case: prepend, append, insert, replace, or nothing', () => {
    const kinds = (held: string[], next: string[]) => rowsChange(held, next, (id) => id, row, 1)?.type;
    assert.strictEqual(kinds(['b', 'c'], ['a', 'b']), 'prepend');
    assert.strictEqual(kinds(['a', 'b'], ['b', 'c']), 'append');
    assert.strictEqual(kinds(['a', 'c'], ['a', 'b', 'c']), 'insert');
    assert.strictEqual(kinds(['a', 'b'], ['b', 'a']), 'replace');
    assert.strictEqual(kinds(['a', 'b'], ['x']), 'replace');
    assert.strictEqual(kinds(['a', 'b'], ['a', 'b']), undefined);
    assert.strictEqual(kinds([], []), undefined);
    assert.strictEqual(messageId({ partition: 2, offset: '7' }), '2:7');
  });
});
