// A cluster's topics as plan, export and compare read them: partitions, replication factor,
// the settings set on each topic, and every setting in effect.

import type { KafkaCluster } from '../kafka/types';
import type { LiveTopic } from './plan';

export interface ReadOptions {
  readonly signal?: AbortSignal;
  /** Called after each topic is read, with how many of how many. */
  readonly onProgress?: (read: number, total: number) => void;
}

/**
 * Every topic of the cluster but Kafka's internal ones (`__consumer_offsets`,
 * `__transaction_state`, as Metadata marks them), sorted by name. Throws the cluster's
 * KafkaAccessError when a read fails, and an AbortError-named Error when `signal` aborts.
 */
export async function readLiveTopics(cluster: KafkaCluster, options: ReadOptions = {}): Promise<LiveTopic[]> {
  const topics = (await cluster.listTopics()).filter((t) => !t.internal).sort((a, b) => a.name.localeCompare(b.name));
  const live: LiveTopic[] = [];
  for (const topic of topics) {
    if (options.signal?.aborted) throw abortError();
    live.push(await readLiveTopic(cluster, topic.name, topic.partitions.length, topic.partitions[0]?.replicas.length ?? 0));
    options.onProgress?.(live.length, topics.length);
  }
  return live;
}

/** One topic, or undefined when the cluster has no such topic. */
export async function readOneTopic(cluster: KafkaCluster, name: string): Promise<LiveTopic | undefined> {
  const topic = (await cluster.listTopics()).find((t) => t.name === name);
  if (!topic) return undefined;
  return readLiveTopic(cluster, name, topic.partitions.length, topic.partitions[0]?.replicas.length ?? 0);
}

async function readLiveTopic(cluster: KafkaCluster, name: string, partitions: number, replicationFactor: number): Promise<LiveTopic> {
  const entries = await cluster.describeTopicConfig(name);
  const config: Record<string, string> = {};
  const effective: Record<string, string | null> = {};
  for (const entry of entries) {
    effective[entry.name] = entry.value;
    if (entry.source === 'topic' && entry.value !== null) config[entry.name] = entry.value;
  }
  return { name, partitions, replicationFactor, config, effective };
}

function abortError(): Error {
  const error = new Error('Cancelled.');
  error.name = 'AbortError';
  return error;
}
