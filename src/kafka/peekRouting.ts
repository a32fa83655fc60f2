// A peek over the wire that need not wait for its topic's metadata: the partitions and leaders
// its topic's last peek read are kept per connected cluster (RoutingCache) and checked against
// a fresh Metadata answer asked for beside the peek's first requests (peekTopic).

import type { RawCluster, RawTopicMetadata } from './kafkajs/types';
import { BrokerLog } from './brokerLog';
import { currentTopics, sameRouting } from './metadata';
import { peek } from './peek';
import type { PeekedMessage, PeekReadStats, PeekRequest } from './types';

/** The most topics a RoutingCache keeps: each is a few hundred bytes per partition. */
const CACHED_TOPICS = 256;

/**
 * Topic metadata (partitions and their leaders) kept between the peeks of one connected
 * cluster, so that a peek need not wait for a Metadata answer before it asks for offsets.
 * peekTopic checks every entry it starts on against a fresh answer, replaces it when that
 * differs, and drops it when a peek of its topic fails.
 */
export class RoutingCache {
  private readonly topics = new Map<string, RawTopicMetadata>();

  get(topic: string): RawTopicMetadata | undefined {
    return this.topics.get(topic);
  }

  set(metadata: RawTopicMetadata): void {
    this.topics.delete(metadata.topic);
    this.topics.set(metadata.topic, metadata);
    // A Map keeps insertion order: the first key is the topic peeked longest ago.
    if (this.topics.size > CACHED_TOPICS) this.topics.delete(this.topics.keys().next().value!);
  }

  delete(topic: string): void {
    this.topics.delete(topic);
  }
}

/**
 * `request` peeked on `raw` (peek.ts), newest first, with retries of offset requests until
 * `deadline` (ms since the epoch). With the topic in `cache`, the peek starts on the cached
 * metadata while the topic's metadata is read again at the same time: the answer stands when
 * the fresh metadata routes alike (sameRouting: same partitions, same leaders), else the peek
 * runs again on the fresh metadata, so a topic that grew, was recreated or whose leader moved
 * is read as it is now. Without it, the metadata is read first, as every call does. Any
 * failure drops the topic from `cache`, so that the caller's retry reads it afresh.
 * Throws as peek does.
 */
export async function peekTopic(raw: RawCluster, cache: RoutingCache, request: PeekRequest, deadline: number, signal?: AbortSignal, stats?: PeekReadStats): Promise<PeekedMessage[]> {
  const { topic } = request;
  try {
    const cached = cache.get(topic);
    let fresh: RawTopicMetadata | undefined;
    if (cached) {
      const reading = currentTopics(raw, [topic]).then(([metadata]) => (metadata?.topic === topic ? metadata : undefined));
      reading.catch(() => undefined);
      const attempt = await peek(new BrokerLog(raw, topic, deadline, cached), request, signal, stats).then(
        (messages) => ({ messages }),
        (error: unknown) => ({ error }),
      );
      fresh = await reading;
      if (sameRouting(cached, fresh)) {
        if ('error' in attempt) throw attempt.error;
        return attempt.messages;
      }
    }
    const log = new BrokerLog(raw, topic, deadline, fresh);
    const messages = await peek(log, request, signal, stats);
    const metadata = log.metadata();
    if (metadata) cache.set(metadata);
    return messages;
  } catch (error) {
    cache.delete(topic);
    throw error;
  }
}
