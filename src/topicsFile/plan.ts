// What it takes to bring a cluster's topics to what the topics file declares, in the manner of
// a Terraform plan: create, add partitions, set or reset settings; what cannot be done, with
// Kafka's reason; and topics the file does not declare, which are deleted only on request.

import { readableValue, settingSpec } from '../kafka/topicSettings/specs';
import { plural } from '../text/count';
import type { ResolvedTopic } from './file';

/** A topic as a cluster has it now (see live.ts). */
export interface LiveTopic {
  readonly name: string;
  readonly partitions: number;
  /** Replicas of its first partition. */
  readonly replicationFactor: number;
  /** Settings set on the topic itself (DescribeConfigs source TOPIC_CONFIG), as Kafka sends them. */
  readonly config: Readonly<Record<string, string>>;
  /** Every setting's value in effect, whatever its source; null when the broker withholds it. */
  readonly effective: Readonly<Record<string, string | null>>;
}

export type TopicChange =
  | { readonly kind: 'create'; readonly topic: string; readonly partitions: number; readonly replicationFactor?: number; readonly config: Readonly<Record<string, string>> }
  | { readonly kind: 'add-partitions'; readonly topic: string; readonly from: number; readonly to: number }
  | { readonly kind: 'set'; readonly topic: string; readonly name: string; readonly from: string | null; readonly to: string }
  | { readonly kind: 'reset'; readonly topic: string; readonly name: string; readonly from: string }
  | { readonly kind: 'delete'; readonly topic: string };

export interface ImpossibleChange {
  readonly topic: string;
  readonly reason: string;
}

export interface TopicPlan {
  /** In the order apply carries them out: creations, partitions, settings, then deletions. */
  readonly changes: readonly TopicChange[];
  readonly impossible: readonly ImpossibleChange[];
  /** Topics the cluster has and the file does not declare (internal topics left out); deleted only with prune. */
  readonly undeclared: readonly string[];
}

export interface PlanOptions {
  /** Delete the topics the file does not declare. */
  readonly prune?: boolean;
}

const ORDER: Readonly<Record<TopicChange['kind'], number>> = { create: 0, 'add-partitions': 1, set: 2, reset: 3, delete: 4 };

/**
 * The plan that brings `live` to `declared`. Never deletes a topic without `prune`, never
 * lowers a partition count or changes a replication factor (Kafka cannot do the first;
 * the second needs a partition reassignment, which is not a topic's setting).
 */
export function planTopics(declared: readonly ResolvedTopic[], live: readonly LiveTopic[], options: PlanOptions = {}): TopicPlan {
  const changes: TopicChange[] = [];
  const impossible: ImpossibleChange[] = [];
  const byName = new Map(live.map((t) => [t.name, t]));
  for (const topic of declared) {
    const now = byName.get(topic.name);
    if (!now) {
      changes.push({ kind: 'create', topic: topic.name, partitions: topic.partitions, ...(topic.replicationFactor !== undefined ? { replicationFactor: topic.replicationFactor } : {}), config: topic.config });
      continue;
    }
    if (topic.partitions > now.partitions) changes.push({ kind: 'add-partitions', topic: topic.name, from: now.partitions, to: topic.partitions });
    else if (topic.partitions < now.partitions) {
      impossible.push({ topic: topic.name, reason: `has ${now.partitions} partitions and the file declares ${topic.partitions}: Kafka cannot remove partitions (recreate the topic to have fewer; its messages would be lost).` });
    }
    if (topic.replicationFactor !== undefined && topic.replicationFactor !== now.replicationFactor) {
      impossible.push({ topic: topic.name, reason: `has replication factor ${now.replicationFactor} and the file declares ${topic.replicationFactor}: changing it takes a partition reassignment (kafka-reassign-partitions), which plan does not do.` });
    }
    for (const [name, value] of Object.entries(topic.config)) {
      const current = name in now.config ? now.config[name] : (now.effective[name] ?? null);
      if (current === null || !sameValue(name, current, value)) changes.push({ kind: 'set', topic: topic.name, name, from: current, to: value });
    }
    for (const [name, value] of Object.entries(now.config)) {
      if (!(name in topic.config)) changes.push({ kind: 'reset', topic: topic.name, name, from: value });
    }
  }
  const names = new Set(declared.map((t) => t.name));
  const undeclared = live.filter((t) => !names.has(t.name)).map((t) => t.name).sort();
  if (options.prune) for (const topic of undeclared) changes.push({ kind: 'delete', topic });
  changes.sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  return { changes, impossible, undeclared };
}

/** Whether two values of setting `name` mean the same to Kafka (a list's order does not count). */
export function sameValue(name: string, a: string, b: string): boolean {
  if (a === b) return true;
  if (settingSpec(name).unit === 'list') return listItems(a) === listItems(b);
  if (settingSpec(name).unit === 'ratio') return Number(a) === Number(b);
  return false;
}

function listItems(value: string): string {
  return value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean).sort().join(',');
}

/** Whether applying the plan would change anything. */
export function hasChanges(plan: TopicPlan): boolean {
  return plan.changes.length > 0;
}

/**
 * The plan as a person reads it, one line per change with Terraform's marks (`+` create,
 * `~` change, `-` delete, `!` impossible), settings in readable units, and a summary line.
 * `target` names the cluster (`kafka on staging`).
 */
export function planText(plan: TopicPlan, target: string): string {
  const lines: string[] = [];
  for (const change of plan.changes) lines.push(changeText(change));
  for (const { topic, reason } of plan.impossible) lines.push(`! ${topic} ${reason}`);
  const kept = plan.changes.some((c) => c.kind === 'delete') ? [] : plan.undeclared;
  if (kept.length > 0) lines.push(`  not declared, kept: ${kept.join(', ')} (--prune deletes them)`);
  const impossible = plan.impossible.length ? `; ${plural(plan.impossible.length, 'declaration')} Kafka cannot carry out` : '';
  const summary = plan.changes.length === 0 ? `${target}: nothing to do${impossible || '; the topics match the file'}.` : `${target}: ${summaryCounts(plan)}${impossible}.`;
  return [...lines, summary].join('\n');
}

/** The one-line text of a change (`+ orders: create, 12 partitions, retention.ms 7 days`). */
export function changeText(change: TopicChange): string {
  switch (change.kind) {
    case 'create': {
      const settings = Object.entries(change.config).map(([name, value]) => `${name} ${readableValue(name, value)}`);
      const rf = change.replicationFactor !== undefined ? `, replication factor ${change.replicationFactor}` : '';
      return `+ ${change.topic}: create, ${plural(change.partitions, 'partition')}${rf}${settings.length ? `, ${settings.join(', ')}` : ''}`;
    }
    case 'add-partitions':
      return `~ ${change.topic}: partitions ${change.from} → ${change.to}`;
    case 'set':
      return `~ ${change.topic}: ${change.name} ${change.from === null ? '(unset)' : readableValue(change.name, change.from)} → ${readableValue(change.name, change.to)}`;
    case 'reset':
      return `~ ${change.topic}: ${change.name} ${readableValue(change.name, change.from)} → Kafka's default`;
    case 'delete':
      return `- ${change.topic}: delete (not declared; --prune)`;
  }
}

function summaryCounts(plan: TopicPlan): string {
  const count = (kind: TopicChange['kind']): number => plan.changes.filter((c) => c.kind === kind).length;
  const changedTopics = new Set(plan.changes.filter((c) => c.kind === 'set' || c.kind === 'reset' || c.kind === 'add-partitions').map((c) => c.topic)).size;
  const parts = [
    count('create') ? `${plural(count('create'), 'topic')} to create` : '',
    changedTopics ? `${plural(changedTopics, 'topic')} to change` : '',
    count('delete') ? `${plural(count('delete'), 'topic')} to delete` : '',
  ].filter(Boolean);
  return parts.join(', ');
}
