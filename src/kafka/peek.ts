// Reads only what it shows, as a read_committed consumer sees it, with plain Fetch requests:
// no consumer group joins, nothing is committed, nothing is left on the cluster.
//
// Offsets are not messages: aborted transactions, transaction markers and records removed by
// compaction take offsets too. So the newest N are found by reading back from the end in
// windows, until N messages are found or the partition's start is reached; never by scanning
// from the beginning. Reading from an offset goes on past the gaps the same way.
//
// What it reads is held to what it shows plus what the gaps hide (the offsets inside the range
// shown that are not messages). A window is as many offsets as messages are still needed, so
// it holds no message that is not shown; only after a window that held no message at all (a
// gap) does the next one double, and only that one may reach older than the oldest message
// shown, by less than twice the empty window before it (whose offsets are all hidden). Each
// fetch asks for about the bytes its offsets take at the size seen so far, so it reads little
// past the window. The broker answers whole record batches: the batch holding a window's first
// offset comes from its own first record, and the window keeps those older records rather than
// fetch the batch again. The bench (`npm run bench:kafka`) holds each partition to
// read <= shown + hidden + overshoot, the overshoot at most 2 x hidden (the doubled window)
// + 2 x the largest batch read (whole batches at the range's two ends); with one record per
// batch, test/kafka/readVolume.test.ts pins the exact counts. Both read PeekReadStats.
//
// Partitions, watermarks and fetches come through a PartitionLog (partitionLog.ts): over the
// wire, the topic's metadata read fresh for this peek (brokerLog.ts). A partition whose leader
// moved answers with a retriable error that fails this attempt; connect.ts reads again with
// fresh metadata until the timeout.

import { decodeBytes, decodeHeaders, timestampFields } from './decode';
import { throwIfAborted } from './errors';
import { decodeFetched, noProgressRecord, readCommitted } from './fetch';
import { READ_UNCOMMITTED } from './kafkajs/requests';
import { protocolError } from './kafkajs/errors';
import { endsOf } from './metadata';
import type { PartitionLog } from './partitionLog';
import { countFetched } from './peekStats';
import type { WireRecord } from './wire/recordBatch';
import { KafkaAccessError, PeekedMessage, PeekReadStats, PeekRequest } from './types';
import { FetchedPartition, OFFSET_OUT_OF_RANGE } from './wire/fetch';

/** Short, as every fetch asks for data that already exists; the wait only matters at the end. */
const MAX_WAIT_MS = 500;
const PARTITION_MAX_BYTES = 1024 * 1024;
/**
 * Bytes per offset to ask for before any was read: less than the smallest one-record batch
 * (61 bytes of batch header and the record), so a first fetch covers no more offsets than it
 * asks for when each batch holds one record; the broker still answers one whole batch.
 */
const FIRST_BYTES_PER_OFFSET = 64;
const FETCH_MAX_BYTES = 16 * 1024 * 1024;
/** Times the low watermark is read again for a partition whose offsets keep moving away. */
const MAX_RANGE_RETRIES = 5;

/**
 * One partition's reading. Offsets in [next, to) remain to be read in the current window.
 * Forward: one window from the start to the end, stopped once `want` messages are found.
 * Backward: windows [from, to) stepping down from the end; each is read whole.
 */
interface PartitionRead {
  readonly partition: number;
  readonly forward: boolean;
  readonly want: number;
  low: bigint;
  /** The end when the peek began: nothing lies past it, so a window ending there may ask for much. */
  readonly high: bigint;
  from: bigint;
  next: bigint;
  to: bigint;
  /** Forward: the messages in offset order. Backward: the current window's messages. */
  window: WireRecord[];
  /** Backward: the finished windows' messages, oldest window first. */
  older: WireRecord[][];
  found: number;
  /** Offsets covered by finished windows and the bytes read for them, for sizing the next one. */
  span: bigint;
  spanBytes: number;
  /** Bytes read so far. */
  bytes: number;
  /** Forward: offsets read so far, for sizing the next fetch with `bytes`. */
  covered: bigint;
  rangeRetries: number;
  done: boolean;
}

/**
 * The messages of `request`, newest first. `stats`, when given, is added to as the peek reads
 * (fetch requests, batches, records and bytes, per partition too).
 * Throws KafkaAccessError for a bad request or a topic or partition that does not exist.
 */
export async function peek(log: PartitionLog, request: PeekRequest, signal?: AbortSignal, stats?: PeekReadStats): Promise<PeekedMessage[]> {
  const { topic } = request;
  if (!Number.isInteger(request.limit) || request.limit < 1) {
    throw new KafkaAccessError(`Could not peek at topic "${topic}": the number of messages must be a positive whole number, not ${request.limit}.`, 'invalid-request');
  }
  const all = await log.partitions();
  if (all.length === 0) throw unknownTopic(topic);
  if (request.partition !== undefined && !all.includes(request.partition)) {
    throw new KafkaAccessError(`Could not peek at topic "${topic}": it has no partition ${request.partition} (partitions 0 to ${all.length - 1}).`, 'invalid-request');
  }
  const partitions = request.partition === undefined ? all : [request.partition];
  throwIfAborted(signal, 'the peek');

  const reads = await plan(log, request, partitions, stats);
  await readAll(log, reads, signal, stats);
  const forward = request.fromOffset !== undefined || request.fromTimestamp !== undefined || request.after !== undefined;
  const runs = reads.map((read) => (read.forward ? read.window.slice(0, read.want) : read.older.flat().slice(-read.want)).map((record) => ({ partition: read.partition, record })));
  // From an offset or a time, the first `limit` after that point (see mergeRuns); else the
  // newest `limit` by timestamp. Shown newest first.
  const chosen = forward ? mergeRuns(runs, request.limit) : runs.flat().sort(compareNewestFirst).slice(0, request.limit);
  return chosen.sort(compareNewestFirst).map(({ partition, record }) => toPeeked(topic, partition, record));
}

/**
 * The first `limit` records of per-partition runs, each run in offset order from where its
 * partition's read began (the offset a consumer's seek or offsetsForTimes gives), so that each
 * partition gives a run from that start. The runs are merged by timestamp as Kafka Streams
 * picks its next record: the partition whose next record is oldest goes first, ties to the
 * lower partition. Timestamps are not in offset order (a producer sets any CreateTime), so
 * sorting all records by time instead could take a later record of a partition and leave out
 * one before it: a record older than the start time in, the record at the start out, and a
 * follow (which goes on past the offsets shown) would skip the one left out.
 */
export function mergeRuns<T extends PartitionRecord>(runs: readonly (readonly T[])[], limit: number): T[] {
  const taken = runs.map(() => 0);
  const result: T[] = [];
  const next = (i: number) => runs[i][taken[i]];
  while (result.length < limit) {
    let best = -1;
    for (let i = 0; i < runs.length; i++) {
      const candidate = next(i);
      if (candidate === undefined) continue;
      const current = best < 0 ? undefined : next(best);
      const better = current === undefined || candidate.record.timestamp < current.record.timestamp || (candidate.record.timestamp === current.record.timestamp && candidate.partition < current.partition);
      if (better) best = i;
    }
    if (best < 0) break;
    result.push(next(best));
    taken[best] += 1;
  }
  return result;
}

/**
 * What to ask next for "load older" after showing `shown`: per partition, below the oldest
 * offset shown. Partitions with nothing shown hold only older messages, so they are read from
 * their end as before.
 */
export function olderThan(request: PeekRequest, shown: readonly PeekedMessage[]): PeekRequest {
  const before: Record<number, string> = { ...request.before };
  for (const message of shown) {
    const current = before[message.partition];
    if (current === undefined || BigInt(message.offset) < BigInt(current)) before[message.partition] = message.offset;
  }
  return { topic: request.topic, limit: request.limit, partition: request.partition, before };
}

/**
 * What to ask next to follow a topic: per partition, past the newest offset seen so far.
 * `start` holds each partition's last stable offset when following began (from
 * `describeTopic`): a read_committed reader's end, so what an open transaction holds then is
 * shown once it commits.
 */
export function newerThan(request: PeekRequest, shown: readonly PeekedMessage[], start: Readonly<Record<number, string>> = {}): PeekRequest {
  const after: Record<number, string> = { ...start, ...request.after };
  for (const message of shown) {
    const next = BigInt(message.offset) + 1n;
    const current = after[message.partition];
    if (current === undefined || next > BigInt(current)) after[message.partition] = next.toString();
  }
  return { topic: request.topic, limit: request.limit, partition: request.partition, after };
}

/**
 * Each partition's first window, from its watermarks (read_committed: the end is the last
 * stable offset). The high watermark is read beside it for `stats`, which says where an open
 * transaction holds records back.
 */
async function plan(log: PartitionLog, request: PeekRequest, partitions: number[], stats?: PeekReadStats): Promise<PartitionRead[]> {
  const { topic } = request;
  const [low, high, watermark] = await Promise.all([
    log.offsets(partitions, { at: 'start' }),
    log.offsets(partitions, { at: 'end' }),
    stats ? log.offsets(partitions, { at: 'end', isolation: READ_UNCOMMITTED }) : undefined,
  ]);
  if (stats && watermark) for (const partition of partitions) stats.ends.set(partition, endsOf(watermark.get(partition) ?? 0n, high.get(partition) ?? 0n));
  const byTime = request.fromTimestamp !== undefined ? await log.offsets(partitions, { at: 'time', timestamp: request.fromTimestamp }) : undefined;
  const fromOffset = request.fromOffset !== undefined ? parseOffset(request.fromOffset, topic) : undefined;
  const limit = BigInt(request.limit);

  return partitions.map((partition) => {
    const lo = low.get(partition) ?? 0n;
    const hi = high.get(partition) ?? 0n;
    const after = request.after ? (request.after[partition] !== undefined ? parseOffset(request.after[partition], topic) : hi) : undefined;
    const forwardFrom = byTime?.get(partition) ?? fromOffset ?? after;
    const read = { partition, want: request.limit, low: lo, high: hi, window: [], older: [], found: 0, span: 0n, spanBytes: 0, bytes: 0, covered: 0n, rangeRetries: 0 };
    if (forwardFrom !== undefined) {
      // kafkajs answers -1 with the high watermark already; a negative offset means the end too.
      const start = max(lo, forwardFrom < 0n ? hi : forwardFrom);
      return { ...read, forward: true, from: start, next: start, to: hi, done: start >= hi };
    }
    const before = request.before?.[partition];
    const end = before === undefined ? hi : min(hi, parseOffset(before, topic));
    const start = max(lo, end - limit);
    return { ...read, forward: false, from: start, next: start, to: end, done: start >= end };
  });
}

/**
 * Reads every partition to its answer, one request per leader per round. A partition that
 * answers empty while sharing a request may hold a batch larger than its share of the
 * response; it is asked again on its own, where the broker always returns the first batch.
 */
async function readAll(log: PartitionLog, reads: PartitionRead[], signal?: AbortSignal, stats?: PeekReadStats): Promise<void> {
  const active = () => reads.filter((r) => !r.done);
  const alone = new Set<number>();
  while (active().length > 0) {
    throwIfAborted(signal, 'the peek');
    const single = active().find((r) => alone.has(r.partition));
    const wanted = single ? [single] : active();
    const byPartition = new Map(wanted.map((r) => [r.partition, r]));
    const answered = new Set<number>();
    const moved: PartitionRead[] = [];
    const asks = wanted.map((r) => ({ partition: r.partition, fetchOffset: r.next, maxBytes: askBytes(r) }));
    const round = await log.fetch(asks, { maxWaitMs: MAX_WAIT_MS, maxBytes: FETCH_MAX_BYTES });
    // Records before a fetch offset are decoded only when take() needs them (see there): the
    // batch holding the newest 50 of a busy partition may hold a thousand.
    const from = new Map(asks.map((a) => [a.partition, a.fetchOffset]));
    for (const request of round.requests) {
      const answer = await decodeFetched(request.asked, request.answered, from);
      if (stats) stats.fetches += 1;
      for (const fetched of answer) {
        const read = byPartition.get(fetched.partition);
        if (!read) continue;
        if (stats) {
          const sizes = fetched.batches.map((b) => b.records.length + (b.undecoded ?? 0));
          countFetched(stats, read.partition, { batches: sizes.length, records: sizes.reduce((n, size) => n + size, 0), bytes: fetched.bytes, largestBatch: Math.max(0, ...sizes) });
        }
        answered.add(read.partition);
        const whole = async () => (await decodeFetched(request.asked.filter((a) => a.partition === read.partition), request.answered.filter((p) => p.partition === read.partition)))[0];
        if (fetched.errorCode === OFFSET_OUT_OF_RANGE) moved.push(read);
        else if (fetched.errorCode !== 0) throw protocolError(fetched.errorCode);
        else if (!(await take(read, fetched, whole))) {
          if (single) finishWindow(read);
          else alone.add(read.partition);
        }
      }
    }
    if (single) alone.delete(single.partition);
    // A partition without a leader or an answer cannot be read further now.
    for (const read of wanted) if (!answered.has(read.partition)) read.done = true;
    if (moved.length > 0) await followLowWatermark(log, moved);
  }
}

/**
 * Takes a fetch's messages into the read; false when the answer held nothing to go on with.
 * `fetched` has its records from the fetch offset on decoded; `whole` decodes the same answer
 * with every record.
 */
async function take(read: PartitionRead, fetched: FetchedPartition, whole: () => Promise<FetchedPartition>): Promise<boolean> {
  if (fetched.batches.length === 0) return false;
  const last = fetched.batches.reduce((end, batch) => max(end, batch.lastOffset), -1n);
  if (last < read.next) {
    // No progress: the partition ends here, with a row that says why.
    read.window.push(noProgressRecord(read.next, last));
    finishWindow(read);
    read.done = true;
    return true;
  }
  // Backward, the broker answers the whole batch holding the window's first offset: its older
  // records are the next window's, read already. When the window holds fewer messages than
  // are still needed (gaps), it takes them instead of asking for the batch again; else they
  // would not be shown, and are left undecoded.
  const base = fetched.batches[0].baseOffset;
  let { records, nextOffset } = readCommitted(fetched.batches, fetched.abortedTransactions, read.next);
  const end = read.to;
  if (!read.forward && read.next === read.from && base < read.from && countBefore(records, end) < read.want - read.found) {
    const all = await whole();
    read.from = read.next = max(base, read.low);
    ({ records, nextOffset } = readCommitted(all.batches, all.abortedTransactions, read.next));
  }
  for (const record of records) if (record.offset < end) read.window.push(record);
  read.bytes += fetched.bytes;
  if (read.forward) read.covered += nextOffset - read.next;
  read.next = min(nextOffset, end);
  if (read.forward) {
    if (read.window.length >= read.want || read.next >= end) read.done = true;
  } else if (read.next >= end) {
    finishWindow(read);
  }
  return true;
}

/**
 * Backward: the window is read; keep its messages and step back, or stop. The next window is
 * as many offsets as messages are still needed, so every message in it is shown; after a
 * window with no message it doubles, so a long gap takes few requests. Forward: there is
 * nothing more.
 */
function finishWindow(read: PartitionRead): void {
  if (read.forward) {
    read.done = true;
    return;
  }
  const held = read.window.length;
  const size = read.to - read.from;
  read.older.unshift(read.window);
  read.found += held;
  read.span += size;
  read.spanBytes = read.bytes;
  read.window = [];
  const needed = BigInt(read.want - read.found);
  if (needed <= 0n || read.from <= read.low) {
    read.done = true;
    return;
  }
  read.to = read.from;
  read.from = max(read.low, read.to - (held === 0 ? max(needed, size * 2n) : needed));
  read.next = read.from;
}

/**
 * Retention or delete-records moved the low watermark past where a read stood: read it
 * again and go on from there, as a consumer with auto.offset.reset=earliest would.
 */
async function followLowWatermark(log: PartitionLog, reads: PartitionRead[]): Promise<void> {
  const { topic } = log;
  const partitions = reads.map((r) => r.partition);
  const [low, high] = await Promise.all([log.offsets(partitions, { at: 'start' }), log.offsets(partitions, { at: 'end' })]);
  for (const read of reads) {
    read.rangeRetries += 1;
    if (read.rangeRetries > MAX_RANGE_RETRIES) {
      throw new KafkaAccessError(`Could not peek at topic "${topic}": partition ${read.partition} keeps moving (its oldest offset is now ${low.get(read.partition)}). Try again.`, 'other');
    }
    read.low = low.get(read.partition) ?? read.low;
    read.to = min(read.to, high.get(read.partition) ?? read.to);
    read.from = max(read.from, read.low);
    read.next = max(read.next, read.low);
    if (read.next >= read.to) finishWindow(read);
  }
}

/**
 * Bytes to ask for: the offsets still to read at the bytes per offset seen so far. Backward,
 * the rest of the window (nothing lies past the end the peek began at, so a window ending there
 * asks for much); forward, as many offsets as messages are still needed.
 */
function askBytes(read: PartitionRead): number {
  const offsets = read.forward ? BigInt(read.want - read.window.length) : read.to - read.next;
  if (!read.forward && read.to >= read.high) return PARTITION_MAX_BYTES;
  const [seen, bytes] = read.forward ? [read.covered, read.bytes] : [read.span, read.spanBytes];
  const perOffset = seen > 0n && bytes > 0 ? bytes / Number(seen) : FIRST_BYTES_PER_OFFSET;
  return Math.min(PARTITION_MAX_BYTES, Math.max(1, Math.ceil(perOffset * Number(offsets))));
}

/** A record as the user sees it: bytes decoded for display. */
export function toPeeked(topic: string, partition: number, record: WireRecord): PeekedMessage {
  return {
    topic,
    partition,
    offset: record.offset.toString(),
    ...timestampFields(record.timestamp),
    key: decodeBytes(record.key),
    value: decodeBytes(record.value),
    headers: decodeHeaders(record.headers),
    ...(record.problem === undefined ? {} : { problem: record.problem }),
  };
}

export interface PartitionRecord {
  readonly partition: number;
  readonly record: Pick<WireRecord, 'offset' | 'timestamp'>;
}

function compareNewestFirst(a: { partition: number; record: WireRecord }, b: { partition: number; record: WireRecord }): number {
  if (a.record.timestamp !== b.record.timestamp) return a.record.timestamp < b.record.timestamp ? 1 : -1;
  if (a.partition !== b.partition) return a.partition - b.partition;
  return a.record.offset < b.record.offset ? 1 : a.record.offset > b.record.offset ? -1 : 0;
}

function parseOffset(text: string, topic: string): bigint {
  if (!/^-?\d+$/.test(text.trim())) {
    throw new KafkaAccessError(`Could not peek at topic "${topic}": "${text}" is not an offset (a whole number).`, 'invalid-request');
  }
  return BigInt(text.trim());
}

function unknownTopic(topic: string): KafkaAccessError {
  return new KafkaAccessError(`Topic "${topic}" does not exist. Check the name, or create the topic first.`, 'unknown-topic');
}

/** How many of `records` (in offset order) lie before `end`. */
function countBefore(records: readonly WireRecord[], end: bigint): number {
  let count = 0;
  while (count < records.length && records[count].offset < end) count += 1;
  return count;
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
