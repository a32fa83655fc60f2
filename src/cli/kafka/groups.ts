// The bodies of `upsun-kafka groups list|reset|delete`, loaded with the Kafka client when one runs.

import { describeStrategy, GroupActiveError, parseResetStrategy } from '../../kafka/groupOffsets';
import type { ConsumerGroupInfo, OffsetResetPlan, ResetKind, ResetStrategy, TopicLag } from '../../kafka/types';
import { assignmentText, pastEndText } from '../../kafka/groupText';
import { heldText, lagHeld } from '../../kafka/openTransaction';
import { groupDigits } from '../../text/count';
import { durationText } from '../../text/duration';
import type { GroupsDeleteFlags, GroupsListFlags, GroupsResetFlags } from '../contract';
import { UsageError } from '../exitCodes';
import { partitionsOf } from '../sharedOptions';
import { terminalJson, terminalText } from '../terminalText';
import { runKafkaCommand, withCluster } from './connection';

export function groupsList(flags: GroupsListFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    await withCluster(flags, async (cluster) => {
      const groups = await cluster.listConsumerGroups();
      process.stdout.write(flags.json ? `${terminalJson(groups)}\n` : groupsTable(groups));
    });
  });
}

export function groupsReset(flags: GroupsResetFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    const strategy = strategyOf(flags);
    const partitions = partitionsOf(flags.partition);
    await withCluster(flags, async (cluster) => {
      const plan = await cluster.planOffsetReset({ group: flags.group, topic: flags.topic, partitions, strategy });
      process.stdout.write(flags.json ? `${terminalJson({ ...plan, executed: Boolean(flags.execute) })}\n` : planTable(plan));
      if (!flags.execute) {
        if (plan.members.length > 0) process.stderr.write(`upsun-kafka: ${terminalText(new GroupActiveError(plan.group, plan.members, 'apply this plan').message)}\n`);
        if (!flags.json) process.stdout.write('Nothing changed: this is the plan. Add --execute to write these offsets.\n');
        return;
      }
      await cluster.applyOffsetReset(plan);
      const written = plan.partitions.filter((p) => p.newOffset !== null).length;
      if (!flags.json) process.stdout.write(`Committed new offsets for ${written} ${written === 1 ? 'partition' : 'partitions'} of "${terminalText(plan.topic)}" in group "${terminalText(plan.group)}".\n`);
    });
  });
}

export function groupsDelete(flags: GroupsDeleteFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    await withCluster(flags, async (cluster) => {
      await cluster.deleteConsumerGroup(flags.group);
      process.stdout.write(`Deleted group "${terminalText(flags.group)}".\n`);
    });
  });
}

const STRATEGY_FLAGS: readonly [keyof GroupsResetFlags, string, ResetKind][] = [
  ['toEarliest', '--to-earliest', 'earliest'],
  ['toLatest', '--to-latest', 'latest'],
  ['toTime', '--to-time', 'time'],
  ['toOffset', '--to-offset', 'offset'],
  ['shiftBy', '--shift-by', 'shift'],
];

/** Exactly one of the strategy options, with its value checked: else a usage error. */
function strategyOf(flags: GroupsResetFlags): ResetStrategy {
  const given = STRATEGY_FLAGS.filter(([key]) => flags[key] !== undefined);
  const names = STRATEGY_FLAGS.map(([, name]) => name).join(', ');
  if (given.length !== 1) {
    throw new UsageError(given.length === 0 ? `say where to move the offsets: one of ${names}` : `give only one of ${given.map(([, name]) => name).join(', ')}`);
  }
  const [key, name, kind] = given[0];
  const value = flags[key];
  const parsed = parseResetStrategy(kind, typeof value === 'string' ? value : undefined);
  if ('problem' in parsed) throw new UsageError(`${name}: ${parsed.problem}`);
  return parsed.strategy;
}

const number = (value: string | null) => (value === null ? '-' : groupDigits(value));

/** Columns padded to their widest cell; every string from the broker passes through terminalText first. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n') + '\n';
}

/**
 * One row per group and topic, then each member (client id, host, assignment), then each share
 * group's start offset and lag per partition (as kafka-share-groups.sh --describe shows them),
 * then what could not be read.
 */
function groupsTable(groups: readonly ConsumerGroupInfo[]): string {
  if (groups.length === 0) return 'No groups.\n';
  const rows = groups.flatMap((g) => {
    const head = [terminalText(g.groupId), terminalText(g.type), terminalText(g.state), String(g.members), terminalText(g.assignor ?? '-')];
    const lags = g.type === 'share' ? shareLags(g) : g.lag.map((l) => [terminalText(l.topic), lagCell(l), l.timeLagMs === null ? '-' : durationText(l.timeLagMs)]);
    if (lags.length === 0) return [[...head, '-', '-', '-']];
    return lags.map((l) => [...head, ...l]);
  });
  let out = table(['GROUP', 'TYPE', 'STATE', 'MEMBERS', 'ASSIGNOR', 'TOPIC', 'LAG', 'BEHIND'], rows);
  const members = groups.flatMap((g) => g.memberList.map((m) => [terminalText(g.groupId), terminalText(m.clientId || '-'), terminalText(m.clientHost || '-'), terminalText(assignmentText(m.assignment))]));
  if (members.length > 0) out += `\n${table(['GROUP', 'CLIENT-ID', 'HOST', 'ASSIGNMENT'], members)}`;
  const shares = groups.flatMap((g) => (g.shareOffsets ?? []).map((o) => [terminalText(g.groupId), terminalText(o.topic), String(o.partition), number(o.startOffset), number(o.lag)]));
  if (shares.length > 0) out += `\n${table(['SHARE-GROUP', 'TOPIC', 'PARTITION', 'START-OFFSET', 'LAG'], shares)}`;
  const notes = groups.filter((g) => g.note).map((g) => `Group "${terminalText(g.groupId)}": ${terminalText(g.note!)}.\n`);
  return notes.length > 0 ? `${out}\n${notes.join('')}` : out;
}

/** A share group's lag per topic: the sum of its partitions' lag as Kafka computes it; BEHIND has no meaning there. */
function shareLags(g: ConsumerGroupInfo): string[][] {
  const byTopic = new Map<string, bigint | null>();
  for (const o of g.shareOffsets ?? []) {
    const sum = byTopic.has(o.topic) ? byTopic.get(o.topic)! : 0n;
    byTopic.set(o.topic, sum === null || o.lag === null ? null : sum + BigInt(o.lag));
  }
  return [...byTopic].map(([topic, lag]) => [terminalText(topic), lag === null ? '-' : number(lag.toString()), '-']);
}

/** `3`, or `3 (3 held by an open transaction)` when records at or past a last stable offset count in it. */
function lagCell(l: TopicLag): string {
  const notes = [heldText(lagHeld(l.partitions)), terminalText(pastEndText(l.partitions))].filter(Boolean);
  return notes.length > 0 ? `${number(l.lag)} (${notes.join('; ')})` : number(l.lag);
}

function planTable(plan: OffsetResetPlan): string {
  const title = `Group "${terminalText(plan.group)}", topic "${terminalText(plan.topic)}": reset ${describeStrategy(plan.strategy)}\n`;
  const rows = plan.partitions.map((p) => [
    String(p.partition),
    p.committed === null ? 'none' : number(p.committed),
    p.newOffset === null ? 'unchanged' : number(p.newOffset),
    number(p.lagBefore),
    number(p.lagAfter),
    terminalText(p.note ?? ''),
  ]);
  return title + table(['PARTITION', 'CURRENT', 'NEW', 'LAG-BEFORE', 'LAG-AFTER', 'NOTE'], rows);
}
