// Searching a topic finds exactly the messages a read_committed Java consumer sees that match:
// records written by Kafka's own Java producer (plain, committed and aborted transactions,
// keys, header names and values, binary values, set timestamps); what the consumer read is
// filtered here by the documented rule (UTF-8 text, case-insensitive by default). Then the
// limit, the time bound, Cancel (no socket or timer left), and `upsun-kafka search` as a process.

import * as assert from 'assert';
import { execFile, spawn } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';
import { connectCluster } from '../../src/kafka/connect';
import { KafkaCluster, SearchProgress, SearchRequest, SearchResult } from '../../src/kafka/types';
import { testBrokers } from '../harness/kafkaBroker';
import { eventually } from '../harness/eventually';
import { REPO_ROOT } from '../harness/paths';
import { expectAccessError, NO_DUPLICATES, openHandles, settles, testKafka, uniqueName } from './helpers';
import { asSeen, javaReadCommitted, javaWrite, PlannedRecord, SeenRecord, Step } from './javaClient';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const PARTITIONS = 3;
/** Record timestamps: one second apart from here, per record written. */
const T0 = Date.UTC(2026, 0, 31, 12, 0, 0);

const text = (b64: string | null) => (b64 === null ? null : Buffer.from(b64, 'base64').toString('utf8'));

/** The documented rule, applied to what the Java consumer saw. */
function expected(seen: readonly SeenRecord[], request: Omit<SearchRequest, 'topic'>): SeenRecord[] {
  const flags = (request.caseSensitive ?? request.regex) ? '' : 'i';
  const pattern = request.regex ? new RegExp(request.pattern, `${flags}u`) : new RegExp(request.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), `${flags}u`);
  const fields = request.fields ?? ['key', 'value', 'headers'];
  const hit = (s: string | null) => s !== null && pattern.test(s);
  return seen.filter((r) => {
    const time = Number(r.timestamp);
    if (request.fromTimestamp !== undefined && time < request.fromTimestamp) return false;
    if (request.toTimestamp !== undefined && time >= request.toTimestamp) return false;
    if (request.partitions && !request.partitions.includes(r.partition)) return false;
    return (
      (fields.includes('value') && hit(text(r.value))) ||
      (fields.includes('key') && hit(text(r.key))) ||
      (fields.includes('headers') && r.headers.some(([name, value]) => hit(name) || hit(text(value))))
    );
  });
}

/** CPU time (user + system) process `pid` has used, in seconds: /proc counts it in ticks of 1/100 s. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const byPosition = (a: SeenRecord, b: SeenRecord) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, PLATFORM_RELATIONSHIPS: '' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('searching a topic', function () {
  this.timeout(180_000);
  let cluster: KafkaCluster;
  let topic: string;
  let seen: SeenRecord[];
  let clock = 0;

  const record = (partition: number, value: string | Buffer | null, options: { kind?: 'tx' | 'plain'; key?: string; headers?: [string, string | Buffer | null][] } = {}): PlannedRecord => ({
    kind: options.kind ?? 'plain',
    partition,
    timestamp: BigInt(T0 + 1000 * clock++),
    key: options.key === undefined ? null : Buffer.from(options.key),
    value: value === null ? null : Buffer.from(value),
    headers: (options.headers ?? []).map(([key, v]) => ({ key, value: v === null ? null : Buffer.from(v) })),
  });

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers() });
    topic = uniqueName('search');
    await cluster.createTopic({ topic, partitions: PARTITIONS, replicationFactor: 1, config: { 'retention.ms': '-1', 'message.timestamp.before.max.ms': '9223372036854775807' } });
    const filler = (p: number, n: number) => Array.from({ length: n }, (_, i) => record(p, `{"n":${i},"note":"nothing to see"}`, { key: `k${i}` }));
    const steps: Step[] = [
      ...filler(0, 5),
      record(0, 'the NEEDLE in a value'),
      record(1, 'plain', { key: 'needle-key' }),
      record(2, 'plain', { headers: [['trace', 'a needle in a header value'], ['x', null]] }),
      record(2, 'plain', { headers: [['needle-name', 'v']] }),
      // Binary: invalid UTF-8 around the text, matched through its UTF-8 decoding.
      record(1, Buffer.concat([Buffer.from([0xff, 0x00, 0xfe]), Buffer.from('needle'), Buffer.from([0xc3])])),
      // Aborted: in the log, never a message.
      { kind: 'begin' },
      record(0, 'aborted needle', { kind: 'tx', key: 'needle-key' }),
      record(1, 'aborted needle', { kind: 'tx', headers: [['needle', 'x']] }),
      { kind: 'abort' },
      // Committed: messages like any other.
      { kind: 'begin' },
      record(0, 'committed needle', { kind: 'tx' }),
      record(2, 'committed nothing', { kind: 'tx' }),
      { kind: 'commit' },
      ...filler(1, 4),
      record(0, 'Needle again, Needle-7'),
      record(2, 'needle-42 late'),
      ...filler(2, 3),
    ];
    await javaWrite(topic, steps);
    seen = await javaReadCommitted(topic);
    assert.strictEqual(seen.filter((r) => text(r.value)?.includes('aborted')).length, 0, 'the Java consumer saw an aborted record');
  });

  after(async () => {
    await cluster?.disconnect();
  });

  const cases: [string, Omit<SearchRequest, 'topic'>, number][] = [
    ['text in any case, in keys, values and headers', { pattern: 'needle' }, 8],
    ['text, case-sensitive', { pattern: 'Needle', caseSensitive: true }, 1],
    ['only keys', { pattern: 'needle', fields: ['key'] }, 1],
    ['only headers (names and values)', { pattern: 'needle', fields: ['headers'] }, 2],
    ['only values', { pattern: 'NEEDLE', fields: ['value'] }, 5],
    ['a regular expression', { pattern: 'needle-\\d+', regex: true }, 1],
    ['a regular expression in any case', { pattern: '^needle-\\d+', regex: true, caseSensitive: false }, 1],
    ['one partition', { pattern: 'needle', partitions: [2] }, 3],
    ['a time range', { pattern: 'needle', fromTimestamp: T0 + 6_000, toTimestamp: T0 + 14_000 }, 5],
    ['a time range after every message', { pattern: 'needle', fromTimestamp: T0 + 3_600_000 }, 0],
  ];
  for (const [name, query, count] of cases) {
    it(`finds what the Java consumer sees: ${name}`, async () => {
      const want = expected(seen, query).sort(byPosition);
      assert.strictEqual(want.length, count, `the ground truth itself: ${JSON.stringify(want.map((r) => [r.partition, r.offset]))}`);
      const progress: SearchProgress[] = [];
      const result = await cluster.search({ topic, ...query }, { onProgress: (p) => progress.push(p) });
      assert.deepStrictEqual(result.messages.map(asSeen).sort(byPosition), want);
      assert.strictEqual(result.stopped, 'end');
      assert.strictEqual(result.matches, count);
      assert.strictEqual(result.read, result.total);
      // Newest first, as peek shows messages.
      const times = result.messages.map((m) => Number(m.timestampMs));
      assert.deepStrictEqual(times, [...times].sort((a, b) => b - a));
      for (const m of result.messages) assert.strictEqual(m.topic, topic);
    });
  }

  it('counts the offsets of the whole range, markers and aborted records included', async () => {
    const admin = testKafka().admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    const total = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    const progress: SearchProgress[] = [];
    const soFar: string[][] = [];
    const result = await cluster.search({ topic, pattern: 'needle' }, {
      onProgress: (p, matchesSoFar) => {
        progress.push(p);
        soFar.push(matchesSoFar().map((m) => `${m.partition}/${m.offset}`));
      },
    });
    assert.strictEqual(result.total, total);
    // The matches so far are the ones counted, each one of the result's, and at the end all of them.
    assert.deepStrictEqual(soFar.map((ids) => ids.length), progress.map((p) => p.matches));
    const final = result.messages.map((m) => `${m.partition}/${m.offset}`);
    for (const ids of soFar) for (const id of ids) assert.ok(final.includes(id), `${id} was shown as a match but is not in the result`);
    assert.deepStrictEqual(soFar[soFar.length - 1], final);
    assert.deepStrictEqual(result.partitions.map((p) => [p.partition, p.total]), offsets.map((p) => [p.partition, Number(p.high) - Number(p.low)]).sort((a, b) => a[0] - b[0]));
    assert.ok(progress.length > 0);
    assert.deepStrictEqual(progress.map((p) => p.read), [...progress.map((p) => p.read)].sort((a, b) => a - b), 'progress went backwards');
  });

  it('stops at the limit of matches', async () => {
    const all = expected(seen, { pattern: 'needle' });
    const result = await cluster.search({ topic, pattern: 'needle', limit: 3 });
    assert.strictEqual(result.stopped, 'limit');
    assert.strictEqual(result.messages.length, 3);
    assert.strictEqual(result.matches, 3);
    for (const m of result.messages) assert.ok(all.some((r) => r.partition === m.partition && r.offset === m.offset), `${m.partition}/${m.offset} is not a match`);
  });

  it('refuses a bad query, limit, time range or partition, and a topic that does not exist', async () => {
    await assert.rejects(cluster.search({ topic, pattern: '(', regex: true }), expectAccessError('invalid-request', /"\(" is not a regular expression/));
    await assert.rejects(cluster.search({ topic, pattern: '' }), expectAccessError('invalid-request', /the text to find is empty/));
    await assert.rejects(cluster.search({ topic, pattern: 'x', limit: 0 }), expectAccessError('invalid-request', /limit of matches must be a positive whole number, not 0/));
    await assert.rejects(cluster.search({ topic, pattern: 'x', fromTimestamp: 10, toTimestamp: 5 }), expectAccessError('invalid-request', /end of the time range is not after its start/));
    await assert.rejects(cluster.search({ topic, pattern: 'x', partitions: [7] }), expectAccessError('invalid-request', /has no partition 7 \(partitions 0 to 2\)/));
    await assert.rejects(cluster.search({ topic: uniqueName('absent'), pattern: 'x' }), expectAccessError('unknown-topic', /does not exist/));
  });

  describe('a long search', () => {
    let big: string;
    const MESSAGES = 40_000;

    before(async () => {
      big = uniqueName('search-big');
      await cluster.createTopic({ topic: big, partitions: 2, replicationFactor: 1 });
      const producer = testKafka().producer(NO_DUPLICATES);
      await producer.connect();
      const value = 'x'.repeat(1000);
      for (let i = 0; i < MESSAGES; i += 2_000) {
        await producer.send({ topic: big, acks: -1, messages: Array.from({ length: 2_000 }, (_, j) => ({ partition: (i + j) % 2, value: `${i + j} ${value}` })) });
      }
      await producer.disconnect();
    });

    it('stops when cancelled, returns what it read, and leaves no socket or timer open', async () => {
      // After mocha has set this test's own timeout timer.
      await new Promise((resolve) => setImmediate(resolve));
      const before = openHandles();
      const own = await connectCluster({ brokers: testBrokers() });
      const controller = new AbortController();
      const result = await own.search({ topic: big, pattern: 'never there' }, { signal: controller.signal, onProgress: (p) => p.read > 0 && controller.abort() });
      assert.strictEqual(result.stopped, 'cancelled');
      assert.strictEqual(result.total, MESSAGES);
      assert.ok(result.read > 0 && result.read < MESSAGES, `read ${result.read} of ${MESSAGES}`);
      assert.deepStrictEqual(result.messages, []);
      await own.disconnect();
      const clean = await settles(() => {
        const now = openHandles();
        return now.sockets <= before.sockets && now.timers <= before.timers;
      }, 5_000);
      assert.ok(clean, `still open: ${JSON.stringify(openHandles())}, before: ${JSON.stringify(before)}`);
    });

    it('stops at once when cancelled before it starts reading', async () => {
      const controller = new AbortController();
      controller.abort();
      const result = await cluster.search({ topic: big, pattern: 'x' }, { signal: controller.signal });
      assert.strictEqual(result.stopped, 'cancelled');
      assert.strictEqual(result.read, 0);
    });

    it('stops at its time bound with what it found', async () => {
      const result = await cluster.search({ topic: big, pattern: ' xxx', timeoutMs: 1 });
      assert.strictEqual(result.stopped, 'timeout');
      assert.ok(result.read < MESSAGES, `read ${result.read}`);
    });

    it('reads the whole topic: the one message that matches', async () => {
      const result = await cluster.search({ topic: big, pattern: '31415 x', caseSensitive: true });
      assert.deepStrictEqual([result.stopped, result.read, result.messages.map((m) => m.value?.text.slice(0, 7))], ['end', MESSAGES, ['31415 x']]);
    });
  });

  describe('a pattern that backtracks', () => {
    let slow: string;
    let at: { partition: number; offset: string };
    /** ^(a+)+$ on this tries every way to split the a's: 2^40 of them, hours. */
    const CATASTROPHIC = `${'a'.repeat(40)}!`;
    const BACKTRACKS = '^(a+)+$';

    before(async () => {
      slow = uniqueName('search-slow');
      await cluster.createTopic({ topic: slow, partitions: 2, replicationFactor: 1 });
      await javaWrite(slow, [record(1, 'aaaa'), record(1, 'fine'), record(1, CATASTROPHIC), record(1, 'after'), record(0, 'aaa')]);
      const written = (await javaReadCommitted(slow)).find((r) => text(r.value) === CATASTROPHIC);
      assert.ok(written, 'the Java consumer did not see the slow value');
      at = written;
    });

    it('stops at the record over the budget, naming it and the pattern, and says what to do', async () => {
      await assert.rejects(
        cluster.search({ topic: slow, pattern: BACKTRACKS, regex: true }),
        expectAccessError('invalid-request', new RegExp(`^Could not search topic "${slow}": the regular expression /\\^\\(a\\+\\)\\+\\$/ took longer than 100 ms on the message at partition ${at.partition}, offset ${at.offset}, so the search stopped there\\. Simplify the pattern: .*\\(a\\+\\)\\+.*allow more time per message \\(upsun-kafka search --match-budget, setting upsunKafka\\.search\\.matchBudgetMs\\)\\.$`)),
      );
      await assert.rejects(cluster.search({ topic: slow, pattern: 'x', matchBudgetMs: 0 }), expectAccessError('invalid-request', /time allowed to match one message must be a whole number of ms from 1 to 60,000, not 0/));
    });

    it('stops at once when cancelled in the middle of that record, with a budget that would let it run', async () => {
      const controller = new AbortController();
      let stopped: SearchResult['stopped'] | undefined;
      const cpu = process.cpuUsage();
      const search = cluster.search({ topic: slow, pattern: BACKTRACKS, regex: true, matchBudgetMs: 60_000 }, { signal: controller.signal }).then((r) => (stopped = r.stopped));
      // A second of CPU spent since it started: the matching thread is deep in the slow value.
      // (On this thread it would block this poll, and the test, for hours.)
      await eventually('the search to be a second of CPU into the slow value', async () => (process.cpuUsage(cpu).user >= 1_000_000 ? true : undefined), 60_000);
      controller.abort();
      assert.strictEqual(await eventually('the search to stop after Cancel', async () => stopped, 10_000), 'cancelled');
      await search;
    });

    it('upsun-kafka search exits 1 with the same message', async () => {
      const run = await cli(['search', '--brokers', testBrokers().join(','), '--topic', slow, '--regex', BACKTRACKS]);
      assert.strictEqual(run.code, 1, run.stderr);
      assert.match(run.stderr, new RegExp(`^upsun-kafka: Could not search topic "${slow}": the regular expression /\\^\\(a\\+\\)\\+\\$/ took longer than 100 ms on the message at partition ${at.partition}, offset ${at.offset}, so the search stopped there\\. Simplify the pattern: [^\\n]*\\n$`));
    });

    it('upsun-kafka search: Ctrl+C in the middle of that record exits 130 at once', async () => {
      const args = ['search', '--brokers', testBrokers().join(','), '--topic', slow, '--regex', BACKTRACKS, '--match-budget', '60000'];
      const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, PLATFORM_RELATIONSHIPS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
      child.on('exit', (code, signal) => (exit = { code, signal }));
      try {
        // Two seconds of CPU: connected, its Ctrl+C handler set, and deep in the slow value.
        const state = await eventually('the CLI to be two seconds of CPU into the search', async () => (exit ? 'exited' : cpuSeconds(child.pid!) >= 2 ? 'busy' : undefined), 120_000);
        assert.strictEqual(state, 'busy', stderr);
        child.kill('SIGINT');
        const ended = await eventually('the CLI to exit after Ctrl+C', async () => exit, 10_000);
        assert.deepStrictEqual(ended, { code: 130, signal: null }, stderr);
        assert.match(stderr, /^[01] match(es)? in \d+ of 5 messages read \(2 partitions\): cancelled\n$/);
      } finally {
        if (!exit) child.kill('SIGKILL');
      }
    });
  });

  describe('upsun-kafka search, as a process', () => {
    const brokers = testBrokers().join(',');

    it('prints the matches as JSON lines and a summary on stderr', async () => {
      const run = await cli(['search', '--brokers', brokers, '--topic', topic, '--text', 'needle', '--in', 'key,headers', '--json']);
      assert.strictEqual(run.code, 0, run.stderr);
      const got = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { partition: number; offset: string });
      const want = expected(seen, { pattern: 'needle', fields: ['key', 'headers'] });
      assert.deepStrictEqual(got.map((m) => [m.partition, m.offset]).sort(), want.map((r) => [r.partition, r.offset]).sort());
      assert.match(run.stderr, /^3 matches in \d+ of \d+ messages read \(3 partitions\): read to the end of the range\n$/);
    });

    it('takes a time range and partitions, and stops at --limit', async () => {
      const from = new Date(T0 + 6_000).toISOString();
      const to = new Date(T0 + 14_000).toISOString();
      const run = await cli(['search', '--brokers', brokers, '--topic', topic, '--regex', 'NEEDLE', '--ignore-case', '--from', from, '--to', to, '--partition', '0,1', '--format', 'json']);
      assert.strictEqual(run.code, 0, run.stderr);
      const want = expected(seen, { pattern: 'needle', fromTimestamp: T0 + 6_000, toTimestamp: T0 + 14_000, partitions: [0, 1] });
      assert.deepStrictEqual(run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { offset: string }).offset).sort(), want.map((r) => r.offset).sort());
      const limited = await cli(['search', '--brokers', brokers, '--topic', topic, '--text', 'needle', '--limit', '2']);
      assert.strictEqual(limited.code, 0, limited.stderr);
      assert.strictEqual(limited.stdout.match(/^--- partition/gm)?.length, 2);
      assert.match(limited.stderr, /^2 matches in \d+ of \d+ messages read \(3 partitions\): stopped at the limit of matches\n$/);
    });

    it('says what is wrong on the command line with status 2, and a missing topic with status 1', async () => {
      const usage: [string[], RegExp][] = [
        [['--text', 'a', '--regex', 'b'], /option '--text <text>' cannot be used with option '--regex <pattern>'/],
        [[], /say what to find: --text TEXT or --regex PATTERN/],
        [['--regex', '('], /"\(" is not a regular expression/],
        [['--text', 'a', '--in', 'body'], /--in takes key, value, headers \(comma-separated\), not "body"/],
        [['--text', 'a', '--from', 'yesterday'], /^upsun-kafka: --from: "yesterday" is not an ISO 8601 time such as 2026-01-31T12:00:00Z/],
        [['--text', 'a', '--limit', '0'], /--limit takes a whole number from 1, not "0"/],
        [['--text', 'a', '--match-budget', '0'], /--match-budget takes a whole number from 1, not "0"/],
        [['--text', 'a', '--match-budget', '60001'], /^upsun-kafka: --match-budget takes at most 60000 \(ms\), not "60001"\n$/],
        [['--text', 'a', '--from', '2026-02-30T00:00:00Z'], /^upsun-kafka: --from: "2026-02-30T00:00:00Z" names a day that does not exist \(2026-02-30\)\n$/],
        [['--text', 'a', '--from', '2027-01-01T00:00:00Z', '--to', '2026-01-01T00:00:00Z'], /^upsun-kafka: --to must come after --from\n$/],
      ];
      for (const [args, message] of usage) {
        const run = await cli(['search', '--brokers', brokers, '--topic', topic, ...args]);
        assert.strictEqual(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
        assert.match(run.stderr, message);
      }
      const missing = await cli(['search', '--brokers', brokers, '--topic', uniqueName('absent'), '--text', 'a']);
      assert.strictEqual(missing.code, 1, missing.stderr);
      assert.match(missing.stderr, /does not exist/);
    });
  });
});
