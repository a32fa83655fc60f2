import * as assert from 'assert';
import { groupDigits, plural } from '../../src/text/count';
import { DAY, durationLabel, durationText, durationWords, HOUR, MINUTE, parseDuration, SECOND, typedDuration } from '../../src/text/duration';
import { asError, describeError } from '../../src/text/error';
import { looksLikeJson, prettyJson, strictJsonProblem } from '../../src/text/json';

describe('digit grouping: one rule for every count, offset and lag', () => {
  it('groups numbers, bigints and decimal strings alike, commas every three digits', () => {
    assert.deepStrictEqual([0, 999, 1000, 1234567, -1234567].map(groupDigits), ['0', '999', '1,000', '1,234,567', '-1,234,567']);
    assert.deepStrictEqual([0n, 1000n, 9223372036854775807n].map(groupDigits), ['0', '1,000', '9,223,372,036,854,775,807']);
    assert.deepStrictEqual(['306', ' 14000 ', '-1500'].map(groupDigits), ['306', '14,000', '-1,500']);
  });

  it('keeps every digit of a lag past 2^53, where Number(lag) rounded', () => {
    assert.strictEqual(groupDigits('12345678901234567891'), '12,345,678,901,234,567,891');
    assert.notStrictEqual(Number('12345678901234567891').toLocaleString('en-US'), '12,345,678,901,234,567,891');
  });

  it('keeps a fraction as written and leaves what is not a decimal number alone', () => {
    assert.deepStrictEqual([1234.5, 1.43, 1048.58].map(groupDigits), ['1,234.5', '1.43', '1,048.58']);
    assert.deepStrictEqual([NaN, Infinity, 1e21].map(groupDigits), ['NaN', 'Infinity', '1e+21']);
    assert.deepStrictEqual(['abc', '1e3', '', '0x10'].map(groupDigits), ['abc', '1e3', '', '0x10']);
  });

  it('counts in words: one, many, and an irregular plural', () => {
    assert.deepStrictEqual([plural(1, 'message'), plural(10_000, 'message'), plural(2, 'match', 'matches'), plural(1n, 'replica'), plural(3000n, 'byte')], ['1 message', '10,000 messages', '2 matches', '1 replica', '3,000 bytes']);
  });
});

describe('durations: one table of units, every vocabulary', () => {
  it('has the lengths Kafka uses (ms)', () => {
    assert.deepStrictEqual([SECOND, MINUTE, HOUR, DAY], [1_000, 60_000, 3_600_000, 86_400_000]);
  });

  it('lag in time keeps its two largest units; a day is a word', () => {
    assert.deepStrictEqual([59_999, 10 * MINUTE + 59 * SECOND, 2 * DAY + 30 * MINUTE, 1000 * DAY].map(durationText), ['59 s', '10 min', '2 days', '1,000 days']);
  });

  it('a setting in words is exact, every unit', () => {
    assert.deepStrictEqual([0n, 1n, 90_061_001n, 604_800_000n, 2n * 86_400_000n + 1_000n, -60_000n].map(durationWords), ['0 ms', '1 ms', '1 day 1 hour 1 minute 1 second 1 ms', '7 days', '2 days 1 second', '-1 minute']);
    assert.strictEqual(durationWords(1_000n * 86_400_000n), '1,000 days');
  });

  it('what a person types reads back exactly', () => {
    for (const ms of [1n, 999n, 60_000n, 5_400_000n, 90_061_001n, 604_800_000n, 9_223_372_036_854_775_807n]) {
      assert.strictEqual(parseDuration(typedDuration(ms)), ms, typedDuration(ms));
    }
    assert.deepStrictEqual([604_800_000n, 5_400_000n, 0n, -5n].map(typedDuration), ['7d', '1h 30m', '', '']);
  });

  it('parses units, spaces and case; a bare number is ms; nothing else', () => {
    assert.deepStrictEqual(['7d', '12H', '1h 30m', '2d3h4m5s6ms', ' 500 ms ', '45s', '-1', '0'].map(parseDuration), [604_800_000n, 43_200_000n, 5_400_000n, 183_845_006n, 500n, 45_000n, -1n, 0n]);
    for (const text of ['', 'd', '7x', '7 weeks', '1.5h', 'm5', '1 000', '5mss', '-1h']) assert.strictEqual(parseDuration(text), undefined, text);
  });

  it('a round width in the largest unit it reaches', () => {
    assert.deepStrictEqual([0, 1, 500, 15_000, 90_000, 30 * MINUTE, 12 * HOUR, 7 * DAY].map(durationLabel), ['0 ms', '1 ms', '500 ms', '15 s', '1.5 min', '30 min', '12 h', '7 d']);
  });
});

describe('JSON as text', () => {
  it('strict JSON is what JSON.parse takes: no comments, no trailing commas', () => {
    assert.strictEqual(strictJsonProblem('{"a": [1, 2]}'), undefined);
    assert.strictEqual(strictJsonProblem('12'), undefined);
    for (const text of ['{"a": 1,}', '{"a": 1} // note', "{'a': 1}", '']) assert.ok(strictJsonProblem(text), text);
  });

  it('tells what looks like JSON', () => {
    assert.deepStrictEqual([looksLikeJson('  {'), looksLikeJson('[1]'), looksLikeJson('12'), looksLikeJson('"x"')], [true, true, false, false]);
  });

  it('re-indents objects and arrays without changing a digit or dropping a repeated key', () => {
    assert.strictEqual(prettyJson('{"n":12345678901234567890,"x":1.10,"k":1,"k":2}'), '{\n  "n": 12345678901234567890,\n  "x": 1.10,\n  "k": 1,\n  "k": 2\n}');
    assert.strictEqual(prettyJson('[1,[2]]'), '[\n  1,\n  [\n    2\n  ]\n]');
    assert.deepStrictEqual([prettyJson('12'), prettyJson('{"a":1,}'), prettyJson('"{}"')], [undefined, undefined, undefined]);
  });
});

describe('errors as text', () => {
  it('an Error by its message, anything else as String writes it', () => {
    assert.deepStrictEqual([describeError(new Error('broker down')), describeError('plain'), describeError(42), describeError(undefined)], ['broker down', 'plain', '42', 'undefined']);
    const error = new TypeError('bad');
    assert.strictEqual(asError(error), error);
    assert.deepStrictEqual([asError('gone') instanceof Error, asError('gone').message], [true, 'gone']);
  });
});
