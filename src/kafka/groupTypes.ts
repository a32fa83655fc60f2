// Groups of every type, each described with its own request. Kafka 4 has four group types:
// classic (the JoinGroup protocol), consumer (KIP-848, `group.protocol=consumer`), share
// (KIP-932) and streams (KIP-1071). The classic DescribeGroups request answers any other type
// with state Dead (or GROUP_ID_NOT_FOUND), so the type comes first, from ListGroups v5, and
// each group is then described by the request of its type (wire/groupRequests.ts). A broker without
// ListGroups v5 (before Kafka 3.8) has only classic groups; a type we do not know, and a type
// the broker cannot describe, are shown with ListGroups' state and a note, never as Dead.

import type { Admin } from 'kafkajs';
import {
  describeConsumerGroups,
  DescribedGroup,
  describeShareGroupOffsets,
  describeShareGroups,
  describeStreamsGroups,
  ListedGroup,
  listTypedGroups,
  offers,
  UnsupportedGroupRequest,
} from './wire/groupRequests';
import { protocolError, refusal } from './kafkajs/errors';
import type { RawBroker, RawCluster, RawGroupCluster } from './kafkajs/types';
import { isRetriable } from './metadata';
import { asError } from '../text/error';
import type { ConsumerGroupInfo, GroupMember, ShareOffset } from './types';
import { consumerAssignment } from './wire/consumerProtocol';


/** A group as its own describe request shows it: everything of ConsumerGroupInfo but the committed-offset lag. */
export type GroupDescription = Omit<ConsumerGroupInfo, 'lag'>;

/** A group with the broker that listed it: ListGroups answers the groups the broker coordinates. */
export interface CoordinatedGroup extends ListedGroup {
  readonly coordinator: RawBroker;
}

/**
 * Every group of the cluster, listed by each broker (the groups it coordinates), with that
 * broker. A broker that cannot be reached is skipped while another answers. Brokers without
 * ListGroups v5 list their groups as classic with no state (DescribeGroups gives it).
 */
export async function listGroups(raw: RawCluster, timeoutMs: number): Promise<CoordinatedGroup[]> {
  const brokers = Object.values(raw.brokerPool.brokers);
  let failure: Error | undefined;
  const answers = await Promise.all(
    brokers.map(async (broker) => {
      try {
        const connected = await raw.findBroker({ nodeId: broker.nodeId! });
        return (await listOn(connected, timeoutMs)).map((g) => ({ ...g, coordinator: connected }));
      } catch (error) {
        if (!isRetriable(error)) throw error;
        failure = asError(error);
        return undefined;
      }
    }),
  );
  if (answers.every((a) => a === undefined) && failure) throw failure;
  const byId = new Map(answers.flatMap((a) => a ?? []).map((g) => [g.groupId, g]));
  return [...byId.values()].sort((a, b) => a.groupId.localeCompare(b.groupId));
}

async function listOn(broker: RawBroker, timeoutMs: number): Promise<ListedGroup[]> {
  if (!offers(broker, 'ListGroups')) return (await broker.listGroups()).groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, state: '', type: 'classic' }));
  const { errorCode, groups } = await listTypedGroups(broker, timeoutMs);
  if (errorCode !== 0) throw protocolError(errorCode);
  return groups.map((g) => ({ ...g, type: g.type.toLowerCase() }));
}

/**
 * Describes each listed group with the request of its type, at its coordinator. A group whose
 * type the broker cannot describe, or whose describe failed, keeps ListGroups' state and gets a
 * `note`. Share groups also get their start offset and lag per partition.
 */
export async function describeListedGroups(admin: Admin, raw: RawGroupCluster, listed: readonly Listed[], timeoutMs: number): Promise<Map<string, GroupDescription>> {
  const result = new Map<string, GroupDescription>();
  const byType = new Map<string, Listed[]>();
  for (const group of listed) byType.set(group.type, [...(byType.get(group.type) ?? []), group]);
  await Promise.all(
    [...byType].map(async ([type, groups]) => {
      const described = await describeOfType(admin, raw, type, groups, timeoutMs);
      for (const group of groups) result.set(group.groupId, described.get(group.groupId) ?? fromListing(group, `Kafka did not describe this ${type} group`));
    }),
  );
  return result;
}

/** `groupId` described by its type, learnt from its coordinator's ListGroups. A group that does not exist is an empty classic group in state Dead. */
export async function describeGroup(admin: Admin, raw: RawGroupCluster, groupId: string, timeoutMs: number): Promise<GroupDescription> {
  const coordinator = await raw.findGroupCoordinator({ groupId });
  const listed = (await listOn(coordinator, timeoutMs)).find((g) => g.groupId === groupId);
  if (!listed) return { groupId, type: 'classic', state: 'Dead', members: 0, memberList: [], assignor: null };
  return (await describeListedGroups(admin, raw, [listed], timeoutMs)).get(groupId)!;
}

/** A listed group, with the broker that listed it (its coordinator) when known. */
type Listed = ListedGroup & { readonly coordinator?: RawBroker };

function fromListing(group: ListedGroup, note: string): GroupDescription {
  return { groupId: group.groupId, type: group.type, state: group.state || 'Unknown', members: 0, memberList: [], assignor: null, note };
}

async function describeOfType(admin: Admin, raw: RawGroupCluster, type: string, groups: readonly Listed[], timeoutMs: number): Promise<Map<string, GroupDescription>> {
  if (type === 'classic') return describeClassic(admin, raw, groups);
  const describe = type === 'consumer' ? describeConsumerGroups : type === 'share' ? describeShareGroups : type === 'streams' ? describeStreamsGroups : undefined;
  const result = new Map<string, GroupDescription>();
  if (!describe) {
    for (const g of groups) result.set(g.groupId, fromListing(g, `Kafka reports group type "${g.type}", which this version of Upsun Kafka Tools does not know how to describe`));
    return result;
  }
  await Promise.all(
    [...(await byCoordinator(raw, groups))].map(async ([coordinator, ids]) => {
      let answers: DescribedGroup[];
      try {
        answers = await describe(coordinator, ids, timeoutMs);
      } catch (error) {
        if (!(error instanceof UnsupportedGroupRequest)) throw error;
        for (const id of ids) result.set(id, fromListing(groups.find((g) => g.groupId === id)!, `not described: ${error.message}`));
        return;
      }
      for (const answer of answers) {
        const listing = groups.find((g) => g.groupId === answer.groupId);
        if (!listing) continue;
        if (answer.errorCode !== 0) {
          result.set(answer.groupId, fromListing(listing, `Kafka could not describe it: ${refusal(answer.errorCode, answer.errorMessage).message}`));
          continue;
        }
        const described: GroupDescription = {
          groupId: answer.groupId,
          type,
          state: answer.state,
          members: answer.members.length,
          memberList: sortMembers(answer.members),
          assignor: answer.assignor || null,
        };
        result.set(answer.groupId, type === 'share' ? { ...described, ...(await shareOffsetsOf(coordinator, answer.groupId, timeoutMs)) } : described);
      }
    }),
  );
  return result;
}

/** The share group's start offset and lag per partition, by topic then partition; a note instead when the broker cannot say. */
async function shareOffsetsOf(coordinator: RawBroker, groupId: string, timeoutMs: number): Promise<{ shareOffsets: ShareOffset[] } | { note: string }> {
  try {
    const answer = await describeShareGroupOffsets(coordinator, groupId, timeoutMs);
    if (answer.errorCode !== 0) return { note: `Kafka could not read its offsets: ${refusal(answer.errorCode, answer.errorMessage).message}` };
    const shareOffsets = answer.partitions
      .map(({ topic, partition, startOffset, lag }) => ({ topic, partition, startOffset, lag }))
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    return { shareOffsets };
  } catch (error) {
    if (error instanceof UnsupportedGroupRequest) return { note: `offsets not read: ${error.message}` };
    throw error;
  }
}

/** The groups by the broker that coordinates them: the one that listed them, else FindCoordinator's answer. */
async function byCoordinator(raw: RawGroupCluster, groups: readonly Listed[]): Promise<Map<RawBroker, string[]>> {
  const found = await Promise.all(groups.map(async (g) => [g.coordinator ?? (await raw.findGroupCoordinator({ groupId: g.groupId })), g.groupId] as const));
  const result = new Map<RawBroker, string[]>();
  for (const [broker, id] of found) result.set(broker, [...(result.get(broker) ?? []), id]);
  return result;
}

/**
 * Classic groups by DescribeGroups (kafkajs). A group that DescribeGroups calls Dead although
 * ListGroups listed it alive keeps ListGroups' state: Dead means "no such classic group".
 */
async function describeClassic(admin: Admin, raw: RawGroupCluster, groups: readonly Listed[]): Promise<Map<string, GroupDescription>> {
  const result = new Map<string, GroupDescription>();
  if (groups.length === 0) return result;
  const listings = new Map(groups.map((g) => [g.groupId, g]));
  // One DescribeGroups per coordinator; a coordinator that moved meanwhile refuses, and kafkajs' admin (which asks FindCoordinator for each group, and retries) describes those groups.
  const answers = await Promise.all(
    [...(await byCoordinator(raw, groups))].map(([coordinator, groupIds]) =>
      coordinator.describeGroups({ groupIds }).catch(async (error: unknown) => {
        if (!isRetriable(error)) throw error;
        return admin.describeGroups(groupIds);
      }),
    ),
  );
  for (const d of answers.flatMap((a) => a.groups)) {
    const listing = listings.get(d.groupId);
    if (!listing) continue;
    const memberList = sortMembers(d.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, clientHost: m.clientHost, assignment: d.protocolType === 'consumer' ? consumerAssignment(m.memberAssignment) : [] })));
    const dead = d.state === 'Dead' && listing.state !== '' && listing.state !== 'Dead';
    result.set(d.groupId, {
      groupId: d.groupId,
      type: 'classic',
      state: dead ? listing.state : d.state,
      members: memberList.length,
      memberList,
      assignor: d.protocol || null,
    });
  }
  return result;
}

function sortMembers(members: readonly GroupMember[]): GroupMember[] {
  return [...members].sort((a, b) => a.clientId.localeCompare(b.clientId) || a.clientHost.localeCompare(b.clientHost) || a.memberId.localeCompare(b.memberId));
}
