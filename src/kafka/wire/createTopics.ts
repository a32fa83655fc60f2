// CreateTopics v4 and CreatePartitions v1, encoded here so that a refusal keeps the broker's own
// message: kafkajs 2.2.4 decodes the error_message both answers carry and then throws only the
// generic text of the error code ("Replication-factor is invalid" where the broker said "Unable
// to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached
// because only 1 broker(s) are registered."). Non-flexible versions that Kafka 3.7 to 4.3 all
// accept (Kafka 4.0 dropped CreateTopics v0-v1, KIP-896; v4 is the first to take replication
// factor -1, KIP-464), per clients/src/main/resources/common/message/CreateTopicsRequest.json,
// CreateTopicsResponse.json, CreatePartitionsRequest.json and CreatePartitionsResponse.json in
// apache/kafka.

import { sendEncoded } from '../kafkajs/requests';
import { refusal } from '../kafkajs/errors';
import type { RawBroker } from '../kafkajs/types';
import { WireReader, WireWriter } from './primitives';

const CREATE_TOPICS = { apiKey: 19, apiVersion: 4, apiName: 'CreateTopics' };
const CREATE_PARTITIONS = { apiKey: 37, apiVersion: 1, apiName: 'CreatePartitions' };

/** Kafka's TOPIC_ALREADY_EXISTS, which createTopic answers with `false` rather than throwing. */
const TOPIC_ALREADY_EXISTS = 36;

export interface NewTopic {
  readonly topic: string;
  readonly partitions: number;
  /** -1: the broker's default.replication.factor. */
  readonly replicationFactor: number;
  readonly config?: Readonly<Record<string, string>>;
}

/**
 * Creates `topic` in one CreateTopics request; `timeoutMs` is both the broker's own wait and
 * the request's. Resolves false when the topic already exists; throws the broker's refusal
 * (`INVALID_REPLICATION_FACTOR`, `INVALID_CONFIG`, `POLICY_VIOLATION`…) with its message.
 */
export async function createTopic(broker: RawBroker, topic: NewTopic, timeoutMs: number): Promise<boolean> {
  const config = Object.entries(topic.config ?? {});
  const body = new WireWriter().int32(1).string(topic.topic).int32(topic.partitions).int16(topic.replicationFactor).int32(0).int32(config.length);
  for (const [name, value] of config) body.string(name).string(value);
  body.int32(Math.max(1_000, timeoutMs - 1_000)).boolean(false);
  const [result] = await sendEncoded(broker, CREATE_TOPICS, body.buffer, (payload) => topicResults(payload, CREATE_TOPICS.apiName), timeoutMs);
  if (!result) throw new Error(`CreateTopics answered nothing for topic "${topic.topic}"`);
  if (result.errorCode === TOPIC_ALREADY_EXISTS) return false;
  if (result.errorCode !== 0) throw refusal(result.errorCode, result.errorMessage);
  return true;
}

/**
 * Grows `topic` to `totalCount` partitions in one CreatePartitions request. Throws the broker's
 * refusal (`INVALID_PARTITIONS` when it has that many already…) with its message.
 */
export async function createPartitions(broker: RawBroker, topic: string, totalCount: number, timeoutMs: number): Promise<void> {
  const body = new WireWriter().int32(1).string(topic).int32(totalCount).int32(-1).int32(Math.max(1_000, timeoutMs - 1_000)).boolean(false);
  const [result] = await sendEncoded(broker, CREATE_PARTITIONS, body.buffer, (payload) => topicResults(payload, CREATE_PARTITIONS.apiName), timeoutMs);
  if (!result) throw new Error(`CreatePartitions answered nothing for topic "${topic}"`);
  if (result.errorCode !== 0) throw refusal(result.errorCode, result.errorMessage);
}

/** Both answers' shape: throttle time, then per topic its name, error code and message. */
function topicResults(payload: Buffer, api: string): { errorCode: number; errorMessage: string | null }[] {
  const r = new WireReader(payload, api);
  r.int32('the throttle time');
  return Array.from({ length: r.count('the topic count', 6) }, () => {
    r.string('the topic name');
    const errorCode = r.int16('the error code');
    const errorMessage = r.nullableString('the error message');
    return { errorCode, errorMessage };
  });
}
