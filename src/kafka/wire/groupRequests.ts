// The group requests kafkajs 2.2.4 does not have, encoded here in their flexible versions:
// ListGroups v5 (the group type, KIP-848), ConsumerGroupDescribe (KIP-848), ShareGroupDescribe,
// DescribeShareGroupOffsets and AlterShareGroupOffsets (KIP-932), StreamsGroupDescribe
// (KIP-1071), and OffsetFetch v8 for many groups in one request (KIP-709, Kafka 3.0). Each is
// sent at the newest version both we and the broker speak, by the broker's ApiVersions answer;
// a broker without it (Kafka 3.7 has none of them but OffsetFetch v8) gets an
// UnsupportedGroupRequest, which callers turn into a message rather than a failure.
// Wire formats per clients/src/main/resources/common/message/<Name>{Request,Response}.json in
// apache/kafka 4.3.

import { sendEncoded } from '../kafkajs/requests';
import type { RawBroker } from '../kafkajs/types';
import type { AssignedPartitions, GroupMember } from '../types';
import { WireReader, WireWriter } from './primitives';

export interface GroupApi {
  readonly apiKey: number;
  readonly apiName: string;
  /** The versions this module reads and writes. */
  readonly min: number;
  readonly max: number;
}

const LIST_GROUPS: GroupApi = { apiKey: 16, apiName: 'ListGroups', min: 5, max: 5 };
const CONSUMER_GROUP_DESCRIBE: GroupApi = { apiKey: 69, apiName: 'ConsumerGroupDescribe', min: 0, max: 1 };
/** v0 was the preview of Kafka 4.0 and 4.1, v1 the stable one of 4.2; their fields are the same. */
const SHARE_GROUP_DESCRIBE: GroupApi = { apiKey: 77, apiName: 'ShareGroupDescribe', min: 0, max: 1 };
const STREAMS_GROUP_DESCRIBE: GroupApi = { apiKey: 89, apiName: 'StreamsGroupDescribe', min: 0, max: 0 };
/** v1 adds each partition's lag as the broker computes it (KIP-1226). */
const DESCRIBE_SHARE_GROUP_OFFSETS: GroupApi = { apiKey: 90, apiName: 'DescribeShareGroupOffsets', min: 0, max: 1 };
const ALTER_SHARE_GROUP_OFFSETS: GroupApi = { apiKey: 91, apiName: 'AlterShareGroupOffsets', min: 0, max: 0 };
/** v8 (KIP-709, Kafka 3.0) asks for many groups at once; v9 adds member fields, v10 names topics by ID. */
const OFFSET_FETCH: GroupApi = { apiKey: 9, apiName: 'OffsetFetch', min: 8, max: 8 };

/** A request this module would send that the broker does not offer, by its ApiVersions. */
export class UnsupportedGroupRequest extends Error {
  constructor(readonly apiName: string) {
    super(`the broker does not offer ${apiName} (Kafka added it for newer group types)`);
    this.name = 'UnsupportedGroupRequest';
  }
}

/** The broker's ApiVersions answer as kafkajs keeps it, by API key. */
type BrokerVersions = Record<number, { minVersion: number; maxVersion: number } | undefined>;

/** The newest version of `api` both sides speak; throws UnsupportedGroupRequest when none. */
export function versionFor(broker: RawBroker, api: GroupApi): number {
  const offered = (broker as RawBroker & { versions?: BrokerVersions | null }).versions?.[api.apiKey];
  const version = offered ? Math.min(offered.maxVersion, api.max) : -1;
  if (!offered || version < Math.max(offered.minVersion, api.min)) throw new UnsupportedGroupRequest(api.apiName);
  return version;
}

/** Whether the broker offers `api` in a version this module speaks. */
export function offers(broker: RawBroker, api: 'ListGroups' | 'ConsumerGroupDescribe' | 'ShareGroupDescribe' | 'StreamsGroupDescribe' | 'OffsetFetch'): boolean {
  const table = { ListGroups: LIST_GROUPS, ConsumerGroupDescribe: CONSUMER_GROUP_DESCRIBE, ShareGroupDescribe: SHARE_GROUP_DESCRIBE, StreamsGroupDescribe: STREAMS_GROUP_DESCRIBE, OffsetFetch: OFFSET_FETCH };
  try {
    versionFor(broker, table[api]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends `body` (a flexible version's fields) with the request header's empty tagged fields
 * before it: kafkajs writes header v1, and header v2 is v1 plus those tagged fields. The answer
 * is read past the response header's tagged fields (response header v1).
 */
export async function sendFlexible<T>(broker: RawBroker, api: GroupApi, version: number, body: WireWriter, read: (r: WireReader) => T, timeoutMs: number): Promise<T> {
  const payload = Buffer.concat([Buffer.from([0]), body.buffer]);
  return sendEncoded(broker, { apiKey: api.apiKey, apiVersion: version, apiName: api.apiName }, payload, (answer) => {
    const r = new WireReader(answer, api.apiName);
    r.taggedFields("the response header's tagged fields");
    return read(r);
  }, timeoutMs);
}

/** A group as ListGroups v5 lists it. */
export interface ListedGroup {
  readonly groupId: string;
  /** `consumer` for classic consumer groups, also `connect`, or '' for a group of another type. */
  readonly protocolType: string;
  /** `Stable`, `Empty`, … as the broker names it. */
  readonly state: string;
  /** `classic`, `consumer`, `share`, `streams`, or whatever newer type the broker names. */
  readonly type: string;
}

/** Every group the broker coordinates, with its state and type. Throws the broker's error code as kafkajs' protocol error. */
export async function listTypedGroups(broker: RawBroker, timeoutMs: number): Promise<{ errorCode: number; groups: ListedGroup[] }> {
  const version = versionFor(broker, LIST_GROUPS);
  const body = new WireWriter().compactArray([], () => undefined).compactArray([], () => undefined).taggedFields();
  return sendFlexible(broker, LIST_GROUPS, version, body, (r) => {
    r.int32('the throttle time');
    const errorCode = r.int16('the error code');
    const groups = r.compactArray('the group count', (g) =>
      g.struct((f) => ({ groupId: f.compactString('a group ID'), protocolType: f.compactString('the protocol type'), state: f.compactString('the group state'), type: f.compactString('the group type') })),
    );
    return { errorCode, groups };
  }, timeoutMs);
}

export interface DescribedGroup {
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly groupId: string;
  readonly state: string;
  /** The server-side assignor (`uniform`, `range`, `simple`); null for streams groups, whose assignor is the task assignor. */
  readonly assignor: string | null;
  readonly members: readonly GroupMember[];
}

function describeBody(groupIds: readonly string[]): WireWriter {
  return new WireWriter().compactArray(groupIds, (w, id) => w.compactString(id)).boolean(false).taggedFields();
}

function topicPartitions(r: WireReader): AssignedPartitions[] {
  return r.struct((a) =>
    a.compactArray('the assigned topic count', (t) =>
      t.struct((f) => {
        f.uuid('a topic ID');
        const topic = f.compactString('a topic name');
        return { topic, partitions: f.compactArray(`${topic}'s partition count`, (p) => p.int32(`a partition of ${topic}`)) };
      }),
    ),
  );
}

/**
 * The fields every describe of the new group types opens with (ConsumerGroupDescribe,
 * ShareGroupDescribe and StreamsGroupDescribe responses alike): error, group ID, state, and the
 * group and assignment epochs, which nothing here shows.
 */
function groupHead(f: WireReader): { errorCode: number; errorMessage: string | null; groupId: string; state: string } {
  const head = { errorCode: f.int16('the error code'), errorMessage: f.compactNullableString('the error message'), groupId: f.compactString('the group ID'), state: f.compactString('the group state') };
  f.int32('the group epoch');
  f.int32('the assignment epoch');
  return head;
}

/** ConsumerGroupDescribe (KIP-848 groups) to the groups' coordinator. */
export async function describeConsumerGroups(coordinator: RawBroker, groupIds: readonly string[], timeoutMs: number): Promise<DescribedGroup[]> {
  const version = versionFor(coordinator, CONSUMER_GROUP_DESCRIBE);
  return sendFlexible(coordinator, CONSUMER_GROUP_DESCRIBE, version, describeBody(groupIds), (r) => {
    r.int32('the throttle time');
    return r.compactArray('the group count', (g) =>
      g.struct((f) => {
        const head = groupHead(f);
        const assignor = f.compactString('the assignor');
        const members = f.compactArray('the member count', (m) =>
          m.struct((x) => {
            const memberId = x.compactString('a member ID');
            x.compactNullableString('the instance ID');
            x.compactNullableString('the rack ID');
            x.int32('the member epoch');
            const clientId = x.compactString('the client ID');
            const clientHost = x.compactString('the client host');
            x.compactArray('the subscribed topic count', (s) => s.compactString('a subscribed topic name'));
            x.compactNullableString('the subscribed topic regex');
            const assignment = topicPartitions(x);
            topicPartitions(x); // target assignment
            if (version >= 1) x.int8('the member type');
            return { memberId, clientId, clientHost, assignment };
          }),
        );
        f.int32('the authorized operations');
        return { ...head, assignor, members };
      }),
    );
  }, timeoutMs);
}

/** ShareGroupDescribe (KIP-932 share groups) to the groups' coordinator. */
export async function describeShareGroups(coordinator: RawBroker, groupIds: readonly string[], timeoutMs: number): Promise<DescribedGroup[]> {
  const version = versionFor(coordinator, SHARE_GROUP_DESCRIBE);
  return sendFlexible(coordinator, SHARE_GROUP_DESCRIBE, version, describeBody(groupIds), (r) => {
    r.int32('the throttle time');
    return r.compactArray('the group count', (g) =>
      g.struct((f) => {
        const head = groupHead(f);
        const assignor = f.compactString('the assignor');
        const members = f.compactArray('the member count', (m) =>
          m.struct((x) => {
            const memberId = x.compactString('a member ID');
            x.compactNullableString('the rack ID');
            x.int32('the member epoch');
            const clientId = x.compactString('the client ID');
            const clientHost = x.compactString('the client host');
            x.compactArray('the subscribed topic count', (s) => s.compactString('a subscribed topic name'));
            return { memberId, clientId, clientHost, assignment: topicPartitions(x) };
          }),
        );
        f.int32('the authorized operations');
        return { ...head, assignor, members };
      }),
    );
  }, timeoutMs);
}

/** StreamsGroupDescribe (KIP-1071 streams groups) to the groups' coordinator; assignments are active tasks. */
export async function describeStreamsGroups(coordinator: RawBroker, groupIds: readonly string[], timeoutMs: number): Promise<DescribedGroup[]> {
  const version = versionFor(coordinator, STREAMS_GROUP_DESCRIBE);
  const keyValues = (r: WireReader) => r.compactArray('the key-value count', (kv) => kv.struct((f) => [f.compactString('a key'), f.compactString('a value')]));
  const topicInfos = (r: WireReader) =>
    r.compactArray('the topic info count', (t) => t.struct((f) => [f.compactString('a topic name'), f.int32('a partition count'), f.int16('a replication factor'), keyValues(f)]));
  const taskOffsets = (r: WireReader) => r.compactArray('the task offset count', (t) => t.struct((f) => [f.compactString('a subtopology ID'), f.int32('a partition'), f.int64('an offset')]));
  const taskIds = (r: WireReader) =>
    r.compactArray('the task count', (t) => t.struct((f) => ({ topic: f.compactString('a subtopology ID'), partitions: f.compactArray('the partition count', (p) => p.int32('a partition')) })));
  return sendFlexible(coordinator, STREAMS_GROUP_DESCRIBE, version, describeBody(groupIds), (r) => {
    r.int32('the throttle time');
    return r.compactArray('the group count', (g) =>
      g.struct((f) => {
        const head = groupHead(f);
        // The topology: nullable struct, a signed byte -1 for null (README: nullable structs).
        if (f.int8('the topology marker') >= 0) {
          f.struct((t) => {
            t.int32('the topology epoch');
            t.compactNullableArray('the subtopology count', (s) =>
              s.struct((x) => {
                x.compactString('the subtopology ID');
                x.compactArray('the source topic count', (y) => y.compactString('a source topic'));
                x.compactArray('the repartition sink topic count', (y) => y.compactString('a repartition sink topic'));
                topicInfos(x); // state changelog topics
                topicInfos(x); // repartition source topics
              }),
            );
          });
        }
        const members = f.compactArray('the member count', (m) =>
          m.struct((x) => {
            const memberId = x.compactString('a member ID');
            x.int32('the member epoch');
            x.compactNullableString('the instance ID');
            x.compactNullableString('the rack ID');
            const clientId = x.compactString('the client ID');
            const clientHost = x.compactString('the client host');
            x.int32('the topology epoch');
            x.compactString('the process ID');
            if (x.int8('the user endpoint marker') >= 0) x.struct((e) => [e.compactString('the user endpoint host'), e.uint16('the user endpoint port')]);
            keyValues(x); // client tags
            taskOffsets(x);
            taskOffsets(x); // task end offsets
            const assignment = x.struct((a) => {
              const active = taskIds(a);
              taskIds(a); // standby
              taskIds(a); // warmup
              return active;
            });
            x.struct((a) => [taskIds(a), taskIds(a), taskIds(a)]); // target assignment
            x.boolean('the is-classic flag');
            return { memberId, clientId, clientHost, assignment };
          }),
        );
        f.int32('the authorized operations');
        return { ...head, assignor: null, members };
      }),
    );
  }, timeoutMs);
}

/** A share group's position on one partition: where its delivery starts, and how far behind it is. */
export interface SharePartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** The share-partition start offset; null when the group has none there (-1). */
  readonly startOffset: string | null;
  /** As the broker computes it (KIP-1226, v1); null when it does not say (v0, or -1). */
  readonly lag: string | null;
  readonly errorCode: number;
  readonly errorMessage: string | null;
}

/** DescribeShareGroupOffsets for every topic the share group has a position on (`Topics` null). */
export async function describeShareGroupOffsets(coordinator: RawBroker, groupId: string, timeoutMs: number): Promise<{ errorCode: number; errorMessage: string | null; partitions: SharePartitionOffset[] }> {
  const version = versionFor(coordinator, DESCRIBE_SHARE_GROUP_OFFSETS);
  const body = new WireWriter().compactArray([groupId], (w, id) => w.compactString(id).compactArray(null, () => undefined).taggedFields()).taggedFields();
  return sendFlexible(coordinator, DESCRIBE_SHARE_GROUP_OFFSETS, version, body, (r) => {
    r.int32('the throttle time');
    const [group] = r.compactArray('the group count', (g) =>
      g.struct((f) => {
        f.compactString('the group ID');
        const partitions = f.compactArray('the topic count', (t) =>
          t.struct((x) => {
            const topic = x.compactString('a topic name');
            x.uuid(`${topic}'s topic ID`);
            return x.compactArray(`${topic}'s partition count`, (p) =>
              p.struct((y): SharePartitionOffset => {
                const partition = y.int32('a partition');
                const start = y.int64(`partition ${partition}'s start offset`);
                y.int32('the leader epoch');
                const lag = version >= 1 ? y.int64(`partition ${partition}'s lag`) : -1n;
                return { topic, partition, startOffset: start < 0n ? null : start.toString(), lag: lag < 0n ? null : lag.toString(), errorCode: y.int16(`partition ${partition}'s error code`), errorMessage: y.compactNullableString(`partition ${partition}'s error message`) };
              }),
            );
          }),
        ).flat();
        return { partitions, errorCode: f.int16('the error code'), errorMessage: f.compactNullableString('the error message') };
      }),
    );
    return group ?? { errorCode: 0, errorMessage: null, partitions: [] };
  }, timeoutMs);
}

/** AlterShareGroupOffsets: new start offsets of one topic's partitions. Errors come back per partition and for the whole request. */
export async function alterShareGroupOffsets(
  coordinator: RawBroker,
  groupId: string,
  topic: string,
  offsets: readonly { partition: number; offset: string }[],
  timeoutMs: number,
): Promise<{ errorCode: number; errorMessage: string | null; partitions: { partition: number; errorCode: number; errorMessage: string | null }[] }> {
  const version = versionFor(coordinator, ALTER_SHARE_GROUP_OFFSETS);
  const body = new WireWriter()
    .compactString(groupId)
    .compactArray([topic], (w, name) => w.compactString(name).compactArray(offsets, (p, o) => p.int32(o.partition).int64(BigInt(o.offset)).taggedFields()).taggedFields())
    .taggedFields();
  return sendFlexible(coordinator, ALTER_SHARE_GROUP_OFFSETS, version, body, (r) => {
    r.int32('the throttle time');
    const errorCode = r.int16('the error code');
    const errorMessage = r.compactNullableString('the error message');
    const partitions = r.compactArray('the topic count', (t) =>
      t.struct((x) => {
        x.compactString('the topic');
        x.uuid('the topic ID');
        return x.compactArray('the partition count', (p) => p.struct((y) => ({ partition: y.int32('a partition'), errorCode: y.int16('the error code'), errorMessage: y.compactNullableString('the error message') })));
      }),
    ).flat();
    return { errorCode, errorMessage, partitions };
  }, timeoutMs);
}

/** A group's committed offsets as one OffsetFetch v8 answer gives them. */
export interface FetchedGroupOffsets {
  readonly groupId: string;
  /** The group's error (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS…), else the first partition error; 0 when none. */
  readonly errorCode: number;
  /** Committed offset per topic and partition, -1 where the group committed none. */
  readonly topics: readonly { readonly topic: string; readonly partitions: readonly { readonly partition: number; readonly offset: string }[] }[];
}

/**
 * OffsetFetch v8 of `groupIds` at their coordinator, every topic each committed on (`Topics`
 * null), read_uncommitted offsets (`RequireStable` false), as kafka-consumer-groups asks for
 * them. One answer per group, in the broker's order. Throws UnsupportedGroupRequest before v8.
 */
export async function fetchOffsetsOfGroups(coordinator: RawBroker, groupIds: readonly string[], timeoutMs: number): Promise<FetchedGroupOffsets[]> {
  const version = versionFor(coordinator, OFFSET_FETCH);
  const body = new WireWriter()
    .compactArray(groupIds, (w, id) => w.compactString(id).compactArray(null, () => undefined).taggedFields())
    .boolean(false)
    .taggedFields();
  return sendFlexible(coordinator, OFFSET_FETCH, version, body, (r) => {
    r.int32('the throttle time');
    return r.compactArray('the group count', (g) =>
      g.struct((f): FetchedGroupOffsets => {
        const groupId = f.compactString('a group ID');
        let partitionError = 0;
        const topics = f.compactArray(`${groupId}'s topic count`, (t) =>
          t.struct((x) => {
            const topic = x.compactString('a topic name');
            const partitions = x.compactArray(`${topic}'s partition count`, (p) =>
              p.struct((y) => {
                const partition = y.int32('a partition');
                const offset = y.int64(`partition ${partition}'s committed offset`).toString();
                y.int32('the committed leader epoch');
                y.compactNullableString('the commit metadata');
                partitionError ||= y.int16(`partition ${partition}'s error code`);
                return { partition, offset };
              }),
            );
            return { topic, partitions };
          }),
        );
        const errorCode = f.int16(`${groupId}'s error code`);
        return { groupId, errorCode: errorCode || partitionError, topics };
      }),
    );
  }, timeoutMs);
}
