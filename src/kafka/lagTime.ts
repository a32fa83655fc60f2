// Lag in time: how old the oldest message is that a group has not consumed yet. That is the
// record at the group's committed offset, or, when that offset holds no message any more
// (compaction, retention, a transaction marker), the next one that does. Read with the peek's
// plain Fetch requests: no consumer group is joined, nothing is committed.

import { RawCluster } from './internals';
import { TopicReader } from './metadata';
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
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const ask = unique[next++];
      result.set(unconsumedKey(ask), await readOne(raw, ask, deadline));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, unique.length) }, worker));
  return result;
}

/** The map key of an ask: topic, partition and offset. */
export function unconsumedKey(ask: UnconsumedAsk): string {
  return `${ask.partition}@${ask.committed}/${ask.topic}`;
}

async function readOne(raw: RawCluster, ask: UnconsumedAsk, deadline: number): Promise<OldestUnconsumed | null> {
  try {
    const [message] = await peek(new TopicReader(raw, deadline), { topic: ask.topic, partition: ask.partition, fromOffset: ask.committed, limit: 1 });
    if (!message) return null;
    const timestampMs = Number(message.timestampMs);
    return timestampMs >= 0 && Number.isSafeInteger(timestampMs) ? { offset: message.offset, timestampMs } : null;
  } catch {
    // A partition that cannot be read now (leader moving, topic deleted) leaves its age unknown.
    return null;
  }
}
