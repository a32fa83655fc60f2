// A topic's settings, read and changed with requests we encode ourselves: kafkajs 2.2.4 has
// DescribeConfigs only up to v2 (no documentation, no types) and AlterConfigs, which replaces
// every topic-level setting with the set sent, so a setting left out (or a sensitive one, whose
// value the broker never sends back) would be reset silently. IncrementalAlterConfigs (KIP-339,
// Kafka 2.3+) sets or deletes exactly the settings named.
//
// Wire formats (non-flexible versions, which Kafka 3.7 to 4.3 all accept): DescribeConfigs v3
// and IncrementalAlterConfigs v0, per clients/src/main/resources/common/message/
// DescribeConfigsRequest.json, DescribeConfigsResponse.json, IncrementalAlterConfigsRequest.json
// and IncrementalAlterConfigsResponse.json in apache/kafka.

import { RawBroker, refusal, sendEncoded } from './internals';
import type { TopicConfigChange, TopicConfigEntry, TopicConfigSource, TopicConfigType } from './types';
import { WireReader } from './wire';

const DESCRIBE_CONFIGS = { apiKey: 32, apiVersion: 3, apiName: 'DescribeConfigs' };
const INCREMENTAL_ALTER_CONFIGS = { apiKey: 44, apiVersion: 0, apiName: 'IncrementalAlterConfigs' };
/** ConfigResource.Type.TOPIC and BROKER */
const TOPIC_RESOURCE = 2;
const BROKER_RESOURCE = 4;
/** AlterConfigOp.OpType: SET 0, DELETE 1 (APPEND 2 and SUBTRACT 3 are not used here). */
const SET = 0;
const DELETE = 1;

/** DescribeConfigsResponse.ConfigSource by its id. */
const SOURCES: readonly TopicConfigSource[] = ['unknown', 'topic', 'dynamic-broker', 'dynamic-default-broker', 'static-broker', 'default'];
/** DescribeConfigsResponse.ConfigType by its id. */
const TYPES: readonly TopicConfigType[] = ['unknown', 'boolean', 'string', 'int', 'short', 'long', 'double', 'list', 'class', 'password'];

interface Encoder {
  writeInt8(value: number): Encoder;
  writeInt16(value: number): Encoder;
  writeInt32(value: number): Encoder;
  writeString(value: string | null): Encoder;
  writeBoolean(value: boolean): Encoder;
  readonly buffer: Buffer;
}

function encoder(): Encoder {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  const Encoder = require('kafkajs/src/protocol/encoder') as new () => Encoder;
  return new Encoder();
}

/**
 * Every setting of `topic`, with synonyms and the broker's documentation, in the broker's
 * order. Throws the broker's refusal (`UNKNOWN_TOPIC_OR_PARTITION` for a topic that does not
 * exist) as kafkajs' protocol error.
 */
export function describeTopicConfigs(broker: RawBroker, topic: string, timeoutMs: number): Promise<TopicConfigEntry[]> {
  return describeConfigs(broker, TOPIC_RESOURCE, topic, null, timeoutMs);
}

/**
 * The settings `keys` of the broker `broker` itself (its node id as the resource name), e.g.
 * `transaction.max.timeout.ms`. Throws the broker's refusal as describeTopicConfigs does.
 */
export function describeBrokerConfigs(broker: RawBroker & { readonly nodeId?: number }, keys: readonly string[], timeoutMs: number): Promise<TopicConfigEntry[]> {
  return describeConfigs(broker, BROKER_RESOURCE, String(broker.nodeId ?? ''), keys, timeoutMs);
}

async function describeConfigs(broker: RawBroker, resourceType: number, resourceName: string, keys: readonly string[] | null, timeoutMs: number): Promise<TopicConfigEntry[]> {
  const body = encoder().writeInt32(1).writeInt8(resourceType).writeString(resourceName);
  if (keys === null) body.writeInt32(-1); // configuration_keys: null, every key
  else {
    body.writeInt32(keys.length);
    for (const key of keys) body.writeString(key);
  }
  body
    .writeBoolean(true) // include_synonyms
    .writeBoolean(true); // include_documentation
  const results = await sendEncoded(broker, DESCRIBE_CONFIGS, body.buffer, (payload) => {
    const r = new WireReader(payload, DESCRIBE_CONFIGS.apiName);
    r.int32('the throttle time');
    // Entries' least sizes: a result 11 bytes, a config 14, a synonym 5 (empty strings, empty arrays).
    return Array.from({ length: r.count('the result count', 11) }, () => {
      const errorCode = r.int16('the error code');
      const errorMessage = r.nullableString('the error message');
      r.int8('the resource type');
      r.string('the resource name');
      const configs = Array.from({ length: r.count('the config count', 14) }, (): TopicConfigEntry => {
        const name = r.string('a config name');
        const value = r.nullableString(`${name}'s value`);
        const readOnly = r.boolean(`${name}'s read-only flag`);
        const source = SOURCES[r.int8(`${name}'s source`)] ?? 'unknown';
        const sensitive = r.boolean(`${name}'s sensitive flag`);
        const synonyms = Array.from({ length: r.count(`${name}'s synonym count`, 5) }, () => {
          const synonym = r.string(`a synonym of ${name}`);
          return { name: synonym, value: r.nullableString(`${synonym}'s value`), source: SOURCES[r.int8(`${synonym}'s source`)] ?? 'unknown' };
        });
        const type = TYPES[r.int8(`${name}'s type`)] ?? 'unknown';
        const documentation = r.nullableString(`${name}'s documentation`);
        return { name, value, source, readOnly, sensitive, type, documentation, synonyms };
      });
      return { errorCode, errorMessage, configs };
    });
  }, timeoutMs);
  // Errors are thrown here, not in the decoder, so kafkajs sees a well-formed answer.
  const [result] = results;
  if (!result) throw new Error(`DescribeConfigs answered no result for ${resourceType === TOPIC_RESOURCE ? 'topic' : 'broker'} "${resourceName}"`);
  if (result.errorCode !== 0) throw refusal(result.errorCode, result.errorMessage);
  return result.configs;
}

/**
 * Sets or deletes (`value: null`) the named topic-level settings in one request; no other
 * setting changes. With `validateOnly` the broker checks the change and applies nothing.
 * Throws the broker's refusal (`INVALID_CONFIG`, `POLICY_VIOLATION`, `UNKNOWN_TOPIC_OR_PARTITION`…)
 * with the broker's message.
 */
export async function alterTopicConfigs(broker: RawBroker, topic: string, changes: readonly TopicConfigChange[], timeoutMs: number, validateOnly = false): Promise<void> {
  const body = encoder().writeInt32(1).writeInt8(TOPIC_RESOURCE).writeString(topic).writeInt32(changes.length);
  for (const change of changes) body.writeString(change.name).writeInt8(change.value === null ? DELETE : SET).writeString(change.value);
  body.writeBoolean(validateOnly);
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
