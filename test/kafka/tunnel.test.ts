// Through a tunnel the broker advertises an internal name the laptop cannot resolve. A local
// TCP forwarder stands in for `upsun tunnel:open`; the address map sends every advertised
// address to it, so peek and produce work.

import * as assert from 'assert';
import * as net from 'net';
import { connectCluster } from '../../src/kafka/connect';
import { ANY_ADVERTISED, KafkaAccessError } from '../../src/kafka/types';
import { BROKERS_GIVEN, RunningBroker, startBroker } from '../harness/kafkaBroker';
import { testKafka, uniqueName } from './helpers';

const INTERNAL = 'kafka.internal';

/** Accepts on a free port of `host` and pipes each connection to `port`; counts connections. */
async function forwarder(port: number, host = '127.0.0.1'): Promise<{ address: string; connections: () => number; close(): void }> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((local) => {
    connections += 1;
    const remote = net.connect({ host: '127.0.0.1', port });
    for (const socket of [local, remote]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    local.pipe(remote).pipe(local);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const listening = (server.address() as net.AddressInfo).port;
  return {
    address: net.isIPv6(host) ? `[${host}]:${listening}` : `${host}:${listening}`,
    connections: () => connections,
    close: () => {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}

(BROKERS_GIVEN ? describe.skip : describe)('through a tunnel to a broker that advertises an internal name', function () {
  this.timeout(240_000);
  let broker: RunningBroker;
  let tunnel: Awaited<ReturnType<typeof forwarder>>;

  before(async () => {
    broker = await startBroker({ advertisedHost: INTERNAL, progress: () => undefined });
    tunnel = await forwarder(broker.port);
  });

  after(async () => {
    tunnel?.close();
    await broker?.stop();
  });

  it('advertises a name that does not resolve here, so plain kafkajs fails after the first metadata call', async () => {
    const admin = testKafka({ brokers: [tunnel.address], retry: { retries: 0 }, connectionTimeout: 2_000 }).admin();
    await admin.connect();
    try {
      // The bootstrap connection through the forwarder works; the broker it then names does not.
      await assert.rejects(admin.describeCluster(), (error: Error & { originalError?: Error; cause?: Error }) => {
        const text = [error.message, error.originalError?.message, error.cause?.message].join(' ');
        assert.match(text, /(ENOTFOUND|EAI_AGAIN) kafka\.internal/);
        return true;
      });
    } finally {
      await admin.disconnect();
    }
  });

  it('without an address map, says the advertised name cannot be resolved', async () => {
    const cluster = await connectCluster({ brokers: [tunnel.address], timeoutMs: 3_000 });
    try {
      await assert.rejects(cluster.createTopic({ topic: uniqueName('tunnel-nomap'), partitions: 1, replicationFactor: 1 }), (error: unknown) => {
        assert.ok(error instanceof KafkaAccessError);
        assert.strictEqual(error.cause_, 'unreachable', error.message);
        assert.match(error.message, /kafka\.internal cannot be resolved.*tunnel:open/);
        return true;
      });
    } finally {
      await cluster.disconnect();
    }
  });

  it('creates, produces and peeks through the forwarder with "*" mapped to it', async () => {
    const before = tunnel.connections();
    const cluster = await connectCluster({ brokers: [tunnel.address], addressMap: { [ANY_ADVERTISED]: tunnel.address }, timeoutMs: 5_000 });
    try {
      const topic = uniqueName('tunnel');
      await cluster.createTopic({ topic, partitions: 3, replicationFactor: 1 });
      const sent = await cluster.produceMany(topic, ['a', 'b', 'c', 'd'].map((value, i) => ({ key: `k${i}`, value, partition: i % 3 })));
      assert.deepStrictEqual(sent.map((r) => [r.partition, r.offset]), [[0, '0'], [1, '0'], [2, '0'], [0, '1']]);
      const peeked = await cluster.peek({ topic, limit: 10 });
      assert.deepStrictEqual(peeked.map((m) => m.value?.text).sort(), ['a', 'b', 'c', 'd']);
      assert.strictEqual((await cluster.describeTopic(topic)).messageCount, '4');
    } finally {
      await cluster.disconnect();
    }
    assert.ok(tunnel.connections() > before, 'nothing went through the forwarder');
  });

  it('also maps the exact advertised address', async () => {
    const cluster = await connectCluster({ brokers: [tunnel.address], addressMap: { [`${INTERNAL}:${broker.port}`]: tunnel.address }, timeoutMs: 5_000 });
    try {
      const topic = uniqueName('tunnel-exact');
      await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
      await cluster.produce({ topic, value: 'exact' });
      assert.deepStrictEqual((await cluster.peek({ topic, limit: 1 })).map((m) => m.value?.text), ['exact']);
    } finally {
      await cluster.disconnect();
    }
  });

  it('reaches an IPv6 bootstrap address', async () => {
    // kafkajs splits a bootstrap address at its first ':', so `[::1]:PORT` needs our help. Only
    // the advertised name is mapped here, so the bootstrap connection is the IPv6 one as given.
    const tunnel6 = await forwarder(broker.port, '::1');
    const addressMap = { [`${INTERNAL}:${broker.port}`]: `127.0.0.1:${broker.port}` };
    const cluster = await connectCluster({ brokers: [tunnel6.address], addressMap, timeoutMs: 5_000 });
    try {
      const topic = uniqueName('tunnel-ipv6');
      await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
      await cluster.produce({ topic, value: 'over IPv6' });
      assert.deepStrictEqual((await cluster.peek({ topic, limit: 1 })).map((m) => m.value?.text), ['over IPv6']);
      assert.ok(tunnel6.connections() >= 1, 'nothing went through the IPv6 forwarder');
    } finally {
      await cluster.disconnect();
      tunnel6.close();
    }
  });

  it('probes an IPv6 bootstrap address beside others in a list', async () => {
    const tunnel6 = await forwarder(broker.port, '::1');
    const addressMap = { [`${INTERNAL}:${broker.port}`]: tunnel6.address };
    const cluster = await connectCluster({ brokers: ['127.0.0.1:1', tunnel6.address], addressMap, timeoutMs: 5_000 });
    try {
      const topic = uniqueName('tunnel-ipv6-list');
      await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
      assert.ok((await cluster.listTopics()).some((t) => t.name === topic), `${topic} is not listed`);
      assert.ok(tunnel6.connections() >= 1, 'nothing went through the IPv6 forwarder');
    } finally {
      await cluster.disconnect();
      tunnel6.close();
    }
  });
});
