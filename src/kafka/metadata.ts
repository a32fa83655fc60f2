// Topic metadata and offsets read fresh for each call, so that what happens to one topic stays
// with that topic. kafkajs keeps one metadata cache per client for every topic it was ever
// asked about and refreshes them all together: a topic deleted elsewhere then fails every later
// call, and a topic given more partitions stays at its old count for five minutes. Here each
// call asks for the topics it needs, a topic that is gone is simply not there, and a partition
// whose leader moved, or that a broker has not caught up with yet, is asked again.

import { readRawMetadata } from './kafkajs/cluster';
import { IsolationLevel, READ_COMMITTED, READ_UNCOMMITTED } from './kafkajs/requests';
import { listOffsets } from './wire/listOffsets';
import { protocolError } from './kafkajs/errors';
import type { RawBroker, RawCluster, RawPartitionMetadata, RawTopicMetadata } from './kafkajs/types';
import type { PartitionEnds } from './types';

/** Per topic, per partition: an offset as a decimal string. */
export type Offsets = Map<string, Map<number, string>>;

/** ListOffsets timestamps with a special meaning. */
export const EARLIEST = -2;
export const LATEST = -1;

/** Kafka's error code for a topic or partition this broker does not know. */
export const UNKNOWN_TOPIC_OR_PARTITION = 3;
const GONE = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'INVALID_TOPIC_EXCEPTION']);
const FIRST_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 500;
/** A request's timeout when the deadline is (nearly) past: time enough for one answer. */
const MIN_TIMEOUT_MS = 1_000;
/** The longest a timer (and ListOffsets v10's int32 timeout) can wait, ms. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The topics named (all topics when none is named) as the cluster knows them now. A topic that
 * does not exist, or no longer does, is left out; any other topic error (such as no permission)
 * is thrown as kafkajs' protocol error.
 */
export async function currentTopics(raw: RawCluster, topics: readonly string[] = []): Promise<RawTopicMetadata[]> {
  const { topicMetadata } = await readRawMetadata(raw, topics);
  return topicMetadata.filter((t) => {
    if (t.topicErrorCode === 0) return true;
    const error = protocolError(t.topicErrorCode);
    if (GONE.has(error.type)) return false;
    // A topic still being set up is listed with what is known of it.
    if (error.retriable) return true;
    throw error;
  });
}

/**
 * The offsets at `timestamp` (EARLIEST, LATEST, or ms since the epoch) of the partitions named,
 * from their leaders, read at `isolation` (READ_COMMITTED: LATEST is the last stable offset, a
 * time past it answers -1; READ_UNCOMMITTED: the same against the high watermark). A partition whose broker answers "not the leader" or "unknown partition"
 * (the leader moved, or the broker has not applied a new topic yet) is asked again after fresh
 * metadata, until `deadline` (ms since the epoch), then its error is thrown. A topic that is
 * gone meanwhile, and a partition without a leader, are left out of the answer.
 */
export async function readOffsets(
  raw: RawCluster,
  metadata: readonly RawTopicMetadata[],
  wanted: ReadonlyMap<string, readonly number[]>,
  timestamp: number,
  deadline: number,
  isolation: IsolationLevel = READ_COMMITTED,
): Promise<Offsets> {
  const known = new Map(metadata.map((t) => [t.topic, t]));
  const result: Offsets = new Map();
  let pending = new Map([...wanted].filter(([, partitions]) => partitions.length > 0));
  for (let attempt = 0; ; attempt++) {
    const again = new Map<string, number[]>();
    let lastError: unknown;
    const askAgain = (topic: string, partition: number, error: unknown) => {
      again.set(topic, [...(again.get(topic) ?? []), partition]);
      lastError = error;
    };
    await Promise.all(
      [...byLeader(known, pending)].map(async ([nodeId, partitionsOf]) => {
        const topics = [...partitionsOf].map(([topic, partitions]) => ({ topic, partitions }));
        const refused: { topic: string; partition: number; error: ReturnType<typeof protocolError> }[] = [];
        try {
          await listOffsets(await raw.findBroker({ nodeId }), topics, timestamp, isolation, Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, deadline - Date.now())), (topic, partition, errorCode, offset) => {
            if (errorCode !== 0) {
              refused.push({ topic, partition, error: protocolError(errorCode) });
              return;
            }
            let ofTopic = result.get(topic);
            if (!ofTopic) result.set(topic, (ofTopic = new Map<number, string>()));
            ofTopic.set(partition, offset);
          });
        } catch (error) {
          if (!isRetriable(error)) throw error;
          for (const { topic, partitions } of topics) for (const partition of partitions) askAgain(topic, partition, error);
          return;
        }
        for (const { topic, partition, error } of refused) {
          if (!error.retriable) throw error;
          askAgain(topic, partition, error);
        }
      }),
    );
    if (again.size === 0) return result;
    if (Date.now() >= deadline) throw lastError;
    await sleep(Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt, Math.max(0, deadline - Date.now())));
    const fresh = new Map((await currentTopics(raw, [...again.keys()])).map((t) => [t.topic, t]));
    for (const topic of again.keys()) {
      const current = fresh.get(topic);
      if (current) known.set(topic, current);
      else known.delete(topic);
    }
    pending = again;
  }
}

/**
 * Each wanted partition's high watermark and last stable offset: two ListOffsets (LATEST at
 * READ_UNCOMMITTED and at READ_COMMITTED) per leader, sent together. Partitions left out as by
 * `readOffsets`; the answers are read a moment apart, so `lastStable` is held to at most `high`.
 */
export async function readEnds(raw: RawCluster, metadata: readonly RawTopicMetadata[], wanted: ReadonlyMap<string, readonly number[]>, deadline: number): Promise<Map<string, Map<number, PartitionEnds>>> {
  const [high, stable] = await Promise.all([readOffsets(raw, metadata, wanted, LATEST, deadline, READ_UNCOMMITTED), readOffsets(raw, metadata, wanted, LATEST, deadline, READ_COMMITTED)]);
  return new Map(
    [...high].map(([topic, partitions]) => [
      topic,
      new Map([...partitions].map(([partition, hw]) => [partition, endsOf(hw, stable.get(topic)?.get(partition) ?? hw)])),
    ]),
  );
}

/** The two ends as read, the last stable offset held to at most the high watermark. */
export function endsOf(high: string | bigint, lastStable: string | bigint): PartitionEnds {
  // The usual case, without a transaction open: no numbers to make.
  if (typeof high === 'string' && high === lastStable) return { high, lastStable };
  const hw = BigInt(high);
  const lso = BigInt(lastStable);
  return { high: hw.toString(), lastStable: (lso < hw ? lso : hw).toString() };
}

/** Wanted partitions grouped by the broker that leads them; partitions without a leader drop out. */
function byLeader(known: ReadonlyMap<string, RawTopicMetadata>, wanted: ReadonlyMap<string, readonly number[]>): Map<number, Map<string, number[]>> {
  const result = new Map<number, Map<string, number[]>>();
  for (const [topic, partitions] of wanted) {
    const metadata = known.get(topic)?.partitionMetadata ?? [];
    for (const partition of partitions) {
      // Partitions are listed in order as a rule: look where this one should be first.
      const leader = (metadata[partition]?.partitionId === partition ? metadata[partition] : metadata.find((p) => p.partitionId === partition))?.leader;
      if (leader === undefined || leader < 0) continue;
      let ofLeader = result.get(leader);
      if (!ofLeader) result.set(leader, (ofLeader = new Map<string, number[]>()));
      const listed = ofLeader.get(topic);
      if (listed) listed.push(partition);
      else ofLeader.set(topic, [partition]);
    }
  }
  return result;
}

/**
 * What a peek reads through (the subset of a kafkajs Cluster that `peek` uses): metadata of its
 * topic read fresh when the peek starts, offsets that survive a leader that moved, and the raw
 * cluster's connections for the fetches.
 */
export class TopicReader implements Pick<RawCluster, 'addTargetTopic' | 'findTopicPartitionMetadata' | 'findLeaderForPartitions' | 'findBroker' | 'fetchTopicsOffset'> {
  private readonly topics = new Map<string, RawTopicMetadata>();

  constructor(
    private readonly raw: RawCluster,
    /** ms since the epoch: retries of offset requests stop here. */
    private readonly deadline: number,
  ) {}

  /** Reads `topic`'s metadata; throws kafkajs' UNKNOWN_TOPIC_OR_PARTITION when it does not exist. */
  async addTargetTopic(topic: string): Promise<void> {
    const [metadata] = await currentTopics(this.raw, [topic]);
    if (metadata?.topic !== topic) throw protocolError(UNKNOWN_TOPIC_OR_PARTITION);
    this.topics.set(topic, metadata);
  }

  /** Takes `metadata`, read earlier, as its topic's, without asking the cluster. */
  assume(metadata: RawTopicMetadata): void {
    this.topics.set(metadata.topic, metadata);
  }

  /** `topic`'s metadata as last read or assumed. */
  metadataOf(topic: string): RawTopicMetadata | undefined {
    return this.topics.get(topic);
  }

  findTopicPartitionMetadata(topic: string): RawPartitionMetadata[] {
    return this.topics.get(topic)?.partitionMetadata ?? [];
  }

  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]> {
    const grouped = byLeader(this.topics, new Map([[topic, partitions]]));
    return Object.fromEntries([...grouped].map(([leader, ofLeader]) => [String(leader), ofLeader.get(topic) ?? []]));
  }

  findBroker(options: { nodeId: string | number }): Promise<RawBroker> {
    return this.raw.findBroker(options);
  }

  async fetchTopicsOffset(
    topics: { topic: string; partitions: { partition: number }[]; fromBeginning?: boolean; fromTimestamp?: number; isolation?: IsolationLevel }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]> {
    return Promise.all(
      topics.map(async ({ topic, partitions, fromBeginning, fromTimestamp, isolation }) => {
        const timestamp = fromTimestamp ?? (fromBeginning ? EARLIEST : LATEST);
        const metadata = [...this.topics.values()];
        const offsets = await readOffsets(this.raw, metadata, new Map([[topic, partitions.map((p) => p.partition)]]), timestamp, this.deadline, isolation);
        return { topic, partitions: [...(offsets.get(topic) ?? new Map<number, string>())].map(([partition, offset]) => ({ partition, offset })) };
      }),
    );
  }
}

/**
 * Whether two Metadata answers for one topic route alike: the same partitions, each with the
 * same leader. What a peek started on the first needs of the second to stand.
 */
export function sameRouting(a: RawTopicMetadata, b: RawTopicMetadata | undefined): boolean {
  if (!b || a.topic !== b.topic || a.partitionMetadata.length !== b.partitionMetadata.length) return false;
  const leaders = new Map(a.partitionMetadata.map((p) => [p.partitionId, p.leader]));
  return b.partitionMetadata.every((p) => leaders.get(p.partitionId) === p.leader);
}

/** kafkajs marks its errors retriable unless they cannot mend (a bad request, a refused login). */
export function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
