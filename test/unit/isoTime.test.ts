import * as assert from 'assert';
import fc from 'fast-check';
import { isoTimeOfMs, parseIsoTime } from '../../src/text/isoTime';

describe('parseIsoTime', () => {
  it('reads ISO 8601 dates and times, with a zone or in local time', () => {
    assert.deepStrictEqual(parseIsoTime('2026-01-31T12:00:00Z'), { ms: Date.UTC(2026, 0, 31, 12) });
    assert.deepStrictEqual(parseIsoTime('2026-01-31T13:00:00+01:00'), { ms: Date.UTC(2026, 0, 31, 12) });
    assert.deepStrictEqual(parseIsoTime(' 2024-02-29 '), { ms: Date.UTC(2024, 1, 29) });
    assert.deepStrictEqual(parseIsoTime('2026-01-31T12:00:00'), { ms: new Date(2026, 0, 31, 12).getTime() });
  });

  it('gives 0 for a time before 1970, the oldest a Kafka timestamp can be', () => {
    assert.deepStrictEqual(parseIsoTime('1900-01-01T00:00:00Z'), { ms: 0 });
    assert.deepStrictEqual(parseIsoTime('1969-12-31T23:59:59.999Z'), { ms: 0 });
    assert.deepStrictEqual(parseIsoTime('1970-01-01T00:00:00.001Z'), { ms: 1 });
  });

  it('refuses a day the month does not have instead of rolling it over', () => {
    const noSuchDay = (text: string) => ({ problem: `"${text}" names a day that does not exist (${text.slice(0, 10)})` });
    // Date.parse rolls these three over into the next month.
    for (const text of ['2026-02-29', '2026-02-30T00:00:00Z', '2026-04-31T10:00:00Z']) assert.deepStrictEqual(parseIsoTime(text), noSuchDay(text), text);
    // Date.parse refuses these itself.
    for (const text of ['2026-00-10', '2026-13-01', '2026-01-00']) assert.deepStrictEqual(parseIsoTime(text), { problem: `"${text}" is not an ISO 8601 time such as 2026-01-31T12:00:00Z` }, text);
  });

  it('refuses what is not a date, however Date.parse would read it', () => {
    for (const text of ['', '1', 'May 5', 'yesterday', '2026-1-5', '12:00', '2026-01-31Tnoon']) {
      assert.deepStrictEqual(parseIsoTime(text), { problem: `"${text}" is not an ISO 8601 time such as 2026-01-31T12:00:00Z` }, text);
    }
  });
});

describe('isoTimeOfMs', () => {
  it('writes what Date#toISOString writes, over the whole range and for runs of times on one day', () => {
    const limit = 8.64e15;
    for (const ms of [0, -1, 1, 999, 86_399_999, -86_400_000, -62_198_755_200_001, 253_402_300_799_999, 253_402_300_800_000, limit, -limit, 1.5, -0.5]) {
      assert.strictEqual(isoTimeOfMs(ms), new Date(ms).toISOString(), String(ms));
    }
    fc.assert(
      fc.property(fc.integer({ min: -limit, max: limit }), fc.array(fc.integer({ min: -100_000_000, max: 100_000_000 }), { maxLength: 5 }), (ms, steps) => {
        for (const t of [ms, ...steps.map((d) => Math.max(-limit, Math.min(limit, ms + d)))]) assert.strictEqual(isoTimeOfMs(t), new Date(t).toISOString(), String(t));
      }),
      { numRuns: 2000 },
    );
    // Right after its day was written: still past the range.
    isoTimeOfMs(limit);
    assert.throws(() => isoTimeOfMs(limit + 1), RangeError);
    assert.throws(() => isoTimeOfMs(Number.NaN), RangeError);
  });
});
