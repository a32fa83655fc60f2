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

export interface RawRecord {
  readonly offset: string;
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, Buffer | Buffer[] | undefined>;
  readonly isControlRecord?: boolean;
}

export interface RawFetchResponse {
  readonly responses: {
    readonly topicName: string;
    readonly partitions: { readonly partition: number; readonly errorCode: number; readonly highWatermark: string; readonly messages: RawRecord[] }[];
  }[];
}

export interface RawBroker {
  fetch(request: {
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    isolationLevel: number;
    topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
  }): Promise<RawFetchResponse>;
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

export function createRawCluster(options: RawClusterOptions): RawCluster {
  // kafkajs' internals ship no types: require them and say what we use.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Cluster = require('kafkajs/src/cluster') as new (options: object) => RawCluster;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createLogger, LEVELS } = require('kafkajs/src/loggers') as {
    createLogger: (options: { level: number; logCreator: () => () => void }) => unknown;
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

