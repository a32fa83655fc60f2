// The messages a peek view holds: newest first, no duplicates, capped. What to read next
// (older, or newer while following) comes from `olderThan` and `newerThan` in src/kafka/peek.ts.

import type { PeekedMessage } from '../kafka/types';

/** Newest first by timestamp (as stored, so "no timestamp" is oldest), then by offset within a partition. */
export function compareNewestFirst(a: PeekedMessage, b: PeekedMessage): number {
  const byTime = compareOffsets(b.timestampMs, a.timestampMs);
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
 * An older page added to what a view shows. Past `cap` the newest are dropped, not the page:
 * the user asked to see older messages. `dropped` says how many went.
 */
export function withOlderPage(shown: readonly PeekedMessage[], page: readonly PeekedMessage[], cap: number): { messages: PeekedMessage[]; dropped: number } {
  const all = mergeMessages(shown, page, shown.length + page.length);
  const dropped = Math.max(0, all.length - cap);
  return { messages: all.slice(dropped), dropped };
}

function compareOffsets(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
