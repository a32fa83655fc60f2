// Record batches (message format v2) encoded for Produce: uncompressed, CreateTime now, neither
// idempotent nor transactional. Kept apart from recordBatch.ts, the reader, because its
// checksum comes from kafkajs, which the search's matching thread (matchWorker.ts, a bundle of
// its own) must not load. Format: https://kafka.apache.org/documentation/#recordbatch

import { crc32c } from '../kafkajs/crc32c';
import type { KafkaHeaderValue } from '../types';
import { WireWriter } from './primitives';

/** A message as it goes into a batch; strings as UTF-8. */
export interface BatchMessage {
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly headers: readonly KafkaHeaderValue[];
}

/** The batch's bytes before the CRC-32C, which covers the attributes onwards. */
const CRC_OFFSET = 17;
const ATTRIBUTES_OFFSET = 21;

/** `messages` in one batch, offsets 0 to n-1 (the broker assigns the real ones), headers in their order. */
export function encodeRecordBatch(messages: readonly BatchMessage[]): Buffer {
  const records = new WireWriter();
  messages.forEach((m, i) => records.raw(encodeRecord(m, i)));
  const recordBytes = records.buffer;
  const now = BigInt(Date.now());
  const batch = new WireWriter()
    .int64(0n) // base offset: the broker assigns offsets
    .int32(49 + recordBytes.length)
    .int32(-1) // partition leader epoch
    .int8(2) // magic: format v2
    .int32(0) // the CRC, written below
    .int16(0) // attributes: uncompressed, CreateTime, not transactional
    .int32(messages.length - 1)
    .int64(now)
    .int64(now)
    .int64(-1n) // no producer id
    .int16(-1)
    .int32(-1)
    .int32(messages.length)
    .raw(recordBytes).buffer;
  batch.writeUInt32BE(crc32c(batch.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return batch;
}

function encodeRecord(m: BatchMessage, offsetDelta: number): Buffer {
  const body = new WireWriter()
    .raw(Buffer.from([0, 0])) // attributes, timestamp delta 0
    .varint(offsetDelta)
    .varintBytes(m.key)
    .varintBytes(m.value)
    .varint(m.headers.length);
  for (const h of m.headers) body.varintBytes(h.key).varintBytes(h.value);
  const bytes = body.buffer;
  return new WireWriter().varint(bytes.length).raw(bytes).buffer;
}
