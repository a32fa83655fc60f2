// The broker launcher itself (test/harness/kafkaBroker.ts): what the other levels rely on.

import * as assert from 'assert';
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { BROKERS_GIVEN, brokerForTests, KAFKA_BROKERS_ENV, RunningBroker, startBroker, testBrokers } from '../harness/kafkaBroker';
import { testKafka, uniqueName } from './helpers';
import { createTopicsWithLeaders } from '../harness/topics';

/** Runs `body` with KAFKA_BROKERS set to `value` (or unset), then puts the old value back. */
async function withBrokersEnv<T>(value: string | undefined, body: () => Promise<T> | T): Promise<T> {
  const saved = process.env[KAFKA_BROKERS_ENV];
  if (value === undefined) delete process.env[KAFKA_BROKERS_ENV];
  else process.env[KAFKA_BROKERS_ENV] = value;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env[KAFKA_BROKERS_ENV];
    else process.env[KAFKA_BROKERS_ENV] = saved;
  }
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Broker folders whose `server.properties` holds `text`; other runs' brokers never match. */
function brokerDirsWith(text: string): string[] {
  return readdirSync(os.tmpdir())
    .filter((name) => name.startsWith('upsun-kafka-broker-'))
    .filter((name) => {
      try {
        return readFileSync(path.join(os.tmpdir(), name, 'server.properties'), 'utf8').includes(text);
      } catch {
        return false;
      }
    });
}

describe('the Kafka broker launcher', () => {
  it('uses the broker named by KAFKA_BROKERS instead of starting one', async () => {
    const broker = await withBrokersEnv(' kafka.example.invalid:9092 ', () => brokerForTests());
    assert.deepStrictEqual({ brokers: broker.brokers, external: broker.external }, { brokers: 'kafka.example.invalid:9092', external: true });
    await broker.stop();
  });

  it('gives test files the KAFKA_BROKERS list, and says how to get one when it is missing', async () => {
    assert.deepStrictEqual(await withBrokersEnv('127.0.0.1:1, 127.0.0.1:2', testBrokers), ['127.0.0.1:1', '127.0.0.1:2']);
    await withBrokersEnv(undefined, () => assert.throws(testBrokers, /KAFKA_BROKERS is not set: run these tests with `npm run test:kafka`/));
  });

  // A level told to use an existing broker starts none, so it needs no Java or Maven.
  const itStartsBrokers = BROKERS_GIVEN ? it.skip : it;

  itStartsBrokers('brings a stopped broker back on the same port with its data', async function () {
    this.timeout(180_000);
    const broker: RunningBroker = await startBroker({ progress: () => undefined });
    try {
      assert.match(broker.brokers, /^127\.0\.0\.1:\d+$/);
      const kafka = testKafka({ brokers: [broker.brokers] });
      const topic = uniqueName('launcher-restart');
      const admin = kafka.admin();
      const producer = kafka.producer();
      try {
        await admin.connect();
        await createTopicsWithLeaders(admin, [{ topic, numPartitions: 1 }]);
        await producer.connect();
        await producer.send({ topic, messages: [{ value: 'before the restart' }] });
      } finally {
        await producer.disconnect();
        await admin.disconnect();
      }

      await broker.stop({ keepData: true });
      assert.strictEqual(broker.running, false);
      assert.ok(await refusesConnections(broker.port), 'the stopped broker still accepts connections');
      assert.ok(existsSync(broker.dir), 'stop({ keepData: true }) removed the data');

      await broker.start();
      const again = kafka.admin();
      await again.connect();
      try {
        const [offsets] = await again.fetchTopicOffsets(topic);
        assert.deepStrictEqual({ low: offsets.low, high: offsets.high }, { low: '0', high: '1' });
      } finally {
        await again.disconnect();
      }
    } finally {
      await broker.stop();
    }
    assert.ok(!existsSync(broker.dir), 'stop() left the temporary folder behind');
  });

  itStartsBrokers('fails with the end of the broker output when the broker cannot start, and cleans up', async function () {
    this.timeout(120_000);
    const invalid = uniqueName('many');
    await assert.rejects(
      startBroker({ extraProperties: { 'num.partitions': invalid }, progress: () => undefined }),
      (error: Error) => {
        assert.match(error.message, /Last lines the broker printed:/);
        assert.ok(error.message.includes(`Invalid value ${invalid} for configuration num.partitions`), error.message);
        return true;
      },
    );
    assert.deepStrictEqual(brokerDirsWith(invalid), [], 'a failed start left its folder behind');
  });
});
