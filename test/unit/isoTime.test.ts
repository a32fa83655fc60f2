import * as assert from 'assert';
import { IsoTimeError, parseIsoTime } from '../../src/live/isoTime';

describe('parseIsoTime', () => {
  it('reads ISO 8601 dates and times, with a zone or in local time', () => {
    assert.strictEqual(parseIsoTime('2026-01-31T12:00:00Z'), Date.UTC(2026, 0, 31, 12));
    assert.strictEqual(parseIsoTime('2026-01-31T13:00:00+01:00'), Date.UTC(2026, 0, 31, 12));
    assert.strictEqual(parseIsoTime(' 2024-02-29 '), Date.UTC(2024, 1, 29));
    assert.strictEqual(parseIsoTime('2026-01-31T12:00:00'), new Date(2026, 0, 31, 12).getTime());
  });

  it('gives 0 for a time before 1970, the oldest a Kafka timestamp can be', () => {
    assert.strictEqual(parseIsoTime('1900-01-01T00:00:00Z'), 0);
    assert.strictEqual(parseIsoTime('1969-12-31T23:59:59.999Z'), 0);
    assert.strictEqual(parseIsoTime('1970-01-01T00:00:00.001Z'), 1);
  });

  it('refuses a day the month does not have instead of rolling it over', () => {
    for (const text of ['2026-02-29', '2026-02-30T00:00:00Z', '2026-04-31T10:00:00Z', '2026-00-10', '2026-13-01', '2026-01-00']) {
      assert.throws(() => parseIsoTime(text), IsoTimeError, text);
    }
  });

  it('refuses what is not a date, however Date.parse would read it', () => {
    for (const text of ['', '1', 'May 5', 'yesterday', '2026-1-5', '12:00', '2026-01-31Tnoon']) {
      assert.throws(() => parseIsoTime(text), (error: Error) => error instanceof IsoTimeError && error.message.includes(`"${text}"`), text);
    }
  });
});
