// Carries out a topics plan on a cluster, one change at a time, and says what was and was not
// done. Several app instances may run the same apply at the same moment (a deploy hook runs on
// each): a topic or partitions another run created a moment ago count as done, not as errors.

import type { KafkaCluster } from '../kafka/types';
import { changeText, sameValue, type TopicChange, type TopicPlan } from './plan';
import { readOneTopic } from './live';

export interface ApplyResult {
  /** The changes carried out (or found already made by another run), in order. */
  readonly applied: readonly TopicChange[];
  /** The change that failed and Kafka's message; apply stops there. */
  readonly failed?: { readonly change: TopicChange; readonly message: string };
  /** Changes not attempted because an earlier one failed or the run was cancelled. */
  readonly notApplied: readonly TopicChange[];
  readonly cancelled: boolean;
}

export interface ApplyOptions {
  readonly signal?: AbortSignal;
  /** Called before each change with its text (`+ orders: create, 3 partitions`). */
  readonly onChange?: (text: string, index: number, total: number) => void;
}

/** Applies `plan.changes` in order; never throws for a change Kafka refuses (see ApplyResult.failed). */
export async function applyPlan(cluster: KafkaCluster, plan: TopicPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const applied: TopicChange[] = [];
  const changes = groupSettings(plan.changes);
  for (let i = 0; i < changes.length; i++) {
    const step = changes[i];
    const change = step[0];
    if (options.signal?.aborted) return { applied, notApplied: changes.slice(i).flat(), cancelled: true };
    step.forEach((change, j) => options.onChange?.(changeText(change), applied.length + j, plan.changes.length));
    try {
      await applyStep(cluster, step);
      applied.push(...step);
    } catch (error) {
      if (await alreadyDone(cluster, step)) {
        applied.push(...step);
        continue;
      }
      const refused = error instanceof Error ? error.message : String(error);
      // A creation that lost to another run whose topic differs from the plan: the plan is stale, not wrong.
      const message = change.kind === 'create' && (await readOneTopic(cluster, change.topic).catch(() => undefined)) !== undefined
        ? `${refused} Another run (or someone else) created it a moment ago; plan and apply again to bring it to the file.`
        : refused;
      return { applied, failed: { change: step[0], message }, notApplied: [...step.slice(1), ...changes.slice(i + 1).flat()], cancelled: false };
    }
  }
  return { applied, notApplied: [], cancelled: false };
}

/** One step per change, except a topic's setting changes, which go in one IncrementalAlterConfigs. */
function groupSettings(changes: readonly TopicChange[]): TopicChange[][] {
  const steps: TopicChange[][] = [];
  for (const change of changes) {
    const last = steps[steps.length - 1];
    const isSetting = change.kind === 'set' || change.kind === 'reset';
    if (isSetting && last && (last[0].kind === 'set' || last[0].kind === 'reset') && last[0].topic === change.topic) last.push(change);
    else steps.push([change]);
  }
  return steps;
}

async function applyStep(cluster: KafkaCluster, step: readonly TopicChange[]): Promise<void> {
  const change = step[0];
  switch (change.kind) {
    case 'create':
      // -1: the broker's default.replication.factor (CreateTopics v4+).
      return cluster.createTopic({ topic: change.topic, partitions: change.partitions, replicationFactor: change.replicationFactor ?? -1, config: change.config });
    case 'add-partitions':
      return cluster.createPartitions(change.topic, change.to);
    case 'delete':
      return cluster.deleteTopic(change.topic);
    default:
      return cluster.alterTopicConfig(change.topic, step.map((c) => (c.kind === 'set' ? { name: c.name, value: c.to } : { name: (c as { name: string }).name, value: null })));
  }
}

/** Whether the cluster already shows what a failed step meant to do: another run did it first. */
async function alreadyDone(cluster: KafkaCluster, step: readonly TopicChange[]): Promise<boolean> {
  const change = step[0];
  try {
    const now = await readOneTopic(cluster, change.topic);
    switch (change.kind) {
      case 'create':
        return now !== undefined && now.partitions >= change.partitions && Object.entries(change.config).every(([name, value]) => sameValue(name, now.config[name] ?? '', value));
      case 'add-partitions':
        return now !== undefined && now.partitions >= change.to;
      case 'delete':
        return now === undefined;
      default:
        return now !== undefined && step.every((c) => (c.kind === 'set' ? sameValue(c.name, now.config[c.name] ?? '', c.to) : c.kind === 'reset' && !(c.name in now.config)));
    }
  } catch {
    return false;
  }
}
