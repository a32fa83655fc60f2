// Topics with their watermarks, and consumer groups with their lag: three ListOffsets requests
// per broker for all topics together (low watermark, high watermark, last stable offset),
// rather than three per topic.

import type { Admin } from 'kafkajs';
import { protocolError } from './kafkajs/errors';
import type { RawBroker, RawCluster, RawGroupCluster, RawTopicMetadata } from './kafkajs/types';
import { fetchOffsetsOfGroups, offers } from './wire/groupRequests';
import { CoordinatedGroup, describeListedGroups, listGroups } from './groupTypes';
import { currentTopics, EARLIEST, isRetriable, readEnds, readOffsets, UNKNOWN_TOPIC_OR_PARTITION } from './metadata';
import { readOldestUnconsumed, unconsumedKey } from './lagTime';
import { ConsumerGroupInfo, PartitionLag, TopicInfo, TopicLag } from './types';

type Watermarks = Map<string, Map<number, { low: string; high: string; lastStable: string }>>;

/**
 * All topics (`only`: that one) with partitions and watermarks, by name. Read from fresh
 * metadata: a topic deleted a moment ago is not listed, one created a moment ago is. A partition
 * without a leader shows watermarks 0 and leader -1. `deadline`: ms since the epoch. Throws
 * kafkajs' UNKNOWN_TOPIC_OR_PARTITION when `only` does not exist.
 */
export async function readTopics(raw: RawCluster, includeInternal: boolean, deadline: number, only?: string): Promise<TopicInfo[]> {
  const topics = (await currentTopics(raw, only ? [only] : []))
    .filter((t) => (only ? t.topic === only : includeInternal || !t.isInternal))
    .sort((a, b) => a.topic.localeCompare(b.topic));
  if (only && topics.length === 0) throw protocolError(UNKNOWN_TOPIC_OR_PARTITION);
  const marks = await watermarks(raw, topics, deadline);
  // A topic that went away while its watermarks were read is gone from the list too.
  const listed = topics.filter((t) => marks.has(t.topic) || t.partitionMetadata.every((p) => p.leader < 0));
  if (only && listed.length === 0) throw protocolError(UNKNOWN_TOPIC_OR_PARTITION);
  return listed.map((t) => {
    const partitions = [...t.partitionMetadata]
      .sort((a, b) => a.partitionId - b.partitionId)
      .map((p) => {
        const mark = marks.get(t.topic)?.get(p.partitionId) ?? { low: '0', high: '0', lastStable: '0' };
        return { partition: p.partitionId, leader: p.leader, replicas: [...p.replicas], isr: [...p.isr], ...mark };
      });
    const messageCount = partitions.reduce((sum, p) => sum + BigInt(p.high) - BigInt(p.low), 0n);
    return { name: t.topic, internal: Boolean(t.isInternal), partitions, messageCount: messageCount.toString() };
  });
}

/**
 * Every group of every type with state, members and lag per topic and partition, in messages and in
 * time (lagTime.ts); share groups with their start offset and lag per partition (groupTypes.ts).
 * Groups are listed by each broker (a broker that cannot be reached is skipped while another
 * answers); lag counts only topics that still exist.
 */
export async function readConsumerGroups(admin: Admin, raw: RawGroupCluster, deadline: number): Promise<ConsumerGroupInfo[]> {
  const timeoutMs = Math.max(1_000, deadline - Date.now());
  const listed = await listGroups(raw, timeoutMs);
  if (listed.length === 0) return [];
  const ids = listed.map((g) => g.groupId);
  // Share groups keep no committed offsets (their lag comes with their description), and a type we do not know may not either.
  const [described, committed] = await Promise.all([
    describeListedGroups(admin, raw, listed, timeoutMs),
    committedOffsetsOf(admin, listed.filter((g) => COMMITTING.has(g.type)), timeoutMs),
  ]);
  // Metadata of the topics committed on only: a cluster may hold thousands more.
  const committedTopics = [...new Set([...committed.values()].flat().map((c) => c.topic))];
  const marks: Watermarks = committedTopics.length === 0 ? new Map<string, never>() : await watermarks(raw, await currentTopics(raw, committedTopics), deadline);
  const lagging = [...committed.values()].flat().flatMap(({ topic, partitions }) =>
    partitions
      .filter((p) => BigInt(p.offset) >= 0n && BigInt(marks.get(topic)?.get(p.partition)?.high ?? p.offset) > BigInt(p.offset))
      .map((p) => ({ topic, partition: p.partition, committed: p.offset, lastStable: marks.get(topic)?.get(p.partition)?.lastStable ?? p.offset })),
  );
  const oldest = await readOldestUnconsumed(raw, lagging, deadline);
  const readAt = Date.now();
  return ids.map((groupId) => {
    const lag = (committed.get(groupId) ?? [])
      .filter((c) => marks.has(c.topic))
      .map(({ topic, partitions }): TopicLag => {
        const rows = partitions
          .map((p): PartitionLag => {
            const { high, lastStable } = marks.get(topic)?.get(p.partition) ?? { high: '0', lastStable: '0' };
            // Partitions the group never committed have no lag to report.
            if (BigInt(p.offset) < 0n) return { partition: p.partition, committed: null, high, lastStable, lag: null, timeLagMs: null, oldestUnconsumed: null };
            const behind = BigInt(high) - BigInt(p.offset);
            const found = behind > 0n ? (oldest.get(unconsumedKey({ topic, partition: p.partition, committed: p.offset, lastStable })) ?? null) : null;
            return {
              partition: p.partition,
              committed: p.offset,
              high,
              lastStable,
              // Below 0 when the committed offset is past the end, as kafka-consumer-groups shows it.
              lag: behind.toString(),
              timeLagMs: found ? Math.max(0, readAt - found.timestampMs) : null,
              oldestUnconsumed: found,
            };
          })
          .sort((a, b) => a.partition - b.partition);
        // Records waiting: a partition committed past its end waits for none.
        const total = rows.reduce((sum, r) => (r.lag !== null && BigInt(r.lag) > 0n ? sum + BigInt(r.lag) : sum), 0n);
        const ages = rows.map((r) => r.timeLagMs).filter((ms): ms is number => ms !== null);
        return { topic, lag: total.toString(), timeLagMs: ages.length > 0 ? Math.max(...ages) : null, partitions: rows };
      })
      .sort((a, b) => a.topic.localeCompare(b.topic));
    return { ...described.get(groupId)!, lag };
  });
}

/**
 * Each group's committed offsets by topic (by group ID), asked of the broker that listed it (its
 * coordinator) rather than through kafkajs' admin, which asks FindCoordinator first for every
 * group: OffsetFetch v8 (KIP-709) for up to OFFSET_FETCH_GROUPS groups a request where the
 * coordinator takes it, else one OffsetFetch per group. A group the batch could not answer (its
 * coordinator moved meanwhile, a partition's error) is asked again through the admin, which
 * finds the new coordinator and throws an error that is not retriable.
 */
async function committedOffsetsOf(admin: Admin, groups: readonly CoordinatedGroup[], timeoutMs: number): Promise<Map<string, Committed[]>> {
  const result = new Map<string, Committed[]>();
  const byCoordinator = new Map<RawBroker, CoordinatedGroup[]>();
  for (const group of groups) {
    if (!byCoordinator.has(group.coordinator)) byCoordinator.set(group.coordinator, []);
    byCoordinator.get(group.coordinator)!.push(group);
  }
  const one = async (group: CoordinatedGroup) => {
    result.set(group.groupId, await committedOffsets(admin, group));
  };
  await Promise.all(
    [...byCoordinator].flatMap(([coordinator, coordinated]) => {
      if (!offers(coordinator, 'OffsetFetch')) return coordinated.map(one);
      return chunks(coordinated, OFFSET_FETCH_GROUPS).map(async (batch) => {
        const answers = await fetchOffsetsOfGroups(coordinator, batch.map((g) => g.groupId), timeoutMs).catch((error: unknown) => {
          if (!isRetriable(error)) throw error;
          return [];
        });
        for (const answer of answers) if (answer.errorCode === 0) result.set(answer.groupId, [...answer.topics]);
        await Promise.all(batch.filter((group) => !result.has(group.groupId)).map(async (group) => result.set(group.groupId, await admin.fetchOffsets({ groupId: group.groupId }))));
      });
    }),
  );
  return result;
}

/** Groups in one OffsetFetch: an answer of a few topics each stays well under a megabyte. */
const OFFSET_FETCH_GROUPS = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** One group's committed offsets from its coordinator; one that moved meanwhile refuses, and the admin finds the new one. */
async function committedOffsets(admin: Admin, group: CoordinatedGroup): Promise<Committed[]> {
  try {
    const { responses } = await group.coordinator.offsetFetch({ groupId: group.groupId, topics: [] });
    return responses.map(({ topic, partitions }) => ({ topic, partitions: partitions.map(({ partition, offset }) => ({ partition, offset })) }));
  } catch (error) {
    if (!isRetriable(error)) throw error;
    return admin.fetchOffsets({ groupId: group.groupId });
  }
}

type Committed = { readonly topic: string; readonly partitions: readonly { readonly partition: number; readonly offset: string }[] };

/** The group types whose progress is committed offsets (OffsetCommit), which lag is counted from. */
const COMMITTING = new Set(['classic', 'consumer', 'streams']);

async function watermarks(raw: RawCluster, topics: readonly RawTopicMetadata[], deadline: number): Promise<Watermarks> {
  const wanted = new Map(topics.map((t) => [t.topic, t.partitionMetadata.map((p) => p.partitionId)]));
  const [low, ends] = await Promise.all([readOffsets(raw, topics, wanted, EARLIEST, deadline), readEnds(raw, topics, wanted, deadline)]);
  const result: Watermarks = new Map();
  for (const [topic, partitions] of ends) {
    result.set(topic, new Map([...partitions].map(([partition, end]) => [partition, { low: low.get(topic)?.get(partition) ?? '0', ...end }])));
  }
  return result;
}
