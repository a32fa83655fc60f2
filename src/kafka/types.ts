// The contract between the pure Kafka access layer (src/kafka) and its users (the VS Code
// layer, the CLI). Plain data in and out; kafkajs stays behind this line. Every shape the layer
// shares lives here and this module imports nothing: implementations import it, never the
// reverse (test/unit/importCycles.test.ts fails on a cycle).

/** Where to reach a cluster and how to authenticate. */
export interface ConnectionOptions {
  /** `host:port` bootstrap addresses. */
  readonly brokers: readonly string[];
  /**
   * `true`: TLS trusting the system's certificate authorities. `ca` (PEM) or `caFile` (a PEM
   * file's absolute path, read by connectCluster: a regular file of at most 1 MiB) adds one.
   */
  readonly ssl?: boolean | { readonly rejectUnauthorized?: boolean; readonly ca?: string; readonly caFile?: string };
  readonly sasl?: {
    readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    readonly username: string;
    readonly password: string;
  };
  /**
   * Advertised broker address (`kafka.internal:9092`) to the local address that reaches it
   * (`127.0.0.1:30000`), for clusters seen through `tunnel:open`. The key `*` (ANY_ADVERTISED)
   * catches every address that is neither a bootstrap address nor a key of its own: one tunnel
   * to a single-broker service, whose advertised name is not known in advance.
   */
  readonly addressMap?: Readonly<Record<string, string>>;
  /** Connect and request timeout in milliseconds. */
  readonly timeoutMs?: number;
  /** Used as kafkajs clientId, so the cluster's logs show who connected. */
  readonly clientId?: string;
}

/** Where the brokers of a connection came from, shown to the user. */
export type ConnectionSource = 'settings' | 'platform-relationships' | 'tunnel' | 'prompt' | 'explicit';

export interface PartitionInfo {
  readonly partition: number;
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  /** Low watermark: the oldest offset still stored. */
  readonly low: string;
  /** High watermark: the offset the next record gets (ListOffsets latest, READ_UNCOMMITTED). */
  readonly high: string;
  /**
   * Last stable offset: where a read_committed consumer stops (ListOffsets latest,
   * READ_COMMITTED). Below `high` while a transaction is open: its first offset; the records
   * from there to `high` wait until it commits or aborts (`heldOffsets` in openTransaction.ts).
   */
  readonly lastStable: string;
}

/**
 * A partition's two ends, as decimal strings. `high`: the high watermark, the offset the next
 * record gets once replicated, what kafka-consumer-groups counts lag against. `lastStable`: the
 * last stable offset, where a read_committed consumer stops: the first offset of the oldest
 * transaction still open, else the high watermark (KIP-98).
 */
export interface PartitionEnds {
  readonly high: string;
  readonly lastStable: string;
}

export interface TopicInfo {
  readonly name: string;
  readonly internal: boolean;
  readonly partitions: readonly PartitionInfo[];
  /** Sum over partitions of high - low (high watermark: records of open transactions count). */
  readonly messageCount: string;
}

export interface ConsumerGroupInfo {
  readonly groupId: string;
  /**
   * `classic`, `consumer` (KIP-848), `share` (KIP-932), `streams` (KIP-1071), as ListGroups v5
   * names it, or a newer type the broker names that is shown as it is. Brokers before Kafka
   * 3.8 have only classic groups.
   */
  readonly type: string;
  /** As the group's own describe request answers (`Stable`, `Empty`, …); ListGroups' state when it could not be described. */
  readonly state: string;
  /** How many members `memberList` holds. */
  readonly members: number;
  readonly memberList: readonly GroupMember[];
  /** The partition assignor (`range`, `uniform`, `simple`…); null when Kafka names none (streams groups, a group without members). */
  readonly assignor: string | null;
  /** Lag per topic: sum over partitions of high watermark - committed offset. Empty for share groups (see `shareOffsets`). */
  readonly lag: readonly TopicLag[];
  /** Share groups only: the start offset and lag of each partition, as Kafka's ShareGroupCommand --describe shows them. */
  readonly shareOffsets?: readonly ShareOffset[];
  /** Why part of the group could not be read (a broker without the request its type needs), in words. */
  readonly note?: string;
}

/** A share group's position on one partition (DescribeShareGroupOffsets, KIP-932). */
export interface ShareOffset {
  readonly topic: string;
  readonly partition: number;
  /** The share-partition start offset: records before it are delivered or archived. Null when the group has none there. */
  readonly startOffset: string | null;
  /** Records from the start offset not yet delivered and acknowledged, as the broker computes it (KIP-1226); null on brokers before Kafka 4.2. */
  readonly lag: string | null;
}

/** A topic's partitions in a member's assignment; for a streams member, a subtopology's active tasks. */
export interface AssignedPartitions {
  readonly topic: string;
  readonly partitions: readonly number[];
}

/** One topic of a group's lag: in messages, and in time (the age of the first record not yet consumed). */
export interface TopicLag {
  readonly topic: string;
  /** Records waiting: sum over the committed partitions of high watermark - committed offset, those past the end counting 0. */
  readonly lag: string;
  /** Milliseconds: the largest `timeLagMs` of the partitions; null when none has one. */
  readonly timeLagMs: number | null;
  readonly partitions: readonly PartitionLag[];
}

export interface PartitionLag {
  readonly partition: number;
  /** The group's committed offset; null when it committed none on this partition. */
  readonly committed: string | null;
  /** High watermark. */
  readonly high: string;
  /** Last stable offset (see PartitionInfo): below `high` while a transaction is open. */
  readonly lastStable: string;
  /**
   * high - committed, as kafka-consumer-groups counts it (ConsumerGroupCommand's getLag): below 0
   * when the committed offset is past the end (a consumer there starts by its
   * `auto.offset.reset`); null without a committed offset. The part at or past `lastStable` is
   * held by an open transaction.
   */
  readonly lag: string | null;
  /**
   * Milliseconds between reading and the timestamp of the first record the group has not
   * consumed: the first message at or after the committed offset (past compaction, retention,
   * transaction markers and aborted records), or, when the group stands at the last stable
   * offset, the open transaction's first record it waits for. That is the record next in
   * offset order, not necessarily the oldest: producers may set any timestamp. Null without
   * lag, or when that record carries no timestamp.
   */
  readonly timeLagMs: number | null;
  /** That record's offset and timestamp (ms since the epoch); null as for `timeLagMs`. */
  readonly oldestUnconsumed: { readonly offset: string; readonly timestampMs: number } | null;
}

/** A member of a group, as Kafka describes it: who to stop before a reset or delete. */
export interface GroupMember {
  readonly memberId: string;
  readonly clientId: string;
  /** As the broker saw it, e.g. `/10.0.0.5`. */
  readonly clientHost: string;
  /**
   * What the member is assigned: topic partitions; for a streams group, active tasks by
   * subtopology id (the `topic` field) and partition, as Kafka's StreamsGroupCommand shows them.
   */
  readonly assignment: readonly AssignedPartitions[];
}

/** How to move the offsets. Offsets and shifts are decimal strings (64-bit). */
export type ResetStrategy =
  | { readonly kind: 'earliest' }
  | { readonly kind: 'latest' }
  /** ms since the epoch. */
  | { readonly kind: 'time'; readonly timestampMs: number }
  | { readonly kind: 'offset'; readonly offset: string }
  | { readonly kind: 'shift'; readonly by: string };

export type ResetKind = ResetStrategy['kind'];

export interface OffsetResetRequest {
  readonly group: string;
  readonly topic: string;
  /** Only these partitions; all of the topic's when absent or empty. */
  readonly partitions?: readonly number[];
  readonly strategy: ResetStrategy;
}

export interface PartitionReset {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
  readonly lastStable: string;
  readonly committed: string | null;
  /** The offset to commit; null when this partition is left as it is (see `note`). */
  readonly newOffset: string | null;
  /** high - committed; null without a committed offset. */
  readonly lagBefore: string | null;
  /** high - newOffset; for a partition left as it is, `lagBefore`. */
  readonly lagAfter: string | null;
  /**
   * Why the new offset is not simply what was asked (clamped, no newer record, nothing to
   * shift), and whether it lies past the last stable offset, where the group will wait.
   */
  readonly note?: string;
}

/** A reset worked out and not yet applied: plain data, shown as the preview. */
export interface OffsetResetPlan {
  readonly group: string;
  /** The group's type when planned (groupTypes.ts): a share group's `committed` is its start offset. */
  readonly type: string;
  readonly topic: string;
  readonly strategy: ResetStrategy;
  /** In partition order. */
  readonly partitions: readonly PartitionReset[];
  /** The group's members when planned: a non-empty list means applying will be refused. */
  readonly members: readonly GroupMember[];
}

/** A header to send; `null` is a header without a value, as Kafka allows. */
export interface KafkaHeaderValue {
  readonly key: string;
  readonly value: string | Buffer | null;
}

/** A header as read: its value decoded like a key or value, `null` when it has none. */
export interface PeekedHeader {
  readonly key: string;
  readonly value: DecodedBytes | null;
}

/** A message as shown to the user; bytes already decoded for display. */
export interface PeekedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /**
   * ISO 8601; null when the record carries no timestamp (-1) or one outside what a date can
   * hold (±8.64e15 ms). `timestampMs` always has the number as stored.
   */
  readonly timestamp: string | null;
  /** Milliseconds since the epoch as stored in the record (a 64-bit integer as a string). */
  readonly timestampMs: string;
  readonly key: DecodedBytes | null;
  readonly value: DecodedBytes | null;
  /** In the order the record holds them, repeated keys included. */
  readonly headers: readonly PeekedHeader[];
  /**
   * Set when this stands for a record batch that could not be read (corrupt, or past the
   * decompression limit, see wire/compression.ts): what was wrong and where, for the user. `offset` is
   * the batch's first, `timestamp` its newest; key and value are null, headers empty.
   */
  readonly problem?: string;
}

/** Bytes decoded for display: pretty JSON when it parses, UTF-8 text, or hex for binary. */
export interface DecodedBytes {
  readonly kind: 'json' | 'text' | 'binary';
  /** What to show; for `binary`, hex (possibly cut, see `truncated`). */
  readonly text: string;
  readonly size: number;
  readonly truncated: boolean;
  /**
   * The raw bytes as base64, so a message can be sent again unchanged; made when read (a getter
   * over a copy of the bytes), not for every message decoded.
   */
  readonly base64: string;
  /** Set when a schema was applied (src/schemas): `text` is then the decoded JSON, `base64` still the raw bytes. */
  readonly schema?: SchemaDecoding;
}

/**
 * How a key or value was read with a schema: Avro, Protobuf or JSON Schema, from a workspace
 * file or a schema registry. With `problem`, the bytes could not be read with it and `text` is
 * what decoding without a schema shows.
 */
export interface SchemaDecoding {
  readonly format: 'avro' | 'protobuf' | 'json-schema';
  /** The record's or message's full name, or a JSON Schema's title; the file's path when it has none. */
  readonly name: string;
  /** Where the schema came from: a workspace path, or the registry's URL. */
  readonly source: string;
  /** The schema id of the record's Confluent framing, when it has one. */
  readonly schemaId?: number;
  /** The subject version, when the registry said. */
  readonly version?: number;
  /** Why the bytes could not be read with the schema, for the user. */
  readonly problem?: string;
  /** JSON Schema only: where the value fails it (JSON Pointers, "" for the whole value). */
  readonly violations?: readonly { readonly path: string; readonly message: string }[];
}

export interface PeekRequest {
  readonly topic: string;
  /**
   * How many messages at most, newest first across partitions. Messages are what a
   * read_committed consumer sees: aborted transactions, transaction markers and records
   * removed by compaction take offsets but are not messages, so a peek reads further back
   * (or on) until it has this many or the partition has no more.
   */
  readonly limit: number;
  /** Only this partition. */
  readonly partition?: number;
  /**
   * Start at this offset (needs `partition` or applies to every partition): the first
   * messages at or after it. On a compacted topic the offset itself may hold no message any
   * more; the next ones that still exist are shown.
   */
  readonly fromOffset?: string;
  /** Start at the first message at or after this time. */
  readonly fromTimestamp?: number;
  /**
   * "Load older": per partition, only offsets below this one (the oldest offset already shown);
   * partitions not named are read from their end. See `olderThan` in `peek.ts`.
   */
  readonly before?: Readonly<Record<number, string>>;
  /**
   * "Follow": per partition, the first offset to read (one past the newest already shown);
   * partitions not named are read from their end, so only what arrives later. The oldest
   * `limit` new messages come back. See `newerThan` in `peek.ts`.
   */
  readonly after?: Readonly<Record<number, string>>;
}

/** One partition's share of a peek's reading. */
export interface PartitionReadStats {
  /** Fetch requests that asked for this partition. */
  fetches: number;
  /** Record batches answered, control batches (transaction markers) included. */
  batches: number;
  /** Records in those batches: messages, aborted records and markers, whole batches. */
  records: number;
  /** Bytes of record data answered. */
  bytes: number;
  /** Records in the largest batch answered: the broker answers whole batches only. */
  largestBatch: number;
}

/**
 * A peek's reading. Pass an empty one (`emptyPeekStats()`) to `KafkaCluster.peek`; the peek
 * adds to it as it reads, retries included, so it holds everything asked of the brokers.
 */
export interface PeekReadStats {
  /** Fetch requests sent, one per leader per round. */
  fetches: number;
  batches: number;
  records: number;
  bytes: number;
  readonly partitions: Map<number, PartitionReadStats>;
  /**
   * Every partition peeked at, with its high watermark and last stable offset when the peek
   * began: a read_committed peek stops at the last stable offset, so where that is below the
   * high watermark an open transaction holds records back (openTransaction.ts says so).
   */
  readonly ends: Map<number, PartitionEnds>;
}

/** The parts of a record a search looks in; headers: each header's name and value. */
export type SearchField = 'key' | 'value' | 'headers';

export interface SearchQuery {
  /** Text to find, or a JavaScript regular expression's source when `regex` is set. */
  readonly pattern: string;
  readonly regex?: boolean;
  /** Default: false for text, true for a regular expression. */
  readonly caseSensitive?: boolean;
  /** Default: all three. */
  readonly fields?: readonly SearchField[];
}

export interface SearchRequest extends SearchQuery {
  readonly topic: string;
  /** Only these partitions; all when absent. */
  readonly partitions?: readonly number[];
  /** ms since the epoch: messages at or after this time. */
  readonly fromTimestamp?: number;
  /** ms since the epoch: messages before this time. */
  readonly toTimestamp?: number;
  /** Stop after this many matches; DEFAULT_SEARCH_LIMIT (searchRequest.ts) when absent. */
  readonly limit?: number;
  /** Stop after this long (ms) with what was found; no bound when absent. */
  readonly timeoutMs?: number;
  /**
   * The longest matching one record may take, in ms (1 to MAX_MATCH_BUDGET_MS); past it the
   * search fails, naming the record. DEFAULT_MATCH_BUDGET_MS (100) when absent.
   */
  readonly matchBudgetMs?: number;
}

export interface PartitionProgress {
  readonly partition: number;
  /** The range searched: offsets [from, to), as strings; `to` is at most the last stable offset. */
  readonly from: string;
  readonly to: string;
  /** The high watermark and last stable offset when the search began (see openTransaction.ts). */
  readonly high: string;
  readonly lastStable: string;
  /** Offsets of the range read so far, and in all. */
  readonly read: number;
  readonly total: number;
}

/**
 * How far a search is. Counts are offsets of the range: transaction markers and aborted or
 * compacted-away records take offsets too, so they reach `total` exactly at the end.
 */
export interface SearchProgress {
  readonly read: number;
  readonly total: number;
  readonly matches: number;
  /** By partition number. */
  readonly partitions: readonly PartitionProgress[];
}

export type SearchStop = 'limit' | 'end' | 'cancelled' | 'timeout';

export interface SearchResult extends SearchProgress {
  /**
   * The matches, newest first like a peek (ties: lower partition, then higher offset), and,
   * among them, one message with `problem` set for each batch that could not be searched.
   */
  readonly messages: PeekedMessage[];
  /** limit: `limit` matches found; end: the range was read; cancelled: the signal fired; timeout: `timeoutMs` passed. */
  readonly stopped: SearchStop;
}

export interface SearchOptions {
  /** Stops the search; it then resolves with what it found, `stopped: 'cancelled'`. */
  readonly signal?: AbortSignal;
  /**
   * Called after each fetch answer is scanned. `matchesSoFar` gives the matches found until
   * now, newest first as in the result (sorted when called, so call it only to show them).
   */
  readonly onProgress?: (progress: SearchProgress, matchesSoFar: () => PeekedMessage[]) => void;
  /**
   * Text to match in place of keys' and values' bytes: a schema's decoded JSON (src/schemas).
   * Absent: every key and value is matched as its bytes' text.
   */
  readonly recordTexts?: RecordTexts;
}

/**
 * Given one batch's records (key and value bytes; null where there is none or the field is not
 * searched), per record the text to match for its key and value, or undefined where the bytes
 * are matched as text (no schema applies, or they could not be decoded).
 */
export type RecordTexts = (records: readonly { readonly key: Buffer | null; readonly value: Buffer | null }[]) => Promise<readonly { readonly key?: string; readonly value?: string }[]>;

export interface ProduceRequest {
  readonly topic: string;
  readonly key?: string | Buffer | null;
  readonly value: string | Buffer | null;
  readonly headers?: readonly KafkaHeaderValue[];
  readonly partition?: number;
}

/**
 * Messages to one place (key, headers and partition shared) whose values are lines of one
 * buffer: value i is `values` from byte `starts[i]` to byte `ends[i]` (exclusive). Stdin's
 * lines go so, a chunk at a time, without a Buffer or an object per line.
 */
export interface ProduceLines extends Omit<ProduceRequest, 'topic' | 'value'> {
  readonly values: Buffer;
  readonly starts: ArrayLike<number>;
  readonly ends: ArrayLike<number>;
}

/** What a produce stream yields: messages, or lines of one buffer (ProduceLines). */
export type ProduceItem = Omit<ProduceRequest, 'topic'> | ProduceLines;

/** Where each message of a produce went, reported in the order the messages were given. */
export interface ProduceReceipts {
  /** The next message's partition and offset (a number while exact, past 2^53 a bigint). */
  acknowledged(partition: number, offset: number | bigint): void;
  /** Message `index` (from 0, in the order given) was not sent: `reason` says why and what to do. */
  refused(index: number, reason: string): void;
}

export interface ProduceResult {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** One partition's log in one directory of one broker. */
export interface LogDirPartition {
  readonly topic: string;
  readonly partition: number;
  /** Bytes of the log's segments on disk (PartitionSize): records, batch headers and all. */
  readonly sizeBytes: number;
  /**
   * True for a copy being moved to another directory (AlterReplicaLogDirs); it will replace
   * the current one, and takes disk meanwhile.
   */
  readonly isFuture: boolean;
}

/** One log directory of a broker (DescribeLogDirs, describeLogDirs.ts). */
export interface LogDir {
  /** The absolute path on the broker. */
  readonly path: string;
  /** Why the broker could not read it (an offline directory: KAFKA_STORAGE_ERROR), in words; null when it could. */
  readonly error: string | null;
  /** Bytes of the volume the directory is on, and those still free (v4, KIP-827); null from brokers before Kafka 3.3. */
  readonly totalBytes: number | null;
  readonly usableBytes: number | null;
  readonly partitions: readonly LogDirPartition[];
}

/** What one broker's log directories hold. */
export interface BrokerLogDirs {
  readonly broker: number;
  /** Why this broker did not answer (refused, unreachable, corrupt), in words; `logDirs` is then empty. */
  readonly error: string | null;
  readonly logDirs: readonly LogDir[];
}

// A topic's settings as the broker describes them, and the changes we send.

/**
 * Where the value in effect comes from, as DescribeConfigs (v1+) names it
 * (org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource):
 * - `topic`: set on this topic (a topic-level override; the only kind Reset removes);
 * - `dynamic-broker`: set on one broker at run time (`kafka-configs --entity-type brokers --entity-name N`);
 * - `dynamic-default-broker`: set at run time for every broker (`--entity-default`);
 * - `static-broker`: in the broker's `server.properties`;
 * - `default`: Kafka's built-in default;
 * - `unknown`: anything else the broker says.
 */
export type TopicConfigSource = 'topic' | 'dynamic-broker' | 'dynamic-default-broker' | 'static-broker' | 'default' | 'unknown';

/** A config's type as DescribeConfigs v3+ reports it (ConfigDef.Type). */
export type TopicConfigType = 'boolean' | 'string' | 'int' | 'short' | 'long' | 'double' | 'list' | 'class' | 'password' | 'unknown';

export interface TopicConfigSynonym {
  readonly name: string;
  readonly value: string | null;
  readonly source: TopicConfigSource;
}

export interface TopicConfigEntry {
  readonly name: string;
  /** As the broker sends it: milliseconds and bytes as decimal strings, lists comma-separated; null when sensitive or unset. */
  readonly value: string | null;
  readonly source: TopicConfigSource;
  readonly readOnly: boolean;
  /** A password or similar: the broker never sends its value. */
  readonly sensitive: boolean;
  readonly type: TopicConfigType;
  /** The broker's own documentation of the setting; null when it sends none. */
  readonly documentation: string | null;
  /**
   * Where else a value is defined, most specific first (the topic's own, then the broker's
   * `log.retention.ms`…, then the default), as the broker lists them with includeSynonyms.
   */
  readonly synonyms: readonly TopicConfigSynonym[];
}

/** One change of a topic's settings: a new value, or `null` to delete the topic's override. */
export interface TopicConfigChange {
  readonly name: string;
  readonly value: string | null;
}

/** A connected cluster; every call fails with a `KafkaAccessError` that says what to do. */
export interface KafkaCluster {
  readonly brokers: readonly string[];
  listTopics(options?: { includeInternal?: boolean }): Promise<TopicInfo[]>;
  describeTopic(topic: string): Promise<TopicInfo>;
  listConsumerGroups(): Promise<ConsumerGroupInfo[]>;
  /** The group's members now (empty for a group without members or one that does not exist). */
  describeGroupMembers(groupId: string): Promise<readonly GroupMember[]>;
  /**
   * What resetting `request.group`'s offsets on a topic would do, read now; changes nothing.
   * See `groupOffsets.ts` for the rules (those of kafka-consumer-groups.sh).
   */
  planOffsetReset(request: OffsetResetRequest): Promise<OffsetResetPlan>;
  /**
   * Commits the plan's new offsets. Throws `GroupActiveError` (a KafkaAccessError naming the
   * members' client ids and hosts) while the group has members: Kafka refuses then.
   */
  applyOffsetReset(plan: OffsetResetPlan): Promise<void>;
  /** Deletes a group and its committed offsets; `GroupActiveError` while it has members. */
  deleteConsumerGroup(groupId: string): Promise<void>;
  createTopic(options: {
    topic: string;
    partitions: number;
    replicationFactor: number;
    /** Topic configs such as `max.message.bytes`. */
    config?: Readonly<Record<string, string>>;
  }): Promise<void>;
  deleteTopic(topic: string): Promise<void>;
  /** Every setting of a topic with where its value comes from (TopicConfigEntry). */
  describeTopicConfig(topic: string): Promise<TopicConfigEntry[]>;
  /**
   * Sets (`value`) or removes (`value: null`, back to the broker's default) topic-level
   * settings; every other setting stays as it is. A refusal carries Kafka's own message.
   */
  alterTopicConfig(topic: string, changes: readonly TopicConfigChange[]): Promise<void>;
  /**
   * The broker's `transaction.max.timeout.ms`: the longest a producer may keep a transaction
   * open before its coordinator aborts it (Kafka's default 900,000, 15 minutes). A last
   * stable offset that stands still longer is held by a transaction no coordinator will end
   * (a hanging transaction, KIP-664). Read from one broker with DescribeConfigs.
   */
  transactionMaxTimeoutMs(): Promise<number>;
  /** Grows a topic to `totalCount` partitions (the new total, not the number added). */
  createPartitions(topic: string, totalCount: number): Promise<void>;
  /** `stats`, when given, is added to as the peek reads (see PeekReadStats). */
  peek(request: PeekRequest, signal?: AbortSignal, stats?: PeekReadStats): Promise<PeekedMessage[]>;
  /**
   * Reads the topic (or a time range of it) for messages whose key, value or headers match;
   * no consumer group, nothing committed. See search.ts for the shapes and what is matched.
   */
  search(request: SearchRequest, options?: SearchOptions): Promise<SearchResult>;
  produce(request: ProduceRequest): Promise<ProduceResult>;
  /**
   * Many messages to one topic in as few requests as the cluster allows; results in the order
   * of `messages`. What a script or the CLI uses to send thousands of lines.
   */
  produceMany(topic: string, messages: readonly Omit<ProduceRequest, 'topic'>[]): Promise<ProduceResult[]>;
  /**
   * The messages `source` yields, to `topic`, as they come: batched per partition, several
   * requests in flight, idempotent (each written once, in order per partition), compressed with
   * the topic's codec. Each is reported through `receipts` in the order given; one past the
   * topic's max.message.bytes is refused there and the rest go on. What the CLI streams stdin with.
   */
  produceStream(topic: string, source: AsyncIterable<readonly ProduceItem[]> | Iterable<readonly ProduceItem[]>, receipts: ProduceReceipts): Promise<void>;
  /**
   * Every broker's log directories with the bytes each partition of `topics` (every topic when
   * absent) takes there. A broker that refuses or fails answers with its `error`; the others
   * still count. Throws only when the cluster cannot be reached.
   */
  describeLogDirs(topics?: readonly string[]): Promise<BrokerLogDirs[]>;
  disconnect(): Promise<void>;
}

export type KafkaFailureCause =
  | 'unreachable'
  | 'refused'
  | 'timeout'
  | 'tls'
  | 'auth'
  | 'unknown-topic'
  | 'invalid-request'
  /** The caller's AbortSignal fired. */
  | 'cancelled'
  /** The broker's answer is not what the protocol allows; the message says what and where. */
  | 'corrupt'
  | 'other';

/** The `addressMap` key for "any other advertised address". */
export const ANY_ADVERTISED = '*';

/** Why a Kafka call failed, in words for the user, with what to try. */
export class KafkaAccessError extends Error {
  constructor(
    message: string,
    readonly cause_: KafkaFailureCause,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'KafkaAccessError';
  }
}

/**
 * Whether a failed call means the brokers do not answer (stopped, unreachable, or silent past
 * the timeout), as opposed to refusing this request: the connection is then lost for now, and
 * the same client works again once they answer (test/kafka/brokerRestart.test.ts).
 */
export function brokersUnanswered(error: unknown): error is KafkaAccessError {
  return error instanceof KafkaAccessError && (error.cause_ === 'unreachable' || error.cause_ === 'refused' || error.cause_ === 'timeout');
}
