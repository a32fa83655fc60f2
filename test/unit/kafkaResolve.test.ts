// Connection sources without a cluster: the relationships JSON the platform and the CLI print,
// the tunnel CLI's answers, the resolver's order, and where the socket factory connects.

import * as assert from 'assert';
import { mapAddress } from '../../src/kafka/addressMap';
import { parseHostPort } from '../../src/kafka/brokerAddress';
import {
  brokerAddresses,
  ConnectionSourceProvider,
  endpointsOf,
  parseRelationships,
  readTunnelInfo,
  relationshipsSource,
  resolveConnection,
  RunCommand,
  tunnelAddressMap,
  tunnelSource,
} from '../../src/kafka/resolve';

/** What an app container on Upsun gets for `relationships: { events: { service: queue, endpoint: kafka } }`. */
const CONTAINER = {
  events: [
    {
      username: null,
      scheme: 'kafka',
      service: 'queue',
      fragment: null,
      ip: '169.254.21.7',
      instance_ips: ['169.254.21.7'],
      hostname: 'x2kfjbq3bnd4ggl2.queue.service._.eu-3.platformsh.site',
      port: 9092,
      cluster: 'abcdefgh123456-main-bvxea6i',
      host: 'events.internal',
      rel: 'kafka',
      path: null,
      query: [],
      password: null,
      type: 'kafka:4.3',
      public: false,
      host_mapped: false,
    },
  ],
  database: [{ scheme: 'pgsql', service: 'db', host: 'database.internal', port: 5432, rel: 'postgresql', type: 'postgresql:16', ip: '169.254.1.2' }],
};

/** `tunnel:info` rewrites host, ip and port to the local end of each open tunnel. */
const TUNNEL = {
  events: { 0: { ...CONTAINER.events[0], host: '127.0.0.1', ip: '127.0.0.1', port: 30001 } },
  database: [{ ...CONTAINER.database[0], host: '127.0.0.1', ip: '127.0.0.1', port: 30000 }],
};

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

function fakeExec(answers: Record<string, { stdout?: string; stderr?: string; code?: number | null } | 'missing'>, calls: string[] = []): RunCommand {
  return async (file, args) => {
    calls.push(`${file} ${args.join(' ')}`);
    const answer = answers[file] ?? 'missing';
    if (answer === 'missing') return { stdout: '', stderr: '', code: null, notFound: true };
    return { stdout: answer.stdout ?? '', stderr: answer.stderr ?? '', code: answer.code ?? 0, notFound: false };
  };
}

describe('Kafka connection resolution', () => {
  describe('relationships JSON', () => {
    it('reads base64 and plain JSON, and picks the endpoints of a service by its name', () => {
      for (const text of [base64(CONTAINER), JSON.stringify(CONTAINER), `  ${base64(CONTAINER)}\n`]) {
        const found = endpointsOf(parseRelationships(text), 'queue');
        assert.deepStrictEqual(found && { relationship: found.relationship, brokers: brokerAddresses(found.endpoints) }, { relationship: 'events', brokers: ['events.internal:9092'] });
      }
      assert.strictEqual(endpointsOf(parseRelationships(base64(CONTAINER)), 'cache'), undefined);
    });

    it('falls back to a relationship named like the service when endpoints do not name it', () => {
      const legacy = { kafka: [{ host: 'kafka.internal', port: '9092', scheme: 'kafka' }] };
      const found = endpointsOf(parseRelationships(JSON.stringify(legacy)), 'kafka');
      assert.deepStrictEqual(found && brokerAddresses(found.endpoints), ['kafka.internal:9092']);
    });

    it('reads the object-keyed lists PHP writes, and drops entries without host or port', () => {
      const parsed = parseRelationships(base64({ ...TUNNEL, broken: [{ host: '', port: 1 }, { port: 2 }, 'x'] }));
      assert.deepStrictEqual(brokerAddresses(parsed.events), ['127.0.0.1:30001']);
      assert.deepStrictEqual(parsed.broken, []);
    });

    it('says what is wrong with text that is not relationships', () => {
      assert.throws(() => parseRelationships(''), /PLATFORM_RELATIONSHIPS is empty/);
      assert.throws(() => parseRelationships('not base64 json!'), /neither JSON nor base64-encoded JSON/);
      assert.throws(() => parseRelationships(base64([1, 2])), /not a JSON object of relationships/);
    });

    it('maps every advertised address to a single tunnel, and hostnames when there are several', () => {
      assert.deepStrictEqual(tunnelAddressMap(parseRelationships(base64(TUNNEL)).events), { '*': '127.0.0.1:30001' });
      const two = [
        { host: '127.0.0.1', port: 30001, hostname: 'a.queue.internal' },
        { host: '127.0.0.1', port: 30002, hostname: 'b.queue.internal' },
      ];
      assert.deepStrictEqual(tunnelAddressMap(two), { 'a.queue.internal:9092': '127.0.0.1:30001', 'b.queue.internal:9092': '127.0.0.1:30002' });
    });
  });

  describe('tunnel:info', () => {
    it('asks upsun, then platform, with --encode, and reads the relationships it prints', async () => {
      const calls: string[] = [];
      const info = await readTunnelInfo({ exec: fakeExec({ platform: { stdout: `${base64(TUNNEL)}\n` } }, calls) });
      assert.deepStrictEqual(calls, ['upsun tunnel:info --encode --no-interaction', 'platform tunnel:info --encode --no-interaction']);
      assert.ok('relationships' in info);
      assert.deepStrictEqual([info.cli, brokerAddresses(info.relationships.events)], ['platform', ['127.0.0.1:30001']]);
    });

    it('says to open a tunnel when none is open, and names a CLI that is missing or failing', async () => {
      assert.deepStrictEqual(await readTunnelInfo({ exec: fakeExec({ upsun: { code: 1, stderr: 'No tunnels found.\n' } }) }), {
        missing: 'no tunnel is open: run `upsun tunnel:open` in the project folder first',
      });
      assert.deepStrictEqual(await readTunnelInfo({ exec: fakeExec({}) }), { missing: 'neither the Upsun CLI (`upsun`) nor the Platform.sh CLI (`platform`) is installed' });
      assert.deepStrictEqual(await readTunnelInfo({ cliPath: '/opt/upsun', exec: fakeExec({}) }), { missing: 'the CLI /opt/upsun was not found' });
      assert.deepStrictEqual(await readTunnelInfo({ exec: fakeExec({ upsun: { code: 1, stderr: 'Specify a project\n' } }) }), { missing: '`upsun tunnel:info` failed: Specify a project' });
    });
  });

  describe('resolveConnection', () => {
    it('takes the first source that knows the service, and reports why the earlier ones did not', async () => {
      const env = { PLATFORM_RELATIONSHIPS: base64({ database: CONTAINER.database }) };
      const tunnel = tunnelSource({ exec: fakeExec({ upsun: { stdout: base64(TUNNEL) } }) });
      const { connection, misses } = await resolveConnection('queue', [relationshipsSource(env), tunnel]);
      assert.deepStrictEqual(misses, [{ source: 'platform-relationships', reason: 'PLATFORM_RELATIONSHIPS has no relationship to service "queue"' }]);
      assert.deepStrictEqual(connection, {
        serviceName: 'queue',
        source: 'tunnel',
        options: { brokers: ['127.0.0.1:30001'], addressMap: { '*': '127.0.0.1:30001' } },
        description: '`upsun tunnel:info` (relationship "events")',
      });
    });

    it('prefers PLATFORM_RELATIONSHIPS, as inside the app container, and never runs the CLI then', async () => {
      const calls: string[] = [];
      const { connection } = await resolveConnection('queue', [relationshipsSource({ PLATFORM_RELATIONSHIPS: base64(CONTAINER) }), tunnelSource({ exec: fakeExec({}, calls) })]);
      assert.deepStrictEqual([connection?.source, connection?.options], ['platform-relationships', { brokers: ['events.internal:9092'] }]);
      assert.deepStrictEqual(calls, []);
    });

    it('accepts sources of its users, such as settings, in the order given', async () => {
      const settings: ConnectionSourceProvider = {
        source: 'settings',
        resolve: async (name) => (name === 'queue' ? { serviceName: name, source: 'settings', options: { brokers: ['b:9093'] }, description: 'settings' } : { missing: 'not in settings' }),
      };
      assert.strictEqual((await resolveConnection('queue', [settings, relationshipsSource({})])).connection?.source, 'settings');
      const none = await resolveConnection('other', [settings, relationshipsSource({})]);
      assert.deepStrictEqual(none, {
        connection: undefined,
        misses: [{ source: 'settings', reason: 'not in settings' }, { source: 'platform-relationships', reason: 'PLATFORM_RELATIONSHIPS is not set' }],
      });
    });
  });

  describe('address mapping', () => {
    const bootstrap = ['127.0.0.1:30001'];

    it('reaches bootstrap addresses as given, and sends advertised ones through the map', () => {
      const map = { 'kafka.internal:9092': '127.0.0.1:30001', '*': '127.0.0.1:30009' };
      assert.deepStrictEqual(mapAddress({ host: '127.0.0.1', port: 30001 }, bootstrap, map), { host: '127.0.0.1', port: 30001 });
      assert.deepStrictEqual(mapAddress({ host: 'kafka.internal', port: 9092 }, bootstrap, map), { host: '127.0.0.1', port: 30001 });
      assert.deepStrictEqual(mapAddress({ host: 'other.internal', port: 9092 }, bootstrap, map), { host: '127.0.0.1', port: 30009 });
      assert.deepStrictEqual(mapAddress({ host: 'kafka.internal', port: 9092 }, bootstrap, undefined), { host: 'kafka.internal', port: 9092 });
    });

    it('parses host:port, including IPv6 in brackets, and refuses anything else', () => {
      assert.deepStrictEqual(parseHostPort('[::1]:9092'), { host: '::1', port: 9092 });
      assert.deepStrictEqual(parseHostPort(' kafka.internal:9092 '), { host: 'kafka.internal', port: 9092 });
      for (const bad of ['kafka.internal', ':9092', 'h:0', 'h:70000', 'h:port']) assert.strictEqual(parseHostPort(bad), undefined, bad);
    });
  });
});
