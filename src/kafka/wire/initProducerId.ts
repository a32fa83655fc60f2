// InitProducerId (KIP-98) without a transactional id: the producer id and epoch an idempotent
// producer stamps on its batches, so that a batch sent again after a lost answer is written
// once. Versions 0 to 4: 0 and 1 classic, 2 on flexible (KIP-482), 3 adds the producer id and
// epoch to bump (-1: a new one). Any broker answers it. Format per
// clients/src/main/resources/common/message/InitProducerIdRequest.json and
// InitProducerIdResponse.json in apache/kafka.

import { refusal } from '../kafkajs/errors';
import { sendEncoded } from '../kafkajs/requests';
import type { RawBroker } from '../kafkajs/types';
import { KafkaAccessError } from '../types';
import { GroupApi, sendFlexible, UnsupportedGroupRequest, versionFor } from './groupRequests';
import { WireReader, WireWriter } from './primitives';

const INIT_PRODUCER_ID: GroupApi = { apiKey: 22, apiName: 'InitProducerId', min: 0, max: 4 };
const FIRST_FLEXIBLE = 2;
/** Without a transactional id the broker ignores the transaction timeout; the Java client sends this (TransactionManager). */
const NO_TRANSACTION_TIMEOUT_MS = 2_147_483_647;

export interface ProducerIdentity {
  readonly producerId: bigint;
  readonly producerEpoch: number;
}

/**
 * A new producer id and epoch from `broker`. Throws kafkajs' protocol error for a refusal (its
 * `retriable` says whether asking again may help: COORDINATOR_LOAD_IN_PROGRESS), a
 * KafkaAccessError when the broker does not offer the request (before Kafka 0.11).
 */
export async function initProducerId(broker: RawBroker, timeoutMs: number): Promise<ProducerIdentity> {
  let version: number;
  try {
    version = versionFor(broker, INIT_PRODUCER_ID);
  } catch (error) {
    if (!(error instanceof UnsupportedGroupRequest)) throw error;
    throw new KafkaAccessError('The broker does not offer InitProducerId (Kafka 0.11 and later do), which an idempotent produce needs: use a newer Kafka.', 'invalid-request');
  }
  const read = (r: WireReader): ProducerIdentity => {
    r.int32('the throttle time');
    const errorCode = r.int16('the error code');
    const producerId = r.int64('the producer id');
    const producerEpoch = r.int16('the producer epoch');
    if (errorCode !== 0) throw refusal(errorCode, null);
    return { producerId, producerEpoch };
  };
  if (version < FIRST_FLEXIBLE) {
    const body = new WireWriter().string(null).int32(NO_TRANSACTION_TIMEOUT_MS).buffer;
    return sendEncoded(broker, { apiKey: INIT_PRODUCER_ID.apiKey, apiVersion: version, apiName: INIT_PRODUCER_ID.apiName }, body, (answer) => read(new WireReader(answer, INIT_PRODUCER_ID.apiName)), timeoutMs);
  }
  const body = new WireWriter().compactString(null).int32(NO_TRANSACTION_TIMEOUT_MS);
  if (version >= 3) body.int64(-1n).int16(-1);
  return sendFlexible(broker, INIT_PRODUCER_ID, version, body.taggedFields(), read, timeoutMs);
}
