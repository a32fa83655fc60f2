// The partition log (partitionLog.ts) over the wire: the topic's metadata read fresh
// (TopicReader) or taken from a peek before (RoutingCache, peekTopic), ListOffsets that survive
// a leader that moved, and Fetch to each partition's leader with our own decoder (wire/fetch.ts).

import { fetchRecordBytes } from './fetch';
import type { RawCluster, RawTopicMetadata } from './kafkajs/types';
import { currentTopics, sameRouting, TopicReader } from './metadata';
import type { FetchLimits, FetchRound, OffsetQuery, PartitionFetch, PartitionLog } from './partitionLog';
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

export class BrokerLog implements PartitionLog {
  private readonly reader: TopicReader;
  /** The first partitions() takes the metadata given to the constructor instead of asking. */
  private assumed: boolean;
  /**
   * Per leader: settles once its first fetch is answered (or failed). kafkajs opens a broker's
   * fetch connection on its first Fetch; the first to each leader goes alone, so that the
   * others do not each wait on the connecting socket.
   */
  private readonly connected = new Map<string, Promise<void>>();

  /**
   * `deadline`: ms since the epoch, where retries of offset requests stop. `metadata`: the
   * topic's, read already (the first partitions() asks for none); later calls read afresh.
   */
  constructor(
    raw: RawCluster,
    readonly topic: string,
    deadline: number,
    metadata?: RawTopicMetadata,
  ) {
    this.reader = new TopicReader(raw, deadline);
    this.assumed = metadata !== undefined;
    if (metadata) this.reader.assume(metadata);
  }

  async partitions(): Promise<number[]> {
    if (this.assumed) this.assumed = false;
    else await this.reader.addTargetTopic(this.topic);
    return this.reader.findTopicPartitionMetadata(this.topic).map((p) => p.partitionId).sort((a, b) => a - b);
  }

  /** The topic's metadata this log reads by: what partitions() read or was given. */
  metadata(): RawTopicMetadata | undefined {
    return this.reader.metadataOf(this.topic);
  }

  async offsets(partitions: readonly number[], query: OffsetQuery): Promise<Map<number, bigint>> {
    const at = query.at === 'start' ? { fromBeginning: true } : query.at === 'end' ? { fromBeginning: false, isolation: query.isolation } : { fromTimestamp: query.timestamp };
    const [result] = await this.reader.fetchTopicsOffset([{ topic: this.topic, partitions: partitions.map((partition) => ({ partition })), ...at }]);
    return new Map((result?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  }

  async fetch(asks: readonly PartitionFetch[], limits: FetchLimits): Promise<FetchRound> {
    const byPartition = new Map(asks.map((a) => [a.partition, a]));
    const leaders = Object.entries(this.reader.findLeaderForPartitions(this.topic, [...byPartition.keys()]));
    const led = new Set(leaders.flatMap(([, partitions]) => partitions));
    const requests = await Promise.all(
      leaders.map(async ([leader, partitions]) => {
        const asked = partitions.map((p) => byPartition.get(p)!);
        const first = this.connected.get(leader);
        let opened: (() => void) | undefined;
        if (first) await first;
        else this.connected.set(leader, new Promise<void>((resolve) => (opened = resolve)));
        try {
          const broker = await this.reader.findBroker({ nodeId: leader });
          return { asked, answered: await fetchRecordBytes(broker, this.topic, asked, limits) };
        } finally {
          opened?.();
        }
      }),
    );
    return { requests, leaderless: asks.map((a) => a.partition).filter((p) => !led.has(p)) };
  }
}
