// Peek and search through our real client against a broker that answers wrongly on purpose
// (test/harness/hostileBroker.ts): decompression bombs of every codec, lengths that cannot
// be, a fetch that makes no progress, a Fetch answer cut short. Each case ends with the batch
// shown as a row saying what was wrong (or, for a broken answer, the peek's error), the rest
// of the partition read, and the process alive. Each peek runs in a process of its own
// (test/harness/peekChild.ts), whose peak resident memory (VmHWM) must stay within
// MEMORY_BOUND of a peek of the same partition with nothing hostile in it.

import * as assert from 'assert';
import { execFile } from 'child_process';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { REPO_ROOT } from '../harness/paths';
import { FetchAsk, HostileBrokerOptions, startHostileBroker } from '../harness/hostileBroker';
import type { ChildJob, ChildResult } from '../harness/peekChild';
import { encodeBatch, encodeRecord, gzipOfZeros, lz4DeclaredSize, lz4MatchBomb, manyHeadersBomb, plainRecord, SNAPPY_2_GIB, tinyRecordsBomb, varlong, zstdRleBomb } from '../harness/recordBatches';

const CHILD = path.join(REPO_ROOT, 'out', 'test', 'harness', 'peekChild.js');
const TOPIC = 'hostile';
const MiB = 1024 * 1024;
/**
 * Peak resident memory a hostile answer may add to a peek: the 64 MiB a fetch answer may
 * decompress to (src/kafka/wire/compression.ts), twice over for the codec's own buffers while it stops,
 * plus room for the garbage collector. Before the limits, the gzip case alone took 1.5 GB.
 */
const MEMORY_BOUND = 192 * MiB;
/** The bad batch sits here, among good one-record batches at offsets 0 to 9. */
const BAD_OFFSET = 4n;

/** A section with compression `codec` (1 gzip … 4 zstd) in a batch at BAD_OFFSET. */
const compressed = (codec: number, bytes: Buffer) => encodeBatch({ baseOffset: BAD_OFFSET, records: [], count: 1, section: { codec, bytes } });

/** The answers of a partition holding offsets 0 to 9, one batch each, `bad` in place of BAD_OFFSET's. */
function partitionWith(bad?: Buffer): (ask: FetchAsk) => Buffer {
  const batches = Array.from({ length: 10 }, (_, i) => (BigInt(i) === BAD_OFFSET && bad ? bad : encodeBatch({ baseOffset: BigInt(i), records: [plainRecord(0, `v${i}`)] })));
  return (ask) => {
    // As a broker reads its log: from the batch holding the offset, whole batches to the size asked, at least one.
    const from = batches.slice(Math.max(0, Number(ask.fetchOffset)));
    let size = 0;
    const sent = from.filter((b, i) => i === 0 || (size += b.length) <= ask.maxBytes);
    return Buffer.concat(sent);
  };
}

function runChild(job: ChildJob): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CHILD, JSON.stringify(job)], { timeout: 60_000, maxBuffer: 64 * MiB }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop();
      if (!line) return reject(new Error(`the peek process printed nothing (${error?.message ?? 'no error'}): ${stderr}`));
      resolve(JSON.parse(line) as ChildResult);
    });
  });
}

interface Run {
  readonly result: ChildResult;
  readonly fetches: number;
}

type Options = Partial<Pick<HostileBrokerOptions, 'low' | 'high' | 'partitions' | 'fetchBody' | 'listOffsetsBody' | 'listOffsetsVersion'>> & { readonly search?: string; readonly limit?: number };

async function against(records: (ask: FetchAsk) => Buffer, options: Options = {}): Promise<Run> {
  const broker = await startHostileBroker({ low: 0n, high: 10n, partitions: 1, ...options, topic: TOPIC, records });
  try {
    const result = await runChild({ brokers: broker.address, topic: TOPIC, limit: options.limit ?? 10, search: options.search });
    return { result, fetches: broker.fetches() };
  } finally {
    await broker.close();
  }
}

const overLimit = (codec: string) => `The batch at offset 4 is not shown: its ${codec} data decompresses to more than 64 MiB, the most one fetch may decompress to. A decompression bomb, or a batch too large to show here; read it with a Kafka consumer.`;

/** The rows of a peek of offsets 0 to 9, newest first: the good values, and `problem` at BAD_OFFSET. */
function expectedRows(problem: string) {
  return Array.from({ length: 10 }, (_, i) => 9 - i).map((i) => (BigInt(i) === BAD_OFFSET ? { partition: 0, offset: String(i), value: null, problem } : { partition: 0, offset: String(i), value: `v${i}` }));
}

describe('a hostile broker', function () {
  this.timeout(180_000);
  let baselineKiB = 0;
  const peaks: string[] = [];

  before(async () => {
    const clean = await against(partitionWith());
    assert.deepStrictEqual(clean.result.rows, Array.from({ length: 10 }, (_, i) => ({ partition: 0, offset: String(9 - i), value: `v${9 - i}` })));
    baselineKiB = clean.result.peakKiB;
  });

  after(() => {
    console.log(`      peak resident memory of a peek: ${Math.round(baselineKiB / 1024)} MiB with nothing hostile; ${peaks.join(', ')}`);
  });

  /** The peek showed the bad batch as a row with `problem` and every other message, within the memory bound. */
  function assertShown(run: Run, problem: string, what: string): void {
    assert.deepStrictEqual(run.result.error, undefined);
    assert.deepStrictEqual(run.result.rows, expectedRows(problem));
    const added = run.result.peakKiB - baselineKiB;
    peaks.push(`${what} +${Math.round(added / 1024)} MiB`);
    assert.ok(added * 1024 < MEMORY_BOUND, `${what}: the peek's peak resident memory grew by ${Math.round(added / 1024)} MiB, over ${MEMORY_BOUND / MiB} MiB`);
  }

  it('gzip: a 255 KB batch of 256 MiB is a row saying so; the rest of the partition is shown', async () => {
    const bomb = await gzipOfZeros(256 * MiB);
    assertShown(await against(partitionWith(compressed(1, bomb))), overLimit('gzip'), 'gzip');
  });

  it('a bomb in each of four partitions: four rows, and the answer they share still decompresses to 64 MiB at most', async () => {
    const bomb = await gzipOfZeros(256 * MiB);
    const run = await against(partitionWith(compressed(1, bomb)), { partitions: 4, limit: 40 });
    assert.deepStrictEqual(run.result.error, undefined);
    const rows = run.result.rows ?? [];
    assert.deepStrictEqual(
      rows.filter((r) => r.problem !== undefined).map((r) => [r.partition, r.offset, r.problem]),
      [0, 1, 2, 3].map((p) => [p, '4', overLimit('gzip')]),
    );
    assert.strictEqual(rows.filter((r) => r.problem === undefined).length, 36);
    const added = run.result.peakKiB - baselineKiB;
    peaks.push(`gzip in 4 partitions +${Math.round(added / 1024)} MiB`);
    assert.ok(added * 1024 < MEMORY_BOUND, `the peek's peak resident memory grew by ${Math.round(added / 1024)} MiB`);
  });

  it('zstd: an 8 KB frame of 256 MiB, its size declared or not', async () => {
    assertShown(await against(partitionWith(compressed(4, zstdRleBomb(256 * MiB, true)))), overLimit('zstd'), 'zstd declared');
    assertShown(await against(partitionWith(compressed(4, zstdRleBomb(256 * MiB, false)))), overLimit('zstd'), 'zstd');
  });

  it('snappy: a 13-byte block claiming 2 GiB', async () => {
    assertShown(await against(partitionWith(compressed(2, SNAPPY_2_GIB))), overLimit('snappy'), 'snappy');
  });

  it('lz4: a frame declaring 1 TiB, and matches expanding 255 times past the limit', async () => {
    assertShown(await against(partitionWith(compressed(3, lz4DeclaredSize(2n ** 40n)))), overLimit('lz4'), 'lz4 declared');
    assertShown(await against(partitionWith(compressed(3, lz4MatchBomb(17)))), overLimit('lz4'), 'lz4');
  });

  it('two million 7-byte records, or a million headers, in a 14 KB batch: a row, not gigabytes of objects', async () => {
    const decoded = (what: string) => `The batch at offset 4 is not shown: its ${what} records and their headers would take more than 64 MiB once decoded, the most one fetch may take. Read it with a Kafka consumer.`;
    assertShown(await against(partitionWith(tinyRecordsBomb(BAD_OFFSET, 2_000_000))), decoded('2000000'), 'tiny records');
    assertShown(await against(partitionWith(manyHeadersBomb(BAD_OFFSET, 1_000_000))), decoded('1'), 'headers');
  });

  it('a negative batch length: a row at that offset, and the next fetch goes on after it', async () => {
    const bad = encodeBatch({ baseOffset: BAD_OFFSET, records: [plainRecord(0)] });
    bad.writeInt32BE(-1, 8);
    const problem = 'The broker sent a corrupt batch at offset 4: its length is -1 bytes, less than the 49 of a batch header (byte 280 of the answer). Nothing after it in this answer can be read.';
    const run = await against(partitionWith(bad));
    // Its header cannot be trusted, so it has no time: it sorts after every message.
    const rows = expectedRows(problem);
    assert.deepStrictEqual(run.result.rows, [...rows.filter((r) => r.problem === undefined), ...rows.filter((r) => r.problem !== undefined)]);
  });

  it('a key length of -2 is corrupt, not a null key', async () => {
    const record = Buffer.concat([Buffer.from([0]), varlong(0n), varlong(0n), varlong(-2n), varlong(-1n), varlong(0n)]);
    const bad = encodeBatch({ baseOffset: BAD_OFFSET, records: [], count: 1, section: { codec: 0, bytes: Buffer.concat([varlong(BigInt(record.length)), record]) } });
    assertShown(await against(partitionWith(bad)), "The batch at offset 4 is corrupt: record 0 of 1: the key's length is -2; only -1 (null) is below 0.", 'key length');
    // The same record with -1 is a message with a null key.
    const good = encodeBatch({ baseOffset: BAD_OFFSET, records: [{ offsetDelta: 0, timestampDelta: 0n, key: null, value: null, headers: [] }] });
    assert.deepStrictEqual((await against(partitionWith(good))).result.rows?.find((r) => r.offset === '4'), { partition: 0, offset: '4', value: null });
  });

  it('a fetch answered with batches that end before its offset stops, saying so, instead of fetching forever', async () => {
    // Offsets 100 to 109; every answer holds the ten offsets before the one asked for.
    const behind = (ask: FetchAsk) => encodeBatch({ baseOffset: ask.fetchOffset - 10n, lastOffsetDelta: 9, records: [plainRecord(0), plainRecord(9)] });
    const run = await against(behind, { low: 100n, high: 110n });
    assert.deepStrictEqual(run.result.rows, [
      { partition: 0, offset: '100', value: null, problem: 'The broker answered a fetch at offset 100 with batches that end before it (at 99), which Kafka never does; reading this partition stopped here.' },
    ]);
    assert.strictEqual(run.fetches, 1);
    const searched = await against(behind, { low: 100n, high: 110n, search: 'v' });
    assert.deepStrictEqual(searched.result.rows, [
      { partition: 0, offset: '100', value: null, problem: 'The broker answered a fetch at offset 100 with batches that end before it (at 99), which Kafka never does; reading this partition stopped here.' },
    ]);
  });

  it('a Fetch answer cut short fails the peek with a corrupt error naming where; the process lives on', async () => {
    const cut = (asks: readonly FetchAsk[]) => Buffer.concat([Buffer.alloc(4), Buffer.from([0, 0, 0, 1, 0, 7]), Buffer.from(TOPIC), Buffer.from([0, 0, 0, asks.length, 0, 0])]);
    const run = await against(partitionWith(), { fetchBody: cut });
    assert.deepStrictEqual(run.result.error, {
      name: 'KafkaAccessError',
      cause: 'corrupt',
      message: "The broker's Fetch answer is corrupt: the partition count is 1 with 2 bytes left, at byte 17.",
    });
  });

  it('a ListOffsets answer cut short (decoded by kafkajs) is a corrupt error too, not a RangeError', async () => {
    const run = await against(partitionWith(), { listOffsetsBody: () => Buffer.from([0, 0, 0, 0, 0, 0, 0, 1, 0]) });
    assert.strictEqual(run.result.error?.cause, 'corrupt');
    assert.match(run.result.error?.message ?? '', /^The broker's ListOffsets answer is corrupt \(.+\)\.$/);
  });

  it('a broker offering ListOffsets v6 is asked with our own request, and its answer read', async () => {
    // Offsets 0 to 9 shown: the low and high watermark (0 and 10) read right.
    const run = await against(partitionWith(), { listOffsetsVersion: 6 });
    assert.deepStrictEqual(run.result.rows, Array.from({ length: 10 }, (_, i) => ({ partition: 0, offset: String(9 - i), value: `v${9 - i}` })));
  });

  it('a ListOffsets v6 answer cut short (read by our own decoder) is a corrupt error naming the field and byte', async () => {
    // The throttle time, then a topic count of 1 and no topic.
    const run = await against(partitionWith(), { listOffsetsVersion: 6, listOffsetsBody: () => Buffer.from([0, 0, 0, 0, 2]) });
    assert.deepStrictEqual(run.result.error, {
      name: 'KafkaAccessError',
      cause: 'corrupt',
      message: "The broker's ListOffsets answer is corrupt: the topic count is 1 with 0 bytes left, at byte 5.",
    });
  });

  it('search shows the bomb as a row among its matches, and finds the rest', async () => {
    const bomb = await gzipOfZeros(256 * MiB);
    const run = await against(partitionWith(compressed(1, bomb)), { search: 'v7' });
    assert.deepStrictEqual(run.result.rows, [
      { partition: 0, offset: '7', value: 'v7' },
      { partition: 0, offset: '4', value: null, problem: overLimit('gzip') },
    ]);
    assert.ok((run.result.peakKiB - baselineKiB) * 1024 < MEMORY_BOUND);
  });

  it('a batch under the limit still reads, however well it compresses', async () => {
    const big = 'x'.repeat(8 * MiB);
    const batch = encodeBatch({ baseOffset: BAD_OFFSET, records: [plainRecord(0, big)], section: { codec: 1, bytes: gzipSync(encodeRecord(plainRecord(0, big))) } });
    const row = (await against(partitionWith(batch))).result.rows?.find((r) => r.offset === '4');
    assert.deepStrictEqual([row?.problem, row?.value?.length], [undefined, 64 * 1024]);
  });
});
