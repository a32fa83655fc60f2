// What the brokers' disks hold, from their DescribeLogDirs answers: bytes per partition and per
// topic (every replica and any copy being moved counts: each takes disk), and per broker, whose
// disk fills on its own. The service's disk is that of its fullest broker.

import type { BrokerLogDirs } from '../kafka/types';

export interface PartitionUsage {
  readonly partition: number;
  /** Bytes over all of its replicas' logs (and future copies). */
  readonly bytes: number;
  /** How many logs hold it (replicas, and copies being moved). */
  readonly logs: number;
}

export interface TopicUsage {
  readonly topic: string;
  readonly bytes: number;
  /** By partition number. */
  readonly partitions: readonly PartitionUsage[];
}

export interface BrokerUsage {
  readonly broker: number;
  /** Bytes of every log on this broker. */
  readonly bytes: number;
  /** The volume under its log directories as the broker reports it (DescribeLogDirs v4); null when unknown. */
  readonly volumeBytes: number | null;
  readonly usableBytes: number | null;
}

export interface DiskUsage {
  /** Largest first, then by name. */
  readonly topics: readonly TopicUsage[];
  readonly brokers: readonly BrokerUsage[];
  /** Each broker or log directory that did not answer, in words ("broker 2: …", "broker 1, /data: …"). */
  readonly problems: readonly string[];
}

/** Sums `answers` by topic, partition and broker. Pure. */
export function diskUsage(answers: readonly BrokerLogDirs[]): DiskUsage {
  const byTopic = new Map<string, Map<number, { bytes: number; logs: number }>>();
  const problems: string[] = [];
  const brokers = answers.map((answer): BrokerUsage => {
    if (answer.error !== null) problems.push(`broker ${answer.broker}: ${answer.error}`);
    let bytes = 0;
    // Several directories on one volume would be counted once each; a broker reports per
    // directory, so the volume's size is taken once per distinct (total, usable) pair.
    const volumes = new Map<string, { total: number; usable: number }>();
    for (const dir of answer.logDirs) {
      if (dir.error !== null) problems.push(`broker ${answer.broker}, ${dir.path}: ${dir.error}`);
      if (dir.totalBytes !== null && dir.usableBytes !== null) volumes.set(`${dir.totalBytes}/${dir.usableBytes}`, { total: dir.totalBytes, usable: dir.usableBytes });
      for (const p of dir.partitions) {
        bytes += p.sizeBytes;
        const partitions = byTopic.get(p.topic) ?? new Map<number, { bytes: number; logs: number }>();
        const known = partitions.get(p.partition) ?? { bytes: 0, logs: 0 };
        partitions.set(p.partition, { bytes: known.bytes + p.sizeBytes, logs: known.logs + 1 });
        byTopic.set(p.topic, partitions);
      }
    }
    const known = [...volumes.values()];
    return {
      broker: answer.broker,
      bytes,
      volumeBytes: known.length > 0 ? known.reduce((s, v) => s + v.total, 0) : null,
      usableBytes: known.length > 0 ? known.reduce((s, v) => s + v.usable, 0) : null,
    };
  });
  const topics = [...byTopic].map(([topic, partitions]): TopicUsage => ({
    topic,
    bytes: [...partitions.values()].reduce((s, p) => s + p.bytes, 0),
    partitions: [...partitions].map(([partition, p]) => ({ partition, ...p })).sort((a, b) => a.partition - b.partition),
  }));
  topics.sort((a, b) => b.bytes - a.bytes || a.topic.localeCompare(b.topic));
  return { topics, brokers, problems };
}

/** The broker whose logs take the most bytes: the disk that fills first. Undefined when none answered. */
export function fullestBroker(usage: DiskUsage): BrokerUsage | undefined {
  return usage.brokers.filter((b) => !usage.problems.some((p) => p.startsWith(`broker ${b.broker}:`))).sort((a, b) => b.bytes - a.bytes)[0];
}
