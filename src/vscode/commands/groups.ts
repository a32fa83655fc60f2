// The commands on a consumer group: reset its offsets on a topic (quick picks, then
// a preview of every partition, then the production guard, then the commit) and delete it.
// Both are refused by Kafka while the group has members; the preview says so before applying.

import * as vscode from 'vscode';
import type { GroupNode } from '../../explorer/nodes';
import { describeStrategy, GroupActiveError, parseResetStrategy } from '../../kafka/groupOffsets';
import type { ConsumerGroupInfo, KafkaCluster, OffsetResetPlan, ResetKind, ResetStrategy } from '../../kafka/types';
import { offsetRangeText } from '../../text/offsets';
import { groupDigits, plural } from '../../text/count';
import { blockedReason, previewRows, previewTitle } from '../../kafka/resetPreview';
import { behindText } from '../../text/duration';
import { pickService } from '../connections/servicePick';
import { topicDescription } from '../connections/topicPick';
import { confirmClusterChange } from '../produce/changeGuard';
import type { PickItem, Prompter } from '../prompter';
import { Handler, registerCommands } from '../commandGuard';
import { clusterChange } from '../progress';
import type { ExplorerCommandDeps } from './explorer';

export const RESET_OFFSETS_COMMAND = 'upsunKafka.resetGroupOffsets';
export const DELETE_GROUP_COMMAND = 'upsunKafka.deleteConsumerGroup';

const STRATEGIES: readonly { kind: ResetKind; label: string; detail: string; prompt?: string }[] = [
  { kind: 'earliest', label: 'Earliest', detail: 'The oldest offset still stored: consume everything again.' },
  { kind: 'latest', label: 'Latest', detail: 'The end (the high watermark, past any open transaction): skip everything not yet consumed.' },
  { kind: 'time', label: 'Time…', detail: 'The first message at or after a time (the end when none is that new).', prompt: 'An ISO 8601 time, e.g. 2026-01-31T12:00:00Z; without Z or an offset it is local time.' },
  { kind: 'offset', label: 'Offset…', detail: 'One offset for every chosen partition, kept within its watermarks.', prompt: 'A whole number from 0; kept within each partition\'s low and high watermarks.' },
  { kind: 'shift', label: 'Shift by…', detail: 'Move the committed offset back (-N) or forward (+N), kept within the watermarks.', prompt: 'A whole number, e.g. -100 to consume the last 100 messages again, +20 to skip 20.' },
];

type PreviewChoice = 'apply' | 'cancel' | 'row';

/** What a delete takes with it, by group type. */
const DELETE_CONSEQUENCE: Readonly<Record<string, string>> = {
  classic: 'Its committed offsets go with it: a consumer that joins the group again starts where its auto.offset.reset says (often the end).',
  consumer: 'Its committed offsets go with it: a consumer that joins the group again starts where its auto.offset.reset says (often the end).',
  share: 'Its start offsets go with it: a share consumer that joins again starts where the group config share.auto.offset.reset says (the end unless set).',
  streams: 'Its committed offsets go with it; its internal topics (changelog, repartition) stay until deleted with the topics.',
};

export function registerGroupCommands(deps: ExplorerCommandDeps): vscode.Disposable[] {
  const { provider, log, connections, prompter } = deps;
  const handlers: Record<string, Handler> = {
    [RESET_OFFSETS_COMMAND]: async (arg): Promise<OffsetResetPlan | undefined> => {
      const target = await pickService(connections, prompter, arg, 'Reset consumer group offsets in which Kafka service?');
      const cluster = target && (await connections.connect(target.project, target.service));
      if (!target || !cluster) return undefined;
      const group = await groupOf(arg, cluster, prompter, `Reset the offsets of which consumer group of "${target.service.name}"?`);
      if (!group) return undefined;
      const title = `Reset offsets of group "${group.groupId}"`;
      const topic = await pickGroupTopic(cluster, prompter, group, `${title}: topic`);
      if (!topic) return undefined;
      const partitions = await pickPartitions(cluster, prompter, topic, `${title} on "${topic}": partitions`);
      if (!partitions) return undefined;
      const strategy = await pickStrategy(prompter, `${title} on "${topic}"`, group.type);
      if (!strategy) return undefined;
      const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading the offsets of group "${group.groupId}" on "${topic}"…` }, () =>
        cluster.planOffsetReset({ group: group.groupId, topic, partitions, strategy }),
      );
      if (!(await preview(prompter, plan))) return undefined;
      const change = { what: `Reset the offsets of group "${plan.group}" on topic "${plan.topic}" ${describeStrategy(plan.strategy)}`, action: 'Reset' };
      if (!(await confirmClusterChange(target, cluster.brokers, change, prompter, connections.statusOf(target.key).environment))) return undefined;
      if (!(await clusterChange(`Resetting the offsets of group "${plan.group}" on "${plan.topic}"…`, () => cluster.applyOffsetReset(plan), { after: () => provider.refreshService(target.key), mayStill: `the offsets of group "${plan.group}" may still change` }))) return undefined;
      const written = plan.partitions.filter((p) => p.newOffset !== null).length;
      log.info(`Reset the offsets of group "${plan.group}" on "${plan.topic}" ${describeStrategy(plan.strategy)}: ${plan.partitions.map((p) => `P${p.partition} ${p.committed ?? 'none'} → ${p.newOffset ?? 'unchanged'}`).join(', ')}.`);
      void vscode.window.showInformationMessage(`Reset the offsets of group "${plan.group}" on "${plan.topic}" ${describeStrategy(plan.strategy)} (${plural(written, 'partition')}).`);
      return plan;
    },
    [DELETE_GROUP_COMMAND]: async (arg): Promise<boolean> => {
      const target = await pickService(connections, prompter, arg, 'Delete a consumer group of which Kafka service?');
      const cluster = target && (await connections.connect(target.project, target.service));
      if (!target || !cluster) return false;
      const group = await groupOf(arg, cluster, prompter, `Delete which consumer group of "${target.service.name}"?`);
      if (!group) return false;
      const action = `delete group "${group.groupId}"`;
      const members = await cluster.describeGroupMembers(group.groupId);
      if (members.length > 0) throw new GroupActiveError(group.groupId, members, action);
      // One question, production or not: what goes, and why the cluster looks like production.
      const change = {
        what: `Delete ${group.type} group "${group.groupId}"`,
        action: 'Delete',
        consequence: DELETE_CONSEQUENCE[group.type] ?? DELETE_CONSEQUENCE.classic,
      };
      if (!(await confirmClusterChange(target, cluster.brokers, change, prompter, connections.statusOf(target.key).environment))) return false;
      if (!(await clusterChange(`Deleting consumer group "${group.groupId}"…`, () => cluster.deleteConsumerGroup(group.groupId), { after: () => provider.refreshService(target.key), mayStill: `the cluster may still delete group "${group.groupId}"` }))) return false;
      log.info(`Deleted consumer group "${group.groupId}" of "${target.service.name}".`);
      void vscode.window.showInformationMessage(`Deleted consumer group "${group.groupId}" of "${target.service.name}".`);
      return true;
    },
  };
  return registerCommands(handlers, log);
}

/** The group of the row the command ran on, or one the user picks (with its lag). */
async function groupOf(arg: unknown, cluster: KafkaCluster, prompter: Prompter, title: string): Promise<ConsumerGroupInfo | undefined> {
  const node = arg as GroupNode | undefined;
  if (node?.kind === 'group') return node.group;
  const groups = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Listing consumer groups…' }, () => cluster.listConsumerGroups());
  if (groups.length === 0) {
    void vscode.window.showInformationMessage('This cluster has no consumer groups.');
    return undefined;
  }
  return prompter.pick(
    groups.map((g) => ({ label: g.groupId, description: `${g.type} · ${g.state} · ${plural(g.members, 'member')}`, detail: g.lag.map((l) => `${l.topic}: lag ${groupDigits(l.lag)}${l.timeLagMs === null ? '' : `, ${behindText(l.timeLagMs)}`}`).join(' · ') || 'no committed offsets', value: g })),
    { title, placeholder: 'Consumer group' },
  );
}

/** The topics the group committed on (a share group: has start offsets on) first, then every other topic (a reset may start a new one). */
async function pickGroupTopic(cluster: KafkaCluster, prompter: Prompter, group: ConsumerGroupInfo, title: string): Promise<string | undefined> {
  const topics = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Listing Kafka topics…' }, () => cluster.listTopics());
  // A share group's topics are those it has start offsets on; it commits none.
  const shared = [...new Set((group.shareOffsets ?? []).map((o) => o.topic))].map((topic) => ({ topic, lag: null, timeLagMs: null }));
  const positioned: { topic: string; lag: string | null; timeLagMs: number | null }[] = group.type === 'share' ? shared : [...group.lag];
  const committed = new Map(positioned.map((l) => [l.topic, l]));
  const items: PickItem<string>[] = [
    ...positioned.filter((l) => topics.some((t) => t.name === l.topic)).map((l) => ({ label: l.topic, description: l.lag === null ? 'start offsets' : [`lag ${groupDigits(l.lag)}`, behindText(l.timeLagMs)].filter(Boolean).join(' · '), value: l.topic })),
    ...topics.filter((t) => !committed.has(t.name)).map((t) => ({ label: t.name, description: `${topicDescription(t)} · no offsets committed`, value: t.name })),
  ];
  return prompter.pick(items, { title, placeholder: 'Topic' });
}

/** All partitions ([]), one, or several typed as `0,2,5`; undefined when the user gave up. */
async function pickPartitions(cluster: KafkaCluster, prompter: Prompter, topic: string, title: string): Promise<number[] | undefined> {
  const info = await cluster.describeTopic(topic);
  const all = info.partitions.map((p) => p.partition);
  if (all.length === 1) return [];
  const items: PickItem<number[]>[] = [
    { label: `All ${all.length} partitions`, value: [] },
    ...info.partitions.map((p) => ({ label: `Partition ${p.partition}`, description: offsetRangeText(p.low, p.high), value: [p.partition] })),
  ];
  return prompter.pick(items, {
    title,
    placeholder: 'All partitions, one, or type several: 0,2,5',
    typed: (text) => {
      const chosen = text.split(/[\s,]+/).filter(Boolean).map(Number);
      if (chosen.length === 0 || chosen.some((p) => !all.includes(p))) return undefined;
      return { label: `Partitions ${chosen.join(', ')}`, value: chosen };
    },
  });
}

/** A share group's start offsets move only to the earliest, the latest or a time (kafka-share-groups.sh --reset-offsets). */
async function pickStrategy(prompter: Prompter, title: string, groupType: string): Promise<ResetStrategy | undefined> {
  const offered = groupType === 'share' ? STRATEGIES.filter((s) => s.kind === 'earliest' || s.kind === 'latest' || s.kind === 'time') : STRATEGIES;
  const chosen = await prompter.pick(offered.map((s) => ({ label: s.label, detail: s.detail, value: s })), { title: `${title}: reset to`, placeholder: 'Where the group resumes' });
  if (!chosen) return undefined;
  if (!chosen.prompt) return (parseResetStrategy(chosen.kind, undefined) as { strategy: ResetStrategy }).strategy;
  const value = await prompter.input({
    title: `${title}: ${chosen.label.replace('…', '').toLowerCase()}`,
    prompt: chosen.prompt,
    value: chosen.kind === 'time' ? new Date(Date.now() - 60 * 60_000).toISOString() : undefined,
    validate: (text) => {
      const parsed = parseResetStrategy(chosen.kind, text);
      return 'problem' in parsed ? `${parsed.problem[0].toUpperCase()}${parsed.problem.slice(1)}.` : undefined;
    },
  });
  if (value === undefined) return undefined;
  const parsed = parseResetStrategy(chosen.kind, value);
  return 'strategy' in parsed ? parsed.strategy : undefined;
}

/**
 * The plan, one row per partition, with Apply and Cancel; true when the user chose Apply.
 * Apply cannot be chosen while the group has members (it says why).
 */
async function preview(prompter: Prompter, plan: OffsetResetPlan): Promise<boolean> {
  const blocked = blockedReason(plan);
  const rows = previewRows(plan).map((r): PickItem<PreviewChoice> => ({ ...r, value: 'row', unavailable: 'this row shows the plan; choose Apply or Cancel' }));
  // Cancel first, so Enter on the preview changes nothing.
  const items: PickItem<PreviewChoice>[] = [
    { label: '$(close) Cancel', value: 'cancel' },
    blocked
      ? { label: '$(circle-slash) Apply', description: `cannot apply: ${blocked}`, value: 'apply', unavailable: blocked }
      : { label: '$(check) Apply', description: 'write these offsets', value: 'apply' },
    { label: 'Partitions', kind: vscode.QuickPickItemKind.Separator, value: 'row' },
    ...rows,
  ];
  const choice = await prompter.pick(items, { title: `Preview: ${previewTitle(plan)}`, placeholder: blocked ? `Cannot apply: ${blocked}` : 'Enter or Escape cancels; choose Apply to write the new offsets' });
  return choice === 'apply';
}
