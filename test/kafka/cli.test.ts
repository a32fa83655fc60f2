// `upsun-kafka peek` and `produce` as whole processes (dist/cli.js, as npm ships it) against
// the real broker, including `--service` resolved from PLATFORM_RELATIONSHIPS and a tunnel CLI.

import * as assert from 'assert';
import { execFile, spawn } from 'child_process';
import { existsSync, mkdtempSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaCluster } from '../../src/kafka/types';
import { eventually } from '../harness/eventually';
import { REPO_ROOT } from '../harness/paths';
import { testBrokers } from '../harness/kafkaBroker';
import { testKafka, uniqueName } from './helpers';
import { expectedPeek, javaReadCommitted, javaWrite, PlannedRecord, runJava } from './javaClient';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO_ROOT, env: { ...process.env, PLATFORM_RELATIONSHIPS: '', ...options.env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

const jsonLines = (text: string) => text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

/** A project folder declaring `services` in `.upsun/config.yaml`. */
async function projectWith(services: string): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-cli-'));
  await fs.mkdir(path.join(dir, '.upsun'));
  await fs.writeFile(path.join(dir, '.upsun', 'config.yaml'), `applications:\n  app:\n    type: nodejs:22\n    relationships:\n      events: { service: queue, endpoint: kafka }\nservices:\n${services}`);
  return dir;
}

/** Relationships as the platform gives them, pointing at the test broker. */
function relationshipsJson(host: string, port: number): string {
  return JSON.stringify({
    events: [{ username: null, scheme: 'kafka', service: 'queue', fragment: null, ip: host, instance_ips: [host], hostname: 'abc123.queue.service._.eu-3.platformsh.site', port, cluster: 'abc123-main-7rqtwti', host, rel: 'kafka', path: null, query: [], password: null, type: 'kafka:4.3', public: false, host_mapped: false }],
  });
}

describe('the upsun-kafka CLI against the broker', function () {
  this.timeout(120_000);
  const brokers = testBrokers().join(',');
  const [host, port] = testBrokers()[0].split(':');
  let cluster: KafkaCluster;
  let topic: string;
  const cleanup: string[] = [];

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
    cluster = await connectCluster({ brokers: testBrokers() });
    topic = uniqueName('cli');
    await cluster.createTopic({ topic, partitions: 3, replicationFactor: 1 });
  });

  after(async () => {
    await cluster?.disconnect();
    await Promise.all(cleanup.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  });

  it('produces one message per stdin line with key and headers, and prints where each went', async () => {
    const run = await cli(['produce', '--brokers', brokers, '--topic', topic, '--key', 'same', '--header', 'source=cli', '--header', 'n=1'], { input: 'one\ntwo\nthree\n' });
    assert.strictEqual(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.strictEqual(lines.length, 3);
    const partition = Number(/^partition (\d) offset 0$/.exec(lines[0])?.[1]);
    assert.deepStrictEqual(lines, [0, 1, 2].map((o) => `partition ${partition} offset ${o}`), 'one key, one partition, consecutive offsets');

    const peek = await cli(['peek', '--brokers', brokers, '--topic', topic, '-n', '2', '--format', 'json']);
    assert.strictEqual(peek.code, 0, peek.stderr);
    assert.deepStrictEqual(
      jsonLines(peek.stdout).map(({ partition: p, offset, key, value, headers }) => ({ p, offset, key, value, headers })),
      [
        { p: partition, offset: '2', key: 'same', value: 'three', headers: [{ key: 'source', value: 'cli', valueEncoding: 'utf8' }, { key: 'n', value: '1', valueEncoding: 'utf8' }] },
        { p: partition, offset: '1', key: 'same', value: 'two', headers: [{ key: 'source', value: 'cli', valueEncoding: 'utf8' }, { key: 'n', value: '1', valueEncoding: 'utf8' }] },
      ],
    );
  });

  it('keeps stdin bytes and --header order as given, and never writes a control character to the terminal', async () => {
    const t = uniqueName('cli-bytes');
    await cluster.createTopic({ topic: t, partitions: 1, replicationFactor: 1 });
    const input = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('\r\n\nplain\n')]);
    const run = await cli(['produce', '--brokers', brokers, '--topic', t, '--header', 'a=1', '--header', 'b=\u001b]0;pwned\u0007', '--header', 'a=3', '--header', 'c=x\u202ey\u009b'], { input });
    assert.deepStrictEqual([run.code, run.stdout], [0, 'partition 0 offset 0\npartition 0 offset 1\n'], run.stderr);

    const json = jsonLines((await cli(['peek', '--brokers', brokers, '--topic', t, '--format', 'json'])).stdout);
    assert.deepStrictEqual(
      json.map(({ offset, value, valueEncoding }) => ({ offset, value, valueEncoding })),
      [
        { offset: '1', value: 'plain', valueEncoding: 'utf8' },
        { offset: '0', value: Buffer.from('caf\xe9\r', 'latin1').toString('base64'), valueEncoding: 'base64' },
      ],
    );
    assert.deepStrictEqual((json[0].headers as { key: string }[]).map((h) => h.key), ['a', 'b', 'a', 'c']);

    const text = await cli(['peek', '--brokers', brokers, '--topic', t]);
    assert.strictEqual(text.code, 0, text.stderr);
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    assert.doesNotMatch(text.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // Bytes with C0 controls show as hex; text keeps its letters with C1 and bidi controls escaped.
    assert.match(text.stdout, /headers: a=1, b=1b 5d 30 3b 70 77 6e 65 64 07, a=3, c=x\\u202ey\\x9b\n/);
  });

  it('sends --value and a binary --file to a chosen partition; peek shows them as text and base64', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-cli-')), 'blob.bin');
    cleanup.push(path.dirname(file));
    const bytes = Buffer.from([0, 1, 2, 0xfe, 0xff]);
    await fs.writeFile(file, bytes);
    const json = await cli(['produce', '--brokers', brokers, '--topic', topic, '--partition', '1', '--value', '{"id":7}', '--format', 'json']);
    assert.deepStrictEqual([json.code, jsonLines(json.stdout)], [0, [{ topic, partition: 1, offset: '0' }]]);
    const binary = await cli(['produce', '--brokers', brokers, '--topic', topic, '--partition', '1', '--file', file]);
    assert.deepStrictEqual([binary.code, binary.stdout], [0, 'partition 1 offset 1\n']);

    const peek = await cli(['peek', '--brokers', brokers, '--topic', topic, '--partition', '1', '--format', 'json']);
    assert.deepStrictEqual(
      jsonLines(peek.stdout).map(({ offset, value, valueEncoding }) => ({ offset, value, valueEncoding })),
      [
        { offset: '1', value: bytes.toString('base64'), valueEncoding: 'base64' },
        { offset: '0', value: '{"id":7}', valueEncoding: 'utf8' },
      ],
    );
    const text = await cli(['peek', '--brokers', brokers, '--topic', topic, '--partition', '1']);
    assert.match(text.stdout, /--- partition 1 {2}offset 1 .*\n00 01 02 fe ff\n--- partition 1 {2}offset 0 .*key: \(null\)\n\{\n {2}"id": 7\n\}\n/);
  });

  it('peeks from an offset and from a time', async () => {
    const t = uniqueName('cli-from');
    await cluster.createTopic({ topic: t, partitions: 1, replicationFactor: 1 });
    await cli(['produce', '--brokers', brokers, '--topic', t], { input: 'a\nb\nc\nd\n' });
    const fromOffset = await cli(['peek', '--brokers', brokers, '--topic', t, '--from-offset', '1', '-n', '2', '--format', 'json']);
    assert.deepStrictEqual(jsonLines(fromOffset.stdout).map((m) => m.value), ['c', 'b']);
    const fromFuture = await cli(['peek', '--brokers', brokers, '--topic', t, '--from-time', new Date(Date.now() + 60_000).toISOString()]);
    assert.deepStrictEqual([fromFuture.code, fromFuture.stdout], [0, '']);
    const fromPast = await cli(['peek', '--brokers', brokers, '--topic', t, '--from-time', '2020-01-01T00:00:00Z', '-n', '1', '--format', 'json']);
    assert.deepStrictEqual(jsonLines(fromPast.stdout).map((m) => m.value), ['a']);
    // Before 1970 is before every Kafka timestamp: from the oldest, not a protocol error.
    const from1900 = await cli(['peek', '--brokers', brokers, '--topic', t, '--from-time', '1900-01-01T00:00:00Z', '-n', '1', '--format', 'json']);
    assert.deepStrictEqual([from1900.code, jsonLines(from1900.stdout).map((m) => m.value), from1900.stderr], [0, ['a'], '']);
    const search1900 = await cli(['search', '--brokers', brokers, '--topic', t, '--text', 'a', '--from', '1900-01-01', '--json']);
    assert.deepStrictEqual([search1900.code, jsonLines(search1900.stdout).map((m) => m.value)], [0, ['a']]);
  });

  it('peeks and searches several partitions, --partition repeated or as a list, as Kafka\'s consumer reads them', async () => {
    const t = uniqueName('cli-partitions');
    await cluster.createTopic({ topic: t, partitions: 4, replicationFactor: 1 });
    const base = Date.now() - 3_600_000;
    // Seconds after `base` per partition in offset order, out of time order as producers may set
    // them; 25 in partitions 0 and 2 alike (ties go to the lower partition).
    const stamps = [[10, 30, 25, 40, 12], [20, 60, 9], [25, 8, 50, 5, 33, 41], [70, 1]];
    const records = stamps.flatMap((row, partition) => row.map((s, i): PlannedRecord => ({ kind: 'plain', partition, timestamp: BigInt(base + s * 1000), key: null, value: Buffer.from(`p${partition}-${i}`), headers: [] })));
    await javaWrite(t, records);
    // Ground truth: what Kafka's Java consumer reads of partitions 0 and 2.
    const seen = (await javaReadCommitted(t)).filter((r) => r.partition === 0 || r.partition === 2);
    assert.strictEqual(seen.length, 11);
    const ids = (rows: readonly { partition?: unknown; offset?: unknown }[]) => rows.map((r) => `${String(r.partition)}@${String(r.offset)}`);
    const peek = async (args: string[]) => {
      const run = await cli(['peek', '--brokers', brokers, '--topic', t, '--json', ...args]);
      assert.strictEqual(run.code, 0, run.stderr);
      return ids(jsonLines(run.stdout));
    };
    for (const limit of [1, 3, 7, 20]) {
      const expected = ids(expectedPeek(seen, { limit }));
      assert.deepStrictEqual(await peek(['-n', String(limit), '--partition', '0', '--partition', '2']), expected, `-n ${limit} --partition 0 --partition 2`);
      assert.deepStrictEqual(await peek(['-n', String(limit), '--partition', '2,0']), expected, `-n ${limit} --partition 2,0`);
    }
    for (const limit of [1, 4, 20]) {
      assert.deepStrictEqual(await peek(['-n', String(limit), '--from-offset', '2', '--partition', '0,2']), ids(expectedPeek(seen, { limit, fromOffset: '2' })), `-n ${limit} --from-offset 2`);
    }
    const time = base + 26_000;
    const truth = await runJava('OffsetsTruth.java', [testBrokers().join(','), t, String(time)]);
    const starts = new Map(truth.split('\n').filter(Boolean).map((line) => line.split('\t')).map(([partition, , , offset]) => [Number(partition), BigInt(offset)]));
    for (const limit of [2, 5, 20]) {
      assert.deepStrictEqual(await peek(['-n', String(limit), '--from-time', new Date(time).toISOString(), '--partition', '0', '--partition', '2']), ids(expectedPeek(seen, { limit, starts })), `-n ${limit} --from-time +26 s`);
    }

    const search = await cli(['search', '--brokers', brokers, '--topic', t, '--text', 'p', '--in', 'value', '--partition', '0', '--partition', '2', '--json']);
    assert.strictEqual(search.code, 0, search.stderr);
    assert.deepStrictEqual(ids(jsonLines(search.stdout)).sort(), ids(seen).sort());
    assert.match(search.stderr, /^11 matches in 11 of 11 messages read \(2 partitions\)/);
  });

  it('sends a line from stdin while stdin stays open, as kcat does', async () => {
    const t = uniqueName('cli-linger');
    await cluster.createTopic({ topic: t, partitions: 1, replicationFactor: 1 });
    const child = spawn(process.execPath, [CLI, 'produce', '--brokers', brokers, '--topic', t], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      child.stdin.write('first\n');
      // Stdin is still open: the line must reach the topic now, not when 5,000 have come or stdin ends.
      const seen = await eventually('the first line on the topic', async () => {
        const [message] = await cluster.peek({ topic: t, limit: 1 });
        return message?.value?.text;
      });
      assert.strictEqual(seen, 'first');
      await eventually('its offset printed', async () => (stdout === 'partition 0 offset 0\n' ? true : undefined));
    } finally {
      child.stdin.end('second\n');
    }
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.deepStrictEqual([code, stdout], [0, 'partition 0 offset 0\npartition 0 offset 1\n']);
  });

  it('finishes quietly when its reader goes away (… | head), sending every line of a produce', async () => {
    const t = uniqueName('cli-epipe');
    await cluster.createTopic({ topic: t, partitions: 1, replicationFactor: 1 });
    const lines = 12_000;
    const input = Array.from({ length: lines }, (_, i) => `line-${i}`).join('\n');
    for (const args of [['produce', '--brokers', brokers, '--topic', t], ['peek', '--brokers', brokers, '--topic', t, '-n', '5000']]) {
      const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // The reader takes the first chunk and goes, as head -1 does.
      child.stdout.once('data', () => child.stdout.destroy());
      child.stdin.end(args[0] === 'produce' ? input : '');
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.deepStrictEqual([code, stderr], [0, ''], args[0]);
    }
    // Counted by kafkajs' own admin, not by our code.
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const [only] = await admin.fetchTopicOffsets(t);
      assert.strictEqual(only.high, String(lines));
    } finally {
      await admin.disconnect();
    }
  });

  it('exits 1 with the reason on a Kafka failure, 2 on bad usage', async () => {
    const missing = await cli(['peek', '--brokers', brokers, '--topic', uniqueName('cli-missing')]);
    assert.strictEqual(missing.code, 1);
    assert.match(missing.stderr, /^upsun-kafka: Could not peek at topic "cli-missing-[^"]+": topic "[^"]+" does not exist on /);
    const refused = await cli(['peek', '--brokers', '127.0.0.1:1', '--topic', topic, '--timeout', '3']);
    assert.deepStrictEqual([refused.code, /nothing accepts connections at 127\.0\.0\.1:1/.test(refused.stderr)], [1, true]);

    for (const args of [
      ['peek', '--topic', topic],
      ['peek', '--brokers', brokers, '--topic', topic, '-n', 'many'],
      ['peek', '--brokers', brokers, '--topic', topic, '--from-time', 'yesterday'],
      ['peek', '--brokers', brokers, '--topic', topic, '--from-time', '2026-02-30T00:00:00Z'],
      ['peek', '--brokers', brokers, '--topic', topic, '--from-offset', '9223372036854775808'],
      ['peek', '--brokers', brokers, '--topic', topic, '--from-offset', '99999999999999999999999'],
      ['peek', '--brokers', brokers, '--topic', topic, '--timeout', '99999999999'],
      ['search', '--brokers', brokers, '--topic', topic, '--text', 'x', '--from', '2027-01-01T00:00:00Z', '--to', '2026-01-01T00:00:00Z'],
      ['groups', 'reset', '--brokers', brokers, '--group', 'g', '--topic', topic, '--to-time', '2026-02-29T00:00:00Z'],
      ['peek', '--brokers', brokers, '--topic', topic, '--from-offset', '1', '--from-time', '2020-01-01'],
      ['peek', '--brokers', 'localhost', '--topic', topic],
      ['produce', '--brokers', brokers, '--topic', topic, '--header', 'novalue'],
      ['produce', '--brokers', brokers, '--topic', topic, '--file', '/nonexistent/file'],
      ['produce', '--brokers', brokers],
    ]) {
      const run = await cli(args);
      assert.strictEqual(run.code, 2, `${args.join(' ')} → ${run.code}: ${run.stderr}`);
      assert.ok(run.stderr.trim() !== '', `${args.join(' ')} printed no reason`);
    }
  });

  describe('--service', () => {
    it('finds the brokers in PLATFORM_RELATIONSHIPS, after checking the project declares a Kafka service', async () => {
      const project = await projectWith('  queue:\n    type: kafka:4.3\n  db:\n    type: postgresql:16\n');
      cleanup.push(project);
      const env = { PLATFORM_RELATIONSHIPS: Buffer.from(relationshipsJson(host, Number(port))).toString('base64') };
      const produced = await cli(['produce', '--service', 'queue', '--topic', topic, '--value', 'via service', '--partition', '2'], { env, cwd: project });
      assert.strictEqual(produced.code, 0, produced.stderr);
      assert.match(produced.stderr, new RegExp(`Service "queue": ${host}:${port} from PLATFORM_RELATIONSHIPS \\(relationship "events"\\)`));
      const peek = await cli(['peek', '--service', 'queue', '--topic', topic, '--partition', '2', '-n', '1', '--format', 'json'], { env, cwd: project });
      assert.deepStrictEqual(jsonLines(peek.stdout).map((m) => m.value), ['via service']);

      const notKafka = await cli(['peek', '--service', 'db', '--topic', topic], { env, cwd: project });
      assert.deepStrictEqual([notKafka.code, notKafka.stderr.trim()], [2, 'upsun-kafka: service "db" is of type postgresql:16, not kafka (Kafka services here: queue)']);
      const unknown = await cli(['peek', '--service', 'nope', '--topic', topic], { env, cwd: project });
      assert.deepStrictEqual([unknown.code, unknown.stderr.trim()], [2, 'upsun-kafka: no service "nope" is declared in the project config (Kafka services here: queue)']);
    });

    it('falls back to the tunnel CLI, and says what to do when there is no tunnel either', async () => {
      const project = await projectWith('  queue:\n    type: kafka:4.3\n');
      cleanup.push(project);
      // A stand-in for `upsun tunnel:info --encode`: what it prints with one tunnel open.
      const fakeCli = path.join(project, 'fake-upsun');
      const encoded = Buffer.from(JSON.stringify(JSON.parse(relationshipsJson('127.0.0.1', Number(port))))).toString('base64');
      await fs.writeFile(fakeCli, `#!/bin/sh\n[ "$1" = tunnel:info ] && [ "$2" = --encode ] || exit 3\necho ${encoded}\n`, { mode: 0o755 });
      const viaTunnel = await cli(['peek', '--service', 'queue', '--topic', topic, '-n', '1', '--tunnel-cli', fakeCli], { cwd: project });
      assert.strictEqual(viaTunnel.code, 0, viaTunnel.stderr);
      assert.match(viaTunnel.stderr, /from `.*fake-upsun tunnel:info` \(relationship "events"\)/);

      const noTunnel = path.join(project, 'no-tunnel');
      await fs.writeFile(noTunnel, '#!/bin/sh\necho "No tunnels found." >&2\nexit 1\n', { mode: 0o755 });
      const none = await cli(['peek', '--service', 'queue', '--topic', topic, '--tunnel-cli', noTunnel], { cwd: project });
      assert.strictEqual(none.code, 1);
      assert.match(none.stderr, /Could not find the brokers of service "queue": PLATFORM_RELATIONSHIPS is not set; no tunnel is open: run `.*no-tunnel tunnel:open` in the project folder first\. Open a tunnel, or pass --brokers HOST:PORT\./);
      // A reason that is a sentence of its own joins the others without its full stop.
      const garbled = await cli(['peek', '--service', 'queue', '--topic', topic, '--tunnel-cli', noTunnel], { cwd: project, env: { PLATFORM_RELATIONSHIPS: 'notbase64' } });
      assert.strictEqual(garbled.code, 1);
      assert.match(garbled.stderr, /Could not find the brokers of service "queue": PLATFORM_RELATIONSHIPS is neither JSON nor base64-encoded JSON; no tunnel is open: /);
    });
  });
});
