// The one implementation of KafkaCluster, on kafkajs. An admin client for groups and topic
// changes, and a raw cluster (produce included, produce.ts) for metadata, watermarks and
// peeks, all created on first use. Each call reads the metadata of the topics it needs afresh
// (metadata.ts); a peek starts on what its topic's last peek read while it does
// (peekRouting.ts). So a failure stays with its call: only a broken connection (refused,
// unreachable, silent, TLS,
// credentials) drops the clients, and then every socket of theirs is closed at once, so that
// a broker that went away and came back works again without a new KafkaCluster, and a process
// that gave up is not kept alive by a connection attempt still under way.

import type { ISocketFactory } from 'kafkajs';
import { Admin, Kafka, KafkaConfig, logLevel, RetryOptions, SASLOptions } from 'kafkajs';
import type * as net from 'net';
import { FileRefusedError, readRegularFile } from '../config/asyncFs';
import { kafkajsBrokerAddress, mappingSocketFactory } from './addressMap';
import { ErrorContext, toAccessError } from './errors';
import { commitResetPlan, deleteGroup, readMembers, readResetPlan } from './groupOffsets';
import { describeLogDirs } from './wire/describeLogDirs';
import { createRawCluster, readRawMetadata } from './kafkajs/cluster';
import type { RawBroker, RawCluster, RawClusterOptions, RawGroupCluster, RawTopicMetadata } from './kafkajs/types';
import { currentTopics, isRetriable } from './metadata';
import { BrokerLog } from './brokerLog';
import { peekTopic, RoutingCache } from './peekRouting';
import { searchTopic } from './search';
import { produceStream, ProduceMessage } from './produce';
import { readConsumerGroups, readTopics } from './inventory';
import { describeBrokerConfigs, describeTopicConfigs } from './wire/describeConfigs';
import type { OffsetResetPlan, OffsetResetRequest, PeekReadStats, ProduceItem, SearchOptions, SearchRequest, SearchResult, TopicConfigChange, TopicConfigEntry } from './types';
import {
  BrokerLogDirs,
  ConnectionOptions,
  ConsumerGroupInfo,
  GroupMember,
  KafkaAccessError,
  KafkaCluster,
  KafkaFailureCause,
  PeekedMessage,
  PeekRequest,
  ProduceReceipts,
  ProduceRequest,
  ProduceResult,
  TopicInfo,
} from './types';
import { alterTopicConfigs } from './wire/incrementalAlterConfigs';
import { createPartitions as createPartitionsOnBroker, createTopic as createTopicOnBroker } from './wire/createTopics';
import { bytesText } from '../text/bytes';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Few, quick retries: a person is waiting, and a broken address will not mend in 30 s. */
/** The broker setting that bounds every producer's transaction.timeout.ms (TransactionStateManagerConfig). */
const TRANSACTION_MAX_TIMEOUT = 'transaction.max.timeout.ms';

const RETRY: RetryOptions = { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 };

/** Causes after which the clients are rebuilt: their connections are broken or refused. */
const RECONNECT: ReadonlySet<KafkaFailureCause> = new Set(['unreachable', 'refused', 'timeout', 'tls', 'auth']);

/** Worse first: the cause to report when every bootstrap broker failed. */
const CAUSE_RANK: readonly KafkaFailureCause[] = ['auth', 'tls', 'invalid-request', 'other', 'unreachable', 'refused', 'timeout'];

/** Errors after which a read is tried again, with fresh metadata, until its deadline. */
const MOVED = new Set(['KafkaJSConnectionError', 'KafkaJSConnectionClosedError', 'KafkaJSBrokerNotFound']);

/** Connects to the cluster (bootstrap and metadata) or fails with a KafkaAccessError. */
export async function connectCluster(options: ConnectionOptions): Promise<KafkaCluster> {
  if (options.brokers.length === 0) throw new KafkaAccessError('No Kafka brokers given: name at least one host:port.', 'invalid-request');
  const cluster = new LiveCluster({ ...options, ssl: await withCaRead(options.ssl) });
  await cluster.open();
  return cluster;
}

interface Clients {
  readonly kafka: Kafka;
  readonly raw: RawCluster;
  readonly sockets: SocketTracker;
  /** Peeked topics' partitions and leaders, checked by each peek (brokerLog.ts); gone with these clients. */
  readonly routing: RoutingCache;
  rawReady?: Promise<void>;
  admin?: Promise<Admin>;
}

class LiveCluster implements KafkaCluster {
  readonly brokers: readonly string[];
  private readonly timeoutMs: number;
  private readonly socketFactory: ISocketFactory;
  private clients: Clients | undefined;
  /** The bootstrap brokers with the one that answered last first: kafkajs starts with the first. */
  private bootstrap: readonly string[];
  /** produceMany's calls one at a time, so that a script's calls land in the order made. */
  private sending: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ConnectionOptions) {
    this.brokers = [...options.brokers];
    this.bootstrap = this.brokers;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.socketFactory = mappingSocketFactory(options.brokers, options.addressMap);
  }

  open(): Promise<void> {
    return this.run('connect to Kafka', undefined, async () => {
      await this.raw();
    });
  }

  listTopics(options: { includeInternal?: boolean } = {}): Promise<TopicInfo[]> {
    return this.read('list the topics', undefined, async (deadline) => readTopics(await this.raw(), options.includeInternal ?? false, deadline));
  }

  describeTopic(topic: string): Promise<TopicInfo> {
    return this.read(`describe topic "${topic}"`, topic, async (deadline) => (await readTopics(await this.raw(), true, deadline, topic))[0]);
  }

  listConsumerGroups(): Promise<ConsumerGroupInfo[]> {
    return this.read('list the consumer groups', undefined, async (deadline) => readConsumerGroups(await this.admin(), await this.groupCluster(), deadline));
  }

  describeGroupMembers(groupId: string): Promise<readonly GroupMember[]> {
    return this.read(`describe group "${groupId}"`, undefined, async () => readMembers(await this.admin(), await this.groupCluster(), groupId, this.timeoutMs));
  }

  planOffsetReset(request: OffsetResetRequest): Promise<OffsetResetPlan> {
    return this.read(`plan the reset of group "${request.group}" on topic "${request.topic}"`, request.topic, async (deadline) =>
      readResetPlan(await this.admin(), await this.groupCluster(), request, deadline),
    );
  }

  applyOffsetReset(plan: OffsetResetPlan): Promise<void> {
    // Committing the same offsets again is harmless, so a moved coordinator is asked again like a read.
    return this.read(`reset the offsets of group "${plan.group}" on topic "${plan.topic}"`, plan.topic, async () => commitResetPlan(await this.admin(), await this.groupCluster(), plan, this.timeoutMs));
  }

  deleteConsumerGroup(groupId: string): Promise<void> {
    return this.run(`delete group "${groupId}"`, undefined, async () => deleteGroup(await this.admin(), await this.groupCluster(), groupId, this.timeoutMs));
  }

  createTopic(options: { topic: string; partitions: number; replicationFactor: number; config?: Readonly<Record<string, string>> }): Promise<void> {
    const { topic } = options;
    return this.run(`create topic "${topic}"`, topic, async () => {
      const raw = await this.raw();
      const created = await createTopicOnBroker(await controllerOf(raw), options, this.timeoutMs);
      if (!created) throw new KafkaAccessError(`Could not create topic "${topic}": it already exists.`, 'invalid-request');
      await untilLeaders(raw, topic, options.partitions, Date.now() + this.timeoutMs);
    });
  }

  deleteTopic(topic: string): Promise<void> {
    return this.run(`delete topic "${topic}"`, topic, async () => {
      await (await this.admin()).deleteTopics({ topics: [topic], timeout: Math.max(1_000, this.timeoutMs - 1_000) });
      await untilGone(await this.raw(), topic, Date.now() + this.timeoutMs);
    });
  }

  describeTopicConfig(topic: string): Promise<TopicConfigEntry[]> {
    return this.read(`read the settings of topic "${topic}"`, topic, async () => describeTopicConfigs(await (await this.raw()).brokerPool.findConnectedBroker(), topic, this.timeoutMs));
  }

  alterTopicConfig(topic: string, changes: readonly TopicConfigChange[]): Promise<void> {
    const names = changes.map((c) => c.name).join(', ');
    return this.run(`change ${names} of topic "${topic}"`, topic, async () => alterTopicConfigs(await (await this.raw()).brokerPool.findConnectedBroker(), topic, changes, this.timeoutMs));
  }

  transactionMaxTimeoutMs(): Promise<number> {
    return this.read('read the brokers\' transaction.max.timeout.ms', undefined, async () => {
      const raw = await this.raw();
      const nodeId = Object.keys(raw.brokerPool.brokers)[0] ?? (await raw.brokerPool.findConnectedBroker()).nodeId;
      const [entry] = await describeBrokerConfigs(await raw.findBroker({ nodeId: nodeId ?? 0 }), [TRANSACTION_MAX_TIMEOUT], this.timeoutMs);
      const ms = Number(entry?.value);
      if (entry?.name !== TRANSACTION_MAX_TIMEOUT || !Number.isSafeInteger(ms) || ms <= 0) throw new Error(`the broker sent no ${TRANSACTION_MAX_TIMEOUT}`);
      return ms;
    });
  }

  createPartitions(topic: string, totalCount: number): Promise<void> {
    return this.run(`grow topic "${topic}" to ${totalCount} partitions`, topic, async () => {
      await createPartitionsOnBroker(await controllerOf(await this.raw()), topic, totalCount, this.timeoutMs);
    });
  }

  peek(request: PeekRequest, signal?: AbortSignal, stats?: PeekReadStats): Promise<PeekedMessage[]> {
    const action = `peek at topic "${request.topic}"`;
    return this.read(action, request.topic, async (deadline) => {
      const { routing } = this.current();
      return untilAborted(peekTopic(await this.raw(), routing, request, deadline, signal, stats), signal, action);
    });
  }

  search(request: SearchRequest, options: SearchOptions = {}): Promise<SearchResult> {
    // Not `read`: tried again from the start, a long search would report its progress twice.
    return this.run(`search topic "${request.topic}"`, request.topic, async () => searchTopic(new BrokerLog(await this.raw(), request.topic, Date.now() + this.timeoutMs), request, options));
  }

  async produce(request: ProduceRequest): Promise<ProduceResult> {
    const [result] = await this.produceMany(request.topic, [request]);
    return result;
  }

  produceMany(topic: string, messages: readonly ProduceMessage[]): Promise<ProduceResult[]> {
    return this.oneAtATime(async () => {
      const results: ProduceResult[] = [];
      let refusal: string | undefined;
      await this.produceStream(topic, [messages], {
        acknowledged: (partition, offset) => results.push({ topic, partition, offset: String(offset) }),
        refused: (index, reason) => (refusal ??= `message ${index + 1}: ${reason}`),
      });
      if (refusal !== undefined) throw new KafkaAccessError(`Could not produce to topic "${topic}": ${refusal}`, 'invalid-request');
      return results;
    });
  }

  produceStream(topic: string, source: AsyncIterable<readonly ProduceItem[]> | Iterable<readonly ProduceItem[]>, receipts: ProduceReceipts): Promise<void> {
    return this.run(`produce to topic "${topic}"`, topic, async () => produceStream(await this.raw(), topic, toAsync(source), receipts, this.timeoutMs));
  }

  describeLogDirs(topics?: readonly string[]): Promise<BrokerLogDirs[]> {
    return this.read('read the brokers\' log directories', undefined, async () => {
      const raw = await this.raw();
      await readRawMetadata(raw, []);
      const nodeIds = Object.keys(raw.brokerPool.brokers).map(Number).sort((a, b) => a - b);
      // Each broker answers for its own disks; one that fails leaves the others' answers standing.
      return Promise.all(nodeIds.map(async (broker): Promise<BrokerLogDirs> => {
        try {
          return { broker, error: null, logDirs: await describeLogDirs(await raw.findBroker({ nodeId: broker }), topics ?? null, this.timeoutMs) };
        } catch (error) {
          const failure = toAccessError(error, { brokers: this.brokers, action: `read the log directories of broker ${broker}`, timeoutMs: this.timeoutMs });
          return { broker, error: failure.message, logDirs: [] };
        }
      }));
    });
  }

  async disconnect(): Promise<void> {
    const clients = this.clients;
    this.clients = undefined;
    if (clients) await closeClients(clients);
  }

  private async run<T>(action: string, topic: string | undefined, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      const context: ErrorContext = { brokers: this.brokers, action, topic, timeoutMs: this.timeoutMs };
      const failure = toAccessError(error, context);
      if (RECONNECT.has(failure.cause_)) this.drop();
      throw failure;
    }
  }

  /**
   * A call that only reads: tried again while the broker it needs moved or went away (a leader
   * election, a broker restarting), each time with fresh metadata, until the timeout.
   */
  private read<T>(action: string, topic: string | undefined, body: (deadline: number) => Promise<T>): Promise<T> {
    return this.run(action, topic, async () => {
      const deadline = Date.now() + this.timeoutMs;
      for (let attempt = 0; ; attempt++) {
        try {
          return await body(deadline);
        } catch (error) {
          const backoff = Math.min(1_000, 100 * 2 ** attempt);
          if (!movedOn(error, this.brokerCount()) || Date.now() + backoff >= deadline) throw error;
          await sleep(backoff);
        }
      }
    });
  }

  /** Brokers in the cluster's metadata: with one, a broker that went away has no stand-in. */
  private brokerCount(): number {
    return Object.keys(this.clients?.raw.brokerPool.brokers ?? {}).length;
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const result = this.sending.then(work, work);
    this.sending = result.catch(() => undefined);
    return result;
  }

  /** Closes every socket of the current clients now: nothing of theirs outlives a failure. */
  private drop(): void {
    const clients = this.clients;
    this.clients = undefined;
    if (!clients) return;
    clients.sockets.destroyAll();
    // Its sockets are gone already; what is left of closing cannot fail the caller's call.
    closeClients(clients).catch(() => undefined);
  }

  private current(): Clients {
    if (!this.clients) {
      const sockets = new SocketTracker(this.socketFactory);
      const config = this.kafkaConfig(sockets.factory);
      const rawOptions: RawClusterOptions = {
        brokers: config.brokers as string[],
        ssl: config.ssl,
        sasl: config.sasl,
        clientId: config.clientId ?? 'upsun-kafka-tools',
        connectionTimeout: this.timeoutMs,
        authenticationTimeout: this.timeoutMs,
        requestTimeout: this.timeoutMs,
        // No retries of its own: a read is tried again by `read`, with fresh metadata, and a
        // connect attempt must end at once when its sockets are closed.
        retry: { retries: 0 },
        socketFactory: sockets.factory,
      };
      this.clients = {
        kafka: new Kafka(config),
        raw: createRawCluster(rawOptions),
        sockets,
        routing: new RoutingCache(),
      };
    }
    return this.clients;
  }

  private async raw(): Promise<RawCluster> {
    const clients = this.current();
    clients.rawReady ??= this.withinTimeout((async () => {
      if (this.brokers.length > 1) this.bootstrap = await this.firstAnswering(clients.sockets.fork());
      await clients.raw.connect();
      await readRawMetadata(clients.raw, []);
    })());
    await clients.rawReady;
    return clients.raw;
  }

  /**
   * The bootstrap brokers, the first to answer first. All are asked at once, each on its own
   * connection, so a silent one costs nothing while another answers; kafkajs alone would try them
   * in turn, each until the timeout. Every probe's socket is closed before this returns.
   */
  private async firstAnswering(sockets: SocketTracker): Promise<string[]> {
    const { ssl, sasl } = this.kafkaConfig(sockets.factory);
    const probes = this.brokers.map(async (address) => {
      const probe = createRawCluster({
        brokers: [kafkajsBrokerAddress(address)],
        ssl,
        sasl,
        clientId: this.options.clientId ?? 'upsun-kafka-tools',
        connectionTimeout: this.timeoutMs,
        authenticationTimeout: this.timeoutMs,
        requestTimeout: this.timeoutMs,
        retry: { retries: 0 },
        socketFactory: sockets.factory,
      });
      try {
        await probe.connect();
        return address;
      } catch (error) {
        throw toAccessError(error, { brokers: [address], action: 'connect to Kafka', timeoutMs: this.timeoutMs });
      }
    });
    try {
      const first = await Promise.any(probes);
      return [first, ...this.brokers.filter((b) => b !== first)];
    } catch (error) {
      const failures = (error as AggregateError).errors as KafkaAccessError[];
      throw failures.sort((a, b) => CAUSE_RANK.indexOf(a.cause_) - CAUSE_RANK.indexOf(b.cause_))[0];
    } finally {
      sockets.destroyAll();
    }
  }

  /** The raw cluster is a kafkajs Cluster, which finds group coordinators too (kafkajs/types.ts). */
  private async groupCluster(): Promise<RawGroupCluster> {
    return (await this.raw()) as RawGroupCluster;
  }

  private admin(): Promise<Admin> {
    const clients = this.current();
    clients.admin ??= (async () => {
      const admin = clients.kafka.admin({ retry: RETRY });
      await this.withinTimeout(admin.connect());
      return admin;
    })();
    return clients.admin;
  }

  /** Connecting may retry; the user's timeout bounds the whole attempt, not each try. */
  private withinTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('Connection timeout'), { name: 'KafkaJSTimeout' })), this.timeoutMs);
    });
    promise.catch(() => undefined);
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private kafkaConfig(socketFactory: ISocketFactory): KafkaConfig {
    const { options } = this;
    return {
      clientId: options.clientId ?? 'upsun-kafka-tools',
      brokers: () => this.bootstrap.map(kafkajsBrokerAddress),
      // Its caFile was read into ca by connectCluster (withCaRead).
      ssl: options.ssl,
      sasl: options.sasl as SASLOptions | undefined,
      connectionTimeout: this.timeoutMs,
      authenticationTimeout: this.timeoutMs,
      requestTimeout: this.timeoutMs,
      retry: RETRY,
      logLevel: logLevel.NOTHING,
      socketFactory,
    };
  }
}

/** The most bytes of a CA file read (1 MiB): Debian's bundle of every public root (ca-certificates.crt) is 220 KB. */
const MAX_CA_FILE_BYTES = 1024 * 1024;

/**
 * `ssl` with its `caFile` read into `ca`, once per connectCluster, so a fixed file needs no
 * reload. The path may come from a repository's settings: the read is asynchronous and only
 * of a regular file of at most MAX_CA_FILE_BYTES, so `/dev/zero` or a pipe cannot hold or
 * exhaust the extension host. Throws KafkaAccessError (`tls`) saying why the file was not read.
 */
async function withCaRead(ssl: ConnectionOptions['ssl']): Promise<ConnectionOptions['ssl']> {
  if (typeof ssl !== 'object' || ssl.caFile === undefined) return ssl;
  const { caFile, ...rest } = ssl;
  const unread = `Could not read the certificate authority file ${caFile}`;
  try {
    return { ...rest, ca: (await readRegularFile(caFile, MAX_CA_FILE_BYTES)).toString('utf8') };
  } catch (error) {
    if (error instanceof FileRefusedError) {
      const why = error.refusal === 'too-large' ? `it is over ${bytesText(MAX_CA_FILE_BYTES)}, far more than a PEM bundle needs` : 'it is not a regular file';
      throw new KafkaAccessError(`${unread}: ${why}. Set the connection's tlsCaFile to a PEM file.`, 'tls');
    }
    throw new KafkaAccessError(`${unread} (${(error as Error).message}). Check the path in the connection's tlsCaFile.`, 'tls');
  }
}

/**
 * The sockets one set of clients opened. kafkajs closes a socket only once its requests are
 * answered or timed out, and a connect attempt goes on retrying after our timeout gave up on
 * it; `destroyAll` ends them all at once, with an error kafkajs sees, and refuses new ones.
 */
class SocketTracker {
  private readonly open = new Set<net.Socket>();
  private readonly children: SocketTracker[] = [];
  private closed = false;

  constructor(private readonly inner: ISocketFactory) {}

  /** Sockets that can be closed on their own, and are closed with these too. */
  fork(): SocketTracker {
    const child = new SocketTracker(this.inner);
    this.children.push(child);
    return child;
  }

  readonly factory: ISocketFactory = (args) => {
    if (this.closed) throw new Error('the connection was closed');
    const socket = this.inner(args);
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
    return socket;
  };

  destroyAll(): void {
    this.closed = true;
    for (const child of this.children) child.destroyAll();
    for (const socket of this.open) socket.destroy(Object.assign(new Error('Connection closed by the client'), { code: 'ECONNABORTED' }));
    this.open.clear();
  }
}

async function closeClients(clients: Clients): Promise<void> {
  const settle = <T>(promise: Promise<T> | undefined) => promise?.catch(() => undefined);
  const admin = await settle(clients.admin);
  await Promise.all([admin?.disconnect().catch(() => undefined), clients.raw.disconnect().catch(() => undefined)]);
  clients.sockets.destroyAll();
}

/**
 * A leader moved or a broker went away: worth asking again with fresh metadata. A broker that
 * cannot be reached only when another can stand in for it; alone, the user hears at once.
 */
function movedOn(error: unknown, brokers: number): boolean {
  const { name, type } = (error ?? {}) as { name?: string; type?: string };
  if (MOVED.has(name ?? '')) return brokers > 1;
  return type !== undefined && type !== 'UNKNOWN_TOPIC_OR_PARTITION' && isRetriable(error);
}

/**
 * The broker that takes CreateTopics and CreatePartitions: the controller the metadata names (a
 * ZooKeeper-mode broker refuses them with NOT_CONTROLLER otherwise; on KRaft any broker, which
 * forwards them to the quorum).
 */
async function controllerOf(raw: RawCluster): Promise<RawBroker> {
  const { controllerId } = await readRawMetadata(raw, []);
  return controllerId !== undefined && controllerId >= 0 ? raw.findBroker({ nodeId: controllerId }) : raw.brokerPool.findConnectedBroker();
}

/**
 * Waits until each of a new topic's `partitions` partitions has a leader (what kafkajs'
 * `waitForLeaders` did), so a produce right after a creation finds them; gives up quietly at
 * `deadline` (ms since the epoch): the topic exists, and a later read tries again by itself.
 */
function untilLeaders(raw: RawCluster, topic: string, partitions: number, deadline: number): Promise<void> {
  return untilTopicMetadata(raw, topic, deadline, (metadata) => metadata !== undefined && metadata.partitionMetadata.length >= partitions && metadata.partitionMetadata.every((p) => p.leader >= 0));
}

/**
 * Waits until the brokers' metadata no longer lists a deleted topic: the controller answers
 * DeleteTopics before the brokers apply it (KRaft), and a listing right after would show the
 * topic again. Gives up quietly at `deadline` (ms since the epoch).
 */
function untilGone(raw: RawCluster, topic: string, deadline: number): Promise<void> {
  return untilTopicMetadata(raw, topic, deadline, (metadata) => metadata === undefined);
}

async function untilTopicMetadata(raw: RawCluster, topic: string, deadline: number, done: (metadata: RawTopicMetadata | undefined) => boolean): Promise<void> {
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const [metadata] = await currentTopics(raw, [topic]);
    if (done(metadata)) return;
    await sleep(Math.min(500, 50 * 2 ** attempt));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The peek stops at once on abort; a fetch already in flight ends on its own, unobserved. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, action: string): Promise<T> {
  if (!signal) return work;
  work.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new KafkaAccessError(`Could not ${action}: cancelled.`, 'cancelled'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function toAsync<T>(source: AsyncIterable<T> | Iterable<T>): AsyncIterable<T> {
  return Symbol.asyncIterator in source ? source : (async function* () {
    yield* source;
  })();
}
