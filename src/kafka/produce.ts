// Sends messages with their partitions chosen up front (the Java client's key hashing, via
// kafkajs' DefaultPartitioner), so each message's offset is its partition's base offset plus
// its place in that partition's batch, and the caller learns where every message went.
// Headers go out in the order given, repeated keys and null values included (exactProduce.ts).

import { Partitioners, Producer } from 'kafkajs';
import { ExactMessage, kafkajsKeepsHeaders, produceExact } from './exactProduce';
import { TopicReader } from './metadata';
import { KafkaAccessError, KafkaHeaderValue, ProduceRequest, ProduceResult } from './types';

export type ProduceMessage = Omit<ProduceRequest, 'topic'>;

/** Payload per request, well below the broker's default 1 MB batch limit when spread out. */
const REQUEST_BYTES = 512 * 1024;
/**
 * Messages per request: kafkajs groups a send's messages by partition by copying the group for
 * each message, which costs the square of the group's size; 2,000 keeps that small.
 */
const REQUEST_MESSAGES = 2_000;

/** The broker's time to gather acknowledgements for a request sent without kafkajs. */
const EXACT_ACK_TIMEOUT_MS = 30_000;

export async function produceBatches(producer: Pick<Producer, 'send'>, raw: TopicReader, topic: string, messages: readonly ProduceMessage[]): Promise<ProduceResult[]> {
  await raw.addTargetTopic(topic);
  const partitionMetadata = raw.findTopicPartitionMetadata(topic);
  if (partitionMetadata.length === 0) throw new KafkaAccessError(`Topic "${topic}" does not exist. Check the name, or create the topic first.`, 'unknown-topic');
  const partitioner = Partitioners.DefaultPartitioner();
  const count = partitionMetadata.length;

  const assigned: ExactMessage[] = messages.map((m) => {
    if (m.partition !== undefined && (!Number.isInteger(m.partition) || m.partition < 0 || m.partition >= count)) {
      throw new KafkaAccessError(`Could not produce to topic "${topic}": it has no partition ${m.partition} (partitions 0 to ${count - 1}).`, 'invalid-request');
    }
    const key = m.key ?? null;
    const partition = m.partition ?? partitioner({ topic, partitionMetadata, message: { key, value: m.value } });
    return { key, value: m.value, headers: m.headers ?? [], partition };
  });

  // In order, so each partition gets its messages in the order given; runs of messages whose
  // headers kafkajs sends as given go through its (idempotent) producer, the others exactly.
  const results: ProduceResult[] = [];
  for (const { exact, run } of runs(assigned, (m) => !kafkajsKeepsHeaders(m.headers))) {
    for (const chunk of chunks(run)) {
      const offsets = exact ? await produceExact(raw, topic, chunk, EXACT_ACK_TIMEOUT_MS) : await sendWithKafkajs(producer, topic, chunk);
      chunk.forEach((m, i) => results.push({ topic, partition: m.partition, offset: offsets[i].toString() }));
    }
  }
  return results;
}

async function sendWithKafkajs(producer: Pick<Producer, 'send'>, topic: string, chunk: readonly ExactMessage[]): Promise<bigint[]> {
  const sent = await producer.send({
    topic,
    messages: chunk.map((m) => ({ key: m.key, value: m.value, partition: m.partition, ...(m.headers.length > 0 ? { headers: groupHeaders(m.headers) } : {}) })),
  });
  const next = new Map(sent.map((r) => [r.partition, BigInt(r.baseOffset ?? '0')]));
  return chunk.map((m) => {
    const offset = next.get(m.partition) ?? 0n;
    next.set(m.partition, offset + 1n);
    return offset;
  });
}

/** kafkajs takes a repeated header as an array of values (only used where that keeps the order). */
function groupHeaders(headers: readonly KafkaHeaderValue[]): Record<string, string | Buffer | (string | Buffer)[]> {
  const grouped: Record<string, string | Buffer | (string | Buffer)[]> = {};
  for (const { key, value } of headers) {
    if (value === null) continue;
    const current = grouped[key];
    grouped[key] = current === undefined ? value : [...(Array.isArray(current) ? current : [current]), value];
  }
  return grouped;
}

function* runs<T>(items: readonly T[], exact: (item: T) => boolean): Generator<{ exact: boolean; run: T[] }> {
  let run: T[] = [];
  let current = false;
  for (const item of items) {
    const mode = exact(item);
    if (run.length > 0 && mode !== current) {
      yield { exact: current, run };
      run = [];
    }
    current = mode;
    run.push(item);
  }
  if (run.length > 0) yield { exact: current, run };
}

function* chunks<T extends { key: Buffer | string | null; value: Buffer | string | null }>(messages: readonly T[]): Generator<T[]> {
  let chunk: T[] = [];
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
