// Sends messages whose headers kafkajs' producer cannot send as given. It takes headers as an
// object, so a repeated key comes out grouped (a=1, b=2, a=3 is sent a=1, a=3, b=2), keys that
// look like numbers go first, and a header without a value fails. These messages go in record
// batches encoded here (format v2, uncompressed, CreateTime now) in one Produce request per
// partition leader, acks=all. They are not idempotent: a failure is reported, never retried,
// so nothing is written twice.

import { sendEncoded } from './kafkajs/requests';
import { protocolError } from './kafkajs/errors';
import { TopicReader } from './metadata';
import { KafkaAccessError, KafkaHeaderValue } from './types';
import { decodeProduceResponse, PRODUCE_API, produceBody } from './wire/produce';
import { BatchMessage, encodeRecordBatch } from './wire/recordBatchEncoder';

export interface ExactMessage extends BatchMessage {
  readonly partition: number;
}

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
      const batches = partitions.map((p) => ({ partition: p, batch: encodeRecordBatch(byPartition.get(p)!.map((i) => messages[i])) }));
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
