// DescribeConfigs v3, encoded here: kafkajs 2.2.4 has it only up to v2 (no documentation, no
// types). A non-flexible version, which Kafka 3.7 to 4.3 all accept, per
// clients/src/main/resources/common/message/DescribeConfigsRequest.json and
// DescribeConfigsResponse.json in apache/kafka.

import { sendEncoded } from '../kafkajs/requests';
import { refusal } from '../kafkajs/errors';
import type { RawBroker } from '../kafkajs/types';
import type { TopicConfigEntry, TopicConfigSource, TopicConfigType } from '../types';
import { WireReader, WireWriter } from './primitives';

const DESCRIBE_CONFIGS = { apiKey: 32, apiVersion: 3, apiName: 'DescribeConfigs' };
/** ConfigResource.Type.TOPIC and BROKER */
export const TOPIC_RESOURCE = 2;
const BROKER_RESOURCE = 4;

/** DescribeConfigsResponse.ConfigSource by its id. */
const SOURCES: readonly TopicConfigSource[] = ['unknown', 'topic', 'dynamic-broker', 'dynamic-default-broker', 'static-broker', 'default'];
/** DescribeConfigsResponse.ConfigType by its id. */
const TYPES: readonly TopicConfigType[] = ['unknown', 'boolean', 'string', 'int', 'short', 'long', 'double', 'list', 'class', 'password'];

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
  const body = new WireWriter().int32(1).int8(resourceType).string(resourceName);
  if (keys === null) body.int32(-1); // configuration_keys: null, every key
  else {
    body.int32(keys.length);
    for (const key of keys) body.string(key);
  }
  body
    .boolean(true) // include_synonyms
    .boolean(true); // include_documentation
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
