// Typings of the kafkajs 2.2.4 private modules the access layer uses (kafkajs ships none for
// them). kafkajs 2.2.4 is the last release and its internals no longer move; package.json pins
// it. A raw `Cluster` fetches by offset without a consumer group, which is what lets a peek leave
// nothing behind on the cluster. This folder is the only one that requires kafkajs/src/…
// (test/unit/kafkajsAdapter.test.ts holds it to that).

import type { GroupDescriptions, ISocketFactory, KafkaConfig, RetryOptions } from 'kafkajs';

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
  /** DescribeGroups for groups this broker coordinates; kafkajs throws a group's error code. */
  describeGroups(request: { groupIds: string[] }): Promise<GroupDescriptions>;
  /** OffsetFetch of one group this broker coordinates; `topics` [] asks for every topic it committed on. */
  offsetFetch(request: { groupId: string; topics: { topic: string; partitions: { partition: number }[] }[] }): Promise<{
    responses: { topic: string; partitions: { partition: number; offset: string; metadata: string | null }[] }[];
  }>;
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
  /** The controller's node id (Metadata v1+); on KRaft a live broker, as the quorum is not reachable by clients. */
  readonly controllerId?: number;
  readonly topicMetadata: RawTopicMetadata[];
}

/** A ListOffsets answer with each partition's error code kept, none thrown. */
export interface RawOffsets {
  readonly responses: { readonly topic: string; readonly partitions: { partition: number; errorCode: number; offset?: string; offsets?: string[] }[] }[];
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
