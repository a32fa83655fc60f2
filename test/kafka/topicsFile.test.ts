// Topics as code against a real broker: apply creates and changes what the file declares, a
// second plan then has nothing to do, two applies at once both succeed with one result, and an
// export reads back as the same topics. What the cluster holds afterwards is read by Kafka's own
// Java AdminClient (describeConfigs, describeTopics), never by our code.

import * as assert from 'assert';
import { execFile } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { connectCluster } from '../../src/kafka/connect';
import type { KafkaCluster } from '../../src/kafka/types';
import { applyPlan } from '../../src/topicsFile/apply';
import { exportTopicsFile } from '../../src/topicsFile/export';
import { parseTopicsFile, resolveTopics, type ResolvedTopic } from '../../src/topicsFile/file';
import { readLiveTopics } from '../../src/topicsFile/live';
import { planTopics, type LiveTopic, type TopicChange } from '../../src/topicsFile/plan';
import { testBrokers } from '../harness/kafkaBroker';
import { REPO_ROOT } from '../harness/paths';
import { uniqueName } from './helpers';
import { runJava } from './javaClient';

/** Topic-level overrides as the Java AdminClient describes them, name → value. */
async function javaOverrides(topic: string): Promise<Record<string, string | null>> {
  const out = await runJava('DescribeTopicConfigs.java', [testBrokers().join(','), topic]);
  const entries = out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { name: string; value: string | null; source: string });
  return Object.fromEntries(entries.filter((e) => e.source === 'DYNAMIC_TOPIC_CONFIG').map((e) => [e.name, e.value]));
}

/** Partition count as the Java AdminClient's describeTopics gives it (OffsetsTruth prints a line per partition). */
async function javaPartitions(topic: string): Promise<number> {
  return (await runJava('OffsetsTruth.java', [testBrokers().join(','), topic])).split('\n').filter(Boolean).length;
}

/** `upsun-kafka ARGS` as npm ships it (dist/cli.js), in `cwd`, with no terminal on stdin. */
function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), ...args], { cwd, env: { ...process.env, PLATFORM_RELATIONSHIPS: '', PLATFORM_ENVIRONMENT_TYPE: '', ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

function fileFor(prefix: string, body: string): ResolvedTopic[] {
  const file = parseTopicsFile(body.replaceAll('PREFIX', prefix), new Map([['kafka', '4.3']]));
  assert.deepStrictEqual(file.problems, []);
  return resolveTopics(file.services[0], 'staging');
}

describe('topics file plan and apply, against Kafka\'s Java AdminClient', function () {
  this.timeout(180_000);
  let cluster: KafkaCluster;
  const prefix = uniqueName('tac');
  const ours = async (): Promise<LiveTopic[]> => (await readLiveTopics(cluster)).filter((t) => t.name.startsWith(prefix));

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers(), clientId: 'upsun-kafka-tests' });
  });

  after(async () => {
    for (const topic of await ours().catch(() => [])) await cluster.deleteTopic(topic.name).catch(() => undefined);
    await cluster?.disconnect();
  });

  it('creates the declared topics with their settings, then has nothing left to do', async () => {
    const declared = fileFor(prefix, `services:
  kafka:
    topics:
      PREFIX.orders:
        partitions: 3
        config:
          retention.ms: 7d
          cleanup.policy: compact,delete
        environments:
          staging:
            partitions: 2
      PREFIX.audit:
        partitions: 1
`);
    const result = await applyPlan(cluster, planTopics(declared, await ours()));
    assert.deepStrictEqual([result.failed, result.notApplied, result.applied.map((c) => `${c.kind} ${c.topic}`)], [undefined, [], [`create ${prefix}.orders`, `create ${prefix}.audit`]]);
    assert.strictEqual(await javaPartitions(`${prefix}.orders`), 2);
    assert.deepStrictEqual(await javaOverrides(`${prefix}.orders`), { 'retention.ms': '604800000', 'cleanup.policy': 'compact,delete' });
    assert.deepStrictEqual(await javaOverrides(`${prefix}.audit`), {});
    assert.deepStrictEqual(planTopics(declared, await ours()).changes, []);
  });

  it('grows partitions, sets and resets settings as the file changes', async () => {
    const declared = fileFor(prefix, `services:
  kafka:
    topics:
      PREFIX.orders:
        partitions: 4
        config:
          retention.ms: 1d
      PREFIX.audit:
        partitions: 1
        config:
          max.message.bytes: 2MiB
`);
    const plan = planTopics(declared, await ours());
    assert.deepStrictEqual(plan.changes.map((c) => `${c.kind} ${c.topic}${'name' in c ? ` ${c.name}` : ''}`), [
      `add-partitions ${prefix}.orders`,
      `set ${prefix}.orders retention.ms`,
      `set ${prefix}.audit max.message.bytes`,
      `reset ${prefix}.orders cleanup.policy`,
    ]);
    const result = await applyPlan(cluster, plan);
    assert.strictEqual(result.failed, undefined);
    assert.strictEqual(await javaPartitions(`${prefix}.orders`), 4);
    assert.deepStrictEqual(await javaOverrides(`${prefix}.orders`), { 'retention.ms': '86400000' });
    assert.deepStrictEqual(await javaOverrides(`${prefix}.audit`), { 'max.message.bytes': '2097152' });
  });

  it("stops on a creation or growth Kafka refuses with Kafka's own reason, as its AdminClient hears it", async () => {
    const refusal = async (...args: string[]): Promise<{ error: string | null; message?: string }> => JSON.parse(await runJava('RefusalTruth.java', [testBrokers().join(','), ...args])) as { error: string | null; message?: string };
    const cases: { change: TopicChange; truth: string[]; code: string; action: string }[] = [
      { change: { kind: 'create', topic: `${prefix}.rf3`, partitions: 1, replicationFactor: 3, config: {} }, truth: ['create', `${prefix}.rf3`, '1', '3'], code: 'INVALID_REPLICATION_FACTOR', action: `create topic "${prefix}.rf3"` },
      { change: { kind: 'create', topic: `${prefix}.unknown`, partitions: 1, config: { 'no.such.setting': '1' } }, truth: ['create', `${prefix}.unknown`, '1', '1', 'no.such.setting=1'], code: 'INVALID_CONFIG', action: `create topic "${prefix}.unknown"` },
    ];
    for (const { change, truth, code, action } of cases) {
      const expected = await refusal(...truth);
      assert.strictEqual(expected.error, code);
      const result = await applyPlan(cluster, { changes: [change], impossible: [], undeclared: [] });
      assert.deepStrictEqual([result.applied, result.failed?.message], [[], `Could not ${action}: the cluster rejected the request: ${expected.message}`]);
    }
    assert.deepStrictEqual((await ours()).map((t) => t.name).filter((n) => n.endsWith('.rf3') || n.endsWith('.unknown')), []);
    // Apply counts a growth to fewer as done (another run grew it further); the cluster's own call says why.
    const fewer = await refusal('grow', `${prefix}.orders`, '2');
    assert.strictEqual(fewer.error, 'INVALID_PARTITIONS');
    await assert.rejects(cluster.createPartitions(`${prefix}.orders`, 2), { message: `Could not grow topic "${prefix}.orders" to 2 partitions: the cluster rejected the request: ${fewer.message}` });
  });

  it('says another run created a topic when a creation loses to one with other settings, and to plan again', async () => {
    await cluster.createTopic({ topic: `${prefix}.cc1`, partitions: 1, replicationFactor: 1, config: { 'retention.ms': '3600000' } });
    const result = await applyPlan(cluster, { changes: [{ kind: 'create', topic: `${prefix}.cc1`, partitions: 1, config: { 'retention.ms': '7200000' } }], impossible: [], undeclared: [] });
    assert.strictEqual(result.failed?.message, `Could not create topic "${prefix}.cc1": it already exists. Another run (or someone else) created it a moment ago; plan and apply again to bring it to the file.`);
    assert.deepStrictEqual(await javaOverrides(`${prefix}.cc1`), { 'retention.ms': '3600000' });
  });

  it('two applies of the same plan at the same moment both succeed and leave one result', async () => {
    const declared = fileFor(prefix, `services:
  kafka:
    topics:
      PREFIX.race:
        partitions: 3
        config:
          retention.ms: 2h
`);
    const plan = planTopics(declared, await ours());
    const second = await connectCluster({ brokers: testBrokers(), clientId: 'upsun-kafka-tests-2' });
    try {
      const results = await Promise.all([applyPlan(cluster, plan), applyPlan(second, plan)]);
      assert.deepStrictEqual(results.map((r) => [r.failed?.message, r.applied.length]), [[undefined, 1], [undefined, 1]]);
    } finally {
      await second.disconnect();
    }
    assert.strictEqual(await javaPartitions(`${prefix}.race`), 3);
    assert.deepStrictEqual(await javaOverrides(`${prefix}.race`), { 'retention.ms': '7200000' });
  });

  it('exports the live topics as a file that plans to nothing', async () => {
    const live = await ours();
    const text = exportTopicsFile('kafka', live, '4.3');
    const file = parseTopicsFile(text, new Map([['kafka', '4.3']]));
    assert.deepStrictEqual(file.problems, []);
    assert.deepStrictEqual(planTopics(resolveTopics(file.services[0]), live).changes, []);
    assert.match(text, new RegExp(`${prefix}\\.orders:\\n {8}partitions: 4\\n {8}replication_factor: 1\\n {8}config:\\n {10}retention\\.ms: 1d\\n`));
  });
});

describe('upsun-kafka topics plan, apply, export and diff', function () {
  this.timeout(180_000);
  const prefix = uniqueName('tacli');
  let dir: string;
  let file: string;
  let cluster: KafkaCluster;
  const brokers = () => testBrokers().join(',');

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers(), clientId: 'upsun-kafka-tests' });
    dir = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-topics-'));
    file = path.join(dir, 'kafka-topics.yaml');
    writeFileSync(file, `services:\n  kafka:\n    topics:\n      ${prefix}.events:\n        partitions: 2\n        config:\n          retention.ms: 3d\n        environments:\n          production:\n            partitions: 4\n`);
  });

  after(async () => {
    await cluster?.deleteTopic(`${prefix}.events`).catch(() => undefined);
    await cluster?.disconnect();
  });

  it('plans the creation with --detailed-exitcode 3, applies it with --yes, then plans nothing with 0', async () => {
    const plan = await cli(['topics', 'plan', '--brokers', brokers(), '--file', file, '--detailed-exitcode'], dir);
    // Other suites' topics on the same broker show as "not declared, kept" between the two.
    const lines = plan.stdout.split('\n').filter((l) => !/^ {2}not declared, kept: .* \(--prune deletes them\)$/.test(l));
    assert.deepStrictEqual([plan.code, lines], [3, [`+ ${prefix}.events: create, 2 partitions, retention.ms 3 days`, `kafka at ${brokers()}: 1 topic to create.`, '']], plan.stderr);
    const apply = await cli(['topics', 'apply', '--brokers', brokers(), '--file', file, '--yes'], dir);
    assert.deepStrictEqual([apply.code, apply.stdout], [0, 'Applied 1 of 1 changes.\n'], apply.stderr);
    assert.deepStrictEqual(await javaOverrides(`${prefix}.events`), { 'retention.ms': '259200000' });
    assert.strictEqual(await javaPartitions(`${prefix}.events`), 2);
    const again = await cli(['topics', 'plan', '--brokers', brokers(), '--file', file, '--detailed-exitcode', '--json'], dir);
    assert.strictEqual(again.code, 0, again.stderr);
    assert.deepStrictEqual(JSON.parse(again.stdout).changes, []);
  });

  it("applies a production environment's overrides only when --yes spells the change out", async () => {
    const env = { PLATFORM_ENVIRONMENT_TYPE: 'production' };
    const refused = await cli(['topics', 'apply', '--brokers', brokers(), '--file', file], dir, env);
    assert.strictEqual(refused.code, 2);
    assert.match(refused.stderr, /a production environment, without a terminal to confirm on: pass --yes/);
    assert.strictEqual(await javaPartitions(`${prefix}.events`), 2);
    const applied = await cli(['topics', 'apply', '--brokers', brokers(), '--file', file, '--yes'], dir, env);
    assert.strictEqual(applied.code, 0, applied.stderr);
    assert.strictEqual(await javaPartitions(`${prefix}.events`), 4);
  });

  it('reports more partitions and another replication factor than declared, and still exits 0: a deploy hook goes on', async () => {
    // A branch environment inherits its parent's data: 4 partitions where its type's file says 1.
    const drift = path.join(dir, 'drift.yaml');
    writeFileSync(drift, `services:\n  kafka:\n    topics:\n      ${prefix}.events:\n        partitions: 1\n        replication_factor: 2\n        config:\n          retention.ms: 3d\n`);
    const report = [
      `! ${prefix}.events has 4 partitions and the file declares 1: Kafka cannot remove partitions (recreate the topic to have fewer; its messages would be lost).`,
      `! ${prefix}.events has replication factor 1 and the file declares 2: changing it takes a partition reassignment (kafka-reassign-partitions), which plan does not do.`,
      `kafka at ${brokers()}: nothing to do; 2 declarations Kafka cannot carry out.`,
      '',
    ];
    const ownLines = (out: string) => out.split('\n').filter((l) => !/^ {2}not declared, kept: .* \(--prune deletes them\)$/.test(l));
    const apply = await cli(['topics', 'apply', '--brokers', brokers(), '--file', drift, '--yes'], dir);
    assert.deepStrictEqual([apply.code, ownLines(apply.stdout)], [0, report], apply.stderr);
    const plan = await cli(['topics', 'plan', '--brokers', brokers(), '--file', drift, '--detailed-exitcode'], dir);
    assert.deepStrictEqual([plan.code, ownLines(plan.stdout)], [0, report], plan.stderr);
    const json = await cli(['topics', 'apply', '--brokers', brokers(), '--file', drift, '--yes', '--json'], dir);
    const result = JSON.parse(json.stdout) as Record<string, unknown>;
    assert.deepStrictEqual([json.code, result.applied, result.failed, result.notApplied, (result.impossible as unknown[]).length], [0, [], null, [], 2], json.stderr);
    assert.strictEqual(await javaPartitions(`${prefix}.events`), 4);
  });

  it('refuses a file with errors before reaching a cluster, naming each at its line', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'services:\n  kafka:\n    topics:\n      t:\n        partitions: 1\n        config:\n          retention.msx: 1d\n');
    const run = await cli(['topics', 'plan', '--brokers', '127.0.0.1:1', '--file', bad], dir);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /bad\.yaml:7:11: error: `retention\.msx` is not a topic setting Kafka knows; did you mean `retention\.ms`\? \[topics-unknown-setting\]/);
    assert.doesNotMatch(run.stderr, /127\.0\.0\.1:1/);
  });

  it('says what a topics file looks like when it declares no services, and refuses a missing --output folder before reading the cluster', async () => {
    const empty = path.join(dir, 'empty.yaml');
    writeFileSync(empty, '');
    const plan = await cli(['topics', 'plan', '--brokers', '127.0.0.1:1', '--file', empty], dir);
    assert.deepStrictEqual([plan.code, plan.stderr], [2, `upsun-kafka: ${empty} declares no services: a topics file is \`services:\` with a Kafka service's name, its \`topics:\` and each topic's \`partitions:\` (see docs/topics.md, or write one from a cluster with \`upsun-kafka topics export\`)\n`]);
    const missing = path.join(dir, 'x', 'y', 'z.yaml');
    const exported = await cli(['topics', 'export', '--brokers', '127.0.0.1:1', '--output', missing], dir);
    assert.deepStrictEqual([exported.code, exported.stderr], [2, `upsun-kafka: --output: the folder ${path.join(dir, 'x', 'y')} does not exist; create it first, or name a file in a folder that exists\n`]);
  });

  it('exports the topic, and diff of a cluster with itself finds nothing', async () => {
    const exported = await cli(['topics', 'export', '--brokers', brokers()], dir);
    assert.strictEqual(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, new RegExp(`${prefix}\\.events:\\n {8}partitions: 4\\n {8}replication_factor: 1\\n {8}config:\\n {10}retention\\.ms: 3d\\n`));
    const diff = await cli(['topics', 'diff', '--brokers', brokers(), '--against-brokers', brokers()], dir);
    assert.deepStrictEqual([diff.code, diff.stdout], [0, `${brokers()} and ${brokers()} have the same topics, settings and consumer groups.\n`]);
  });
});
