// The record-batch decoder and the read_committed rule, on batches written here in Kafka's
// format v2 (https://kafka.apache.org/documentation/#recordbatch). The real-broker check of the
// same code is test/kafka/readCommitted.test.ts, against Kafka's own Java consumer.

import * as assert from 'assert';
import fc from 'fast-check';
import { decompressRecords } from '../../src/kafka/wire/compression';
import { decodeBytes, decodeHeaders, timestampFields, timestampText } from '../../src/kafka/decode';
import { readCommitted } from '../../src/kafka/fetch';
import { crc32c } from '../../src/kafka/wire/crc32c';
import { decodeRecordBatches as decodeWithBudget } from '../../src/kafka/wire/recordBatch';
import { encodeRecordBatch } from '../../src/kafka/wire/recordBatchEncoder';
import { terminalText } from '../../src/cli/terminalText';
import { encodeBatch, plainRecord as plain, TestRecord } from '../harness/recordBatches';

const decodeRecordBatches = (bytes: Buffer) => decodeWithBudget(bytes, decompressRecords, { limit: 64 * 1024 * 1024, left: 64 * 1024 * 1024 });
const marker = (abort: boolean): TestRecord => ({ offsetDelta: 0, timestampDelta: 0n, key: Buffer.from([0, 0, 0, abort ? 0 : 1]), value: Buffer.alloc(6), headers: [] });

describe('record batches (format v2)', () => {
  it('decodes any record: keys, values and headers byte for byte, in order, timestamps as 64-bit sums', async () => {
    const bytes = fc.option(fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)), { nil: null });
    const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    const record = fc.record({
      timestampDelta: int64,
      key: bytes,
      value: bytes,
      headers: fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'é', ''), value: bytes }), { maxLength: 5 }),
    });
    await fc.assert(
      fc.asyncProperty(int64, fc.array(record, { minLength: 1, maxLength: 5 }), fc.boolean(), async (baseTimestamp, records, gzip) => {
        const batch = { baseOffset: 100n, baseTimestamp, gzip, records: records.map((r, i) => ({ ...r, offsetDelta: i })) };
        const [decoded] = await decodeRecordBatches(encodeBatch(batch));
        assert.strictEqual(decoded.records.length, records.length);
        decoded.records.forEach((got, i) => {
          const want = records[i];
          assert.strictEqual(got.offset, 100n + BigInt(i));
          assert.strictEqual(got.timestamp, BigInt.asIntN(64, baseTimestamp + want.timestampDelta));
          assert.deepStrictEqual([got.key, got.value], [want.key, want.value]);
          assert.deepStrictEqual(got.headers, want.headers.map((h) => ({ key: h.key, value: h.value })));
          // What a peek makes of it for display never fails, and nothing unsafe reaches a terminal.
          const shown = [decodeBytes(got.key), decodeBytes(got.value), ...decodeHeaders(got.headers).map((h) => h.value)];
          // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
          for (const d of shown) if (d) assert.doesNotMatch(terminalText(d.text, { keepNewlines: true }), /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
          assert.ok(timestampText(timestampFields(got.timestamp)));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('leaves out a batch cut off at the end of the response', async () => {
    const whole = Buffer.concat([encodeBatch({ baseOffset: 0n, records: [plain(0)] }), encodeBatch({ baseOffset: 1n, records: [plain(0)] })]);
    for (let cut = 0; cut < whole.length; cut++) {
      const batches = await decodeRecordBatches(whole.subarray(0, cut));
      assert.strictEqual(batches.length, cut < whole.length / 2 ? 0 : 1, `cut at ${cut}`);
    }
  });

  it('says a corrupt batch is corrupt, on that batch, instead of failing somewhere else', async () => {
    const batch = encodeBatch({ baseOffset: 0n, records: [plain(0)] });
    batch.writeInt32BE(5, 57); // claims five records, holds one
    const [decoded, next] = await decodeRecordBatches(Buffer.concat([batch, encodeBatch({ baseOffset: 1n, records: [plain(0)] })]));
    assert.deepStrictEqual([decoded.records, decoded.problem], [[], 'The batch at offset 0 is corrupt: it claims 5 records in 9 bytes.']);
    assert.deepStrictEqual([next.problem, next.records.map((r) => r.offset)], [undefined, [1n]]);
  });
});

describe('read_committed', () => {
  it('hides aborted transactions and markers, as the Java consumer does', async () => {
    // Offsets: 0-1 committed (2 commit marker), 3-4 aborted (5 abort marker), 6 plain, 7 committed (8 marker).
    const batches = await decodeRecordBatches(
      Buffer.concat([
        encodeBatch({ baseOffset: 0n, producerId: 7n, transactional: true, records: [plain(0), plain(1)] }),
        encodeBatch({ baseOffset: 2n, producerId: 7n, transactional: true, control: true, records: [marker(false)] }),
        encodeBatch({ baseOffset: 3n, producerId: 7n, transactional: true, records: [plain(0, 'x'), plain(1, 'y')] }),
        encodeBatch({ baseOffset: 5n, producerId: 7n, transactional: true, control: true, records: [marker(true)] }),
        encodeBatch({ baseOffset: 6n, records: [plain(0)] }),
        encodeBatch({ baseOffset: 7n, producerId: 7n, transactional: true, records: [plain(0)] }),
        encodeBatch({ baseOffset: 8n, producerId: 7n, transactional: true, control: true, records: [marker(false)] }),
      ]),
    );
    const aborted = [{ producerId: 7n, firstOffset: 3n }];
    const all = readCommitted(batches, aborted, 0n);
    assert.deepStrictEqual(all.records.map((r) => r.offset), [0n, 1n, 6n, 7n]);
    assert.deepStrictEqual([all.hidden, all.nextOffset], [5, 9n]);
    // From inside the aborted transaction: the list still names it, so it stays hidden.
    assert.deepStrictEqual(readCommitted(batches.slice(3), aborted, 4n).records.map((r) => r.offset), [6n, 7n]);
  });

  it('sees the same from an offset whether the records before it were decoded or only counted', async () => {
    // Offsets: 0-1 committed (2 commit marker), 3-4 aborted (5 abort marker), 6 plain, 7-9 committed (10 marker), 11-13 plain, gzip.
    const bytes = Buffer.concat([
      encodeBatch({ baseOffset: 0n, producerId: 7n, transactional: true, records: [plain(0), plain(1)] }),
      encodeBatch({ baseOffset: 2n, producerId: 7n, transactional: true, control: true, records: [marker(false)] }),
      encodeBatch({ baseOffset: 3n, producerId: 7n, transactional: true, records: [plain(0, 'x'), plain(1, 'y')] }),
      encodeBatch({ baseOffset: 5n, producerId: 7n, transactional: true, control: true, records: [marker(true)] }),
      encodeBatch({ baseOffset: 6n, records: [plain(0)] }),
      encodeBatch({ baseOffset: 7n, producerId: 7n, transactional: true, records: [plain(0), plain(1), plain(2)] }),
      encodeBatch({ baseOffset: 10n, producerId: 7n, transactional: true, control: true, records: [marker(false)] }),
      encodeBatch({ baseOffset: 11n, gzip: true, records: [plain(0), plain(1), plain(2)] }),
    ]);
    const aborted = [{ producerId: 7n, firstOffset: 3n }];
    const whole = await decodeRecordBatches(bytes);
    const budget = () => ({ limit: 64 * 1024 * 1024, left: 64 * 1024 * 1024 });
    for (let from = 0n; from <= 15n; from++) {
      const tail = await decodeWithBudget(bytes, decompressRecords, budget(), from);
      assert.deepStrictEqual(readCommitted(tail, aborted, from), readCommitted(whole, aborted, from), `from ${from}`);
      // Every record is either decoded (at or after `from`, or in a control batch) or counted.
      assert.deepStrictEqual(
        tail.map((b) => [b.baseOffset, b.records.map((r) => r.offset), b.undecoded ?? 0]),
        whole.map((b) => {
          const kept = b.control ? b.records : b.records.filter((r) => r.offset >= from);
          return [b.baseOffset, kept.map((r) => r.offset), b.records.length - kept.length];
        }),
        `from ${from}`,
      );
    }
  });

  it('still finds a corrupt record before the offset it decodes from, and neither decompresses nor reads a batch that ends before it', async () => {
    const broken = encodeBatch({ baseOffset: 0n, records: [{ ...plain(0), headers: [{ key: 'h', value: null }] }, plain(1)] });
    // The first record's one header key length (1, zig-zag 2) made -2: corrupt.
    const at = broken.indexOf(Buffer.from([2, 0x68]), 61);
    broken.writeInt8(3, at);
    const [problem] = await decodeWithBudget(broken, decompressRecords, { limit: 1 << 20, left: 1 << 20 }, 1n);
    const [expected] = await decodeRecordBatches(broken);
    assert.ok(expected.problem?.includes('record 0 of 2'), expected.problem);
    assert.strictEqual(problem.problem, expected.problem);
    // Data that does not decompress, in a batch wholly before `from`: counted, never read.
    const garbage = encodeBatch({ baseOffset: 0n, lastOffsetDelta: 4, count: 5, records: [], section: { codec: 1, bytes: Buffer.from('not gzip at all') } });
    const [skipped, next] = await decodeWithBudget(Buffer.concat([garbage, encodeBatch({ baseOffset: 5n, records: [plain(0)] })]), decompressRecords, { limit: 1 << 20, left: 1 << 20 }, 5n);
    assert.deepStrictEqual([skipped.problem, skipped.records, skipped.undecoded], [undefined, [], 5]);
    assert.deepStrictEqual(next.records.map((r) => r.offset), [5n]);
  });

  it('steps past a batch emptied by compaction to its last offset', async () => {
    const batches = await decodeRecordBatches(encodeBatch({ baseOffset: 10n, lastOffsetDelta: 9, records: [] }));
    assert.deepStrictEqual(readCommitted(batches, [], 10n), { records: [], hidden: 0, nextOffset: 20n });
  });
});

describe('text for a terminal', () => {
  it('escapes every control character, keeping tabs and, where asked, line breaks', () => {
    assert.strictEqual(terminalText('a\u001b]0;pwned\u0007b'), 'a\\x1b]0;pwned\\x07b');
    assert.strictEqual(terminalText('l1\nl2\r\u009b\u202e\t'), 'l1\\x0al2\\x0d\\x9b\\u202e\t');
    assert.strictEqual(terminalText('l1\nl2', { keepNewlines: true }), 'l1\nl2');
  });

  it('reads back what the Produce encoder writes: keys, values, repeated and null headers in order, and a CRC-32C over the attributes onwards', async () => {
    const messages = [
      { key: 'k', value: Buffer.from([0, 255]), headers: [{ key: 'a', value: '1' }, { key: 'b', value: null }, { key: 'a', value: Buffer.from('3') }] },
      { key: null, value: null, headers: [] },
      { key: '', value: 'é'.repeat(100), headers: [{ key: '10', value: '' }] },
    ];
    const bytes = encodeRecordBatch(messages);
    const [batch] = await decodeRecordBatches(bytes);
    assert.strictEqual(batch.problem, undefined);
    assert.deepStrictEqual([batch.baseOffset, batch.lastOffset, batch.producerId, batch.transactional, batch.control], [0n, 2n, -1n, false, false]);
    const buf = (v: string | Buffer | null) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v);
    assert.deepStrictEqual(
      batch.records.map((r) => [r.offset, r.key, r.value, r.headers]),
      messages.map((m, i) => [BigInt(i), buf(m.key), buf(m.value), m.headers.map((h) => ({ key: h.key, value: buf(h.value) }))]),
    );
    // CRC-32C (Castagnoli) of "123456789" is 0xe3069283; the batch's sits at byte 17.
    assert.strictEqual(crc32c(Buffer.from('123456789')), 0xe3069283);
    assert.strictEqual(bytes.readUInt32BE(17), crc32c(bytes.subarray(21)));
  });

  it('encodes a value given as bytes of a larger buffer, and records past the builder\'s first buffer, as the same bytes alone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.uint8Array({ maxLength: 9000 }), fc.nat(20), fc.nat(20)), { minLength: 1, maxLength: 12 }), async (parts) => {
        const sliced = parts.map(([bytes, before, after]) => {
          const around = Buffer.concat([Buffer.alloc(before, 0x61), bytes, Buffer.alloc(after, 0x62)]);
          return { key: 'k', value: around, valueStart: before, valueEnd: before + bytes.length };
        });
        const alone = parts.map(([bytes]) => ({ key: 'k', value: Buffer.from(bytes) }));
        const [fromSlices] = await decodeRecordBatches(encodeRecordBatch(sliced));
        const [fromBuffers] = await decodeRecordBatches(encodeRecordBatch(alone));
        assert.strictEqual(fromSlices.problem, undefined);
        assert.deepStrictEqual(fromSlices.records.map((r) => r.value), alone.map((m) => m.value));
        const fields = (records: typeof fromSlices.records) => records.map((r) => [r.offset, r.key, r.value, r.headers]);
        assert.deepStrictEqual(fields(fromSlices.records), fields(fromBuffers.records));
      }),
      { numRuns: 50 },
    );
  });

  it('computes the CRC-32C kafkajs computes, for any bytes at any length', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' byte-at-a-time CRC-32C as the reference
    const reference = require('kafkajs/src/protocol/recordBatch/crc32C') as (buffer: Buffer) => number;
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => assert.strictEqual(crc32c(bytes), reference(Buffer.from(bytes)))));
  });
});
