// kafkajs' Cluster and producer made from its private modules, and the one behaviour of ours
// that reaches into its broker pool: keeping the pool's brokers in step with a Metadata answer
// read with its errors kept (readRawMetadata).

import { keepingErrors, protocol, READ_COMMITTED, send } from './requests';
import type { RawBroker, RawBrokerAddress, RawBrokerPool, RawCluster, RawClusterOptions, RawMetadata } from './types';

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

/** Failures surface as errors to the caller; kafkajs' own log lines would only be noise. */
function silentLogger(): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internals ship no types
  const { createLogger, LEVELS } = require('kafkajs/src/loggers') as {
    createLogger: (options: { level: number; logCreator: () => () => void }) => unknown;
    LEVELS: { NOTHING: number };
  };
  return createLogger({ level: LEVELS.NOTHING, logCreator: () => () => undefined });
}
