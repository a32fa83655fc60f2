// Produce on the cluster's own connections: the topic's partitions, settings and a producer id
// read first, then idempotentProducer.ts batches and sends. Partitions are chosen as before
// (kafkajs' DefaultPartitioner: murmur2 of the key as the Java client, round-robin without a
// key), so each message's offset is known and reported in the order given. Headers go out in
// the order given, repeated keys and null values included.

import { refusal } from './kafkajs/errors';
import { sendEncoded } from './kafkajs/requests';
import type { RawBroker, RawCluster } from './kafkajs/types';
import { IdempotentProducer, ProducerLink } from './idempotentProducer';
import { isRetriable, TopicReader } from './metadata';
import { KafkaAccessError, ProduceItem, ProduceLines, ProduceReceipts, ProduceRequest, TopicConfigEntry } from './types';
import { producerCodec } from './wire/compression';
import { describeTopicConfigs } from './wire/describeConfigs';
import { GroupApi, UnsupportedGroupRequest, versionFor } from './wire/groupRequests';
import { initProducerId, ProducerIdentity } from './wire/initProducerId';
import { decodeProduceResponse, PRODUCE_API, PRODUCE_VERSIONS, produceBody } from './wire/produce';

export type ProduceMessage = Omit<ProduceRequest, 'topic'>;

/** A topic's max.message.bytes when its settings cannot be read: Kafka's default (LogConfig). */
const DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
/** How long a partial batch waits for more messages, ms: a line written now and then (`tail -f log | upsun-kafka produce`) goes at once, as with kcat (librdkafka lingers 5 ms). */
const LINGER_MS = 20;
/** How long a partition may keep failing (leader gone, replicas missing) before the produce gives up, ms. */
const DELIVERY_TIMEOUT_MS = 30_000;
/** The broker's extra time past the request's own timeout before the answer counts as lost, ms. */
const ANSWER_MARGIN_MS = 5_000;

const PRODUCE: GroupApi = { apiKey: PRODUCE_API.apiKey, apiName: PRODUCE_API.apiName, min: PRODUCE_VERSIONS.min, max: PRODUCE_VERSIONS.max };

/**
 * Sends the messages `source` yields (or lines of a buffer, ProduceLines) to `topic`, in order
 * per partition, each written once, and reports each through `receipts` in the order given.
 * Waits for room when the producer holds 32 MiB not yet acknowledged. Throws KafkaAccessError ('unknown-topic') for a topic that does not
 * exist, ('invalid-request') for a partition it does not have, and the broker's refusal of a
 * partition (kafkajs' protocol error, its message naming the partition) once retries cannot help.
 * When `source` throws, the messages it gave before are sent, then its error is thrown.
 */
export async function produceStream(raw: RawCluster, topic: string, source: AsyncIterable<readonly ProduceItem[]>, receipts: ProduceReceipts, timeoutMs: number): Promise<void> {
  const reader = new TopicReader(raw, Date.now() + timeoutMs);
  await reader.addTargetTopic(topic);
  const partitions = reader.findTopicPartitionMetadata(topic);
  if (partitions.length === 0) throw new KafkaAccessError(`Topic "${topic}" does not exist. Check the name, or create the topic first.`, 'unknown-topic');
  const broker = await raw.brokerPool.findConnectedBroker();
  const [identity, settings] = await Promise.all([newProducerId(broker, timeoutMs), topicSettings(broker, topic, timeoutMs)]);
  const link = producerLink(raw, topic, timeoutMs);
  const producer = new IdempotentProducer(link, { topic, identity, partitions, ...settings, lingerMs: LINGER_MS, deliveryTimeoutMs: DELIVERY_TIMEOUT_MS }, receipts);
  try {
    try {
      for await (const items of source) {
        for (const item of items) {
          if ('values' in item) addLines(producer, item);
          else producer.add(item);
        }
        await producer.room();
      }
    } catch (error) {
      // The source failed (a line that does not fit its schema): what came before it is sent,
      // and the source's error is the one to report.
      await producer.flush().catch(() => undefined);
      throw error;
    }
    await producer.flush();
  } finally {
    producer.stop();
  }
}

/** Each of `lines` as a message: one message object, its value's bounds moved line by line (the producer keeps none). */
function addLines(producer: IdempotentProducer, lines: ProduceLines): void {
  const { values, starts, ends } = lines;
  const message = { key: lines.key, headers: lines.headers, partition: lines.partition, value: values, valueStart: 0, valueEnd: 0 };
  for (let i = 0; i < starts.length; i++) {
    message.valueStart = starts[i];
    message.valueEnd = ends[i];
    producer.add(message);
  }
}

/** The cluster as the producer reaches it: fresh leaders from metadata, Produce at the newest version both sides speak (3 to 8). */
function producerLink(raw: RawCluster, topic: string, timeoutMs: number): ProducerLink {
  return {
    leaders: async () => {
      const fresh = new TopicReader(raw, Date.now() + timeoutMs);
      await fresh.addTargetTopic(topic);
      return new Map(fresh.findTopicPartitionMetadata(topic).map((p) => [p.partitionId, p.leader]));
    },
    produce: async (node, batches) => {
      const leader = await raw.findBroker({ nodeId: node });
      const version = produceVersion(leader);
      return sendEncoded(leader, { ...PRODUCE_API, apiVersion: version }, produceBody(topic, batches, timeoutMs), (answer) => decodeProduceResponse(answer, version), timeoutMs + ANSWER_MARGIN_MS);
    },
    error: refusal,
  };
}

/** The batch codec and the largest batch, from the topic's compression.type and max.message.bytes; Kafka's defaults when the settings cannot be read (no DescribeConfigs permission). */
async function topicSettings(broker: RawBroker, topic: string, timeoutMs: number): Promise<{ codec: number; maxMessageBytes: number }> {
  let entries: TopicConfigEntry[] = [];
  try {
    entries = await describeTopicConfigs(broker, topic, timeoutMs);
  } catch {
    // Sent uncompressed and within the default size, a produce still works.
  }
  const value = (name: string) => entries.find((e) => e.name === name)?.value ?? undefined;
  // 0 is a setting too (Kafka's range is at least 0: nothing can be written), not "unset".
  const written = value('max.message.bytes');
  const maxMessageBytes = written !== undefined && /^\d+$/.test(written) ? Number(written) : NaN;
  return { codec: producerCodec(value('compression.type')), maxMessageBytes: Number.isSafeInteger(maxMessageBytes) ? maxMessageBytes : DEFAULT_MAX_MESSAGE_BYTES };
}

/**
 * A producer id, asked again while the broker answers that it is not ready (a new cluster
 * creates __transaction_state on the first InitProducerId: COORDINATOR_LOAD_IN_PROGRESS,
 * NOT_COORDINATOR), for up to DELIVERY_TIMEOUT_MS.
 */
async function newProducerId(broker: RawBroker, timeoutMs: number): Promise<ProducerIdentity> {
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await initProducerId(broker, timeoutMs);
    } catch (error) {
      const backoff = Math.min(1_000, 50 * 2 ** attempt);
      if (!isRetriable(error) || Date.now() + backoff > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoff));
    }
  }
}

function produceVersion(broker: RawBroker): number {
  try {
    return versionFor(broker, PRODUCE);
  } catch (error) {
    if (!(error instanceof UnsupportedGroupRequest)) throw error;
    throw new KafkaAccessError(`The broker does not offer Produce versions ${PRODUCE_VERSIONS.min} to ${PRODUCE_VERSIONS.max} (Kafka 0.11 to 4.x do): use a Kafka this tool supports.`, 'invalid-request');
  }
}
