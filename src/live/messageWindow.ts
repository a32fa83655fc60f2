// The messages a peek view holds: newest first, no duplicates, capped, and the requests that
// bring in messages that arrived since (older ones: `olderThan` in src/kafka/peek.ts).

import type { PeekedMessage, PeekRequest, TopicInfo } from '../kafka/types';

/** Newest first by timestamp, then by offset within a partition. */
export function compareNewestFirst(a: PeekedMessage, b: PeekedMessage): number {
  const byTime = Date.parse(b.timestamp) - Date.parse(a.timestamp);
  if (byTime) return byTime;
  if (a.partition !== b.partition) return a.partition - b.partition;
  return compareOffsets(b.offset, a.offset);
}

/** Both lists together, newest first, each message once, at most `cap`. */
export function mergeMessages(shown: readonly PeekedMessage[], incoming: readonly PeekedMessage[], cap: number): PeekedMessage[] {
  const byId = new Map<string, PeekedMessage>();
  for (const m of [...shown, ...incoming]) byId.set(`${m.partition}:${m.offset}`, m);
  return [...byId.values()].sort(compareNewestFirst).slice(0, cap);
}

/**
 * Per partition whose high watermark moved past `seenHigh`, a peek at its newest messages:
 * all that arrived, or the newest `limit` of them when more did.
 */
export function newerRequests(topic: TopicInfo, seenHigh: ReadonlyMap<number, string>, limit: number, onlyPartition?: number): PeekRequest[] {
  const requests: PeekRequest[] = [];
  for (const p of topic.partitions) {
    if (onlyPartition !== undefined && p.partition !== onlyPartition) continue;
    const arrived = BigInt(p.high) - BigInt(seenHigh.get(p.partition) ?? p.high);
    if (arrived > 0n) requests.push({ topic: topic.name, partition: p.partition, limit: arrived < BigInt(limit) ? Number(arrived) : limit });
  }
  return requests;
}

/** Each partition's high watermark, to compare against on the next poll. */
export function highWatermarks(topic: TopicInfo): Map<number, string> {
  return new Map(topic.partitions.map((p) => [p.partition, p.high]));
}

function compareOffsets(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
