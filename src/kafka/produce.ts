// Sends messages with their partitions chosen up front (the Java client's key hashing, via
// kafkajs' DefaultPartitioner), so each message's offset is its partition's base offset plus
// its place in that partition's batch, and the caller learns where every message went.

import { Message, Partitioners, Producer } from 'kafkajs';
import { RawCluster } from './internals';
import { KafkaAccessError, KafkaHeaderValue, ProduceRequest, ProduceResult } from './types';

export type ProduceMessage = Omit<ProduceRequest, 'topic'>;

/** Payload per request, well below the broker's default 1 MB batch limit when spread out. */
const REQUEST_BYTES = 512 * 1024;
/**
 * Messages per request: kafkajs groups a send's messages by partition by copying the group for
 * each message, which costs the square of the group's size; 2,000 keeps that small.
 */
const REQUEST_MESSAGES = 2_000;

export async function produceBatches(producer: Producer, raw: RawCluster, topic: string, messages: readonly ProduceMessage[]): Promise<ProduceResult[]> {
  await raw.addTargetTopic(topic);
  const partitionMetadata = raw.findTopicPartitionMetadata(topic);
  if (partitionMetadata.length === 0) throw new KafkaAccessError(`Topic "${topic}" does not exist. Check the name, or create the topic first.`, 'unknown-topic');
  const partitioner = Partitioners.DefaultPartitioner();
  const count = partitionMetadata.length;

  const assigned: Message[] = messages.map((m) => {
    if (m.partition !== undefined && (!Number.isInteger(m.partition) || m.partition < 0 || m.partition >= count)) {
      throw new KafkaAccessError(`Could not produce to topic "${topic}": it has no partition ${m.partition} (partitions 0 to ${count - 1}).`, 'invalid-request');
    }
    const message: Message = { key: m.key ?? null, value: m.value };
    if (m.headers && m.headers.length > 0) message.headers = Object.fromEntries(groupHeaders(topic, m.headers));
    message.partition = m.partition ?? partitioner({ topic, partitionMetadata, message });
    return message;
  });

  const results: ProduceResult[] = [];
  for (const chunk of chunks(assigned)) {
    const sent = await producer.send({ topic, messages: chunk });
    const next = new Map(sent.map((r) => [r.partition, BigInt(r.baseOffset ?? '0')]));
    for (const message of chunk) {
      const partition = message.partition as number;
      const offset = next.get(partition) ?? 0n;
      next.set(partition, offset + 1n);
      results.push({ topic, partition, offset: offset.toString() });
    }
  }
  return results;
}

/** kafkajs takes a repeated header as an array of values. */
function groupHeaders(topic: string, headers: readonly KafkaHeaderValue[]): Map<string, string | Buffer | (string | Buffer)[]> {
  const grouped = new Map<string, string | Buffer | (string | Buffer)[]>();
  for (const { key, value } of headers) {
    if (value === null) {
      throw new KafkaAccessError(`Could not produce to topic "${topic}": header "${key}" has no value, which this producer cannot send yet. Give it a value or leave it out.`, 'invalid-request');
    }
    const current = grouped.get(key);
    grouped.set(key, current === undefined ? value : [...(Array.isArray(current) ? current : [current]), value]);
  }
  return grouped;
}

function* chunks(messages: Message[]): Generator<Message[]> {
  let chunk: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = sizeOf(message.value) + sizeOf(message.key);
    if (chunk.length > 0 && (bytes + size > REQUEST_BYTES || chunk.length >= REQUEST_MESSAGES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

function sizeOf(data: Buffer | string | null | undefined): number {
  if (data === null || data === undefined) return 0;
  return typeof data === 'string' ? Buffer.byteLength(data) : data.length;
}
