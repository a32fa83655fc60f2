// Small helpers shared by the tests against the real broker.

import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { Kafka, KafkaConfig, logLevel, ProducerConfig } from 'kafkajs';
import { KafkaAccessError } from '../../src/kafka/types';
import { testBrokers } from '../harness/kafkaBroker';

/** A kafkajs client for the level's broker; its own logs are off, failures surface as errors. */
export function testKafka(config: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({ clientId: 'upsun-kafka-tests', brokers: testBrokers(), logLevel: logLevel.NOTHING, ...config });
}

/** Topic and group names unique to this run, so runs against a shared broker never meet. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/**
 * For tests that count offsets: on a loaded machine a produce request can time out after the
 * broker wrote it, and a plain producer's retry then writes the messages twice.
 */
export const NO_DUPLICATES: ProducerConfig = { idempotent: true, maxInFlightRequests: 1 };

/** For `assert.rejects`: a KafkaAccessError of `cause` whose message matches `pattern`. */
export function expectAccessError(cause: KafkaAccessError['cause_'], pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof KafkaAccessError, `not a KafkaAccessError: ${String(error)}`);
    assert.strictEqual(error.cause_, cause, error.message);
    assert.match(error.message, pattern);
    return true;
  };
}

/** Handles of the kinds a Kafka call could leave open after it ends: sockets and timers. */
export function openHandles(): { sockets: number; timers: number } {
  const info = process.getActiveResourcesInfo();
  return { sockets: info.filter((r) => r === 'TCPSocketWrap').length, timers: info.filter((r) => r === 'Timeout').length };
}

/** Polls on the event loop, without a timer of its own that `openHandles` would count. */
export async function settles(condition: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}
