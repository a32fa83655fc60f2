// Resetting a consumer group's committed offsets on one topic, and deleting a group, with the
// rules of Kafka's own kafka-consumer-groups.sh (tools/.../OffsetsUtils.java), whose offsets all
// come from the admin client's ListOffsets at its default isolation, READ_UNCOMMITTED:
//   earliest → low watermark; latest → high watermark (not the last stable offset: an open
//   transaction does not hold a reset back);
//   to an offset, and shift by ±N from the committed offset → clamped to [low, high];
//   to a time → the first offset below the high watermark whose timestamp is at or after it, or
//   the high watermark when no record is that new; shift on a partition without a committed
//   offset is not possible (Kafka refuses the whole command; here that partition is left as it
//   is and the plan says so). Lag is high watermark - committed, as the tool's --describe.
// A plan is plain data read first (`planPartitions` is pure), then applied with one OffsetCommit
// to the group coordinator as generation -1 and no member, as Kafka's admin client does for
// classic, consumer (KIP-848) and streams groups (ConsumerGroupCommand, StreamsGroupCommand).
// A share group's positions are start offsets, not committed offsets: ShareGroupCommand resets
// them only to the earliest, the latest or a time, with AlterShareGroupOffsets; so do we.
// Kafka refuses a reset or delete while the group has members, and so do we, first, naming them
// (each group described by its type's own request, groupTypes.ts).

import type { Admin } from 'kafkajs';
import { alterShareGroupOffsets } from './wire/groupRequests';
import { describeGroup, GroupDescription } from './groupTypes';
import { READ_UNCOMMITTED } from './kafkajs/requests';
import { protocolError, refusal } from './kafkajs/errors';
import type { RawGroupCluster } from './kafkajs/types';
import { currentTopics, EARLIEST, readEnds, readOffsets, UNKNOWN_TOPIC_OR_PARTITION } from './metadata';
import { GroupMember, KafkaAccessError, OffsetResetPlan, OffsetResetRequest, PartitionReset, ResetKind, ResetStrategy } from './types';
import { isKnownType } from './groupText';
import { parseIsoTime } from '../text/isoTime';
import { offsetFromText } from '../text/offsets';

/** What the planner needs of one partition, read from the cluster. */
export interface PartitionResetInput {
  readonly partition: number;
  readonly low: string;
  /** High watermark. */
  readonly high: string;
  /** Last stable offset: below `high` while a transaction is open. */
  readonly lastStable: string;
  /** The group's committed offset; null when it has none on this partition. */
  readonly committed: string | null;
  /** For `time`: ListOffsets' answer (READ_UNCOMMITTED) for the timestamp; null when no record is that new. */
  readonly atTime?: string | null;
}

/** The error of a reset or delete that Kafka refuses because the group has members. */
export class GroupActiveError extends KafkaAccessError {
  constructor(
    readonly group: string,
    readonly members: readonly GroupMember[],
    action: string,
  ) {
    const who = members.length === 0
      ? 'is not empty (Kafka refused because a member joined meanwhile, and none was listed when asked again)'
      : `has ${members.length === 1 ? '1 active member' : `${members.length} active members`} (${membersText(members)})`;
    super(`Could not ${action}: group "${group}" ${who}, and Kafka only changes a group without members. Stop those clients, wait until the group shows Empty, then try again.`, 'invalid-request');
  }
}

/** `orders-app on /10.0.0.5, orders-app on /10.0.0.6`: client ids and hosts, for messages. */
export function membersText(members: readonly GroupMember[]): string {
  return members.map((m) => `${m.clientId || '(no client id)'} on ${m.clientHost || '(unknown host)'}`).join(', ');
}

/** `to earliest`, `to 2026-01-31T12:00:00.000Z`, `to offset 42`, `shift by -10`. */
export function describeStrategy(strategy: ResetStrategy): string {
  switch (strategy.kind) {
    case 'earliest':
      return 'to earliest';
    case 'latest':
      return 'to latest';
    case 'time':
      return `to ${new Date(strategy.timestampMs).toISOString()}`;
    case 'offset':
      return `to offset ${strategy.offset}`;
    case 'shift':
      return `shift by ${BigInt(strategy.by) > 0n ? '+' : ''}${strategy.by}`;
  }
}

/**
 * The strategy for `kind` from what a person typed (`value`: an ISO 8601 time for `time`, a
 * whole number ≥ 0 for `offset`, a whole number with an optional sign for `shift`; ignored for
 * `earliest` and `latest`), or the problem with it, in words.
 */
export function parseResetStrategy(kind: ResetKind, value: string | undefined): { strategy: ResetStrategy } | { problem: string } {
  const text = (value ?? '').trim();
  switch (kind) {
    case 'earliest':
    case 'latest':
      return { strategy: { kind } };
    case 'time': {
      const time = parseIsoTime(text);
      if ('problem' in time) return { problem: `a time is an ISO 8601 date and time: ${time.problem}` };
      return { strategy: { kind, timestampMs: time.ms } };
    }
    case 'offset': {
      const offset = offsetFromText(text);
      if (offset === undefined) return { problem: `an offset is a whole number from 0 to 2^63 - 1, not "${text}"` };
      return { strategy: { kind, offset } };
    }
    case 'shift':
      if (!/^[+-]?\d{1,19}$/.test(text) || BigInt(text) === 0n) return { problem: `a shift is a whole number of messages other than 0, such as -100 or +20, not "${text}"` };
      return { strategy: { kind, by: BigInt(text).toString() } };
  }
}

/**
 * Pure: the new offset of each partition under `strategy`, by kafka-consumer-groups.sh's rules
 * (see the top of this file), and the lag before and after. Partitions keep `inputs`' order.
 */
export function planPartitions(strategy: ResetStrategy, inputs: readonly PartitionResetInput[]): PartitionReset[] {
  return inputs.map((input) => {
    const low = BigInt(input.low);
    const high = BigInt(input.high);
    const lastStable = BigInt(input.lastStable);
    const committed = input.committed === null ? null : BigInt(input.committed);
    const lagOf = (offset: bigint | null) => (offset === null ? null : (high > offset ? high - offset : 0n).toString());
    const clamp = (wanted: bigint): [bigint, string | undefined] => {
      if (wanted > high) return [high, `${wanted} is past the high watermark ${high}`];
      if (wanted < low) return [low, `${wanted} is before the low watermark ${low}`];
      return [wanted, undefined];
    };
    let target: bigint | null;
    let note: string | undefined;
    switch (strategy.kind) {
      case 'earliest':
        target = low;
        break;
      case 'latest':
        target = high;
        break;
      case 'offset':
        [target, note] = clamp(BigInt(strategy.offset));
        break;
      case 'shift':
        if (committed === null) {
          target = null;
          note = 'no committed offset to shift from: left as it is';
        } else {
          [target, note] = clamp(committed + BigInt(strategy.by));
        }
        break;
      case 'time':
        if (input.atTime === null || input.atTime === undefined || BigInt(input.atTime) < 0n) {
          target = high;
          note = 'no message at or after that time: the high watermark';
        } else {
          target = BigInt(input.atTime);
        }
        break;
    }
    if (target !== null && target > lastStable && lastStable < high) {
      const past = `past the last stable offset ${lastStable}: read_committed consumers wait there until the open transaction ends`;
      note = note === undefined ? past : `${note}; ${past}`;
    }
    const base = { partition: input.partition, low: input.low, high: input.high, lastStable: input.lastStable, committed: input.committed, lagBefore: lagOf(committed) };
    const row: PartitionReset = target === null
      ? { ...base, newOffset: null, lagAfter: lagOf(committed) }
      : { ...base, newOffset: target.toString(), lagAfter: lagOf(target) };
    return note === undefined ? row : { ...row, note };
  });
}

/** The members of `groupId` now, described by its type; [] for a group that does not exist. */
export async function readMembers(admin: Admin, raw: RawGroupCluster, groupId: string, timeoutMs: number): Promise<readonly GroupMember[]> {
  return (await describeGroup(admin, raw, groupId, timeoutMs)).memberList;
}

/** Share groups move to the earliest, the latest or a time only, as ShareGroupCommand --reset-offsets allows. */
const SHARE_STRATEGIES: ReadonlySet<ResetKind> = new Set(['earliest', 'latest', 'time']);

/** The refusal of a change that the group's type does not allow; undefined when it is allowed. */
function typeRefusal(group: GroupDescription, action: string, strategy?: ResetStrategy): KafkaAccessError | undefined {
  if (!isKnownType(group.type)) {
    return new KafkaAccessError(`Could not ${action}: Kafka reports group type "${group.type}", which this version of Upsun Kafka Tools does not know how to change. Use Kafka's own tools for it.`, 'invalid-request');
  }
  if (group.type === 'share' && strategy && !SHARE_STRATEGIES.has(strategy.kind)) {
    return new KafkaAccessError(`Could not ${action}: "${group.groupId}" is a share group, whose start offsets move only to the earliest, the latest or a time (as Kafka's kafka-share-groups.sh allows), not ${describeStrategy(strategy)}.`, 'invalid-request');
  }
  return undefined;
}

/**
 * Reads the topic's partitions, watermarks, the group's committed offsets (and for `time` the
 * offsets at that time) and its members, and plans. `deadline`: ms since the epoch. Throws
 * kafkajs' UNKNOWN_TOPIC_OR_PARTITION when the topic does not exist, and a KafkaAccessError
 * (`invalid-request`) naming the partitions that it does not have.
 */
export async function readResetPlan(admin: Admin, raw: RawGroupCluster, request: OffsetResetRequest, deadline: number): Promise<OffsetResetPlan> {
  const { group, topic, strategy } = request;
  const [metadata] = await currentTopics(raw, [topic]);
  if (metadata?.topic !== topic) throw protocolError(UNKNOWN_TOPIC_OR_PARTITION);
  const all = metadata.partitionMetadata.map((p) => p.partitionId).sort((a, b) => a - b);
  const asked = request.partitions && request.partitions.length > 0 ? [...new Set(request.partitions)].sort((a, b) => a - b) : all;
  const missing = asked.filter((p) => !all.includes(p));
  if (missing.length > 0) {
    throw new KafkaAccessError(`Could not plan the reset of group "${group}": topic "${topic}" has no partition ${missing.join(', ')} (it has partitions 0 to ${all.length - 1}).`, 'invalid-request');
  }
  const wanted = new Map([[topic, asked]]);
  const described = await describeGroup(admin, raw, group, Math.max(1_000, deadline - Date.now()));
  const refused = typeRefusal(described, `plan the reset of group "${group}"`, strategy);
  if (refused) throw refused;
  const [low, ends, atTime, committed] = await Promise.all([
    readOffsets(raw, [metadata], wanted, EARLIEST, deadline),
    readEnds(raw, [metadata], wanted, deadline),
    strategy.kind === 'time' ? readOffsets(raw, [metadata], wanted, strategy.timestampMs, deadline, READ_UNCOMMITTED) : undefined,
    described.type === 'share' ? [] : admin.fetchOffsets({ groupId: group, topics: [topic] }),
  ]);
  const committedOf = new Map(
    described.type === 'share'
      ? (described.shareOffsets ?? []).filter((o) => o.topic === topic && o.startOffset !== null).map((o) => [o.partition, o.startOffset!])
      : (committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, p.offset]),
  );
  const inputs = asked.map((partition): PartitionResetInput => {
    const offset = committedOf.get(partition);
    return {
      partition,
      low: low.get(topic)?.get(partition) ?? '0',
      ...(ends.get(topic)?.get(partition) ?? { high: '0', lastStable: '0' }),
      committed: offset === undefined || BigInt(offset) < 0n ? null : offset,
      atTime: atTime ? (atTime.get(topic)?.get(partition) ?? null) : undefined,
    };
  });
  return { group, type: described.type, topic, strategy, partitions: planPartitions(strategy, inputs), members: described.memberList };
}

/** Kafka's answers to a commit or delete that a member or a rebalance stands in the way of. */
const GROUP_BUSY = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'NON_EMPTY_GROUP', 'FENCED_MEMBER_EPOCH', 'STALE_MEMBER_EPOCH']);

/**
 * Writes the plan's new offsets (partitions left as they are are not sent): OffsetCommit for
 * classic, consumer and streams groups, AlterShareGroupOffsets for share groups. Throws
 * GroupActiveError, before sending anything, while the group has members, and when Kafka
 * refuses because one joined meanwhile; a KafkaAccessError when the group's type changed since
 * the plan. A plan with no offset to write does nothing. `timeoutMs`: per request.
 */
export async function commitResetPlan(admin: Admin, raw: RawGroupCluster, plan: OffsetResetPlan, timeoutMs: number): Promise<void> {
  const action = `reset the offsets of group "${plan.group}" on topic "${plan.topic}"`;
  const partitions = plan.partitions.filter((p) => p.newOffset !== null).map((p) => ({ partition: p.partition, offset: p.newOffset! }));
  if (partitions.length === 0) return;
  const group = await describeGroup(admin, raw, plan.group, timeoutMs);
  const refused = typeRefusal(group, action, plan.strategy);
  if (refused) throw refused;
  if (group.members > 0) throw new GroupActiveError(plan.group, group.memberList, action);
  // A group deleted since the plan is Dead and listed as classic: its offsets are written as a new group's.
  if (group.type !== plan.type && group.state !== 'Dead') {
    throw new KafkaAccessError(`Could not ${action}: the group is now a ${group.type} group, planned as a ${plan.type} group. Plan the reset again.`, 'invalid-request');
  }
  const coordinator = await raw.findGroupCoordinator({ groupId: plan.group });
  try {
    if (plan.type === 'share') {
      const answer = await alterShareGroupOffsets(coordinator, plan.group, plan.topic, partitions, timeoutMs);
      const failed = answer.errorCode !== 0 ? answer : answer.partitions.find((p) => p.errorCode !== 0);
      if (failed) throw refusal(failed.errorCode, failed.errorMessage);
    } else {
      await coordinator.offsetCommit({ groupId: plan.group, groupGenerationId: -1, memberId: '', retentionTime: -1, topics: [{ topic: plan.topic, partitions }] });
    }
  } catch (error) {
    if (GROUP_BUSY.has((error as { type?: string }).type ?? '')) throw new GroupActiveError(plan.group, await readMembers(admin, raw, plan.group, timeoutMs), action);
    throw error;
  }
}

/**
 * Deletes the group and its committed offsets (a share group: its start offsets) with
 * DeleteGroups, which Kafka's tools send for every type; a streams group's internal topics stay
 * (StreamsGroupCommand deletes them only when asked). GroupActiveError while it has members; a
 * KafkaAccessError (`invalid-request`) when there is no such group or its type is unknown.
 */
export async function deleteGroup(admin: Admin, raw: RawGroupCluster, groupId: string, timeoutMs: number): Promise<void> {
  const action = `delete group "${groupId}"`;
  const group = await describeGroup(admin, raw, groupId, timeoutMs);
  const refused = typeRefusal(group, action);
  if (refused) throw refused;
  if (group.members > 0) throw new GroupActiveError(groupId, group.memberList, action);
  try {
    await admin.deleteGroups([groupId]);
  } catch (error) {
    const failed = (error as { groups?: { error?: { type?: string } }[] }).groups?.[0]?.error?.type ?? (error as { type?: string }).type ?? '';
    if (failed === 'GROUP_ID_NOT_FOUND') throw new KafkaAccessError(`Could not ${action}: there is no such group (it may have been deleted already, or its offsets expired).`, 'invalid-request');
    if (GROUP_BUSY.has(failed)) throw new GroupActiveError(groupId, await readMembers(admin, raw, groupId, timeoutMs), action);
    throw error;
  }
}
