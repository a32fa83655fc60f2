// The Fetch response, versions 4 to 11, decoded here rather than by kafkajs, whose decoder
// flattens batches and groups headers by key: each partition's watermarks, aborted-transaction
// list and record batches as the bytes the broker sent (recordBatch.ts reads them). The request
// is kafkajs' own (sendFetch in kafkajs/requests.ts). Format per
// clients/src/main/resources/common/message/FetchResponse.json in apache/kafka.

import { protocolError } from '../kafkajs/errors';
import type { RecordBatch } from './recordBatch';
import { WireReader } from './primitives';

export interface AbortedTransaction {
  readonly producerId: bigint;
  readonly firstOffset: bigint;
}

export interface FetchedPartition {
  readonly partition: number;
  /** Kafka's protocol error code; 0 when the partition answered. */
  readonly errorCode: number;
  readonly highWatermark: bigint;
  /** What a read_committed consumer may read up to (open transactions start here). */
  readonly lastStableOffset: bigint;
  readonly abortedTransactions: readonly AbortedTransaction[];
  readonly batches: readonly RecordBatch[];
  /** Size of the record data answered, for sizing the next request. */
  readonly bytes: number;
}

/** Fetch error codes a peek handles itself rather than failing. */
export const OFFSET_OUT_OF_RANGE = 1;

export type RawFetchedPartition = Omit<FetchedPartition, 'batches' | 'bytes'> & { readonly records: Buffer | null };

/**
 * The Fetch response body, versions 4 to 11 (what kafkajs asks for; Kafka 4 brokers answer
 * nothing older). Only the partitions of the response's topics; records left as bytes.
 * Throws a KafkaAccessError ('corrupt') naming the field and byte for an answer that ends
 * early or holds a length that cannot be.
 */
export function decodeFetchResponse(payload: Buffer, version: number): RawFetchedPartition[] {
  if (version < 4) throw new Error(`the broker answered Fetch v${version}, which has no transactions`);
  const r = new WireReader(payload, 'Fetch');
  r.int32('the throttle time');
  if (version >= 7) {
    const errorCode = r.int16('the error code');
    r.int32('the fetch session');
    if (errorCode !== 0) throw protocolError(errorCode);
  }
  const partitions: RawFetchedPartition[] = [];
  // Each count is checked against the bytes left at the least each entry takes, so a count of
  // two billion fails at once instead of after filling memory.
  for (let t = r.count('the topic count', 6); t > 0; t--) {
    r.string('the topic name'); // one topic per request
    for (let p = r.count('the partition count', 30); p > 0; p--) {
      const partition = r.int32('a partition number');
      const errorCode = r.int16(`partition ${partition}'s error code`);
      const highWatermark = r.int64(`partition ${partition}'s high watermark`);
      const lastStableOffset = r.int64(`partition ${partition}'s last stable offset`);
      if (version >= 5) r.int64(`partition ${partition}'s log start offset`);
      const abortedTransactions: AbortedTransaction[] = [];
      for (let a = r.count(`partition ${partition}'s aborted transaction count`, 16, true); a > 0; a--) {
        abortedTransactions.push({ producerId: r.int64('an aborted transaction'), firstOffset: r.int64('an aborted transaction') });
      }
      if (version >= 11) r.int32(`partition ${partition}'s preferred read replica`);
      const size = r.int32(`partition ${partition}'s records size`);
      const records = size === -1 ? null : r.take(r.length(`partition ${partition}'s records`, size), `partition ${partition}'s records`);
      partitions.push({ partition, errorCode, highWatermark, lastStableOffset, abortedTransactions, records });
    }
  }
  return partitions;
}
