// ListOffsets (API key 2) in its flexible versions (v6 to v11), written into one buffer and read
// partition by partition. kafkajs 2.2.4 speaks v0 to v3 only, and its encoder allocates a buffer
// of its own for every partition and topic: for the 15,000 partitions a broker leads in a
// cluster of 10,000 topics, that took most of a second a request. Sent at the newest version
// both sides speak, by the broker's ApiVersions; a broker without v6 (before Kafka 2.5) is asked
// through kafkajs' request (listRawOffsets).
//
// Wire format per clients/src/main/resources/common/message/ListOffsets{Request,Response}.json
// in apache/kafka. Request: int32 replica_id (-1: a client), int8 isolation_level, compact array
// of topics (compact string name, compact array of partitions (int32 partition_index, int32
// current_leader_epoch, int64 timestamp, tagged fields), tagged fields), int32 timeout_ms (v10+),
// tagged fields. Response: int32 throttle_time_ms, compact array of topics (name, compact array
// of partitions (int32 partition_index, int16 error_code, int64 timestamp, int64 offset, int32
// leader_epoch, tagged fields), tagged fields), tagged fields. v7 to v11 add only timestamps
// with new meanings (KIP-734, KIP-405, KIP-1005, KIP-1023) and v10 the timeout (KIP-1075).

import { IsolationLevel, listRawOffsets, sendEncoded } from '../kafkajs/requests';
import type { RawBroker } from '../kafkajs/types';
import { GroupApi, versionFor } from './groupRequests';
import { WireReader } from './primitives';

const LIST_OFFSETS: GroupApi = { apiKey: 2, apiName: 'ListOffsets', min: 6, max: 11 };

/** Partitions of topics, as a ListOffsets request names them. */
export type OffsetQuery = readonly { readonly topic: string; readonly partitions: readonly number[] }[];

/** Called once for each partition answered: `offset` as a decimal string, -1 when the broker has none; `errorCode` 0 or Kafka's error code. */
export type OffsetAnswer = (topic: string, partition: number, errorCode: number, offset: string) => void;

/**
 * ListOffsets to one broker for partitions it leads, each answer given to `each`. `timestamp`:
 * -2 earliest, -1 latest (the last stable offset at READ_COMMITTED, the high watermark at
 * READ_UNCOMMITTED), else ms since the epoch. `timeoutMs`: the request's timeout (and, v10+,
 * the broker's for tiered storage). Error codes stay per partition; a broker that refuses the
 * whole request, or that cannot be reached, throws as kafkajs does; an answer that does not
 * parse throws KafkaAccessError ('corrupt'), naming field and byte.
 */
export async function listOffsets(broker: RawBroker, topics: OffsetQuery, timestamp: number, isolation: IsolationLevel, timeoutMs: number, each: OffsetAnswer): Promise<void> {
  let version: number;
  try {
    version = versionFor(broker, LIST_OFFSETS);
  } catch {
    for (const { topic, partition, errorCode, offset } of await listRawOffsets(broker, topics, timestamp, isolation)) each(topic, partition, errorCode, offset);
    return;
  }
  const body = listOffsetsBody(topics, timestamp, isolation, version >= 10 ? timeoutMs : undefined);
  const api = { apiKey: LIST_OFFSETS.apiKey, apiVersion: version, apiName: LIST_OFFSETS.apiName };
  await sendEncoded(broker, api, body, (answer) => readAnswer(new WireReader(answer, LIST_OFFSETS.apiName), each), timeoutMs);
}

/** Bytes of a partition in the request: partition_index, current_leader_epoch, timestamp, tagged fields. */
const PARTITION_BYTES = 4 + 4 + 8 + 1;

/**
 * The request body after kafkajs' header v1 (request header v2 is v1 and its empty tagged
 * fields, the first byte here), sized first and written into one buffer.
 */
function listOffsetsBody(topics: OffsetQuery, timestamp: number, isolation: IsolationLevel, timeoutMs: number | undefined): Buffer {
  const names = topics.map((t) => Buffer.from(t.topic, 'utf8'));
  let size = 1 + 4 + 1 + uvarintSize(topics.length + 1) + (timeoutMs === undefined ? 0 : 4) + 1;
  topics.forEach((t, i) => {
    size += uvarintSize(names[i].length + 1) + names[i].length + uvarintSize(t.partitions.length + 1) + t.partitions.length * PARTITION_BYTES + 1;
  });
  const b = Buffer.alloc(size);
  let at = b.writeUInt8(0, 0);
  at = b.writeInt32BE(-1, at);
  at = b.writeInt8(isolation, at);
  at = writeUvarint(b, topics.length + 1, at);
  const time = BigInt(timestamp);
  topics.forEach((t, i) => {
    at = writeUvarint(b, names[i].length + 1, at);
    at += names[i].copy(b, at);
    at = writeUvarint(b, t.partitions.length + 1, at);
    for (const partition of t.partitions) {
      at = b.writeInt32BE(partition, at);
      // current_leader_epoch -1: no fencing, as Kafka's admin client asks.
      at = b.writeInt32BE(-1, at);
      at = b.writeBigInt64BE(time, at);
      at = b.writeUInt8(0, at);
    }
    at = b.writeUInt8(0, at);
  });
  if (timeoutMs !== undefined) at = b.writeInt32BE(timeoutMs, at);
  b.writeUInt8(0, at);
  return b;
}

function uvarintSize(value: number): number {
  let size = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) size++;
  return size;
}

function writeUvarint(b: Buffer, value: number, at: number): number {
  let rest = value;
  let next = at;
  while (rest >= 0x80) {
    next = b.writeUInt8((rest % 0x80) | 0x80, next);
    rest = Math.floor(rest / 0x80);
  }
  return b.writeUInt8(rest, next);
}

/**
 * The answer (response header v1 first), each partition given to `each` as it is read. The
 * names of fields stay constant: one answer holds tens of thousands of partitions.
 */
function readAnswer(r: WireReader, each: OffsetAnswer): { throttleTimeMs: number } {
  r.taggedFields("the response header's tagged fields");
  const throttleTimeMs = r.int32('the throttle time');
  r.compactArray('the topic count', (t) =>
    t.struct((x) => {
      const topic = x.compactString('a topic name');
      x.compactArray('a partition count', (p) =>
        p.struct((y) => {
          const partition = y.int32('a partition');
          const errorCode = y.int16("a partition's error code");
          y.int64("a partition's timestamp");
          const offset = y.int64("a partition's offset");
          y.int32("a partition's leader epoch");
          each(topic, partition, errorCode, offset.toString());
        }),
      );
    }),
  );
  r.taggedFields();
  // kafkajs' connection reads the decoded answer's throttle fields: an object it must be.
  return { throttleTimeMs };
}
