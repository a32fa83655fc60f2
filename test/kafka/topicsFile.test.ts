// Topics as code against a real broker: apply creates and changes what the file declares, a
// second plan then has nothing to do, two applies at once both succeed with one result, and an
// export reads back as the same topics. What the cluster holds afterwards is read by Kafka's own
// Java AdminClient (describeConfigs, describeTopics), never by our code.

import * as assert from 'assert';
import { connectCluster } from '../../src/kafka/connect';
import type { KafkaCluster } from '../../src/kafka/types';
import { applyPlan } from '../../src/topicsFile/apply';
import { exportTopicsFile } from '../../src/topicsFile/export';
import { parseTopicsFile, resolveTopics, type ResolvedTopic } from '../../src/topicsFile/file';
import { readLiveTopics } from '../../src/topicsFile/live';
import { planTopics, type LiveTopic } from '../../src/topicsFile/plan';
import { testBrokers } from '../harness/kafkaBroker';
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
