// Topics with their watermarks, and consumer groups with their lag: two ListOffsets requests
// per broker for all topics together, rather than two per topic.

import type { Admin } from 'kafkajs';
import { RawCluster } from './internals';
import { ConsumerGroupInfo, KafkaAccessError, TopicInfo } from './types';

type Watermarks = Map<string, Map<number, { low: string; high: string }>>;

export async function readTopics(raw: RawCluster, includeInternal: boolean, only?: string): Promise<TopicInfo[]> {
  // kafkajs answers null rather than throwing when the metadata request failed for a topic.
  const topicMetadata = (await raw.metadata({ topics: only ? [only] : [] }))?.topicMetadata ?? [];
  const topics = topicMetadata
    .filter((t) => (only ? t.topic === only : includeInternal || !t.isInternal))
    .sort((a, b) => a.topic.localeCompare(b.topic));
  if (only && topics.length === 0) throw new KafkaAccessError(`Topic "${only}" does not exist. Check the name.`, 'unknown-topic');
  const marks = await watermarks(raw, topics.map((t) => ({ topic: t.topic, partitions: t.partitionMetadata.map((p) => p.partitionId) })));
  return topics.map((t) => {
    const partitions = [...t.partitionMetadata]
      .sort((a, b) => a.partitionId - b.partitionId)
      .map((p) => {
        const mark = marks.get(t.topic)?.get(p.partitionId) ?? { low: '0', high: '0' };
        return { partition: p.partitionId, leader: p.leader, replicas: [...p.replicas], isr: [...p.isr], ...mark };
      });
    const messageCount = partitions.reduce((sum, p) => sum + BigInt(p.high) - BigInt(p.low), 0n);
    return { name: t.topic, internal: Boolean(t.isInternal), partitions, messageCount: messageCount.toString() };
  });
}

export async function readConsumerGroups(admin: Admin, raw: RawCluster): Promise<ConsumerGroupInfo[]> {
  const { groups } = await admin.listGroups();
  if (groups.length === 0) return [];
  const ids = groups.map((g) => g.groupId).sort();
  const described = new Map((await admin.describeGroups(ids)).groups.map((g) => [g.groupId, g]));
  const committed = await Promise.all(ids.map((groupId) => admin.fetchOffsets({ groupId })));
  const topicMetadata = (await raw.metadata())?.topicMetadata ?? [];
  const existing = new Map(topicMetadata.map((t) => [t.topic, t.partitionMetadata.map((p) => p.partitionId)]));
  const topics = [...new Set(committed.flat().map((c) => c.topic))].filter((t) => existing.has(t));
  const marks = await watermarks(raw, topics.map((topic) => ({ topic, partitions: existing.get(topic) ?? [] })));

  return ids.map((groupId, i) => {
    const group = described.get(groupId);
    const lag = committed[i]
      .filter((c) => marks.has(c.topic))
      .map(({ topic, partitions }) => {
        // Partitions the group never committed have no lag to report.
        const total = partitions
          .filter((p) => BigInt(p.offset) >= 0n)
          .reduce((sum, p) => {
            const high = BigInt(marks.get(topic)?.get(p.partition)?.high ?? p.offset);
            return sum + (high > BigInt(p.offset) ? high - BigInt(p.offset) : 0n);
          }, 0n);
        return { topic, lag: total.toString() };
      })
      .sort((a, b) => a.topic.localeCompare(b.topic));
    return { groupId, state: group?.state ?? 'Unknown', members: group?.members.length ?? 0, lag };
  });
}

async function watermarks(raw: RawCluster, topics: { topic: string; partitions: number[] }[]): Promise<Watermarks> {
  const result: Watermarks = new Map();
  const wanted = topics.filter((t) => t.partitions.length > 0);
  if (wanted.length === 0) return result;
  await raw.addMultipleTargetTopics(wanted.map((t) => t.topic));
  const request = (fromBeginning: boolean) =>
    raw.fetchTopicsOffset(wanted.map(({ topic, partitions }) => ({ topic, fromBeginning, partitions: partitions.map((partition) => ({ partition })) })));
  const [low, high] = await Promise.all([request(true), request(false)]);
  for (const { topic, partitions } of low) {
    result.set(topic, new Map(partitions.map((p) => [p.partition, { low: p.offset, high: p.offset }])));
  }
  for (const { topic, partitions } of high) {
    const perPartition = result.get(topic) ?? new Map<number, { low: string; high: string }>();
    for (const p of partitions) perPartition.set(p.partition, { low: perPartition.get(p.partition)?.low ?? '0', high: p.offset });
    result.set(topic, perPartition);
  }
  return result;
}
