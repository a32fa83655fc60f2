// The pure parts of the message view: the JSON tree, the histogram's buckets and spans, and
// timestamps in UTC or local time.

import * as assert from 'assert';
import fc from 'fast-check';
import { prettyJson } from '../../src/text/json';
import { bucketSpan, histogram, inSpan, messageTimeMs, timeTicks } from '../../src/webview/peek/histogram';
import { durationLabel } from '../../src/text/duration';
import { jsonTree, nodeSummary, type JsonTreeNode } from '../../src/webview/peek/jsonTree';
import { formatTimestamp, utcOffset } from '../../src/text/timeFormat';

/** The tree printed back as compact JSON text, from the literals the tree holds. */
function print(node: JsonTreeNode): string {
  const key = node.key === undefined ? '' : `${JSON.stringify(node.key)}:`;
  if (node.kind === 'object') return `${key}{${node.children.map(print).join(',')}}`;
  if (node.kind === 'array') return `${key}[${node.children.map(print).join(',')}]`;
  return `${key}${node.raw}`;
}

describe('message view: JSON tree', () => {
  it('keeps big integers, trailing zeros, escapes and every repeated key', () => {
    const text = '{"id": 12345678901234567890, "price": 1.10, "dup": 1, "dup": 2, "s": "a\\u00e9\\n", "n": null, "ok": true, "list": [1e3, -0.0, {}]}';
    const tree = jsonTree(text);
    assert.deepStrictEqual(tree, {
      kind: 'object',
      children: [
        { kind: 'number', key: 'id', raw: '12345678901234567890' },
        { kind: 'number', key: 'price', raw: '1.10' },
        { kind: 'number', key: 'dup', raw: '1' },
        { kind: 'number', key: 'dup', raw: '2' },
        { kind: 'string', key: 's', raw: '"a\\u00e9\\n"' },
        { kind: 'null', key: 'n', raw: 'null' },
        { kind: 'boolean', key: 'ok', raw: 'true' },
        { kind: 'array', key: 'list', children: [{ kind: 'number', raw: '1e3' }, { kind: 'number', raw: '-0.0' }, { kind: 'object', children: [] }] },
      ],
    });
  });

  it('reads the pretty text the view gets as the same tree as the bytes as sent', () => {
    const sent = '{"a":{"b":[1.50,2]},"a":"\\"x\\""}';
    assert.deepStrictEqual(jsonTree(prettyJson(sent)!), jsonTree(sent));
  });

  it('gives no tree for text that is not strict JSON, and keys with escapes as JSON reads them', () => {
    for (const text of ['', 'plain', '{"a": 1,}', '// c\n{}', '{"a" 1}', '[1, 2']) assert.strictEqual(jsonTree(text), undefined, text);
    assert.deepStrictEqual(jsonTree('{"a\\"b\\u0041": 0}'), { kind: 'object', children: [{ kind: 'number', key: 'a"bA', raw: '0' }] });
    assert.deepStrictEqual(jsonTree(' 42 '), { kind: 'number', raw: '42' });
  });

  it('prints any JSON back to text that parses to the same value', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const tree = jsonTree(text);
        assert.ok(tree);
        assert.deepStrictEqual(JSON.parse(print(tree)), JSON.parse(text));
      }),
    );
  });

  it('summarises collapsed nodes by their size', () => {
    const tree = jsonTree('{"a": [1, 2, 3], "b": {"c": 1}, "d": "x"}');
    assert.ok(tree && tree.kind === 'object');
    assert.deepStrictEqual([tree, ...tree.children].map(nodeSummary), ['{3}', '[3]', '{1}', '"x"']);
  });
});

describe('message view: histogram', () => {
  const t0 = Date.UTC(2026, 0, 31, 12, 0, 0);

  it('counts messages in round buckets that cover them all, and counts the undated apart', () => {
    const times = [t0, t0 + 500, t0 + 59_999, t0 + 60_000, t0 + 4 * 60_000 + 1, undefined];
    const h = histogram(times, 10);
    assert.deepStrictEqual(h, { startMs: t0, bucketMs: 30_000, counts: [2, 1, 1, 0, 0, 0, 0, 0, 1], undated: 1 });
  });

  it('picks the smallest round width that fits, aligned to it', () => {
    assert.deepStrictEqual(histogram([t0 + 1_234], 60), { startMs: t0 + 1_234, bucketMs: 1, counts: [1], undated: 0 });
    const day = histogram([t0, t0 + 3 * 24 * 3_600_000], 60);
    assert.strictEqual(day?.bucketMs, 2 * 3_600_000);
    assert.strictEqual(day?.counts.length, 37);
    assert.strictEqual(histogram([0, 100 * 365 * 24 * 3_600_000], 60)?.bucketMs, 2 * 365 * 24 * 3_600_000);
    assert.strictEqual(histogram([undefined]), undefined);
    assert.throws(() => histogram([t0], 0), /maxBuckets must be at least 1/);
  });

  it('never makes more buckets than asked, and puts every dated message in one', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: undefined }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 120 }), (times, max) => {
        const h = histogram(times, max);
        const dated = times.filter((t) => t !== undefined);
        if (dated.length === 0) return assert.strictEqual(h, undefined);
        assert.ok(h);
        assert.ok(h.counts.length <= max, `${h.counts.length} buckets for at most ${max}`);
        assert.strictEqual(h.counts.reduce((a, b) => a + b, 0), dated.length);
        assert.strictEqual(h.undated, times.length - dated.length);
        const all = bucketSpan(h, 0, h.counts.length - 1);
        for (const t of dated) assert.ok(inSpan(t, all));
      }),
    );
  });

  it('turns a selection of buckets, either way round, into the span they cover', () => {
    const h = histogram([t0, t0 + 9 * 60_000], 10)!;
    assert.strictEqual(h.bucketMs, 60_000);
    assert.deepStrictEqual(bucketSpan(h, 5, 2), { fromMs: t0 + 2 * 60_000, toMs: t0 + 6 * 60_000 });
    assert.deepStrictEqual(bucketSpan(h, -3, 99), { fromMs: t0, toMs: t0 + 10 * 60_000 });
    assert.strictEqual(inSpan(t0 + 6 * 60_000, bucketSpan(h, 2, 5)), false);
    assert.strictEqual(inSpan(undefined, bucketSpan(h, 2, 5)), false);
  });

  it('reads a record\'s time from its ISO timestamp only, and names widths', () => {
    assert.strictEqual(messageTimeMs({ timestamp: '2026-01-31T12:00:00.000Z' }), t0);
    assert.strictEqual(messageTimeMs({ timestamp: 'no timestamp' }), undefined);
    assert.strictEqual(messageTimeMs({ timestamp: '9000000000000000000 ms (not a date)' }), undefined);
    assert.deepStrictEqual([500, 1_000, 300_000, 3_600_000, 2 * 86_400_000].map(durationLabel), ['500 ms', '1 s', '5 min', '1 h', '2 d']);
  });
});

describe('message view: the histogram\'s time axis', () => {
  const t0 = Date.UTC(2026, 0, 31, 12, 0, 0);
  const labels = (from: number, to: number, max: number, zone: 'utc' | 'local' = 'utc') => timeTicks(from, to, max, zone).map((t) => t.label);
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('puts labels at round steps and drops the zeros the step makes', () => {
    // The editor test's span, 12:00:00 to 12:10:30: every 2 min, minutes only.
    assert.deepStrictEqual(labels(t0, t0 + 630_000, 8), ['2026-01-31 12:00', '12:02', '12:04', '12:06', '12:08', '12:10']);
    // Half seconds: the fraction's zeros go, a whole second has none.
    assert.deepStrictEqual(labels(t0 + 250, t0 + 2_750, 6), ['2026-01-31 12:00:00.5', '12:00:01', '12:00:01.5', '12:00:02', '12:00:02.5']);
    assert.deepStrictEqual(labels(t0 + 3_000, t0 + 63_000, 5), ['2026-01-31 12:00:15', '12:00:30', '12:00:45', '12:01:00']);
    // Across midnight the date comes back; whole days are dates alone.
    assert.deepStrictEqual(labels(Date.UTC(2026, 0, 31, 20), Date.UTC(2026, 1, 1, 4), 5), ['2026-01-31 20:00', '22:00', '2026-02-01 00:00', '02:00', '04:00']);
    assert.deepStrictEqual(labels(Date.UTC(2026, 0, 30, 18), Date.UTC(2026, 1, 3, 6), 5), ['2026-01-31', '2026-02-01', '2026-02-02', '2026-02-03']);
    assert.deepStrictEqual(timeTicks(t0, t0, 5, 'utc'), []);
  });

  it('counts local hours on the local clock', () => {
    process.env.TZ = 'Asia/Kolkata';
    const ticks = timeTicks(t0, t0 + 6 * 3_600_000, 4, 'local');
    assert.deepStrictEqual(ticks.map((t) => t.label), ['2026-01-31 18:00', '20:00', '22:00']);
    assert.strictEqual(ticks[0].ms, Date.UTC(2026, 0, 31, 12, 30));
  });

  it('never gives more labels than asked, each on a whole step, none with a zero fraction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.integer({ min: 1, max: 400 * 86_400_000 }), fc.integer({ min: 2, max: 12 }), (from, length, max) => {
        const ticks = timeTicks(from, from + length, max, 'utc');
        assert.ok(ticks.length <= max, `${ticks.length} labels for at most ${max}`);
        const step = ticks.length > 1 ? ticks[1].ms - ticks[0].ms : 1;
        for (const [i, t] of ticks.entries()) {
          assert.ok(t.ms >= from && t.ms <= from + length);
          assert.strictEqual(t.ms % step, 0, `${t.label} is not on a step of ${step} ms`);
          if (i > 0) assert.strictEqual(t.ms - ticks[i - 1].ms, step);
          assert.doesNotMatch(t.label, /\.\d*0$/, `${t.label} keeps a zero fraction`);
          if (step % 60_000 === 0) assert.doesNotMatch(t.label, /\d\d:\d\d:\d\d/, `${t.label} shows seconds on a step of whole minutes`);
        }
      }),
    );
  });
});

describe('message view: timestamps', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  const ms = Date.UTC(2026, 6, 1, 23, 30, 5, 7);

  it('prints UTC whatever the machine\'s zone', () => {
    process.env.TZ = 'Asia/Kolkata';
    assert.strictEqual(formatTimestamp(ms, 'utc'), '2026-07-01 23:30:05.007');
  });

  it('prints local time with its offset, across a date line and daylight saving', () => {
    process.env.TZ = 'Asia/Kolkata';
    assert.strictEqual(formatTimestamp(ms, 'local'), '2026-07-02 05:00:05.007 +05:30');
    process.env.TZ = 'America/New_York';
    assert.strictEqual(formatTimestamp(ms, 'local'), '2026-07-01 19:30:05.007 -04:00');
    assert.strictEqual(formatTimestamp(Date.UTC(2026, 0, 1), 'local'), '2025-12-31 19:00:00.000 -05:00');
    process.env.TZ = 'UTC';
    assert.strictEqual(formatTimestamp(ms, 'local'), '2026-07-01 23:30:05.007 +00:00');
    assert.strictEqual(utcOffset(new Date(ms)), '+00:00');
  });

  it('gives nothing for a time no date holds', () => {
    assert.strictEqual(formatTimestamp(Number.NaN, 'utc'), undefined);
    assert.strictEqual(formatTimestamp(9e15, 'local'), undefined);
  });
});
