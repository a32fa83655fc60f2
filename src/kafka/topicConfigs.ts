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
import type { TopicConfigChange, TopicConfigEntry, TopicConfigSource, TopicConfigType } from './topicConfigTypes';

const DESCRIBE_CONFIGS = { apiKey: 32, apiVersion: 3, apiName: 'DescribeConfigs' };
const INCREMENTAL_ALTER_CONFIGS = { apiKey: 44, apiVersion: 0, apiName: 'IncrementalAlterConfigs' };
/** ConfigResource.Type.TOPIC */
const TOPIC_RESOURCE = 2;
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

interface Decoder {
  readInt8(): number;
  readInt16(): number;
  readInt32(): number;
  readString(): string | null;
  readBoolean(): boolean;
  readArray<T>(reader: (decoder: Decoder) => T): T[];
}

function encoder(): Encoder {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  const Encoder = require('kafkajs/src/protocol/encoder') as new () => Encoder;
  return new Encoder();
}

function decoder(payload: Buffer): Decoder {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => Decoder;
  return new Decoder(payload);
}

/**
 * Every setting of `topic`, with synonyms and the broker's documentation, in the broker's
 * order. Throws the broker's refusal (`UNKNOWN_TOPIC_OR_PARTITION` for a topic that does not
 * exist) as kafkajs' protocol error.
 */
export async function describeTopicConfigs(broker: RawBroker, topic: string, timeoutMs: number): Promise<TopicConfigEntry[]> {
  const body = encoder()
    .writeInt32(1)
    .writeInt8(TOPIC_RESOURCE)
    .writeString(topic)
    .writeInt32(-1) // configuration_keys: null, every key
    .writeBoolean(true) // include_synonyms
    .writeBoolean(true).buffer; // include_documentation
  const results = await sendEncoded(broker, DESCRIBE_CONFIGS, body, (payload) => {
    const d = decoder(payload);
    d.readInt32(); // throttle time
    return d.readArray((r) => {
      const errorCode = r.readInt16();
      const errorMessage = r.readString();
      r.readInt8();
      r.readString();
      const configs = r.readArray((c): TopicConfigEntry => {
        const name = c.readString() ?? '';
        const value = c.readString();
        const readOnly = c.readBoolean();
        const source = SOURCES[c.readInt8()] ?? 'unknown';
        const sensitive = c.readBoolean();
        const synonyms = c.readArray((s) => ({ name: s.readString() ?? '', value: s.readString(), source: SOURCES[s.readInt8()] ?? 'unknown' }));
        const type = TYPES[c.readInt8()] ?? 'unknown';
        const documentation = c.readString();
        return { name, value, source, readOnly, sensitive, type, documentation, synonyms };
      });
      return { errorCode, errorMessage, configs };
    });
  }, timeoutMs);
  // Errors are thrown here, not in the decoder, so kafkajs sees a well-formed answer.
  const [result] = results;
  if (!result) throw new Error(`DescribeConfigs answered no result for topic "${topic}"`);
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
    const d = decoder(payload);
    d.readInt32(); // throttle time
    return d.readArray((r) => {
      const errorCode = r.readInt16();
      const errorMessage = r.readString();
      r.readInt8();
      r.readString();
      return { errorCode, errorMessage };
    });
  }, timeoutMs);
  const [response] = responses;
  if (!response) throw new Error(`IncrementalAlterConfigs answered nothing for topic "${topic}"`);
  if (response.errorCode !== 0) throw refusal(response.errorCode, response.errorMessage);
}
