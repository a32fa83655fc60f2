// The few kafkajs internals the access layer uses, typed here. kafkajs 2.2.4 is the last
// release and its internals no longer move; package.json pins it. A raw `Cluster` fetches by
// offset without a consumer group, which is what lets a peek leave nothing behind on the cluster.

import type { ISocketFactory, KafkaConfig, RetryOptions } from 'kafkajs';

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
  /** The newest version of a request that both sides speak; set once the broker is connected. */
  lookupRequest(apiKey: number, definition: unknown): (args: RawFetchArgs) => RawProtocolRequest<unknown>;
  readonly connectionPool: { send<T>(request: RawProtocolRequest<T>): Promise<T> };
  disconnect(): Promise<void>;
}

export interface RawCluster {
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
  readonly requestTimeout: number;
  readonly retry: RetryOptions;
  readonly socketFactory: ISocketFactory;
}

/** READ_UNCOMMITTED would show aborted transactions; a peek shows what consumers see. */
export const READ_COMMITTED = 1;

/**
 * Sends a Fetch request at the newest version both sides speak, with `decode` in place of
 * kafkajs' response decoder (which flattens batches and groups headers by key). Returns what
 * `decode` makes of the response body and the version it was written in.
 */
export async function sendFetch<T>(broker: RawBroker, args: RawFetchArgs, decode: (payload: Buffer, apiVersion: number) => T): Promise<T> {
  const { Fetch } = require('kafkajs/src/protocol/requests/apiKeys') as { Fetch: number };
  const { requests } = require('kafkajs/src/protocol/requests') as { requests: { Fetch: unknown } };
  const built = broker.lookupRequest(Fetch, requests.Fetch)(args);
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
    return await broker.connectionPool.send(request);
  } catch (error) {
    // As kafkajs' own Broker does: a closed connection is reopened by the next request.
    if ((error as Error).name === 'KafkaJSConnectionClosedError') await broker.disconnect();
    throw error;
  }
}

/** CRC-32C as record batches carry it, by kafkajs' implementation. */
export function crc32c(bytes: Buffer): number {
  const crc = require('kafkajs/src/protocol/recordBatch/crc32C') as (buffer: Buffer) => number;
  return crc(bytes);
}

/** kafkajs' error for a protocol error code, so errors.ts translates it as any other. */
export function protocolError(code: number): Error {
  const { createErrorFromCode } = require('kafkajs/src/protocol/error') as { createErrorFromCode(code: number): Error };
  return createErrorFromCode(code);
}

/** kafkajs' registered codec for a batch's compression bits (see codecs.ts). */
export function decompressWith(codec: number, bytes: Buffer): Promise<Buffer> {
  const { lookupCodecByAttributes } = require('kafkajs/src/protocol/message/compression') as {
    lookupCodecByAttributes(attributes: number): { decompress(buffer: Buffer): Promise<Buffer> } | null;
  };
  const found = lookupCodecByAttributes(codec);
  if (!found) throw new Error(`unknown compression type ${codec}`);
  return found.decompress(bytes);
}

export function createRawCluster(options: RawClusterOptions): RawCluster {
  const Cluster = require('kafkajs/src/cluster') as new (options: object) => RawCluster;
  const { createLogger, LEVELS } = require('kafkajs/src/loggers') as {
    createLogger(options: { level: number; logCreator: () => () => void }): unknown;
    LEVELS: { NOTHING: number };
  };
  return new Cluster({
    ...options,
    logger: createLogger({ level: LEVELS.NOTHING, logCreator: () => () => undefined }),
    enforceRequestTimeout: true,
    allowAutoTopicCreation: false,
    isolationLevel: READ_COMMITTED,
    metadataMaxAge: 300_000,
    offsets: new Map(),
  });
}

