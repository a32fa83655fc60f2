// Reads only what it shows. Watermarks tell where each partition ends, so a peek at the newest
// N fetches at most N messages per partition from high - N, with plain Fetch requests: no
// consumer group joins, nothing is committed, nothing is left on the cluster.

import { decodeBytes, decodeHeaders } from './decode';
import { throwIfAborted } from './errors';
import { RawRecord, READ_COMMITTED } from './internals';
import { TopicReader } from './metadata';
import { KafkaAccessError, PeekedMessage, PeekRequest } from './types';

/** Short, as every fetch asks for data that already exists; the wait only matters at the end. */
const MAX_WAIT_MS = 500;
const PARTITION_MAX_BYTES = 1024 * 1024;
const FETCH_MAX_BYTES = 16 * 1024 * 1024;

/** One partition's slice to read: offsets in [start, end). */
interface Range {
  readonly partition: number;
  readonly start: bigint;
  readonly end: bigint;
}

interface PartitionRecord {
  readonly partition: number;
  readonly record: RawRecord;
}

export async function peek(cluster: TopicReader, request: PeekRequest, signal?: AbortSignal): Promise<PeekedMessage[]> {
  const { topic } = request;
  if (!Number.isInteger(request.limit) || request.limit < 1) {
    throw new KafkaAccessError(`Could not peek at topic "${topic}": the number of messages must be a positive whole number, not ${request.limit}.`, 'invalid-request');
  }
  await cluster.addTargetTopic(topic);
  const all = cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId).sort((a, b) => a - b);
  if (all.length === 0) throw unknownTopic(topic);
  if (request.partition !== undefined && !all.includes(request.partition)) {
    throw new KafkaAccessError(`Could not peek at topic "${topic}": it has no partition ${request.partition} (partitions 0 to ${all.length - 1}).`, 'invalid-request');
  }
  const partitions = request.partition === undefined ? all : [request.partition];
  throwIfAborted(signal, 'the peek');

  const ranges = await rangesFor(cluster, request, partitions);
  const records = await fetchRanges(cluster, topic, ranges, signal);
  const forward = request.fromOffset !== undefined || request.fromTimestamp !== undefined || request.after !== undefined;
  // Newest first; from an offset or a time, the first `limit` after that point, still shown newest first.
  records.sort((a, b) => compareNewestFirst(a, b));
  const chosen = forward ? records.slice(-request.limit) : records.slice(0, request.limit);
  return chosen.map(({ partition, record }) => toPeeked(topic, partition, record));
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
 * `start` holds each partition's high watermark when following began (from `describeTopic`).
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

async function rangesFor(cluster: TopicReader, request: PeekRequest, partitions: number[]): Promise<Range[]> {
  const limit = BigInt(request.limit);
  const list = partitions.map((partition) => ({ partition }));
  const offsets = async (options: { fromBeginning?: boolean; fromTimestamp?: number }) => {
    const [result] = await cluster.fetchTopicsOffset([{ topic: request.topic, partitions: list, ...options }]);
    return new Map((result?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  };
  const [low, high] = await Promise.all([offsets({ fromBeginning: true }), offsets({ fromBeginning: false })]);
  const byTime = request.fromTimestamp !== undefined ? await offsets({ fromTimestamp: request.fromTimestamp }) : undefined;
  const fromOffset = request.fromOffset !== undefined ? parseOffset(request.fromOffset, request.topic) : undefined;

  return partitions.map((partition) => {
    const lo = low.get(partition) ?? 0n;
    const hi = high.get(partition) ?? 0n;
    const after = request.after ? (request.after[partition] !== undefined ? parseOffset(request.after[partition], request.topic) : hi) : undefined;
    const forwardFrom = byTime?.get(partition) ?? fromOffset ?? after;
    if (forwardFrom !== undefined) {
      // kafkajs answers -1 with the high watermark already; a negative offset means the end too.
      const start = max(lo, forwardFrom < 0n ? hi : forwardFrom);
      return { partition, start, end: min(hi, start + limit) };
    }
    const before = request.before?.[partition];
    const end = before === undefined ? hi : min(hi, parseOffset(before, request.topic));
    return { partition, start: max(lo, end - limit), end };
  });
}

/**
 * Fetches every range to its end, one request per leader per round; a round is usually all.
 * A partition that answers empty while sharing a request may hold a batch larger than its share
 * of the response; it is asked again on its own, where the broker always returns the first batch.
 */
async function fetchRanges(cluster: TopicReader, topic: string, ranges: Range[], signal?: AbortSignal): Promise<PartitionRecord[]> {
  const next = new Map(ranges.filter((r) => r.start < r.end).map((r) => [r.partition, r.start]));
  const ends = new Map(ranges.map((r) => [r.partition, r.end]));
  const alone = new Set<number>();
  const result: PartitionRecord[] = [];
  while (next.size > 0) {
    throwIfAborted(signal, 'the peek');
    const single = [...alone].find((p) => next.has(p));
    const wanted = single !== undefined ? [single] : [...next.keys()];
    const leaders = cluster.findLeaderForPartitions(topic, wanted);
    const responded = new Set<number>();
    await Promise.all(
      Object.entries(leaders).map(async ([nodeId, partitions]) => {
        const broker = await cluster.findBroker({ nodeId });
        const { responses } = await broker.fetch({
          maxWaitTime: MAX_WAIT_MS,
          minBytes: 1,
          maxBytes: FETCH_MAX_BYTES,
          isolationLevel: READ_COMMITTED,
          topics: [{ topic, partitions: partitions.map((partition) => ({ partition, fetchOffset: String(next.get(partition)), maxBytes: PARTITION_MAX_BYTES })) }],
        });
        for (const { partitions: answered } of responses) {
          for (const { partition, messages, highWatermark } of answered) {
            const from = next.get(partition);
            responded.add(partition);
            if (from === undefined) continue;
            const end = min(ends.get(partition) ?? 0n, BigInt(highWatermark));
            let reached = from;
            for (const record of messages) {
              const offset = BigInt(record.offset);
              // Compressed batches start before the asked offset; control records are not messages.
              if (offset < from || offset >= end) continue;
              if (offset + 1n > reached) reached = offset + 1n;
              if (!record.isControlRecord) result.push({ partition, record });
            }
            // Offsets past the last record read (compaction gaps, transaction markers) are skipped too.
            const last = messages.length > 0 ? BigInt(messages[messages.length - 1].offset) + 1n : from;
            const moved = max(reached, min(last, end));
            if (moved >= end) next.delete(partition);
            else if (moved > from) next.set(partition, moved);
            else if (single === undefined) alone.add(partition);
            else next.delete(partition);
          }
        }
      }),
    );
    if (single !== undefined) alone.delete(single);
    // A partition without a leader or an answer cannot be read further now.
    for (const partition of wanted) if (!responded.has(partition)) next.delete(partition);
  }
  return result;
}

function toPeeked(topic: string, partition: number, record: RawRecord): PeekedMessage {
  return {
    topic,
    partition,
    offset: record.offset,
    timestamp: new Date(Number(record.timestamp)).toISOString(),
    key: decodeBytes(record.key),
    value: decodeBytes(record.value),
    headers: decodeHeaders(record.headers),
  };
}

function compareNewestFirst(a: PartitionRecord, b: PartitionRecord): number {
  const byTime = Number(b.record.timestamp) - Number(a.record.timestamp);
  if (byTime !== 0) return byTime;
  if (a.partition !== b.partition) return a.partition - b.partition;
  return Number(BigInt(b.record.offset) - BigInt(a.record.offset));
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

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
