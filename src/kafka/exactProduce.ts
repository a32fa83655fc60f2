// Sends messages whose headers kafkajs' producer cannot send as given. It takes headers as an
// object, so a repeated key comes out grouped (a=1, b=2, a=3 is sent a=1, a=3, b=2), keys that
// look like numbers go first, and a header without a value fails. These messages go in record
// batches encoded here (format v2, uncompressed, CreateTime now) in one Produce request per
// partition leader, acks=all. They are not idempotent: a failure is reported, never retried,
// so nothing is written twice.

import { crc32c, protocolError, sendEncoded } from './internals';
import { TopicReader } from './metadata';
import { KafkaAccessError, KafkaHeaderValue } from './types';
import { WireReader } from './wire';

export interface ExactMessage {
  readonly partition: number;
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly headers: readonly KafkaHeaderValue[];
}

const PRODUCE_API = { apiKey: 0, apiVersion: 3, apiName: 'Produce' };
const ACKS_ALL = -1;

/** Whether kafkajs' object of headers sends `headers` exactly: no null value, order kept. */
export function kafkajsKeepsHeaders(headers: readonly KafkaHeaderValue[]): boolean {
  if (headers.some((h) => h.value === null)) return false;
  const grouped = new Map<string, number>();
  for (const h of headers) grouped.set(h.key, (grouped.get(h.key) ?? 0) + 1);
  // The order kafkajs writes: Object.keys of the grouped object, each key's values in turn.
  const keys = Object.keys(Object.fromEntries([...grouped.keys()].map((k) => [k, true])));
  const sent = keys.flatMap((k) => Array.from({ length: grouped.get(k)! }, () => k));
  return sent.every((k, i) => k === headers[i].key);
}

/** Offsets given to `messages`, in their order. Throws kafkajs' error for a refused partition. */
export async function produceExact(raw: TopicReader, topic: string, messages: readonly ExactMessage[], timeoutMs: number): Promise<bigint[]> {
  const byPartition = new Map<number, number[]>();
  messages.forEach((m, i) => byPartition.set(m.partition, [...(byPartition.get(m.partition) ?? []), i]));
  const offsets = new Array<bigint>(messages.length);
  const leaders = raw.findLeaderForPartitions(topic, [...byPartition.keys()]);
  await Promise.all(
    Object.entries(leaders).map(async ([nodeId, partitions]) => {
      const broker = await raw.findBroker({ nodeId });
      const batches = partitions.map((p) => ({ partition: p, batch: encodeBatch(byPartition.get(p)!.map((i) => messages[i])) }));
      const answered = await sendEncoded(broker, PRODUCE_API, produceBody(topic, batches, timeoutMs), decodeProduceResponse, timeoutMs + 5_000);
      for (const partition of partitions) {
        const answer = answered.get(partition);
        if (!answer) throw new KafkaAccessError(`Could not produce to topic "${topic}": partition ${partition} got no answer.`, 'other');
        if (answer.errorCode !== 0) throw protocolError(answer.errorCode);
        byPartition.get(partition)!.forEach((i, n) => (offsets[i] = answer.baseOffset + BigInt(n)));
      }
    }),
  );
  return offsets;
}

function produceBody(topic: string, batches: { partition: number; batch: Buffer }[], timeoutMs: number): Buffer {
  const name = Buffer.from(topic, 'utf8');
  const head = Buffer.alloc(2 + 2 + 4 + 4 + 2);
  head.writeInt16BE(-1, 0); // no transactional id
  head.writeInt16BE(ACKS_ALL, 2);
  head.writeInt32BE(timeoutMs, 4);
  head.writeInt32BE(1, 8);
  head.writeInt16BE(name.length, 12);
  const count = Buffer.alloc(4);
  count.writeInt32BE(batches.length);
  const parts = batches.flatMap(({ partition, batch }) => {
    const fields = Buffer.alloc(8);
    fields.writeInt32BE(partition, 0);
    fields.writeInt32BE(batch.length, 4);
    return [fields, batch];
  });
  return Buffer.concat([head, name, count, ...parts]);
}

/** Produce v3's answer: per partition its error code and base offset. Throws a corrupt KafkaAccessError (wire.ts). */
function decodeProduceResponse(payload: Buffer): Map<number, { errorCode: number; baseOffset: bigint }> {
  const answers = new Map<number, { errorCode: number; baseOffset: bigint }>();
  const r = new WireReader(payload, PRODUCE_API.apiName);
  for (let topics = r.count('the topic count', 6); topics > 0; topics--) {
    r.string('the topic name');
    for (let partitions = r.count('the partition count', 22); partitions > 0; partitions--) {
      const partition = r.int32('a partition number');
      const errorCode = r.int16(`partition ${partition}'s error code`);
      const baseOffset = r.int64(`partition ${partition}'s base offset`);
      r.int64(`partition ${partition}'s log append time`);
      answers.set(partition, { errorCode, baseOffset });
    }
  }
  return answers;
}

/** A record batch as https://kafka.apache.org/documentation/#recordbatch lays it out. */
function encodeBatch(messages: readonly ExactMessage[]): Buffer {
  const records = Buffer.concat(messages.map((m, i) => encodeRecord(m, i)));
  const now = BigInt(Date.now());
  const header = Buffer.alloc(61);
  header.writeBigInt64BE(0n, 0); // base offset: the broker assigns offsets
  header.writeInt32BE(49 + records.length, 8);
  header.writeInt32BE(-1, 12); // partition leader epoch
  header.writeInt8(2, 16); // magic: format v2
  header.writeInt16BE(0, 21); // attributes: uncompressed, CreateTime, not transactional
  header.writeInt32BE(messages.length - 1, 23);
  header.writeBigInt64BE(now, 27);
  header.writeBigInt64BE(now, 35);
  header.writeBigInt64BE(-1n, 43); // no producer id
  header.writeInt16BE(-1, 51);
  header.writeInt32BE(-1, 53);
  header.writeInt32BE(messages.length, 57);
  const batch = Buffer.concat([header, records]);
  batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
  return batch;
}

function encodeRecord(m: ExactMessage, offsetDelta: number): Buffer {
  const body = Buffer.concat([
    Buffer.from([0, 0]), // attributes, timestamp delta 0
    varint(offsetDelta),
    sized(m.key),
    sized(m.value),
    varint(m.headers.length),
    ...m.headers.flatMap((h) => [sized(h.key), sized(h.value)]),
  ]);
  return Buffer.concat([varint(body.length), body]);
}

function sized(data: Buffer | string | null): Buffer {
  if (data === null) return varint(-1);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([varint(bytes.length), bytes]);
}

/** Zig-zag varint of a 32-bit integer. */
function varint(value: number): Buffer {
  let zigzag = ((value << 1) ^ (value >> 31)) >>> 0;
  const bytes: number[] = [];
  while (zigzag >= 0x80) {
    bytes.push((zigzag & 0x7f) | 0x80);
    zigzag >>>= 7;
  }
  bytes.push(zigzag);
  return Buffer.from(bytes);
}
