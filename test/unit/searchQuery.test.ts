// What a search matches, and the shortcut that skips batches: a batch the shortcut skips must
// hold no record that matches, whatever the bytes around the record's fields.

import * as assert from 'assert';
import fc from 'fast-check';
import { compileQuery, RecordParts, shownPattern } from '../../src/kafka/searchQuery';
import { searchFromView, searchStatus } from '../../src/messageView/search';
import { KafkaAccessError, SearchQuery } from '../../src/kafka/types';

const parts = (value: string | Buffer | null, key: string | null = null, headers: [string, string | null][] = []): RecordParts => ({
  key: key === null ? null : Buffer.from(key),
  value: value === null ? null : Buffer.from(value),
  headers: () => headers.map(([k, v]) => ({ key: k, value: v === null ? null : Buffer.from(v) })),
});

describe('search queries', () => {
  it('matches text in any case by default, as written with caseSensitive', () => {
    assert.strictEqual(compileQuery({ pattern: 'Order' }).matches(parts('an ORDER')), true);
    assert.strictEqual(compileQuery({ pattern: 'Order', caseSensitive: true }).matches(parts('an ORDER')), false);
    assert.strictEqual(compileQuery({ pattern: 'a.b' }).matches(parts('axb')), false, 'text is not a pattern');
  });

  it('looks only in the fields asked for, headers by name and value', () => {
    const record = parts('v', 'k-needle', [['needle-name', null], ['x', 'needle-value']]);
    assert.strictEqual(compileQuery({ pattern: 'needle', fields: ['value'] }).matches(record), false);
    assert.strictEqual(compileQuery({ pattern: 'needle', fields: ['key'] }).matches(record), true);
    assert.strictEqual(compileQuery({ pattern: 'needle-name', fields: ['headers'] }).matches(record), true);
    assert.strictEqual(compileQuery({ pattern: 'needle-value', fields: ['headers'] }).matches(record), true);
  });

  it('matches binary values through their UTF-8 decoding', () => {
    const binary = Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from('needle'), Buffer.from([0xc3])]);
    assert.strictEqual(compileQuery({ pattern: 'NEEDLE' }).matches(parts(binary)), true);
    assert.strictEqual(compileQuery({ pattern: '^\ufffd\u0000needle\ufffd$', regex: true }).matches(parts(binary)), true);
  });

  it('takes regular expressions case-sensitive, with the u flag when they allow it', () => {
    assert.strictEqual(compileQuery({ pattern: '^id-\\d+$', regex: true }).matches(parts('id-42')), true);
    assert.strictEqual(compileQuery({ pattern: '^ID', regex: true }).matches(parts('id-42')), false);
    assert.strictEqual(compileQuery({ pattern: '^ID', regex: true, caseSensitive: false }).matches(parts('id-42')), true);
    assert.strictEqual(compileQuery({ pattern: 'a\\-b', regex: true }).matches(parts('a-b')), true, 'valid only without u');
  });

  it('refuses an empty pattern, a bad regular expression and no fields', () => {
    const refused = (query: SearchQuery, message: RegExp) => assert.throws(() => compileQuery(query), (e: unknown) => e instanceof KafkaAccessError && e.cause_ === 'invalid-request' && message.test(e.message));
    refused({ pattern: '' }, /^Could not search: the text to find is empty\.$/);
    refused({ pattern: '(', regex: true }, /^Could not search: "\(" is not a regular expression: /);
    refused({ pattern: 'x', fields: [] }, /^Could not search: no field to search/);
  });

  it('never skips a batch that holds a matching record, for text in either case', () => {
    const field = fc.oneof(fc.string(), fc.uint8Array({ maxLength: 12 }).map((a) => Buffer.from(a).toString('latin1')));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.string({ minLength: 1, maxLength: 4 }), fc.uint8Array({ maxLength: 8 }), fc.boolean(), field, (before, needle, after, caseSensitive, rest) => {
        const value = Buffer.concat([Buffer.from(rest, 'latin1'), Buffer.from(needle), Buffer.from(rest.slice(0, 2), 'latin1')]);
        const query = compileQuery({ pattern: needle, caseSensitive });
        const record = parts(value);
        if (!query.matches(record)) return;
        // The record's bytes inside a batch, with arbitrary framing bytes around them.
        assert.ok(query.mayMatch(Buffer.concat([Buffer.from(before), value, Buffer.from(after)])), `skipped a batch holding ${value.toString('hex')}`);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('a pattern quoted in a message', () => {
  it('is whole up to 100 characters, and cut with its length past that', () => {
    assert.strictEqual(shownPattern('^(a+)+$'), '^(a+)+$');
    assert.strictEqual(shownPattern('x'.repeat(100)), 'x'.repeat(100));
    assert.strictEqual(shownPattern('(?:x|y)'.repeat(15_000)), `${'(?:x|y)'.repeat(15_000).slice(0, 100)}… (105,000 characters)`);
  });

  it('is cut where a regular expression is refused, V8\'s own words included', () => {
    const pattern = `${'(?:x|y)'.repeat(15_000)}(`;
    assert.throws(() => compileQuery({ pattern, regex: true }), (error: unknown) => {
      assert.ok(error instanceof KafkaAccessError);
      assert.strictEqual(error.message, `Could not search: "${shownPattern(pattern)}" is not a regular expression: /${shownPattern(pattern)}/: Unterminated group.`);
      return true;
    });
  });
});

describe('the message view\'s search', () => {
  const view = { type: 'search' as const, pattern: 'x', regex: false, caseSensitive: false, fields: ['value' as const], limit: 50 };

  it('turns the view\'s request into a search, or says what is wrong', () => {
    assert.deepStrictEqual(searchFromView('t', { ...view, from: '2026-01-31T12:00:00.000Z', partition: 2 }), {
      topic: 't', pattern: 'x', regex: false, caseSensitive: false, fields: ['value'], fromTimestamp: Date.UTC(2026, 0, 31, 12), toTimestamp: undefined, partitions: [2], limit: 50,
    });
    assert.deepStrictEqual(searchFromView('t', { ...view, pattern: ' ' }), { problem: 'Enter text to search for.' });
    assert.deepStrictEqual(searchFromView('t', { ...view, fields: [] }), { problem: 'Choose where to search: key, value or headers.' });
    assert.deepStrictEqual(searchFromView('t', { ...view, from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }), { problem: 'The end of the time range must come after its start.' });
    assert.match((searchFromView('t', { ...view, regex: true, pattern: '[' }) as { problem: string }).problem, /^"\[" is not a regular expression: /);
  });

  it('says how far a search is and why it stopped', () => {
    assert.strictEqual(searchStatus({ pattern: 'order' }, { read: 41_200, total: 100_000, matches: 3 }), 'Searching for "order": 41,200 of 100,000 messages (41%) · 3 matches');
    assert.strictEqual(searchStatus({ pattern: 'o+', regex: true }, { read: 100_000, total: 100_000, matches: 1 }, 'end'), '/o+/: 1 match in 100,000 messages · searched the whole range');
    assert.strictEqual(searchStatus({ pattern: 'o' }, { read: 5, total: 10, matches: 0 }, 'cancelled'), '"o": 0 matches in 5 of 10 messages · cancelled');
    // The search's own limit, stated where it stopped the search.
    assert.strictEqual(searchStatus({ pattern: 'o', limit: 20 }, { read: 5_000, total: 300_000, matches: 20 }, 'limit'), '"o": 20 matches in 5,000 of 300,000 messages · stopped at the limit of 20 matches (raise Matches to find more)');
    const held = { read: 3, total: 3, matches: 1, partitions: [{ partition: 0, from: '0', to: '2', high: '5', lastStable: '2', read: 2, total: 2 }, { partition: 1, from: '0', to: '1', high: '1', lastStable: '1', read: 1, total: 1 }] };
    assert.strictEqual(searchStatus({ pattern: 'o' }, held, 'end'), '"o": 1 match in 3 messages · searched to the last stable offset; partition 0 is held at offset 2 by an open transaction: 3 records (offsets 2 to 4) wait until it commits or aborts');
  });
});
