// Lag in time: how old the first record is that a group has not consumed yet. That is the
// record at the group's committed offset, or, when that offset holds no message any more
// (compaction, retention, a transaction marker), the next one that does. A group standing at
// the last stable offset waits for the open transaction's first record: that one, read
// read_uncommitted. The first in offset order is not always the oldest: a producer may set
// any timestamp. Read with the peek's
// plain Fetch requests: no consumer group is joined, nothing is committed.
//
// Many groups lag on the same partitions, so the asks go in rounds, each at most one offset per
// partition, each one Fetch per topic and leader, read_committed. An ask that round leaves open
// (no visible record in the answer, an offset below the low watermark, a batch too big to share
// the answer) is read on its own by a peek, which walks on past gaps.

import { BrokerLog } from './brokerLog';
import { decodeFetched, fetchFromLeader, readCommitted } from './fetch';
import { READ_UNCOMMITTED } from './kafkajs/requests';
import type { RawCluster } from './kafkajs/types';
import { currentTopics } from './metadata';
import type { PartitionLog } from './partitionLog';
import { peek } from './peek';

export interface UnconsumedAsk {
  readonly topic: string;
  readonly partition: number;
  /** The committed offset, below the high watermark. */
  readonly committed: string;
  /** The partition's last stable offset; at or below `committed`, the group waits on a transaction. */
  readonly lastStable: string;
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
  await inRounds(raw, unique.filter((a) => !held(a)), result).catch(() => undefined);
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

/** The first data record at or after the committed offset, read_uncommitted, from one Fetch. */
export async function readHeld(log: PartitionLog, ask: UnconsumedAsk): Promise<OldestUnconsumed | null> {
  if (!(await log.partitions()).includes(ask.partition)) return null;
  const from = BigInt(ask.committed);
  const fetch = { partition: ask.partition, fetchOffset: from, maxBytes: PARTITION_BYTES };
  const { requests } = await log.fetch([fetch], { maxWaitMs: 0, maxBytes: PARTITION_BYTES, isolation: READ_UNCOMMITTED });
  const [answer] = requests.length === 0 ? [] : await decodeFetched([fetch], requests[0].answered);
  const first = answer?.batches.filter((b) => !b.control).flatMap((b) => b.records).find((r) => r.offset >= from);
  return first ? oldest(first.offset, first.timestamp) : null;
}

/** The map key of an ask: topic, partition and offset. */
export function unconsumedKey(ask: UnconsumedAsk): string {
  return `${ask.partition}@${ask.committed}/${ask.topic}`;
}

/** The group stands at or past the last stable offset: what it waits for is not committed yet. */
const held = (ask: UnconsumedAsk) => BigInt(ask.committed) >= BigInt(ask.lastStable);

async function readOne(raw: RawCluster, ask: UnconsumedAsk, deadline: number): Promise<OldestUnconsumed | null> {
  try {
    const log = new BrokerLog(raw, ask.topic, deadline);
    if (held(ask)) return await readHeld(log, ask);
    const [message] = await peek(log, { topic: ask.topic, partition: ask.partition, fromOffset: ask.committed, limit: 1 });
    return message ? oldest(BigInt(message.offset), BigInt(message.timestampMs)) : null;
  } catch {
    // A partition that cannot be read now (leader moving, topic deleted) leaves its age unknown.
    return null;
  }
}
