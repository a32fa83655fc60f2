// Matching in a thread of its own: it finds what compileQuery finds, stops a record that takes
// longer than its budget and says which one, and close() (Cancel, Ctrl+C) ends the thread even
// in the middle of a match that would run for hours.

import * as assert from 'assert';
import fc from 'fast-check';
import { compileQuery } from '../../src/kafka/searchQuery';
import type { DecodedTexts } from '../../src/kafka/matchProtocol';
import { BatchToMatch, RecordMatcher } from '../../src/kafka/recordMatcher';
import { KafkaAccessError, SearchQuery } from '../../src/kafka/types';
import { eventually } from '../harness/eventually';

interface Part {
  readonly key?: string | Buffer | null;
  readonly value: string | Buffer | null;
  readonly headers?: readonly [string, string | null][];
}

/** Zig-zag varint as Kafka writes them (the record format of message format v2). */
function varint(n: number): Buffer {
  let zigzag = n >= 0 ? n * 2 : -n * 2 - 1;
  const bytes: number[] = [];
  while (zigzag >= 0x80) {
    bytes.push((zigzag % 0x80) | 0x80);
    zigzag = Math.floor(zigzag / 0x80);
  }
  bytes.push(zigzag);
  return Buffer.from(bytes);
}

const field = (v: string | Buffer | null | undefined) => (v === null || v === undefined ? varint(-1) : Buffer.concat([varint(Buffer.byteLength(v)), Buffer.from(v)]));

/** A batch's records section: record i has offset delta `first + i`. */
function batch(parts: readonly Part[], first = 0): BatchToMatch {
  const records = parts.map((p, i) => {
    const headers = p.headers ?? [];
    const body = Buffer.concat([Buffer.from([0]), varint(0), varint(first + i), field(p.key), field(p.value), varint(headers.length), ...headers.flatMap(([k, v]) => [field(k), field(v)])]);
    return Buffer.concat([varint(body.length), body]);
  });
  return { body: Buffer.concat(records), count: parts.length, baseOffset: 0n, lastOffset: BigInt(first + parts.length - 1), first, end: first + parts.length };
}

/** Texts for records by offset delta, laid out as the search sends them. */
function decodedTexts(offsetDeltas: number[], keys: (string | undefined)[], values: (string | undefined)[]): DecodedTexts {
  const length = (t: string | undefined) => (t === undefined ? -1 : t.length);
  const text = offsetDeltas.map((_, i) => (keys[i] ?? '') + (values[i] ?? '')).join('');
  return { offsetDeltas: Int32Array.from(offsetDeltas), keyLengths: Int32Array.from(keys.map(length)), valueLengths: Int32Array.from(values.map(length)), text };
}

/** ^(a+)+$ on this backtracks through every split of the a's: 2^30 ways, seconds; each more a doubles it. */
const CATASTROPHIC = `${'a'.repeat(30)}!`;

describe('matching records in a thread of its own', function () {
  // Thread starts on a shared machine; no assertion below depends on how long anything takes.
  this.timeout(60_000);
  const open: RecordMatcher[] = [];
  const matcher = (query: SearchQuery, budgetMs = 100) => {
    const made = new RecordMatcher(query, budgetMs);
    open.push(made);
    return made;
  };
  afterEach(async () => {
    for (const m of open.splice(0)) m.close();
  });

  it('finds exactly the records compileQuery matches, in the fields asked for, within [first, end)', async () => {
    const text = fc.oneof(fc.constantFrom('needle', 'NEEDLE', 'x', 'a-needle-7', 'é', ''), fc.string({ maxLength: 6 }));
    const part = fc.record({ key: fc.option(text, { nil: null }), value: fc.option(text, { nil: null }), headers: fc.array(fc.tuple(text, fc.option(text, { nil: null })), { maxLength: 2 }) });
    const query = fc.record({
      pattern: fc.constantFrom('needle', 'NEEDLE', 'needle-\\d', '^x$', 'é'),
      regex: fc.boolean(),
      caseSensitive: fc.boolean(),
      fields: fc.subarray(['key', 'value', 'headers'] as const, { minLength: 1 }),
    });
    await fc.assert(
      fc.asyncProperty(query, fc.array(part, { minLength: 1, maxLength: 8 }), fc.nat(3), fc.nat(3), async (q, parts, skipFirst, skipLast) => {
        const one = matcher(q);
        const whole = batch(parts, 5);
        const first = Math.min(whole.first + skipFirst, whole.end);
        const end = Math.max(first, whole.end - skipLast);
        const outcome = await one.match([{ ...whole, first, end }]);
        const compiled = compileQuery(q);
        const want = parts
          .map((p, i) => ({ delta: 5 + i, hit: compiled.matches({ key: p.key === null ? null : Buffer.from(p.key), value: p.value === null ? null : Buffer.from(p.value), headers: () => p.headers.map(([k, v]) => ({ key: k, value: v === null ? null : Buffer.from(v) })) }) }))
          .filter((r) => r.hit && r.delta >= first && r.delta < end)
          .map((r) => r.delta);
        assert.deepStrictEqual(outcome, { matches: [want], problems: {} });
        one.close();
      }),
      { numRuns: 30 },
    );
  });

  it('answers several batches in one call, and calls in turn', async () => {
    const one = matcher({ pattern: 'needle' });
    const [a, b] = await Promise.all([
      one.match([batch([{ value: 'no' }, { value: 'a needle' }]), batch([{ value: 'NEEDLE' }], 9)]),
      one.match([batch([{ value: 'nothing' }])]),
    ]);
    assert.deepStrictEqual([a, b], [{ matches: [[1], [9]], problems: {} }, { matches: [[]], problems: {} }]);
  });

  it('stops a record whose match takes longer than the budget, and says which one', async () => {
    const one = matcher({ pattern: '^(a+)+$', regex: true }, 100);
    const outcome = await one.match([batch([{ value: 'aaaa' }]), batch([{ value: 'fine' }, { value: CATASTROPHIC }, { value: 'never reached' }], 40)]);
    assert.deepStrictEqual(outcome, { overBudget: { batch: 1, offsetDelta: 41 } });
    // Closed by it: later calls answer nothing.
    assert.strictEqual(await one.match([batch([{ value: 'aaaa' }])]), undefined);
  });

  it('stops the text shortcut over a batch that takes longer than the budget of its records', async () => {
    // A literal search is (text length) × (value length) on repetitive data: seconds here.
    const one = matcher({ pattern: `${'a'.repeat(3_000)}b` }, 10);
    const outcome = await one.match([batch([{ value: 'a'.repeat(1_000_000) }], 7)]);
    assert.deepStrictEqual(outcome, { overBudget: { batch: 0, offsetDelta: undefined } });
  });

  it('ends the thread on close() in the middle of a match that would run for hours', async () => {
    const one = matcher({ pattern: '^(a+)+$', regex: true }, 60_000);
    const heard: [number, number][] = [];
    const pending = one.match([batch([{ value: 'aaa' }, { value: `${'a'.repeat(45)}!` }], 3)], (b, delta) => heard.push([b, delta]));
    // Told, as progress, that the thread is on the slow record.
    await eventually('the thread to be on the slow record', async () => (heard.some(([b, delta]) => b === 0 && delta === 4) ? true : undefined));
    one.close();
    // Settles on the thread's exit event: without terminating it, not for hours.
    await one.exited;
    assert.strictEqual(await pending, undefined);
  });

  it('says so when V8 cannot run the pattern, without repeating it', async () => {
    const one = matcher({ pattern: 'x'.repeat(200_000) + '|y'.repeat(1), regex: true });
    await assert.rejects(one.match([batch([{ value: 'y' }])]), (error: unknown) => {
      assert.ok(error instanceof KafkaAccessError, String(error));
      assert.strictEqual(error.cause_, 'invalid-request');
      assert.match(error.message, /^Could not search: JavaScript cannot run this pattern: Regular expression too large\. Search for something shorter\.$/);
      return true;
    });
  });

  it('reports a corrupt batch as the decoder words it, and matches the other batches', async () => {
    const one = matcher({ pattern: 'x', regex: true });
    const good = batch([{ value: 'x' }]);
    const outcome = await one.match([{ ...good, body: good.body.subarray(0, good.body.length - 2) }, good]);
    assert.ok(outcome && 'matches' in outcome, JSON.stringify(outcome));
    assert.deepStrictEqual(Object.keys(outcome.problems), ['0']);
    assert.match(outcome.problems[0], /^The batch at offset 0 is corrupt: it claims 1 records in \d+ bytes\.$/);
    assert.deepStrictEqual(outcome.matches, [[], [0]]);
  });

  it('matches the decoded text given for a record in place of its bytes, the bytes where none is given, within the budget', async () => {
    // Bytes that hold none of the words searched for: no text shortcut may skip the batch.
    const raw = batch([{ key: 'k0', value: '\u0002\u0008c-42' }, { key: 'k1', value: 'raw c-42' }, { key: 'k2', value: '\u0004' }, { key: 'k3', value: 'x' }], 10);
    const texts = decodedTexts([10, 12, 13], [undefined, '{\n  "id": "c-42"\n}', undefined], ['{\n  "customer": "c-42"\n}', '{\n  "n": 2\n}', undefined]);
    const field = (pattern: string, fields: ('key' | 'value')[], regex = false) => matcher({ pattern, fields, regex }).match([{ ...raw, texts }]);
    assert.deepStrictEqual(await field('"customer": "c-42"', ['value']), { matches: [[10]], problems: {} });
    // Record 11 has no text: its bytes; record 12's value is its text, not its bytes.
    assert.deepStrictEqual(await field('c-42', ['value']), { matches: [[10, 11]], problems: {} });
    assert.deepStrictEqual(await field('c-42', ['key']), { matches: [[12]], problems: {} });
    assert.deepStrictEqual(await field('"n": \\d', ['value'], true), { matches: [[12]], problems: {} });
    // Without texts the same bytes hold no "customer".
    assert.deepStrictEqual(await matcher({ pattern: 'customer' }).match([raw]), { matches: [[]], problems: {} });
    // The budget is per record on the decoded text too.
    const slow = decodedTexts([11], [undefined], [`${'a'.repeat(30)}!`]);
    assert.deepStrictEqual(await matcher({ pattern: '^(a+)+$', regex: true }, 100).match([{ ...raw, texts: slow }]), { overBudget: { batch: 0, offsetDelta: 11 } });
  });
});
