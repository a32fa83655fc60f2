// The one implementation of KafkaCluster, on kafkajs. An admin client for groups and topic
// changes, a producer, and a raw cluster for metadata, watermarks and peeks, all created on
// first use. After a connection failure they are dropped, so the next call connects afresh:
// a broker that went away and came back works again without a new KafkaCluster.

import { Admin, Kafka, KafkaConfig, logLevel, Partitioners, Producer, RetryOptions, SASLOptions } from 'kafkajs';
import { mappingSocketFactory } from './addressMap';
import { registerCompressionCodecs } from './codecs';
import { ErrorContext, toAccessError } from './errors';
import { createRawCluster, RawCluster } from './internals';
import { peek } from './peek';
import { produceBatches, ProduceMessage } from './produce';
import { readConsumerGroups, readTopics } from './inventory';
import {
  ConnectionOptions,
  ConsumerGroupInfo,
  KafkaAccessError,
  KafkaCluster,
  KafkaFailureCause,
  PeekedMessage,
  PeekRequest,
  ProduceRequest,
  ProduceResult,
  TopicInfo,
} from './types';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Few, quick retries: a person is waiting, and a broken address will not mend in 30 s. */
const RETRY: RetryOptions = { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 };

/** Causes after which the clients are rebuilt: their connections or cached metadata are stale. */
const STALE: ReadonlySet<KafkaFailureCause> = new Set(['unreachable', 'refused', 'timeout', 'tls', 'auth', 'unknown-topic', 'other']);

/** Connects to the cluster (bootstrap and metadata) or fails with a KafkaAccessError. */
export async function connectCluster(options: ConnectionOptions): Promise<KafkaCluster> {
  if (options.brokers.length === 0) throw new KafkaAccessError('No Kafka brokers given: name at least one host:port.', 'invalid-request');
  registerCompressionCodecs();
  const cluster = new LiveCluster(options);
  await cluster.open();
  return cluster;
}

interface Clients {
  readonly kafka: Kafka;
  readonly raw: RawCluster;
  rawReady?: Promise<void>;
  admin?: Promise<Admin>;
  producer?: Promise<Producer>;
}

class LiveCluster implements KafkaCluster {
  readonly brokers: readonly string[];
  private readonly timeoutMs: number;
  private clients: Clients | undefined;

  constructor(private readonly options: ConnectionOptions) {
    this.brokers = [...options.brokers];
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  open(): Promise<void> {
    return this.run('connect to Kafka', undefined, async () => {
      await this.raw();
    });
  }

  listTopics(options: { includeInternal?: boolean } = {}): Promise<TopicInfo[]> {
    return this.run('list the topics', undefined, async () => readTopics(await this.raw(), options.includeInternal ?? false));
  }

  describeTopic(topic: string): Promise<TopicInfo> {
    return this.run(`describe topic "${topic}"`, topic, async () => (await readTopics(await this.raw(), true, topic))[0]);
  }

  listConsumerGroups(): Promise<ConsumerGroupInfo[]> {
    return this.run('list the consumer groups', undefined, async () => readConsumerGroups(await this.admin(), await this.raw()));
  }

  createTopic(options: { topic: string; partitions: number; replicationFactor: number; config?: Readonly<Record<string, string>> }): Promise<void> {
    const { topic } = options;
    return this.run(`create topic "${topic}"`, topic, async () => {
      const created = await (await this.admin()).createTopics({
        waitForLeaders: true,
        // The broker's own wait, inside the request timeout so its answer still arrives.
        timeout: Math.max(1_000, this.timeoutMs - 1_000),
        topics: [{
          topic,
          numPartitions: options.partitions,
          replicationFactor: options.replicationFactor,
          configEntries: Object.entries(options.config ?? {}).map(([name, value]) => ({ name, value })),
        }],
      });
      if (!created) throw new KafkaAccessError(`Could not create topic "${topic}": it already exists.`, 'invalid-request');
    });
  }

  deleteTopic(topic: string): Promise<void> {
    return this.run(`delete topic "${topic}"`, topic, async () => {
      await (await this.admin()).deleteTopics({ topics: [topic], timeout: Math.max(1_000, this.timeoutMs - 1_000) });
    });
  }

  peek(request: PeekRequest, signal?: AbortSignal): Promise<PeekedMessage[]> {
    const action = `peek at topic "${request.topic}"`;
    return this.run(action, request.topic, async () => untilAborted(peek(await this.raw(), request, signal), signal, action));
  }

  async produce(request: ProduceRequest): Promise<ProduceResult> {
    const [result] = await this.produceMany(request.topic, [request]);
    return result;
  }

  produceMany(topic: string, messages: readonly ProduceMessage[]): Promise<ProduceResult[]> {
    return this.run(`produce to topic "${topic}"`, topic, async () => produceBatches(await this.producer(), await this.raw(), topic, messages));
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
      // Closing waits for requests in flight, up to the request timeout: the caller does not.
      if (STALE.has(failure.cause_)) void this.disconnect().catch(() => undefined);
      throw failure;
    }
  }

  private current(): Clients {
    if (!this.clients) {
      const config = this.kafkaConfig();
      this.clients = {
        kafka: new Kafka(config),
        raw: createRawCluster({
          brokers: config.brokers as string[],
          ssl: config.ssl,
          sasl: config.sasl,
          clientId: config.clientId ?? 'upsun-kafka-tools',
          connectionTimeout: this.timeoutMs,
          requestTimeout: this.timeoutMs,
          retry: RETRY,
          socketFactory: config.socketFactory!,
        }),
      };
    }
    return this.clients;
  }

  private async raw(): Promise<RawCluster> {
    const clients = this.current();
    clients.rawReady ??= this.withinTimeout(clients.raw.connect().then(() => clients.raw.refreshMetadata()));
    await clients.rawReady;
    return clients.raw;
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

  private producer(): Promise<Producer> {
    const clients = this.current();
    clients.producer ??= (async () => {
      // Idempotent: a retried send after a lost answer must not write the messages twice.
      const producer = clients.kafka.producer({
        retry: RETRY,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await this.withinTimeout(producer.connect());
      return producer;
    })();
    return clients.producer;
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

  private kafkaConfig(): KafkaConfig {
    const { options } = this;
    return {
      clientId: options.clientId ?? 'upsun-kafka-tools',
      brokers: [...options.brokers],
      ssl: typeof options.ssl === 'object' ? { ...options.ssl } : options.ssl,
      sasl: options.sasl as SASLOptions | undefined,
      connectionTimeout: this.timeoutMs,
      authenticationTimeout: this.timeoutMs,
      requestTimeout: this.timeoutMs,
      retry: RETRY,
      logLevel: logLevel.NOTHING,
      socketFactory: mappingSocketFactory(options.brokers, options.addressMap),
    };
  }
}

async function closeClients(clients: Clients): Promise<void> {
  const settle = <T>(promise: Promise<T> | undefined) => promise?.catch(() => undefined);
  const [admin, producer] = await Promise.all([settle(clients.admin), settle(clients.producer)]);
  await Promise.all([
    admin?.disconnect().catch(() => undefined),
    producer?.disconnect().catch(() => undefined),
    clients.raw.disconnect().catch(() => undefined),
  ]);
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
