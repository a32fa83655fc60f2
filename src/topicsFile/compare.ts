// Two clusters side by side (two environments, or one and a connected service): topics only on
// one side, partition counts, replication factors, settings that differ, and consumer groups
// present on one side only.

import { readableValue } from '../kafka/topicSettings/specs';
import type { KafkaCluster } from '../kafka/types';
import { fileValue } from './export';
import { readLiveTopics } from './live';
import { sameValue, type LiveTopic } from './plan';

export interface ClusterSide {
  /** How the user names it: `staging`, `main`, `localhost:9092`. */
  readonly label: string;
  readonly topics: readonly LiveTopic[];
  readonly groups: readonly string[];
}

export type Difference =
  | { readonly kind: 'topic-only-in'; readonly side: 'left' | 'right'; readonly topic: string }
  | { readonly kind: 'partitions'; readonly topic: string; readonly left: number; readonly right: number }
  | { readonly kind: 'replication-factor'; readonly topic: string; readonly left: number; readonly right: number }
  | { readonly kind: 'setting'; readonly topic: string; readonly name: string; readonly left: string | null; readonly right: string | null }
  | { readonly kind: 'group-only-in'; readonly side: 'left' | 'right'; readonly group: string };

/** A cluster read for a comparison: its topics (readLiveTopics) and its consumer groups' IDs. Throws what the reads throw. */
export async function readClusterSide(cluster: KafkaCluster, label: string): Promise<ClusterSide> {
  const [topics, groups] = await Promise.all([readLiveTopics(cluster), cluster.listConsumerGroups()]);
  return { label, topics, groups: groups.map((g) => g.groupId) };
}

/**
 * What differs between `left` and `right`. A setting differs when it is set on the topic on
 * at least one side and the values in effect differ (a setting left at the default on both
 * sides is not compared: the brokers' defaults may differ, and that is not the topic's).
 */
export function compareClusters(left: ClusterSide, right: ClusterSide): Difference[] {
  const differences: Difference[] = [];
  const rightTopics = new Map(right.topics.map((t) => [t.name, t]));
  const leftNames = new Set(left.topics.map((t) => t.name));
  for (const l of left.topics) {
    const r = rightTopics.get(l.name);
    if (!r) {
      differences.push({ kind: 'topic-only-in', side: 'left', topic: l.name });
      continue;
    }
    if (l.partitions !== r.partitions) differences.push({ kind: 'partitions', topic: l.name, left: l.partitions, right: r.partitions });
    if (l.replicationFactor !== r.replicationFactor) differences.push({ kind: 'replication-factor', topic: l.name, left: l.replicationFactor, right: r.replicationFactor });
    const names = [...new Set([...Object.keys(l.config), ...Object.keys(r.config)])].sort();
    for (const name of names) {
      const lv = l.config[name] ?? l.effective[name] ?? null;
      const rv = r.config[name] ?? r.effective[name] ?? null;
      if (lv === null || rv === null ? lv !== rv : !sameValue(name, lv, rv)) differences.push({ kind: 'setting', topic: l.name, name, left: lv, right: rv });
    }
  }
  for (const r of right.topics) if (!leftNames.has(r.name)) differences.push({ kind: 'topic-only-in', side: 'right', topic: r.name });
  const rightGroups = new Set(right.groups);
  const leftGroups = new Set(left.groups);
  for (const g of [...leftGroups].sort()) if (!rightGroups.has(g)) differences.push({ kind: 'group-only-in', side: 'left', group: g });
  for (const g of [...rightGroups].sort()) if (!leftGroups.has(g)) differences.push({ kind: 'group-only-in', side: 'right', group: g });
  return differences;
}

/** The differences as lines a person reads, or a line saying there are none. */
export function differencesText(left: ClusterSide, right: ClusterSide, differences: readonly Difference[]): string {
  if (differences.length === 0) return `${left.label} and ${right.label} have the same topics, settings and consumer groups.`;
  const side = (s: 'left' | 'right'): string => (s === 'left' ? left.label : right.label);
  const value = (name: string, v: string | null): string => (v === null ? '(not sent)' : readableValue(name, v));
  return differences.map((d) => {
    switch (d.kind) {
      case 'topic-only-in':
        return `topic ${d.topic}: only on ${side(d.side)}`;
      case 'partitions':
        return `topic ${d.topic}: partitions ${d.left} on ${left.label}, ${d.right} on ${right.label}`;
      case 'replication-factor':
        return `topic ${d.topic}: replication factor ${d.left} on ${left.label}, ${d.right} on ${right.label}`;
      case 'setting':
        return `topic ${d.topic}: ${d.name} ${value(d.name, d.left)} on ${left.label}, ${value(d.name, d.right)} on ${right.label}`;
      case 'group-only-in':
        return `consumer group ${d.group}: only on ${side(d.side)}`;
    }
  }).join('\n');
}

/**
 * The side as a topics-file-like text, for VS Code's diff editor: one block per topic with
 * its partitions, replication factor and the settings set on it, then the consumer groups.
 */
export function sideText(side: ClusterSide): string {
  const lines = [`# ${side.label}`, 'topics:'];
  for (const t of side.topics) {
    lines.push(`  ${t.name}:`, `    partitions: ${t.partitions}`, `    replication_factor: ${t.replicationFactor}`);
    const names = Object.keys(t.config).sort();
    // As a topics file writes them (`1d`), so a line can be copied into one.
    if (names.length) lines.push('    config:', ...names.map((n) => `      ${n}: ${fileValue(n, t.config[n])}`));
  }
  lines.push('consumer_groups:', ...[...side.groups].sort().map((g) => `  - ${g}`));
  return `${lines.join('\n')}\n`;
}
