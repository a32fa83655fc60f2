// Searching a whole topic, or a time range of it, for text or a regular expression, as a
// read_committed consumer sees it (aborted transactions and markers are not messages), with
// plain Fetch requests like peek: no consumer group, nothing committed.
//
// Speed: each partition is read on its own, all at once, in large fetches, the next one asked
// for before the current answer is scanned. A batch's records are decoded only when its bytes
// may hold a match (searchQuery.ts); a match alone is decoded for display.
//
// The pattern runs in a thread of its own (recordMatcher.ts), never on the caller's: each
// answer's batches go there in one message, with a time budget per record.
//
// With a schema (options.recordTexts), keys and values are decoded here, on the caller's
// thread, and their JSON text goes to the matching thread with the batch: decoding may ask a
// schema registry (network, credentials, a cache the message view shares), which that thread
// has none of, and src/schemas sits above this layer. Decoding takes time linear in the bytes
// fetched, unlike a pattern, and the scan lets the event loop in between batches.

import { decompressionBudget, decompressRecords } from './wire/compression';
import { CommittedFilter, isAbortMarker, noProgressRecord, problemRecord } from './fetch';
import { READ_UNCOMMITTED } from './kafkajs/requests';
import { protocolError } from './kafkajs/errors';
import { endsOf } from './metadata';
import { toPeeked } from './peek';
import type { OffsetQuery, PartitionLog } from './partitionLog';
import { BatchFrame, forEachRecord, isCorrupt, problemText, readBody, splitBatches, wireRecord } from './wire/recordBatch';
import { DEFAULT_MATCH_BUDGET_MS } from './matchProtocol';
import { DEFAULT_SEARCH_LIMIT, searchRequestProblem } from './searchRequest';
import type { DecodedTexts } from './matchProtocol';
import { BatchToMatch, RecordMatcher } from './recordMatcher';
import { SEARCH_FIELDS, shownPattern } from './searchQuery';
import { KafkaAccessError, PartitionEnds, PeekedMessage, RecordTexts, SearchField, SearchOptions, SearchProgress, SearchRequest, SearchResult, SearchStop } from './types';
import { OFFSET_OUT_OF_RANGE, RawFetchedPartition } from './wire/fetch';

/** Per partition; the broker still sends a first batch larger than this whole. */
const PARTITION_MAX_BYTES = 4 * 1024 * 1024;
/** Fetches in flight at once, over all partitions: bounds memory to about 32 MiB. */
const MAX_IN_FLIGHT = 8;
const MAX_WAIT_MS = 500;
/** Answers in a row that hold nothing before a partition is given up as read. */
const MAX_EMPTY_ANSWERS = 3;
/** The longest a scan runs without giving the event loop a turn, in ms. */
const YIELD_EVERY_MS = 50;
/** Retriable errors (a leader that moved) in a row on one partition before the search fails. */
const MAX_RETRIES = 5;

interface PartitionScan {
  readonly partition: number;
  readonly from: bigint;
  readonly to: bigint;
  readonly ends: PartitionEnds;
  /** Where the next fetch starts. */
  next: bigint;
  /** How far the scan got: `next`, or within an answer being scanned. */
  reached: bigint;
}

interface Found {
  readonly partition: number;
  readonly offset: bigint;
  readonly timestamp: bigint;
  readonly message: PeekedMessage;
}

/**
 * Searches `request.topic` through `log` (over the wire, its metadata read fresh). Throws a
 * KafkaAccessError ('invalid-request') for a bad query, limit, time range, partition or match
 * budget, and for a record whose match takes longer than the budget (the message names the
 * partition, offset and pattern); ('unknown-topic') for a topic that does not exist, and
 * kafkajs' errors for a broken connection (connect.ts words them). Cancelling or the time
 * bound is not an error: the result says why it stopped and holds what was found.
 */
export async function searchTopic(log: PartitionLog, request: SearchRequest, options: SearchOptions = {}): Promise<SearchResult> {
  const { topic } = request;
  const problem = searchRequestProblem(request);
  if (problem) throw problem.error;
  const limit = request.limit ?? DEFAULT_SEARCH_LIMIT;
  const budget = request.matchBudgetMs ?? DEFAULT_MATCH_BUDGET_MS;
  const { fromTimestamp: fromTime, toTimestamp: toTime } = request;

  const all = await log.partitions();
  if (all.length === 0) throw new KafkaAccessError(`Topic "${topic}" does not exist. Check the name, or create the topic first.`, 'unknown-topic');
  const missing = (request.partitions ?? []).filter((p) => !all.includes(p));
  if (missing.length > 0) throw invalid(topic, `it has no partition ${missing.join(', ')} (partitions 0 to ${all.length - 1})`);
  const partitions = request.partitions ? [...new Set(request.partitions)].sort((a, b) => a - b) : all;

  const matcher = new RecordMatcher(request, budget);
  // Its thread starts while the offsets are asked for.
  matcher.prepare();
  let scans: PartitionScan[];
  try {
    scans = await plan(log, partitions, fromTime);
  } catch (error) {
    matcher.close();
    throw error;
  }
  const found: Found[] = [];
  /** Batches that could not be read, so not searched: shown among the matches, not counted. */
  const unreadable: Found[] = [];
  const started = Date.now();
  let stopped: SearchStop | undefined;
  const progress = (): SearchProgress => summary(scans, found.length);
  const matchesSoFar = () => [...found].sort(newestFirst).slice(0, limit).concat(unreadable).sort(newestFirst).map((f) => f.message);
  let yielded = Date.now();
  const { signal } = options;
  const decoding = options.recordTexts && { recordTexts: options.recordTexts, fields: new Set(request.fields ?? SEARCH_FIELDS) };
  const onProgress = options.onProgress && ((p: SearchProgress) => options.onProgress?.(p, matchesSoFar));

  // Settles when the search must stop early, so a fetch in flight is not waited for.
  let wake: () => void = () => undefined;
  const interrupted = new Promise<void>((resolve) => (wake = resolve));
  const fetcher = new Fetcher(log);
  const stop = (why: SearchStop) => {
    stopped ??= why;
    fetcher.close();
    // A record being matched is not waited for: its thread ends now.
    matcher.close();
    wake();
  };
  const onAbort = () => stop('cancelled');
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  const timer = request.timeoutMs !== undefined ? setTimeout(() => stop('timeout'), Math.max(0, request.timeoutMs - (Date.now() - started))) : undefined;

  const scanOne = async (scan: PartitionScan): Promise<void> => {
    const fetchAt = (offset: bigint) => {
      const fetched = fetcher.fetch(scan.partition, offset);
      // Left unread when the search stops first: its failure is no one's concern then.
      fetched.catch(() => undefined);
      return fetched;
    };
    let pending: Promise<RawFetchedPartition> | undefined = stopped === undefined && scan.next < scan.to ? fetchAt(scan.next) : undefined;
    let empty = 0;
    let retries = 0;
    while (pending && stopped === undefined) {
      const answer = await Promise.race([pending, interrupted.then(() => undefined)]);
      if (answer === undefined || stopped !== undefined) break;
      pending = undefined;
      if (answer.errorCode !== 0) {
        const error = protocolError(answer.errorCode);
        if ((answer.errorCode !== OFFSET_OUT_OF_RANGE && !error.retriable) || ++retries > MAX_RETRIES) throw error;
        // Retention moved the partition's start past this offset, or its leader moved.
        if (answer.errorCode === OFFSET_OUT_OF_RANGE) scan.next = await lowWatermark(log, scan);
        else await log.partitions();
        pending = scan.next < scan.to ? fetchAt(scan.next) : undefined;
        continue;
      }
      retries = 0;
      const frames = answer.records === null ? [] : splitBatches(answer.records);
      const last = frames[frames.length - 1];
      const next = last && last.lastOffset + 1n > scan.next ? last.lastOffset + 1n : scan.next;
      empty = next > scan.next ? 0 : empty + 1;
      if (last && next === scan.next) {
        // Batches that all end before the offset asked for: asking again gets them again.
        const record = noProgressRecord(scan.next, last.lastOffset);
        unreadable.push({ partition: scan.partition, offset: record.offset, timestamp: record.timestamp, message: toPeeked(topic, scan.partition, record) });
        empty = MAX_EMPTY_ANSWERS;
      }
      // Asked before this answer is scanned, so the broker works while this process does.
      pending = next < scan.to && empty < MAX_EMPTY_ANSWERS ? fetchAt(next) : undefined;
      const wanted = (match: Found) => found.push(match) < limit;
      const onUnreadable = (problem: Found) => void unreadable.push(problem);
      const between = async () => {
        // Decompressing a large answer: let the signal, the timer and the other partitions in.
        if (Date.now() - yielded < YIELD_EVERY_MS) return stopped === undefined;
        await new Promise((resolve) => setImmediate(resolve));
        yielded = Date.now();
        return stopped === undefined;
      };
      // A slow pattern: the matching thread says which record it is on.
      const reachedAt = (reached: bigint) => {
        if (Date.now() - yielded < YIELD_EVERY_MS || stopped !== undefined) return;
        scan.reached = reached > scan.reached ? reached : scan.reached;
        onProgress?.(progress());
        yielded = Date.now();
      };
      const stoppedAt = await scanFrames(frames, { ...answer, topic }, scan, matcher, { from: fromTime, to: toTime }, { onMatch: wanted, onUnreadable }, between, reachedAt, decoding);
      if (stopped !== undefined && stoppedAt === undefined) break;
      if (stoppedAt !== undefined) {
        scan.next = stoppedAt;
        stop('limit');
      } else if (found.length >= limit) {
        // Another partition found the last one meanwhile: this answer was read whole all the same.
        scan.next = next < scan.to ? next : scan.to;
        stop('limit');
      } else {
        scan.next = empty >= MAX_EMPTY_ANSWERS || next > scan.to ? scan.to : next;
      }
      scan.reached = scan.next;
      onProgress?.(progress());
    }
  };

  try {
    await Promise.all(scans.map(scanOne));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    clearTimeout(timer);
    wake();
    // A search that failed (a record over its budget, a broken connection) leaves no thread.
    matcher.close();
    await matcher.exited;
  }
  return { ...progress(), messages: matchesSoFar(), matches: Math.min(found.length, limit), stopped: stopped ?? 'end' };
}

/**
 * Each partition's range: from the offset at `from` (or the oldest) to the last stable offset,
 * what a read_committed consumer reaches; the high watermark is read beside it to say where an
 * open transaction holds records back.
 * Not to the offset ListOffsets gives for `to`: offsets are not in time order (a transaction's
 * marker carries the time it was written, a producer may set any timestamp), so that offset can
 * come before messages of the range; `to` is applied to each message's own timestamp instead.
 */
async function plan(log: PartitionLog, partitions: number[], from: number | undefined): Promise<PartitionScan[]> {
  const offsets = (query: OffsetQuery) => log.offsets(partitions, query);
  const [low, high, watermark, atFrom] = await Promise.all([
    offsets({ at: 'start' }),
    offsets({ at: 'end' }),
    offsets({ at: 'end', isolation: READ_UNCOMMITTED }),
    from === undefined ? undefined : offsets({ at: 'time', timestamp: from }),
  ]);
  return partitions.map((partition) => {
    const lo = low.get(partition) ?? 0n;
    const hi = high.get(partition) ?? lo;
    // No message at or after the time: ListOffsets answers -1, which is the end.
    const byTime = (map: Map<number, bigint> | undefined) => {
      const offset = map?.get(partition);
      return offset === undefined || offset < 0n ? hi : offset;
    };
    const start = from === undefined ? lo : max(lo, byTime(atFrom));
    return { partition, from: start, to: max(start, hi), ends: endsOf(watermark.get(partition) ?? hi, hi), next: start, reached: start };
  });
}

async function lowWatermark(log: PartitionLog, scan: PartitionScan): Promise<bigint> {
  const low = (await log.offsets([scan.partition], { at: 'start' })).get(scan.partition) ?? scan.next;
  return low > scan.next ? low : scan.next;
}

/** One partition's fetches, at most MAX_IN_FLIGHT at once. */
class Fetcher {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(private readonly log: PartitionLog) {}

  async fetch(partition: number, offset: bigint): Promise<RawFetchedPartition> {
    if (this.inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight += 1;
    try {
      if (this.closed) return nothing(partition);
      const round = await this.log.fetch([{ partition, fetchOffset: offset, maxBytes: PARTITION_MAX_BYTES }], { maxWaitMs: MAX_WAIT_MS, maxBytes: PARTITION_MAX_BYTES });
      if (round.leaderless.includes(partition)) throw new KafkaAccessError(`Could not search topic "${this.log.topic}": partition ${partition} has no leader now. Try again in a moment.`, 'other');
      return round.requests[0]?.answered.find((a) => a.partition === partition) ?? nothing(partition);
    } finally {
      this.inFlight -= 1;
      this.waiting.shift()?.();
    }
  }

  /** Fetches not yet sent are not sent: the search stopped. */
  close(): void {
    this.closed = true;
    for (const resume of this.waiting.splice(0)) resume();
  }
}

function nothing(partition: number): RawFetchedPartition {
  return { partition, errorCode: 0, highWatermark: -1n, lastStableOffset: -1n, abortedTransactions: [], records: null };
}

/**
 * The matches among one answer's batches: messages (read_committed) in [scan.next, scan.to),
 * within the time range. `onMatch` returns false when no more are wanted; then the offset
 * after that match is returned, else undefined (also when the matcher was closed: the search
 * stopped). Throws the KafkaAccessError that names the record over the match budget.
 */
async function scanFrames(
  frames: readonly BatchFrame[],
  answer: RawFetchedPartition & { readonly topic: string },
  scan: PartitionScan,
  matcher: RecordMatcher,
  time: { from?: number; to?: number },
  report: { readonly onMatch: (found: Found) => boolean; readonly onUnreadable: (batch: Found) => void },
  /** Between batches while they are decompressed; false: stop here. */
  between: () => Promise<boolean>,
  /** While the batches are matched, with the offset of the record being matched. */
  reachedAt: (reached: bigint) => void,
  /** Keys and values to match as their decoded text, and the fields searched. */
  decoding: { readonly recordTexts: RecordTexts; readonly fields: ReadonlySet<SearchField> } | undefined,
): Promise<bigint | undefined> {
  const committed = new CommittedFilter(answer.abortedTransactions);
  const budget = decompressionBudget(PARTITION_MAX_BYTES);
  const unreadable = (frame: BatchFrame, problem: string) => {
    const record = problemRecord(frame, problem);
    report.onUnreadable({ partition: scan.partition, offset: record.offset, timestamp: record.timestamp, message: toPeeked(answer.topic, scan.partition, record) });
  };
  const from = time.from === undefined ? undefined : BigInt(time.from);
  const to = time.to === undefined ? undefined : BigInt(time.to);
  const wanted: (BatchToMatch & { readonly frame: BatchFrame })[] = [];
  for (const frame of frames) {
    if (!(await between())) return undefined;
    const abortMarker = frame.control && isAbortMarker(firstKey(frame, await readBody(frame, decompressRecords, budget)));
    if (!committed.visible(frame, abortMarker) || frame.lastOffset < scan.next || frame.baseOffset >= scan.to) continue;
    const body = await readBody(frame, decompressRecords, budget);
    if (!Buffer.isBuffer(body)) {
      unreadable(frame, problemText(frame, body, budget));
      continue;
    }
    const first = Number(scan.next - frame.baseOffset);
    const end = Number(scan.to - frame.baseOffset);
    const texts = decoding && (await decodedTexts(frame, body, first, end, decoding.fields, decoding.recordTexts));
    wanted.push({ frame, body, count: frame.count, baseOffset: frame.baseOffset, lastOffset: frame.lastOffset, first, end, ...(texts === undefined ? {} : { texts }) });
  }
  if (wanted.length === 0) return undefined;
  const outcome = await matcher.match(wanted, (batch, offsetDelta) => {
    const { frame } = wanted[batch];
    const at = offsetDelta < 0 ? frame.baseOffset : frame.baseOffset + BigInt(offsetDelta);
    reachedAt(at > scan.next ? at : scan.next);
  });
  if (outcome === undefined) return undefined;
  if ('overBudget' in outcome) throw overBudget(answer.topic, scan.partition, wanted[outcome.overBudget.batch].frame, outcome.overBudget.offsetDelta, matcher);
  for (const [index, problem] of Object.entries(outcome.problems)) unreadable(wanted[Number(index)].frame, problem);
  for (const [index, deltas] of outcome.matches.entries()) {
    if (deltas.length === 0) continue;
    const { frame, body } = wanted[index];
    let stoppedAt: bigint | undefined;
    let next = 0;
    // The thread read this batch up to its last match: the records before it are sound.
    forEachRecord(frame, body, (raw) => {
      if (raw.offsetDelta !== deltas[next]) return true;
      next += 1;
      const record = wireRecord(frame, raw);
      if ((from !== undefined && record.timestamp < from) || (to !== undefined && record.timestamp >= to)) return next < deltas.length;
      if (report.onMatch({ partition: scan.partition, offset: record.offset, timestamp: record.timestamp, message: toPeeked(answer.topic, scan.partition, record) })) return next < deltas.length;
      stoppedAt = record.offset + 1n;
      return false;
    });
    if (stoppedAt !== undefined) return stoppedAt;
  }
  return undefined;
}

/**
 * The decoded texts of a batch's records with offset deltas in [first, end), for the fields
 * searched; undefined when no record has one. A corrupt batch: those of the records before the
 * fault (the matching thread reports the fault itself).
 */
async function decodedTexts(frame: BatchFrame, body: Buffer, first: number, end: number, fields: ReadonlySet<SearchField>, recordTexts: RecordTexts): Promise<DecodedTexts | undefined> {
  const offsetDeltas: number[] = [];
  const records: { key: Buffer | null; value: Buffer | null }[] = [];
  try {
    forEachRecord(frame, body, (raw) => {
      if (raw.offsetDelta < first || raw.offsetDelta >= end) return;
      offsetDeltas.push(raw.offsetDelta);
      records.push({ key: fields.has('key') ? raw.key : null, value: fields.has('value') ? raw.value : null });
    });
  } catch (error) {
    if (!isCorrupt(error)) throw error;
  }
  if (records.length === 0) return undefined;
  const texts = await recordTexts(records);
  const keyLengths = new Int32Array(texts.length);
  const valueLengths = new Int32Array(texts.length);
  const parts: string[] = [];
  texts.forEach(({ key, value }, i) => {
    keyLengths[i] = key === undefined ? -1 : key.length;
    valueLengths[i] = value === undefined ? -1 : value.length;
    if (key !== undefined) parts.push(key);
    if (value !== undefined) parts.push(value);
  });
  return parts.length === 0 ? undefined : { offsetDeltas: Int32Array.from(offsetDeltas), keyLengths, valueLengths, text: parts.join('') };
}

/** What to say when matching one record (or the text shortcut over a batch) ran past the budget. */
function overBudget(topic: string, partition: number, frame: BatchFrame, offsetDelta: number | undefined, matcher: RecordMatcher): KafkaAccessError {
  const { pattern, regex } = matcher.query;
  const where =
    offsetDelta === undefined
      ? `the messages at offsets ${frame.baseOffset} to ${frame.lastOffset} of partition ${partition}`
      : `the message at partition ${partition}, offset ${frame.baseOffset + BigInt(offsetDelta)}`;
  const what = regex ? `the regular expression /${shownPattern(pattern)}/` : `the text "${shownPattern(pattern)}"`;
  const advice = regex
    ? 'Simplify the pattern: nested or overlapping repeats such as (a+)+ or (a|a)* take time that doubles with each character of a value that almost matches'
    : 'Search for a shorter text: a long text over long, repetitive values takes time that grows with both';
  return new KafkaAccessError(
    `Could not search topic "${topic}": ${what} took longer than ${matcher.budgetMs} ms on ${where}, so the search stopped there. ${advice}, or allow more time per message (upsun-kafka search --match-budget, setting upsunKafka.search.matchBudgetMs).`,
    'invalid-request',
  );
}

/** The first record's key; null when there is none or the batch cannot be read (a marker that cannot be read hides nothing). */
function firstKey(frame: BatchFrame, body: unknown): Buffer | null {
  let key: Buffer | null = null;
  if (!Buffer.isBuffer(body)) return null;
  try {
    forEachRecord(frame, body, (raw) => {
      key = raw.key;
      return false;
    });
  } catch (error) {
    if (!isCorrupt(error)) throw error;
  }
  return key;
}

function summary(scans: readonly PartitionScan[], matches: number): SearchProgress {
  const partitions = scans.map((s) => ({ partition: s.partition, from: s.from.toString(), to: s.to.toString(), ...s.ends, read: Number(s.reached - s.from), total: Number(s.to - s.from) }));
  return { read: sum(partitions.map((p) => p.read)), total: sum(partitions.map((p) => p.total)), matches, partitions };
}

function newestFirst(a: Found, b: Found): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? 1 : -1;
  if (a.partition !== b.partition) return a.partition - b.partition;
  return a.offset < b.offset ? 1 : a.offset > b.offset ? -1 : 0;
}

function invalid(topic: string, why: string): KafkaAccessError {
  return new KafkaAccessError(`Could not search topic "${topic}": ${why}.`, 'invalid-request');
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const max = (a: bigint, b: bigint) => (a > b ? a : b);
