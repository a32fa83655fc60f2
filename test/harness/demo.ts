// The demo that `npm start` shows and the editor test checks: Kafka data that shows what the
// extension is for, the environment through which the extension finds the broker the way it
// would inside an app container, and the sample project's backend app running against it.

import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { CompressionTypes, ITopicConfig, Kafka, logLevel } from 'kafkajs';
import { REPO_ROOT } from './paths';
import { killOnProcessEnd } from './processEnd';
import { createTopicsWithLeaders } from './topics';

/** Orders as JSON, keyed by customer, with headers; 3 partitions. The sample backend writes here. */
export const ORDERS_TOPIC = 'orders';
/** The latest state per customer, compacted. */
export const CUSTOMERS_TOPIC = 'customers';
/** An audit trail written in gzip batches. */
export const AUDIT_TOPIC = 'audit-log';
/** A reporting job that last read half of `orders` and stopped: lag that stays. */
export const ANALYTICS_GROUP = 'analytics';
/** The sample backend's consumer group: lag that moves. */
export const PROCESSOR_GROUP = 'order-processor';

const TOPICS: ITopicConfig[] = [
  { topic: ORDERS_TOPIC, numPartitions: 3, replicationFactor: 1 },
  { topic: CUSTOMERS_TOPIC, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
  { topic: AUDIT_TOPIC, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'compression.type', value: 'gzip' }] },
];

const CUSTOMERS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark'];

/** One order as the sample backend writes it too (backend/server.js keeps the same shape). */
function order(n: number): { key: string; value: string; headers: Record<string, string> } {
  const customer = CUSTOMERS[n % CUSTOMERS.length];
  const value = { id: `order-${1000 + n}`, customer, items: (n % 4) + 1, total: Number((((n * 37) % 500) + 9.99).toFixed(2)), currency: 'EUR', status: 'created' };
  return { key: customer, value: JSON.stringify(value), headers: { source: n % 3 === 0 ? 'mobile' : 'web', 'content-type': 'application/json' } };
}

/**
 * Creates the demo topics and fills them, once: with `orders` already there it does nothing,
 * so `npm start` against a broker it used before adds no second copy.
 */
export async function seedDemoData(brokers: readonly string[]): Promise<void> {
  const kafka = new Kafka({ brokers: [...brokers], clientId: 'upsun-kafka-demo', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(ORDERS_TOPIC)) return;
    await createTopicsWithLeaders(admin, TOPICS);
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({ topic: ORDERS_TOPIC, messages: Array.from({ length: 60 }, (_, n) => order(n)) });
      // Two versions per customer: compaction keeps the second.
      const customer = (name: string, tier: string) => ({ key: name, value: JSON.stringify({ name, tier, country: 'FR' }) });
      await producer.send({ topic: CUSTOMERS_TOPIC, messages: [...CUSTOMERS.map((c) => customer(c, 'standard')), ...CUSTOMERS.map((c, i) => customer(c, i % 2 ? 'gold' : 'standard'))] });
      await producer.send({
        topic: AUDIT_TOPIC,
        compression: CompressionTypes.GZIP,
        messages: Array.from({ length: 30 }, (_, n) => ({ key: `user-${n % 5}`, value: JSON.stringify({ action: n % 2 ? 'login' : 'update-profile', user: `user-${n % 5}` }) })),
      });
    } finally {
      await producer.disconnect();
    }
    // Committed at half of each partition: the group shows lag without any member.
    const half = await admin.fetchTopicOffsets(ORDERS_TOPIC);
    await admin.setOffsets({ groupId: ANALYTICS_GROUP, topic: ORDERS_TOPIC, partitions: half.map((p) => ({ partition: p.partition, offset: String(Math.floor(Number(p.high) / 2)) })) });
  } finally {
    await admin.disconnect();
  }
}

/**
 * `PLATFORM_RELATIONSHIPS` as the platform sets it in the sample project's backend container,
 * pointing at `brokers[0]`: base64 JSON, one endpoint per relationship to service `kafka`
 * (`kafka` and `events`, as in the sample's config).
 */
export function demoRelationships(brokers: readonly string[]): string {
  const [host, port] = brokers[0].split(':');
  const endpoint = (rel: string) => [{ service: 'kafka', rel: 'kafka', scheme: 'kafka', host, ip: host, port: Number(port), hostname: `${rel}.internal`, type: 'kafka:4.1', username: null, password: null }];
  return Buffer.from(JSON.stringify({ kafka: endpoint('kafka'), events: endpoint('events') })).toString('base64');
}

/**
 * Starts the sample project's backend (`<project>/backend/server.js`) with the variables the
 * platform gives it, `KAFKA_HOST` and `KAFKA_PORT`, and this repository's kafkajs.
 */
export function startSampleBackend(projectDir: string, brokers: readonly string[], onOutput: (line: string) => void = () => undefined): ChildProcess {
  const [host, port] = brokers[0].split(':');
  const child = spawn(process.execPath, ['server.js'], {
    cwd: path.join(projectDir, 'backend'),
    env: { ...process.env, KAFKA_HOST: host, KAFKA_PORT: port, NODE_PATH: path.join(REPO_ROOT, 'node_modules'), ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never outlives whoever started it.
  child.once('exit', killOnProcessEnd(() => child.kill('SIGKILL')));
  child.stdout?.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
  return child;
}
