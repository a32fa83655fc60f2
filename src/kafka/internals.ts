// The few kafkajs internals the access layer uses, typed here. kafkajs 2.2.4 is the last
// release and its internals no longer move; package.json pins it. A raw `Cluster` fetches by
// offset without a consumer group, which is what lets a peek leave nothing behind on the cluster.

import type { ISocketFactory, KafkaConfig, Producer, RetryOptions } from 'kafkajs';
import { KafkaAccessError } from './types';

export interface RawPartitionMetadata {
  readonly partitionErrorCode: number;
  readonly partitionId: number;
  readonly leader: number;
  readonly replicas: number[];
  readonly isr: number[];
}

export interface RawTopicMetadata {
  readonly topicErrorCode: number;
  readonly topic: string;
  readonly isInternal?: boolean;
  readonly partitionMetadata: RawPartitionMetadata[];
}

/** A protocol request as kafkajs' connections send it: encoder plus response decoder. */
export interface RawProtocolRequest<T> {
  readonly request: { readonly apiKey: number; readonly apiVersion: number; readonly apiName: string; encode(): Promise<unknown> };
  readonly response: { decode(payload: Buffer): Promise<T>; parse(decoded: T): Promise<T> };
  readonly requestTimeout?: number;
}

export interface RawFetchArgs {
  readonly maxWaitTime: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly isolationLevel: number;
  readonly topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
}

export interface RawBroker {
  readonly nodeId?: number;
  readonly connectionPool: {
    readonly host: string;
    readonly port: number;
    send<T>(request: RawProtocolRequest<T>): Promise<T>;
  };
  /** The newest version of a request that both sides speak; set once the broker is connected. */
  lookupRequest<T>(apiKey: number, definition: unknown): (args: object) => RawProtocolRequest<T>;
  isConnected(): boolean;
  disconnect(): Promise<void>;
  listGroups(): Promise<{ groups: { groupId: string; protocolType: string }[] }>;
}

/** The connections of one kafkajs Cluster, by broker node id, plus the bootstrap ("seed") one. */
export interface RawBrokerPool {
  brokers: Record<string, RawBroker>;
  seedBroker?: RawBroker & { nodeId?: number };
  readonly versions: unknown;
  readonly rootLogger: unknown;
  readonly connectionPoolBuilder: { build(destination: { host: string; port: number; rack?: string | null }): Promise<unknown> };
  createBroker(options: { logger: unknown; versions: unknown; connectionPool: unknown; nodeId: number }): RawBroker;
  findConnectedBroker(): Promise<RawBroker>;
}

export interface RawCluster {
  readonly brokerPool: RawBrokerPool;
  /** Topics whose metadata kafkajs refreshes together; a producer adds each topic it writes to. */
  readonly targetTopics: Set<string>;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
  refreshMetadata(): Promise<void>;
  metadata(options?: { topics?: string[] }): Promise<{ topicMetadata: RawTopicMetadata[] } | null>;
  addTargetTopic(topic: string): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findTopicPartitionMetadata(topic: string): RawPartitionMetadata[];
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(options: { nodeId: string | number }): Promise<RawBroker>;
  fetchTopicsOffset(
    topics: { topic: string; partitions: { partition: number }[]; fromBeginning?: boolean; fromTimestamp?: number }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

/** What kafkajs' own `Kafka` passes to its clusters. */
export interface RawClusterOptions {
  readonly brokers: string[];
  readonly ssl?: KafkaConfig['ssl'];
  readonly sasl?: KafkaConfig['sasl'];
  readonly clientId: string;
  readonly connectionTimeout: number;
  readonly authenticationTimeout?: number;
  readonly requestTimeout: number;
  readonly retry: RetryOptions;
  readonly socketFactory: ISocketFactory;
  /** 1 for an idempotent producer's cluster; unlimited by default. */
  readonly maxInFlightRequests?: number;
}

/** A broker of the cluster as its metadata names it. */
export interface RawBrokerAddress {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
  readonly rack?: string | null;
}

/** A Metadata answer with every topic's and partition's error code kept, none thrown. */
export interface RawMetadata {
  readonly brokers: RawBrokerAddress[];
  readonly topicMetadata: RawTopicMetadata[];
}

/** A ListOffsets answer with each partition's error code kept, none thrown. */
export interface RawOffsets {
  readonly responses: { readonly topic: string; readonly partitions: { partition: number; errorCode: number; offset?: string; offsets?: string[] }[] }[];
}

/**
 * Fetch and ListOffsets isolation levels. READ_COMMITTED is what a consumer with
 * isolation.level=read_committed sees, and its end is the last stable offset (the first offset
 * of the oldest open transaction); READ_UNCOMMITTED's end is the high watermark, which Kafka's
 * own tools count lag against (kafka-consumer-groups asks ListOffsets with the admin client's
 * default, READ_UNCOMMITTED). A peek shows what consumers see: READ_COMMITTED.
 */
export const READ_COMMITTED = 1;
export const READ_UNCOMMITTED = 0;
export type IsolationLevel = typeof READ_COMMITTED | typeof READ_UNCOMMITTED;

/** kafkajs' request definitions and API keys for the requests we send ourselves. */
const protocol = () => ({
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  requests: (require('kafkajs/src/protocol/requests') as { requests: { Metadata: unknown; ListOffsets: unknown; Fetch: unknown } }).requests,
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  apiKeys: require('kafkajs/src/protocol/requests/apiKeys') as { Metadata: number; ListOffsets: number; Fetch: number },
});

/**
 * Sends a Fetch request at the newest version both sides speak, with `decode` in place of
 * kafkajs' response decoder (which flattens batches and groups headers by key). Returns what
 * `decode` makes of the response body and the version it was written in.
 */
export async function sendFetch<T>(broker: RawBroker, args: RawFetchArgs, decode: (payload: Buffer, apiVersion: number) => T): Promise<T> {
  const { requests, apiKeys } = protocol();
  const built = broker.lookupRequest<unknown>(apiKeys.Fetch, requests.Fetch)(args);
  const version = built.request.apiVersion;
  return send(broker, {
    request: built.request,
    requestTimeout: built.requestTimeout,
    response: { decode: async (payload) => decode(payload, version), parse: async (decoded) => decoded },
  });
}

/**
 * Sends a request whose body we encode ourselves (`body`, without the request header) on the
 * broker's connection, and decodes the answer with `decode`.
 */
export function sendEncoded<T>(broker: RawBroker, api: { apiKey: number; apiVersion: number; apiName: string }, body: Buffer, decode: (payload: Buffer) => T, requestTimeout?: number): Promise<T> {
  // kafkajs' request framing only reads `buf` and `buffer` of what `encode` returns.
  const encoded = { buf: body, buffer: body };
  return send(broker, {
    request: { ...api, encode: async () => encoded },
    requestTimeout,
    response: { decode: async (payload) => decode(payload), parse: async (decoded) => decoded },
  });
}

async function send<T>(broker: RawBroker, request: RawProtocolRequest<T>): Promise<T> {
  try {
    const decode = (payload: Buffer) => request.response.decode(payload);
    return await broker.connectionPool.send({ ...request, response: { ...request.response, decode: corruptWhenUnreadable(request.request.apiName, decode) } });
  } catch (error) {
    // As kafkajs' own Broker does: a closed connection is reopened by the next request.
    if ((error as Error).name === 'KafkaJSConnectionClosedError') await broker.disconnect();
    throw error;
  }
}

/**
 * `decode`, with what a decoder throws on bytes that cannot be read (kafkajs' Decoder throws
 * RangeError past the end, or its own varint errors) made a KafkaAccessError ('corrupt') that
 * names the API. An error code the broker sent (kafkajs' protocol error) and our own
 * KafkaAccessErrors (wire/primitives.ts) pass as they are.
 */
function corruptWhenUnreadable<T>(api: string, decode: (payload: Buffer) => Promise<T>): (payload: Buffer) => Promise<T> {
  return async (payload) => {
    try {
      return await decode(payload);
    } catch (error) {
      if (error instanceof KafkaAccessError || (error as Error).name === 'KafkaJSProtocolError') throw error;
      throw new KafkaAccessError(`The broker's ${api} answer is corrupt (${(error as Error).message}).`, 'corrupt');
    }
  };
}

/** CRC-32C as record batches carry it, by kafkajs' implementation. */
export function crc32c(bytes: Buffer): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  const crc = require('kafkajs/src/protocol/recordBatch/crc32C') as (buffer: Buffer) => number;
  return crc(bytes);
}

export function createRawCluster(options: RawClusterOptions): RawCluster {
  // kafkajs' internals ship no types: require them and say what we use.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Cluster = require('kafkajs/src/cluster') as new (options: object) => RawCluster;
  return new Cluster({
    ...options,
    logger: silentLogger(),
    enforceRequestTimeout: true,
    allowAutoTopicCreation: false,
    isolationLevel: READ_COMMITTED,
    metadataMaxAge: 300_000,
    offsets: new Map(),
  });
}

/** The same request, answered as decoded: error codes stay in the data for the caller to sort. */
function keepingErrors<T>(request: RawProtocolRequest<T>): RawProtocolRequest<T> {
  return { ...request, response: { ...request.response, parse: async (data: T) => data } };
}

/**
 * The protocol error kafkajs would have thrown for `code`, with its `type` and `retriable`, so
 * errors.ts translates it as any other and `read` in connect.ts knows whether to try again.
 */
export function protocolError(code: number): Error & { readonly type: string; readonly retriable: boolean } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  const { createErrorFromCode } = require('kafkajs/src/protocol/error') as { createErrorFromCode: (code: number) => Error & { type: string; retriable: boolean } };
  return createErrorFromCode(code);
}

/** The broker's refusal as kafkajs would raise it (its `type`), with the broker's own message when it sent one. */
export function refusal(code: number, message: string | null): Error {
  const error = protocolError(code);
  if (message) error.message = message;
  return error;
}

/**
 * Metadata for `topics` (all topics when empty) from any connected broker, with errors kept per
 * topic and partition. Unlike kafkajs' own refresh, one topic that vanished or one partition
 * without a leader does not fail the whole answer. The cluster's broker list is brought up to
 * date from it, so `findBroker` reaches brokers that joined or moved.
 */
export async function readRawMetadata(cluster: RawCluster, topics: readonly string[]): Promise<RawMetadata> {
  const { requests, apiKeys } = protocol();
  const pool = cluster.brokerPool;
  const broker = await pool.findConnectedBroker();
  const request = broker.lookupRequest<RawMetadata>(apiKeys.Metadata, requests.Metadata)({ topics: [...topics], allowAutoTopicCreation: false });
  const metadata = await send(broker, keepingErrors(request));
  await syncBrokers(pool, metadata.brokers);
  return metadata;
}

/** kafkajs' BrokerPool.refreshMetadata does this after its own (strict) Metadata request. */
async function syncBrokers(pool: RawBrokerPool, brokers: readonly RawBrokerAddress[]): Promise<void> {
  const seed = pool.seedBroker?.connectionPool;
  const next: Record<string, RawBroker> = {};
  for (const { nodeId, host, port, rack } of brokers) {
    const known = pool.brokers[nodeId];
    if (known && known.connectionPool.host === host && known.connectionPool.port === port) {
      next[nodeId] = known;
    } else if (pool.seedBroker && seed && seed.host === host && seed.port === port) {
      pool.seedBroker.nodeId = nodeId;
      next[nodeId] = pool.seedBroker;
    } else {
      const connectionPool = await pool.connectionPoolBuilder.build({ host, port, rack });
      next[nodeId] = pool.createBroker({ logger: pool.rootLogger, versions: pool.versions, connectionPool, nodeId });
    }
  }
  const gone = Object.entries(pool.brokers).filter(([nodeId, broker]) => next[nodeId] !== broker && broker !== pool.seedBroker);
  pool.brokers = next;
  await Promise.all(gone.map(([, broker]) => broker.disconnect().catch(() => undefined)));
}

/**
 * ListOffsets to one broker for partitions it leads; `timestamp` -2 earliest, -1 latest (the
 * last stable offset at READ_COMMITTED, the high watermark at READ_UNCOMMITTED), else ms (the
 * broker answers -1 when the first offset at that time lies at or past that end).
 * Error codes stay per partition. `offset` is the answer for every request version.
 */
export async function listRawOffsets(
  broker: RawBroker,
  topics: readonly { topic: string; partitions: readonly number[] }[],
  timestamp: number,
  isolation: IsolationLevel = READ_COMMITTED,
): Promise<{ topic: string; partition: number; errorCode: number; offset: string }[]> {
  const { requests, apiKeys } = protocol();
  const request = broker.lookupRequest<RawOffsets>(apiKeys.ListOffsets, requests.ListOffsets)({
    isolationLevel: isolation,
    topics: topics.map(({ topic, partitions }) => ({ topic, partitions: partitions.map((partition) => ({ partition, timestamp: String(timestamp) })) })),
  });
  const { responses } = await send(broker, keepingErrors(request));
  return responses.flatMap(({ topic, partitions }) =>
    partitions.map((p) => ({ topic, partition: p.partition, errorCode: p.errorCode, offset: p.offset ?? p.offsets?.[p.offsets.length - 1] ?? '-1' })),
  );
}

/**
 * A kafkajs producer on a cluster the caller holds, so the caller can keep that cluster's target
 * topics to the one being written: kafkajs refreshes metadata for every topic a producer ever
 * wrote to, and one of them deleted since fails every later send.
 */
export function createProducerOn(cluster: RawCluster, options: { retry: RetryOptions; idempotent: boolean; maxInFlightRequests: number; createPartitioner: unknown }): Producer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  const createProducer = require('kafkajs/src/producer') as (options: object) => Producer;
  return createProducer({ ...options, cluster, logger: silentLogger() });
}

/** Failures surface as errors to the caller; kafkajs' own log lines would only be noise. */
function silentLogger(): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  const { createLogger, LEVELS } = require('kafkajs/src/loggers') as {
    createLogger: (options: { level: number; logCreator: () => () => void }) => unknown;
    LEVELS: { NOTHING: number };
  };
  return createLogger({ level: LEVELS.NOTHING, logCreator: () => () => undefined });
}

/**
 * A raw cluster's way to a consumer group's coordinator, which an offset reset commits to
 * (OffsetCommit as generation -1 with no member, what Kafka's admin client sends). kafkajs'
 * own `admin.setOffsets` joins the group as a consumer to do this; we do not.
 */
export interface RawGroupCluster extends RawCluster {
  findGroupCoordinator(options: { groupId: string }): Promise<
    RawBroker & {
      offsetCommit(request: {
        groupId: string;
        groupGenerationId: number;
        memberId: string;
        retentionTime: number;
        topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
      }): Promise<unknown>;
    }
  >;
}
