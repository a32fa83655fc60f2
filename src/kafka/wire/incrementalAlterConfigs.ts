// IncrementalAlterConfigs v0 (KIP-339, Kafka 2.3+), encoded here: it sets or deletes exactly the
// settings named. kafkajs 2.2.4 has only AlterConfigs, which replaces every topic-level setting
// with the set sent, so a setting left out (or a sensitive one, whose value the broker never
// sends back) would be reset silently. A non-flexible version, which Kafka 3.7 to 4.3 all
// accept, per clients/src/main/resources/common/message/IncrementalAlterConfigsRequest.json and
// IncrementalAlterConfigsResponse.json in apache/kafka.

import { sendEncoded } from '../kafkajs/requests';
import { refusal } from '../kafkajs/errors';
import type { RawBroker } from '../kafkajs/types';
import type { TopicConfigChange } from '../types';
import { TOPIC_RESOURCE } from './describeConfigs';
import { WireReader, WireWriter } from './primitives';

const INCREMENTAL_ALTER_CONFIGS = { apiKey: 44, apiVersion: 0, apiName: 'IncrementalAlterConfigs' };
/** AlterConfigOp.OpType: SET 0, DELETE 1 (APPEND 2 and SUBTRACT 3 are not used here). */
const SET = 0;
const DELETE = 1;

/**
 * Sets or deletes (`value: null`) the named topic-level settings in one request; no other
 * setting changes. With `validateOnly` the broker checks the change and applies nothing.
 * Throws the broker's refusal (`INVALID_CONFIG`, `POLICY_VIOLATION`, `UNKNOWN_TOPIC_OR_PARTITION`…)
 * with the broker's message.
 */
export async function alterTopicConfigs(broker: RawBroker, topic: string, changes: readonly TopicConfigChange[], timeoutMs: number, validateOnly = false): Promise<void> {
  const body = new WireWriter().int32(1).int8(TOPIC_RESOURCE).string(topic).int32(changes.length);
  for (const change of changes) body.string(change.name).int8(change.value === null ? DELETE : SET).string(change.value);
  body.boolean(validateOnly);
  const responses = await sendEncoded(broker, INCREMENTAL_ALTER_CONFIGS, body.buffer, (payload) => {
    const r = new WireReader(payload, INCREMENTAL_ALTER_CONFIGS.apiName);
    r.int32('the throttle time');
    return Array.from({ length: r.count('the response count', 7) }, () => {
      const errorCode = r.int16('the error code');
      const errorMessage = r.nullableString('the error message');
      r.int8('the resource type');
      r.string('the resource name');
      return { errorCode, errorMessage };
    });
  }, timeoutMs);
  const [response] = responses;
  if (!response) throw new Error(`IncrementalAlterConfigs answered nothing for topic "${topic}"`);
  if (response.errorCode !== 0) throw refusal(response.errorCode, response.errorMessage);
}
