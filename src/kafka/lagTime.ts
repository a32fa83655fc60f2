// Lag in time: how old the oldest message is that a group has not consumed yet. That is the
// record at the group's committed offset, or, when that offset holds no message any more
// (compaction, retention, a transaction marker), the next one that does. Read with the peek's
// plain Fetch requests: no consumer group is joined, nothing is committed.
//
// Many groups lag on the same partitions, so the asks go in rounds, each at most one offset per
// partition, each one Fetch per topic and leader, read_committed. An ask that round leaves open
// (no visible record in the answer, an offset below the low watermark, a batch too big to share
// the answer) is read on its own by a peek, which walks on past gaps.

import { fetchFromLeader, readCommitted } from './fetch';
import { RawCluster } from './internals';
import { currentTopics, TopicReader } from './metadata';
import { peek } from './peek';

export interface UnconsumedAsk {
  readonly topic: string;
  readonly partition: number;
  /** The committed offset, below the high watermark. */
  readonly committed: string;
}

export interface OldestUnconsumed {
  readonly offset: string;
  /** ms since the epoch. */
  readonly timestampMs: number;
}

/** Partitions read at once: a listing of many groups must not open hundreds of fetches together. */
const CONCURRENCY = 8;

/**
 * For each ask (by `key`), the first message at or after its committed offset, with its
 * timestamp; null when there is none below the high watermark, when the record carries no
 * timestamp (-1), or when it could not be read (the lag in messages still shows then).
 * Asks for the same partition and offset are read once. `deadline`: ms since the epoch.
 */
export async function readOldestUnconsumed(raw: RawCluster, asks: readonly UnconsumedAsk[], deadline: number): Promise<Map<string, OldestUnconsumed | null>> {
  const unique = [...new Map(asks.map((a) => [unconsumedKey(a), a])).values()];
  const result = new Map<string, OldestUnconsumed | null>();
  if (unique.length === 0) return result;
  await inRounds(raw, unique, result).catch(() => undefined);
  const open = unique.filter((a) => !result.has(unconsumedKey(a)));
  let next = 0;
  const worker = async () => {
    while (next < open.length) {
      const ask = open[next++];
      result.set(unconsumedKey(ask), await readOne(raw, ask, deadline));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, open.length) }, worker));
  return result;
}

/** Per partition, the first message at or after its offset when one Fetch answer shows it. */
async function inRounds(raw: RawCluster, asks: readonly UnconsumedAsk[], result: Map<string, OldestUnconsumed | null>): Promise<void> {
  const leaders = new Map((await currentTopics(raw, [...new Set(asks.map((a) => a.topic))])).map((t) => [t.topic, new Map(t.partitionMetadata.map((p) => [p.partitionId, p.leader]))]));
  // Round r holds the r-th ask of every partition; each round's requests go by topic and leader.
  const seen = new Map<string, number>();
  const requests = new Map<string, { topic: string; leader: number; asks: UnconsumedAsk[] }>();
  for (const ask of asks) {
    const leader = leaders.get(ask.topic)?.get(ask.partition);
    if (leader === undefined || leader < 0) continue;
    const round = seen.get(`${ask.partition}/${ask.topic}`) ?? 0;
    seen.set(`${ask.partition}/${ask.topic}`, round + 1);
    const id = `${round}/${leader}/${ask.topic}`;
    if (!requests.has(id)) requests.set(id, { topic: ask.topic, leader, asks: [] });
    requests.get(id)!.asks.push(ask);
  }
  const queue = [...requests.values()];
  const worker = async () => {
    for (let request = queue.shift(); request; request = queue.shift()) {
      const broker = await raw.findBroker({ nodeId: request.leader });
      const byPartition = new Map(request.asks.map((a) => [a.partition, a]));
      const answers = await fetchFromLeader(
        broker,
        request.topic,
        request.asks.map((a) => ({ partition: a.partition, fetchOffset: BigInt(a.committed), maxBytes: PARTITION_BYTES })),
        { maxWaitMs: 0, maxBytes: PARTITION_BYTES * request.asks.length },
      );
      for (const answer of answers) {
        const ask = byPartition.get(answer.partition);
        if (!ask || answer.errorCode !== 0) continue;
        const [first] = readCommitted(answer.batches, answer.abortedTransactions, BigInt(ask.committed)).records;
        if (first) result.set(unconsumedKey(ask), oldest(first.offset, first.timestamp));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
}

/** Enough for the batch holding the committed offset, in most topics. */
const PARTITION_BYTES = 64 * 1024;

function oldest(offset: bigint, timestamp: bigint): OldestUnconsumed | null {
  const timestampMs = Number(timestamp);
  return timestampMs >= 0 && Number.isSafeInteger(timestampMs) ? { offset: offset.toString(), timestampMs } : null;
}

/** The map key of an ask: topic, partition and offset. */
export function unconsumedKey(ask: UnconsumedAsk): string {
  return `${ask.partition}@${ask.committed}/${ask.topic}`;
}

async function readOne(raw: RawCluster, ask: UnconsumedAsk, deadline: number): Promise<OldestUnconsumed | null> {
  try {
    const [message] = await peek(new TopicReader(raw, deadline), { topic: ask.topic, partition: ask.partition, fromOffset: ask.committed, limit: 1 });
    return message ? oldest(BigInt(message.offset), BigInt(message.timestampMs)) : null;
  } catch {
    // A partition that cannot be read now (leader moving, topic deleted) leaves its age unknown.
    return null;
  }
}
