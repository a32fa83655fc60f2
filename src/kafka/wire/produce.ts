// Produce's request body and answer for versions 3 to 8, the classic (non-flexible) ones every
// broker from 0.11 to 4.x speaks (Kafka 4.0 removed versions 0 to 2, KIP-896), for record
// batches encoded here (recordBatchEncoder.ts): acks=all, no transactional id. The request is
// the same from 3 to 8; the answer adds log_start_offset at 5 and the broker's own words
// (record_errors, error_message) at 8. Format per
// clients/src/main/resources/common/message/ProduceRequest.json and ProduceResponse.json in
// apache/kafka.

import { WireReader, WireWriter } from './primitives';

export const PRODUCE_API = { apiKey: 0, apiVersion: 3, apiName: 'Produce' };
/** The versions written and read here. */
export const PRODUCE_VERSIONS = { min: 3, max: 8 } as const;
const ACKS_ALL = -1;

export interface ProduceAnswer {
  readonly errorCode: number;
  /** The offset the broker gave the batch's first record; -1 with an error. */
  readonly baseOffset: bigint;
  /** The broker's own words (version 8 on), else null. */
  readonly errorMessage: string | null;
}

/** One topic's batches by partition, acks=all, waiting at most `timeoutMs` (ms) for the replicas. */
export function produceBody(topic: string, batches: readonly { partition: number; batch: Buffer }[], timeoutMs: number): Buffer {
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

/**
 * The answer of `version` (3 to 8): per partition its error code, base offset and the broker's
 * message. Throws a corrupt KafkaAccessError (primitives.ts).
 */
export function decodeProduceResponse(payload: Buffer, version: number = PRODUCE_API.apiVersion): Map<number, ProduceAnswer> {
  const answers = new Map<number, ProduceAnswer>();
  const r = new WireReader(payload, PRODUCE_API.apiName);
  for (let topics = r.count('the topic count', 6); topics > 0; topics--) {
    r.string('the topic name');
    for (let partitions = r.count('the partition count', 22); partitions > 0; partitions--) {
      const partition = r.int32('a partition number');
      const errorCode = r.int16(`partition ${partition}'s error code`);
      const baseOffset = r.int64(`partition ${partition}'s base offset`);
      r.int64(`partition ${partition}'s log append time`);
      if (version >= 5) r.int64(`partition ${partition}'s log start offset`);
      let errorMessage: string | null = null;
      if (version >= 8) {
        const recordErrors: string[] = [];
        for (let n = r.count(`partition ${partition}'s record error count`, 6); n > 0; n--) {
          const index = r.int32(`partition ${partition}'s record error index`);
          const message = r.nullableString(`partition ${partition}'s record error message`);
          recordErrors.push(`record ${index}${message ? `: ${message}` : ''}`);
        }
        errorMessage = [r.nullableString(`partition ${partition}'s error message`), ...recordErrors].filter(Boolean).join('; ') || null;
      }
      answers.set(partition, { errorCode, baseOffset, errorMessage });
    }
  }
  return answers;
}
