// CRC-32C (Castagnoli) as record batches carry it, by kafkajs' implementation; a module of its own
// so that the batch encoder (wire/recordBatchEncoder.ts) loads nothing else of kafkajs.

/** The CRC-32C of `bytes`, as an unsigned 32-bit number. */
export function crc32c(bytes: Buffer): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  const crc = require('kafkajs/src/protocol/recordBatch/crc32C') as (buffer: Buffer) => number;
  return crc(bytes);
}
