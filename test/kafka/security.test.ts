// SASL and TLS against the real broker: its SASL_PLAINTEXT listener takes PLAIN, SCRAM-SHA-256
// and SCRAM-SHA-512; its SSL listener presents a certificate keytool made for this run. The
// connections are built the way settings build them (src/connections/serviceConnection.ts).

import * as assert from 'assert';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaAccessError, KafkaCluster } from '../../src/kafka/types';
import { connectionOptions, parseServiceConnection } from '../../src/connections/serviceConnection';
import { RunningBroker, SecuredListeners, startBroker, testSecured } from '../harness/kafkaBroker';
import { expectAccessError, uniqueName } from './helpers';

const MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** The options settings would give for `setting`, with `password` as from secret storage. */
function fromSettings(setting: Record<string, unknown>, password?: string) {
  const parsed = parseServiceConnection(setting, 'upsunKafka.connections.kafka');
  assert.ok(!('problem' in parsed), 'problem' in parsed ? parsed.problem : '');
  return { ...connectionOptions(parsed, password, process.cwd()), timeoutMs: 10_000 };
}

/** A produce and a peek of one message on a new topic: the connection really works. */
async function roundTrip(cluster: KafkaCluster, prefix: string): Promise<void> {
  const topic = uniqueName(prefix);
  await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
  await cluster.produce({ topic, value: 'secret message' });
  assert.deepStrictEqual((await cluster.peek({ topic, limit: 5 })).map((m) => m.value?.text), ['secret message']);
}

describe('SASL and TLS against the real broker', function () {
  this.timeout(180_000);
  let secured: SecuredListeners;
  let own: RunningBroker | undefined;

  before(async () => {
    // The level's broker has these listeners; against a broker given in KAFKA_BROKERS, one of our own.
    secured = testSecured() ?? (own = await startBroker({ secured: true, progress: () => undefined })).secured!;
  });

  after(async () => {
    await own?.stop();
  });

  for (const mechanism of MECHANISMS) {
    it(`connects with SASL ${mechanism.toUpperCase()} and the right password`, async () => {
      const cluster = await connectCluster(fromSettings({ brokers: [secured.saslBrokers], sasl: { mechanism, username: secured.username } }, secured.password));
      try {
        await roundTrip(cluster, `sasl-${mechanism}`);
      } finally {
        await cluster.disconnect();
      }
    });

    it(`says plainly that the broker refused a wrong ${mechanism.toUpperCase()} password`, async () => {
      const options = fromSettings({ brokers: [secured.saslBrokers], sasl: { mechanism, username: secured.username } }, `${secured.password}-wrong`);
      await assert.rejects(
        connectCluster(options),
        expectAccessError('auth', new RegExp(`Could not connect to Kafka: the cluster at ${secured.saslBrokers} refused the credentials \\(.+\\)\\. Check the SASL mechanism, user name and password`)),
      );
    });
  }

  it('connects over TLS trusting the CA file named in settings', async () => {
    const cluster = await connectCluster(fromSettings({ brokers: [secured.sslBrokers], tls: true, tlsCaFile: secured.caFile }));
    try {
      await roundTrip(cluster, 'tls-ca');
    } finally {
      await cluster.disconnect();
    }
  });

  it('names an untrusted certificate as a TLS failure, and connects when told to accept it', async () => {
    await assert.rejects(connectCluster(fromSettings({ brokers: [secured.sslBrokers], tls: true })), expectAccessError('tls', /the TLS handshake with 127\.0\.0\.1:\d+ failed \(.*self[- ]signed certificate/i));
    const cluster = await connectCluster(fromSettings({ brokers: [secured.sslBrokers], tls: true, tlsAllowUntrusted: true }));
    await cluster.disconnect();
  });

  it('names a CA file that cannot be read', async () => {
    await assert.rejects(connectCluster(fromSettings({ brokers: [secured.sslBrokers], tls: true, tlsCaFile: '/nonexistent/ca.pem' })), expectAccessError('tls', /Could not read the certificate authority file \/nonexistent\/ca\.pem/));
  });

  it('names TLS spoken to the plain SASL listener, and no TLS to the TLS listener, within the timeout', async () => {
    await assert.rejects(connectCluster({ brokers: [secured.saslBrokers], ssl: true, timeoutMs: 3_000 }), (error: unknown) => {
      assert.ok(error instanceof KafkaAccessError && ['tls', 'timeout'].includes(error.cause_), String(error));
      return true;
    });
    await assert.rejects(connectCluster({ brokers: [secured.sslBrokers], timeoutMs: 3_000 }), (error: unknown) => {
      assert.ok(error instanceof KafkaAccessError && ['unreachable', 'timeout'].includes(error.cause_), String(error));
      return true;
    });
  });
});
