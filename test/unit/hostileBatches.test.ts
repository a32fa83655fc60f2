// What a broken or hostile broker can send: lengths that cannot be, and compressed batches
// that expand a thousand times or claim to. The decoder answers each with a `corrupt` error or
// a batch whose `problem` says what and where; never another exception, never gigabytes.
// Whole peeks and searches against such a broker: test/kafka/hostileBroker.test.ts.

import * as assert from 'assert';
import fc from 'fast-check';
import { decompressionBudget, decompressRecords } from '../../src/kafka/wire/compression';
import { DISPLAY_LIMIT, decodeBytes, WHOLE_DECODE_LIMIT } from '../../src/kafka/decode';
import { decodeRecordBatches, isCorrupt, RecordBatch } from '../../src/kafka/wire/recordBatch';
import { problemRecord } from '../../src/kafka/fetch';
import { toPeeked } from '../../src/kafka/peek';
import { KafkaAccessError } from '../../src/kafka/types';
import { jsonLine, textBlock } from '../../src/cli/kafka/peek';
import { messagesAsJson } from '../../src/kafka/messageJson';
import { peekRow } from '../../src/messageView/rows';
import {
  encodeBatch,
  encodeRecord,
  gzipOfZeros,
  int16,
  int32,
  int64,
  lz4DeclaredSize,
  lz4MatchBomb,
  manyHeadersBomb,
  plainRecord,
  SNAPPY_2_GIB,
  TestRecord,
  tinyRecordsBomb,
  varlong,
  zstdRaw,
  zstdRleBomb,
} from '../harness/recordBatches';
import { decodeFetchResponse } from '../../src/kafka/wire/fetch';

const MiB = 1024 * 1024;
/** What a peek allows one partition's answer: it asks for at most 1 MiB. */
const PEEK_BUDGET = decompressionBudget(MiB);

const decode = (bytes: Buffer, limit = PEEK_BUDGET, left = limit) => decodeRecordBatches(bytes, decompressRecords, { limit, left });

/** A record whose bytes after the offset delta are `tail`, for lengths no encoder writes. */
function rawRecord(tail: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from([0]), varlong(0n), varlong(0n), tail]);
  return Buffer.concat([varlong(BigInt(body.length)), body]);
}

function batchOf(records: Buffer, count = 1): Buffer {
  return encodeBatch({ baseOffset: 40n, records: [], count, section: { codec: 0, bytes: records } });
}

async function problemOf(bytes: Buffer): Promise<string | undefined> {
  const batches = await decode(bytes);
  assert.strictEqual(batches.length, 1);
  assert.deepStrictEqual(batches[0].records, []);
  return batches[0].problem;
}

describe('hostile broker answers: lengths', () => {
  it('a negative or too-short batch length is a problem on that batch, not a RangeError', async () => {
    for (const length of [-1, -2_000_000_000, 0, 10, 48]) {
      const batch = encodeBatch({ baseOffset: 7n, records: [plainRecord(0)] });
      batch.writeInt32BE(length, 8);
      assert.strictEqual(
        await problemOf(batch),
        `The broker sent a corrupt batch at offset 7: its length is ${length} bytes, less than the 49 of a batch header (byte 0 of the answer). Nothing after it in this answer can be read.`,
      );
    }
  });

  it('a key or value length below -1 is corrupt, not null; -1 is null', async () => {
    const nulls = await decode(batchOf(rawRecord(Buffer.concat([varlong(-1n), varlong(-1n), varlong(0n)]))));
    assert.deepStrictEqual([nulls[0].problem, nulls[0].records[0].key, nulls[0].records[0].value], [undefined, null, null]);
    assert.strictEqual(await problemOf(batchOf(rawRecord(Buffer.concat([varlong(-2n), varlong(-1n), varlong(0n)])))), "The batch at offset 40 is corrupt: record 0 of 1: the key's length is -2; only -1 (null) is below 0.");
    assert.strictEqual(await problemOf(batchOf(rawRecord(Buffer.concat([varlong(-1n), varlong(-7n), varlong(0n)])))), "The batch at offset 40 is corrupt: record 0 of 1: the value's length is -7; only -1 (null) is below 0.");
  });

  it('a null header key, a header count past the bytes, and bytes left over are corrupt', async () => {
    const header = (key: bigint) => Buffer.concat([varlong(-1n), varlong(-1n), varlong(1n), varlong(key), varlong(-1n)]);
    assert.strictEqual(await problemOf(batchOf(rawRecord(header(-1n)))), "The batch at offset 40 is corrupt: record 0 of 1: header 0's key is null.");
    assert.strictEqual(
      await problemOf(batchOf(rawRecord(Buffer.concat([varlong(-1n), varlong(-1n), varlong(2_000_000_000n), Buffer.alloc(4)])))),
      'The batch at offset 40 is corrupt: record 0 of 1: its header count is 2000000000 with 4 bytes left.',
    );
    assert.strictEqual(await problemOf(batchOf(rawRecord(Buffer.concat([varlong(-1n), varlong(-1n), varlong(0n), Buffer.from('xy')])))), 'The batch at offset 40 is corrupt: record 0 of 1: 2 bytes follow its 0 headers.');
  });

  it('a record count that the bytes cannot hold, or a negative one, is corrupt before anything is read', async () => {
    const one = encodeRecord(plainRecord(0));
    assert.strictEqual(await problemOf(batchOf(one, 2_147_483_647)), `The batch at offset 40 is corrupt: it claims 2147483647 records in ${one.length} bytes.`);
    assert.strictEqual(await problemOf(batchOf(one, -1)), `The batch at offset 40 is corrupt: it claims -1 records in ${one.length} bytes.`);
  });

  it('the batches before a broken one are kept', async () => {
    const broken = encodeBatch({ baseOffset: 9n, records: [plainRecord(0)] });
    broken.writeInt32BE(-5, 8);
    const batches = await decode(Buffer.concat([encodeBatch({ baseOffset: 8n, records: [plainRecord(0)] }), broken, encodeBatch({ baseOffset: 10n, records: [plainRecord(0)] })]));
    assert.deepStrictEqual(
      batches.map((b) => [b.baseOffset, b.records.length, b.problem !== undefined]),
      [
        [8n, 1, false],
        [9n, 0, true],
      ],
    );
  });
});

/** A Fetch v11 answer for one partition holding `records` (null: none). */
function fetchAnswer(records: Buffer | null, options: { size?: number; aborted?: number } = {}): Buffer {
  const parts = [
    int32(0), int16(0), int32(0), // throttle, error, session
    int32(1), int16(1), Buffer.from('t'), int32(1), // one topic "t", one partition
    int32(0), int16(0), int64(10n), int64(10n), int64(0n), // partition 0, no error, watermarks, log start
    int32(options.aborted ?? -1), int32(-1), // aborted transactions, preferred replica
    int32(options.size ?? (records === null ? -1 : records.length)), records ?? Buffer.alloc(0),
  ];
  return Buffer.concat(parts);
}

describe('hostile broker answers: the Fetch response', () => {
  it('reads a well-formed answer', () => {
    const records = encodeBatch({ baseOffset: 0n, records: [plainRecord(0)] });
    const [partition] = decodeFetchResponse(fetchAnswer(records), 11);
    assert.deepStrictEqual([partition.partition, partition.highWatermark, partition.records], [0, 10n, records]);
  });

  it('an answer cut short, a records size below -1 or past the end, or an aborted list too long is corrupt, naming the field and byte', () => {
    const whole = fetchAnswer(Buffer.alloc(0));
    assert.throws(() => decodeFetchResponse(whole.subarray(0, 55), 11), (e: unknown) => isCorrupt(e) && e.message === "The broker's Fetch answer is corrupt: it ends inside partition 0's preferred read replica (4 bytes, 0 left), at byte 55.");
    assert.throws(() => decodeFetchResponse(whole.subarray(0, 30), 11), (e: unknown) => isCorrupt(e) && e.message === "The broker's Fetch answer is corrupt: the partition count is 1 with 9 bytes left, at byte 17.");
    assert.throws(() => decodeFetchResponse(fetchAnswer(null, { size: -2 }), 11), (e: unknown) => isCorrupt(e) && e.message === "The broker's Fetch answer is corrupt: partition 0's records has the length -2, at byte 63.");
    assert.throws(() => decodeFetchResponse(fetchAnswer(null, { size: 1000 }), 11), (e: unknown) => isCorrupt(e) && /partition 0's records \(1000 bytes, 0 left\)/.test(e.message));
    assert.throws(() => decodeFetchResponse(fetchAnswer(null, { aborted: 1_000_000 }), 11), (e: unknown) => isCorrupt(e) && /aborted transaction count is 1000000 with 8 bytes left/.test(e.message));
  });
});

describe('decompression bombs', function () {
  this.timeout(60_000);

  const overLimit = (codec: string) => `The batch at offset 40 is not shown: its ${codec} data decompresses to more than 64 MiB, the most one fetch may decompress to. A decompression bomb, or a batch too large to show here; read it with a Kafka consumer.`;
  const bomb = (codec: number, bytes: Buffer) => encodeBatch({ baseOffset: 40n, records: [], count: 1, section: { codec, bytes } });

  it('gzip: 256 MiB of zeros in about 255 KB stop at the limit', async () => {
    const gzip = await gzipOfZeros(256 * MiB);
    assert.ok(gzip.length < 300 * 1024, `${gzip.length} bytes`);
    assert.strictEqual(await problemOf(bomb(1, gzip)), overLimit('gzip'));
  });

  it('zstd: 256 MiB in an 8 KB frame stop at the limit, declared or not', async () => {
    const declared = zstdRleBomb(256 * MiB, true);
    assert.ok(declared.length <= 8 * 1024 + 16, `${declared.length} bytes`);
    assert.strictEqual(await problemOf(bomb(4, declared)), overLimit('zstd'));
    assert.strictEqual(await problemOf(bomb(4, zstdRleBomb(256 * MiB, false))), overLimit('zstd'));
  });

  it('snappy: a 13-byte block that claims 2 GiB is refused before anything is allocated', async () => {
    const before = process.memoryUsage().arrayBuffers;
    assert.strictEqual(await problemOf(bomb(2, SNAPPY_2_GIB)), overLimit('snappy'));
    assert.ok(process.memoryUsage().arrayBuffers - before < 16 * MiB);
    const xerial = Buffer.concat([Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0, 0, 0, 0, 1, 0, 0, 0, 1]), int32(SNAPPY_2_GIB.length), SNAPPY_2_GIB]);
    assert.strictEqual(await problemOf(bomb(2, xerial)), overLimit('snappy'));
  });

  it('lz4: a declared content size past the limit is refused, and matches that expand 255 times stop at it', async () => {
    assert.strictEqual(await problemOf(bomb(3, lz4DeclaredSize(2n ** 40n))), overLimit('lz4'));
    const matches = lz4MatchBomb(17);
    assert.ok(matches.length < 300 * 1024);
    assert.strictEqual(await problemOf(bomb(3, matches)), overLimit('lz4'));
  });

  it('every codec still reads a real batch; data that is not valid is a problem naming the codec', async () => {
    const records: TestRecord[] = [plainRecord(0, 'first'), plainRecord(1, 'x'.repeat(10_000))];
    const plain = Buffer.concat(records.map(encodeRecord));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compressors the codecs' libraries ship, for test data
    const snappy = require('snappyjs') as { compress(b: Buffer): Buffer };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lz4 = require('lz4js') as { compress(b: Buffer): Uint8Array };
    const xerial = (b: Buffer) => Buffer.concat([Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0, 0, 0, 0, 1, 0, 0, 0, 1]), int32(b.length), b]);
    const sections: [number, Buffer][] = [
      [1, (await import('zlib')).gzipSync(plain)],
      [2, snappy.compress(plain)],
      [2, xerial(snappy.compress(plain))],
      [3, Buffer.from(lz4.compress(plain))],
      [4, zstdRaw(plain)],
    ];
    for (const [codec, bytes] of sections) {
      const [batch] = await decode(encodeBatch({ baseOffset: 40n, records, section: { codec, bytes } }));
      assert.deepStrictEqual(batch.records.map((r) => r.value?.length), [5, 10_000], `codec ${codec}`);
    }
    assert.match((await problemOf(bomb(1, Buffer.from('not gzip'))))!, /^The batch at offset 40 is corrupt: its gzip data does not decompress \(.+\)\.$/);
    assert.strictEqual(await problemOf(bomb(5, Buffer.alloc(4))), 'The batch at offset 40 is corrupt: its compression type is 5; Kafka knows 0 to 4.');
  });

  it('records and headers are charged for what they take decoded: millions of tiny ones are a row, not gigabytes', async () => {
    assert.strictEqual(
      await problemOf(tinyRecordsBomb(40n, 2_000_000)),
      'The batch at offset 40 is not shown: its 2000000 records and their headers would take more than 64 MiB once decoded, the most one fetch may take. Read it with a Kafka consumer.',
    );
    assert.strictEqual(
      await problemOf(manyHeadersBomb(40n, 1_000_000)),
      'The batch at offset 40 is not shown: its 1 records and their headers would take more than 64 MiB once decoded, the most one fetch may take. Read it with a Kafka consumer.',
    );
    const [fine] = await decode(tinyRecordsBomb(40n, 100_000));
    assert.deepStrictEqual([fine.problem, fine.records.length], [undefined, 100_000]);
  });

  it('the budget holds for the whole answer: batches past it are left for the next fetch', async () => {
    const big = (baseOffset: bigint) => encodeBatch({ baseOffset, records: [plainRecord(0, 'z'.repeat(600 * 1024))], gzip: true });
    const both = Buffer.concat([big(1n), big(2n)]);
    assert.deepStrictEqual((await decode(both, MiB)).map((b) => [b.baseOffset, b.problem]), [[1n, undefined]]);
    assert.deepStrictEqual((await decode(big(2n), MiB)).map((b) => [b.baseOffset, b.problem]), [[2n, undefined]]);
    // What other partitions of the answer left is not enough: nothing now, read again alone.
    assert.deepStrictEqual(await decode(big(2n), MiB, 100 * 1024), []);
  });
});

describe('a batch that could not be read, as shown', () => {
  const problem = 'The batch at offset 40 is corrupt: it claims 5 records in 9 bytes.';
  const message = toPeeked('t', 2, problemRecord({ baseOffset: 40n, maxTimestamp: 1_700_000_000_000n }, problem));

  it('is a message at the batch\'s first offset and time, with the problem and nothing else', () => {
    assert.deepStrictEqual(message, { topic: 't', partition: 2, offset: '40', timestamp: '2023-11-14T22:13:20.000Z', timestampMs: '1700000000000', key: null, value: null, headers: [], problem });
  });

  it('is a row with the problem in the view, a line saying so in the CLI, and keeps it in a JSON export', () => {
    assert.strictEqual(peekRow(message).problem, problem);
    assert.strictEqual(textBlock(message), `--- partition 2  offset 40  2023-11-14T22:13:20.000Z  not readable\n${problem}\n`);
    assert.deepStrictEqual(JSON.parse(jsonLine(message)), { topic: 't', partition: 2, offset: '40', timestamp: '2023-11-14T22:13:20.000Z', timestampMs: '1700000000000', problem });
    assert.strictEqual((JSON.parse(messagesAsJson([message])) as { problem?: string }[])[0].problem, problem);
  });
});

describe('large values', () => {
  it('past 1 MiB, a value is decoded only as far as it is shown, and its base64 is made when asked for', () => {
    const json = Buffer.from(JSON.stringify({ list: Array.from({ length: 200_000 }, (_, i) => i) }));
    assert.ok(json.length > WHOLE_DECODE_LIMIT);
    const shown = decodeBytes(json)!;
    assert.deepStrictEqual([shown.kind, shown.size, shown.truncated, shown.text.length], ['text', json.length, true, DISPLAY_LIMIT]);
    assert.strictEqual(shown.base64, json.toString('base64'));
    assert.strictEqual(decodeBytes(Buffer.from('{"a": 1}'))!.kind, 'json');
  });

  it('a large value cut inside a character is still text', () => {
    const text = Buffer.from('é'.repeat(WHOLE_DECODE_LIMIT));
    const shown = decodeBytes(text)!;
    assert.deepStrictEqual([shown.kind, shown.text.slice(0, 3)], ['text', 'ééé']);
  });
});

describe('the decoder under fuzzing', function () {
  this.timeout(120_000);

  /** Every run: batches (a problem on those that cannot be read) or a corrupt error; nothing else, within a second. */
  async function decodesOrSaysCorrupt(bytes: Buffer): Promise<void> {
    let batches: RecordBatch[];
    try {
      batches = await decode(bytes, MiB);
    } catch (error) {
      assert.ok(error instanceof KafkaAccessError && (error.cause_ === 'corrupt' || /old message format/.test(error.message)), String(error));
      return;
    }
    for (const batch of batches) assert.ok(batch.problem === undefined || batch.records.length === 0);
  }

  const run = { numRuns: 400, timeout: 1_000 };

  it('arbitrary bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), (bytes) => decodesOrSaysCorrupt(Buffer.from(bytes))), run);
  });

  it('valid batches of every codec, mutated', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const snappy = require('snappyjs') as { compress(b: Buffer): Buffer };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lz4 = require('lz4js') as { compress(b: Buffer): Uint8Array };
    const records: TestRecord[] = [plainRecord(0, 'hello'), { offsetDelta: 1, timestampDelta: 5n, key: Buffer.from('k'), value: null, headers: [{ key: 'h', value: Buffer.from('v') }] }];
    const plain = Buffer.concat(records.map(encodeRecord));
    const valid = Buffer.concat([
      encodeBatch({ baseOffset: 0n, records }),
      encodeBatch({ baseOffset: 2n, records, gzip: true }),
      encodeBatch({ baseOffset: 4n, records, section: { codec: 2, bytes: snappy.compress(plain) } }),
      encodeBatch({ baseOffset: 6n, records, section: { codec: 3, bytes: Buffer.from(lz4.compress(plain)) } }),
      encodeBatch({ baseOffset: 8n, records, section: { codec: 4, bytes: zstdRaw(plain) } }),
    ]);
    const interesting = fc.constantFrom(-1, -2, 0, 1, 48, 49, 127, 128, 255, 0x7fffffff, -0x80000000);
    const mutation = fc.oneof(
      fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }).map((m) => (b: Buffer) => Buffer.from(b).fill(m.byte, m.at % b.length, (m.at % b.length) + 1)),
      fc.record({ at: fc.nat(), value: interesting }).map((m) => (b: Buffer) => {
        const copy = Buffer.from(b);
        copy.writeInt32BE(m.value, m.at % (b.length - 3));
        return copy;
      }),
      fc.record({ at: fc.nat(), length: fc.nat({ max: 40 }) }).map((m) => (b: Buffer) => Buffer.concat([b.subarray(0, m.at % b.length), b.subarray((m.at % b.length) + m.length)])),
      fc.record({ at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }).map((m) => (b: Buffer) => Buffer.concat([b.subarray(0, m.at % b.length), Buffer.from(m.bytes), b.subarray(m.at % b.length)])),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => decodesOrSaysCorrupt(mutations.reduce((b, mutate) => (b.length > 4 ? mutate(b) : b), valid))),
      run,
    );
  });

  it('Fetch responses: arbitrary and mutated bytes decode or are corrupt', () => {
    const valid = fetchAnswer(encodeBatch({ baseOffset: 0n, records: [plainRecord(0)] }), { aborted: 0 });
    const check = (bytes: Buffer) => {
      try {
        decodeFetchResponse(bytes, 11);
      } catch (error) {
        // An error code in the answer is the broker speaking, thrown as kafkajs would.
        assert.ok(isCorrupt(error) || (error as Error).name === 'KafkaJSProtocolError', String(error));
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => check(Buffer.from(bytes))), { numRuns: 400 });
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 255 }), (at, byte) => check(Buffer.from(valid).fill(byte, at % valid.length, (at % valid.length) + 1))),
      { numRuns: 400 },
    );
  });
});
