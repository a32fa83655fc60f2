// Connection sources without a cluster: the relationships JSON the platform and the CLI print,
// the tunnel CLI's answers (stand-in scripts on PATH), the resolver's order, and where the socket factory connects.

import * as assert from 'assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { mapAddress } from '../../src/kafka/addressMap';
import { parseHostPort } from '../../src/kafka/brokerAddress';
import { ConnectionSourceProvider, relationshipsSource, resolveConnection, tunnelSource } from '../../src/upsun/resolve';
import { brokerAddresses, endpointsOf, parseRelationships, tunnelAddressMap } from '../../src/upsun/relationships';
import { useEnv } from '../harness/upsunStandIn';

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

type Answer = { stdout?: string; stderr?: string; code?: number };

/**
 * A folder of stand-in CLIs, one script a name, each answering every command with its answer
 * and noting its command line in `calls`. The folder alone is PATH while a test runs.
 */
function fakeClis(answers: Record<string, Answer>): { dir: string; calls: () => string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tunnel-clis-'));
  const log = path.join(dir, 'calls.log');
  for (const [name, answer] of Object.entries(answers)) {
    const files = { out: path.join(dir, `${name}.out`), err: path.join(dir, `${name}.err`) };
    writeFileSync(files.out, answer.stdout ?? '');
    writeFileSync(files.err, answer.stderr ?? '');
    writeFileSync(path.join(dir, name), `#!/bin/sh\necho "${name} $*" >> '${log}'\n/bin/cat '${files.out}'\n/bin/cat '${files.err}' >&2\nexit ${answer.code ?? 0}\n`, { mode: 0o755 });
  }
  return { dir, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}

/** `tunnel:info` answered by the stand-ins in `answers`, found on PATH. */
function withClis(answers: Record<string, Answer>): { calls: () => string[] } {
  const clis = fakeClis(answers);
  const restore = useEnv({ PATH: clis.dir });
  restorePath ??= restore;
  return clis;
}

let restorePath: (() => void) | undefined;
afterEach(() => {
  restorePath?.();
  restorePath = undefined;
});

const resolveTunnel = (serviceName: string, options: Parameters<typeof tunnelSource>[0] = {}) => tunnelSource(options).resolve(serviceName);

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
    it('asks upsun, else platform, with --encode, and reads the relationships it prints', async () => {
      const { calls } = withClis({ platform: { stdout: `${base64(TUNNEL)}\n` } });
      const answer = await resolveTunnel('queue');
      assert.deepStrictEqual(calls(), ['platform tunnel:info --encode --no-interaction']);
      assert.ok(!('missing' in answer), JSON.stringify(answer));
      assert.deepStrictEqual([answer.description, answer.options.brokers], ['`platform tunnel:info` (relationship "events")', ['127.0.0.1:30001']]);
    });

    it('says to open a tunnel when none is open, and names a CLI that is missing or failing', async () => {
      withClis({ upsun: { code: 1, stderr: 'No tunnels found.\n' } });
      assert.deepStrictEqual(await resolveTunnel('queue'), {
        missing: 'no tunnel is open: run `upsun tunnel:open` in the project folder first',
      });
      withClis({});
      assert.deepStrictEqual(await resolveTunnel('queue'), { missing: 'neither the Upsun CLI (`upsun`) nor the Platform.sh CLI (`platform`) is installed' });
      assert.deepStrictEqual(await resolveTunnel('queue', { cliPath: '/opt/upsun' }), { missing: 'the CLI /opt/upsun was not found' });
      withClis({ upsun: { code: 1, stderr: 'Specify a project\n' } });
      assert.deepStrictEqual(await resolveTunnel('queue'), { missing: '`upsun tunnel:info` failed: Specify a project' });
    });

    it('says what to do when the CLI\'s words name the failure, as when reusing a tunnel', async () => {
      withClis({ upsun: { code: 3, stderr: '[LoginRequiredException]\nAuthentication is required.\nPlease log in by running:\n  upsun login\n' } });
      assert.deepStrictEqual(await resolveTunnel('queue'), { missing: 'The Upsun CLI is not logged in. Run `upsun login` in a terminal, then try again.' });
    });
  });

  describe('resolveConnection', () => {
    it('takes the first source that knows the service, and reports why the earlier ones did not', async () => {
      const env = { PLATFORM_RELATIONSHIPS: base64({ database: CONTAINER.database }) };
      withClis({ upsun: { stdout: base64(TUNNEL) } });
      const tunnel = tunnelSource();
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
      const { calls } = withClis({ upsun: { stdout: base64(TUNNEL) } });
      const { connection } = await resolveConnection('queue', [relationshipsSource({ PLATFORM_RELATIONSHIPS: base64(CONTAINER) }), tunnelSource()]);
      assert.deepStrictEqual([connection?.source, connection?.options], ['platform-relationships', { brokers: ['events.internal:9092'] }]);
      assert.deepStrictEqual(calls(), []);
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
