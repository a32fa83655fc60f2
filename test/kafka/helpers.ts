// Small helpers shared by the tests against the real broker.

import { randomBytes } from 'crypto';
import { Kafka, KafkaConfig, logLevel } from 'kafkajs';
import { testBrokers } from '../harness/kafkaBroker';

/** A kafkajs client for the level's broker; its own logs are off, failures surface as errors. */
export function testKafka(config: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({ clientId: 'upsun-kafka-tests', brokers: testBrokers(), logLevel: logLevel.NOTHING, ...config });
}

/** Topic and group names unique to this run, so runs against a shared broker never meet. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
