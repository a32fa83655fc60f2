// Produce v3's request body and answer, for record batches encoded here
// (recordBatchEncoder.ts): acks=all, no transactional id. Format per
// clients/src/main/resources/common/message/ProduceRequest.json and ProduceResponse.json in
// apache/kafka.

import { WireReader, WireWriter } from './primitives';

export const PRODUCE_API = { apiKey: 0, apiVersion: 3, apiName: 'Produce' };
const ACKS_ALL = -1;

/** One topic's batches by partition, acks=all, waiting at most `timeoutMs` (ms) for the replicas. */
export function produceBody(topic: string, batches: { partition: number; batch: Buffer }[], timeoutMs: number): Buffer {
  const body = new WireWriter()
    .string(null) // no transactional id
    .int16(ACKS_ALL)
    .int32(timeoutMs)
    .int32(1)
    .string(topic)
    .int32(batches.length);
  for (const { partition, batch } of batches) body.int32(partition).bytes(batch);
  return body.buffer;
}

/** Produce v3's answer: per partition its error code and base offset. Throws a corrupt KafkaAccessError (primitives.ts). */
export function decodeProduceResponse(payload: Buffer): Map<number, { errorCode: number; baseOffset: bigint }> {
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
