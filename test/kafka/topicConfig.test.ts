// A topic's settings read, changed and reset, and partitions added, checked against what
// Kafka's own Java AdminClient (describeConfigs) and kafkajs' metadata say afterwards.

import * as assert from 'assert';
import { execFile } from 'child_process';
import * as path from 'path';
import { connectCluster } from '../../src/kafka/connect';
import type { TopicConfigEntry, TopicConfigSource } from '../../src/kafka/types';
import { KafkaCluster } from '../../src/kafka/types';
import { entryValue, planSettingEdit, planSettingReset } from '../../src/kafka/topicSettings/edit';
import { kafkaDefault, topicSettingNames } from '../../src/kafka/topicSettings/defaults';
import { logConfigLine, TOPIC_SETTINGS } from '../../src/kafka/topicSettings/specs';
import { testBrokers } from '../harness/kafkaBroker';
import { REPO_ROOT } from '../harness/paths';
import { expectAccessError, testKafka, uniqueName } from './helpers';
import { runJava } from './javaClient';

interface JavaEntry {
  readonly name: string;
  readonly value: string | null;
  readonly source: string;
  readonly sensitive: boolean;
  readonly readOnly: boolean;
  readonly synonyms: readonly [string, string][];
}

/** org.apache.kafka.clients.admin.ConfigEntry.ConfigSource by our name for it. */
const JAVA_SOURCE: Record<TopicConfigSource, string> = {
  topic: 'DYNAMIC_TOPIC_CONFIG',
  'dynamic-broker': 'DYNAMIC_BROKER_CONFIG',
  'dynamic-default-broker': 'DYNAMIC_DEFAULT_BROKER_CONFIG',
  'static-broker': 'STATIC_BROKER_CONFIG',
  default: 'DEFAULT_CONFIG',
  unknown: 'UNKNOWN',
};

async function javaDescribe(topic: string): Promise<JavaEntry[]> {
  const out = await runJava('DescribeTopicConfigs.java', [testBrokers().join(','), topic]);
  return out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as JavaEntry);
}

/** The topic-level overrides as the Java client sees them, name → value. */
async function javaOverrides(topic: string): Promise<Record<string, string | null>> {
  return Object.fromEntries((await javaDescribe(topic)).filter((e) => e.source === 'DYNAMIC_TOPIC_CONFIG').map((e) => [e.name, e.value]));
}

function asJava(e: TopicConfigEntry): JavaEntry {
  return { name: e.name, value: e.value, source: JAVA_SOURCE[e.source], sensitive: e.sensitive, readOnly: e.readOnly, synonyms: e.synonyms.map((s) => [s.name, JAVA_SOURCE[s.source]]) };
}

/** `upsun-kafka ARGS` as npm ships it (dist/cli.js): exit status and output. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), ...args], { env: { ...process.env, PLATFORM_RELATIONSHIPS: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

const CREATED_WITH = {
  'retention.ms': '86400000',
  'cleanup.policy': 'compact,delete',
  'max.message.bytes': '2097152',
  'segment.bytes': '10485760',
  'min.cleanable.dirty.ratio': '0.25',
};

describe('topic settings and partitions, against Kafka\'s Java AdminClient', function () {
  this.timeout(180_000);
  let cluster: KafkaCluster;
  const topic = uniqueName('settings');

  before(async () => {
    cluster = await connectCluster({ brokers: testBrokers(), clientId: 'upsun-kafka-tests' });
    await cluster.createTopic({ topic, partitions: 2, replicationFactor: 1, config: CREATED_WITH });
  });

  after(async () => {
    await cluster?.deleteTopic(topic).catch(() => undefined);
    await cluster?.disconnect();
  });

  it('reads every setting as the Java client describes it: value, source, synonyms, sensitive, read-only', async () => {
    const ours = await cluster.describeTopicConfig(topic);
    const java = await javaDescribe(topic);
    assert.ok(java.length >= 25, `the Java client listed only ${java.length} settings`);
    assert.deepStrictEqual(ours.map(asJava).sort(byName), [...java].sort(byName));
    assert.deepStrictEqual(Object.fromEntries(ours.filter((e) => e.source === 'topic').map((e) => [e.name, e.value])), CREATED_WITH);
    // Types and documentation come only with DescribeConfigs v3, which the Java client asks for too.
    const retention = ours.find((e) => e.name === 'retention.ms')!;
    assert.strictEqual(retention.type, 'long');
    assert.match(retention.documentation ?? '', /discard old log segments/);
    assert.strictEqual(entryValue(retention), '1 day');
    assert.strictEqual(entryValue(ours.find((e) => e.name === 'max.message.bytes')!), '2 MiB');
    assert.strictEqual(entryValue(ours.find((e) => e.name === 'min.cleanable.dirty.ratio')!), '25%');
  });

  it('states Kafka\'s settings and defaults as a broker of its version reports them for a new topic (the Java client\'s DEFAULT_CONFIG values)', async () => {
    const fresh = uniqueName('defaults');
    await cluster.createTopic({ topic: fresh, partitions: 1, replicationFactor: 1 });
    try {
      const java = await javaDescribe(fresh);
      const line = logConfigLine(java.map((e) => e.name));
      // Both ways: every setting the broker lists is in the line's table, and every one there is listed.
      assert.deepStrictEqual(topicSettingNames(line), java.map((e) => e.name).sort());
      // Each has a spec of its own, so a topics file checks its value.
      assert.deepStrictEqual(topicSettingNames(line).filter((name) => !(name in TOPIC_SETTINGS)), []);
      const reported = java.filter((e) => e.source === 'DEFAULT_CONFIG');
      assert.deepStrictEqual(
        Object.fromEntries(reported.map((e) => [e.name, kafkaDefault(e.name, line)])),
        Object.fromEntries(reported.map((e) => [e.name, e.value ?? ''])),
      );
      assert.ok(reported.length >= 25, `only ${reported.length} defaults checked`);
      const otherwise = java.filter((e) => e.source !== 'DEFAULT_CONFIG').map((e) => `${e.name} (${e.source})`);
      console.log(`      ${java.length} settings as the table's (${line}), ${reported.length} defaults equal the broker's; set elsewhere, not checked: ${otherwise.join(', ') || 'none'}`);
    } finally {
      await cluster.deleteTopic(fresh).catch(() => undefined);
    }
  });

  it('changes one setting and leaves every other override as it was', async () => {
    const plan = planSettingEdit(await cluster.describeTopicConfig(topic), 'retention.ms', '7d');
    assert.deepStrictEqual(plan, { change: { name: 'retention.ms', value: '604800000' } });
    await cluster.alterTopicConfig(topic, [plan.change]);
    assert.deepStrictEqual(await javaOverrides(topic), { ...CREATED_WITH, 'retention.ms': '604800000' });
  });

  it('sets a setting that had no override, then resets it to its default, the others untouched', async () => {
    const set = planSettingEdit(await cluster.describeTopicConfig(topic), 'min.insync.replicas', '1');
    await cluster.alterTopicConfig(topic, [set.change!]);
    assert.strictEqual((await javaOverrides(topic))['min.insync.replicas'], '1');

    const reset = planSettingReset(await cluster.describeTopicConfig(topic), 'max.message.bytes');
    assert.deepStrictEqual(reset, { change: { name: 'max.message.bytes', value: null } });
    await cluster.alterTopicConfig(topic, [reset.change]);
    const java = await javaDescribe(topic);
    const maxMessage = java.find((e) => e.name === 'max.message.bytes')!;
    assert.notStrictEqual(maxMessage.source, 'DYNAMIC_TOPIC_CONFIG');
    assert.strictEqual(maxMessage.value, '1048588');
    const { 'max.message.bytes': _removed, ...rest } = CREATED_WITH;
    assert.deepStrictEqual(await javaOverrides(topic), { ...rest, 'retention.ms': '604800000', 'min.insync.replicas': '1' });
  });

  it('refuses edits outside Kafka\'s constraints before sending, and shows the broker\'s own refusal otherwise', async () => {
    const entries = await cluster.describeTopicConfig(topic);
    const before = await javaOverrides(topic);
    assert.deepStrictEqual(planSettingEdit(entries, 'cleanup.policy', 'bogus'), {
      problem: 'cleanup.policy is delete, or compact, or both (delete,compact); "bogus" is not one of delete, compact.',
    });
    assert.deepStrictEqual(planSettingEdit(entries, 'min.insync.replicas', '0'), { problem: 'min.insync.replicas is at least 1 (1 replica).' });
    assert.deepStrictEqual(planSettingEdit(entries, 'no.such.setting', '1'), { problem: `The topic has no setting "no.such.setting". Its settings: ${entries.map((e) => e.name).join(', ')}.` });
    assert.deepStrictEqual(planSettingReset(entries, 'segment.ms'), { problem: `segment.ms is not set on this topic; it already has Kafka's built-in default (7 days).` });
    // Sent as is, past our checks: the broker's message reaches the user.
    await assert.rejects(
      cluster.alterTopicConfig(topic, [{ name: 'cleanup.policy', value: 'bogus' }]),
      expectAccessError('invalid-request', /^Could not change cleanup\.policy of topic "settings-[^"]+": the cluster rejected the request: Invalid value bogus for configuration cleanup\.policy: String must be one of: compact, delete$/),
    );
    assert.deepStrictEqual(await javaOverrides(topic), before);
  });

  it('holds segment.bytes to the broker\'s own limit (1 MiB since Kafka 4.0, 14 bytes before), as the broker does', async () => {
    const entries = await cluster.describeTopicConfig(topic);
    for (const typed of ['512KiB', '13', '1MiB']) {
      const plan = planSettingEdit(entries, 'segment.bytes', typed);
      const value = plan.change?.value ?? (typed === '13' ? '13' : '524288');
      // The broker is the ground truth: sent as is, past our checks.
      const broker = await cluster.alterTopicConfig(topic, [{ name: 'segment.bytes', value }]).then(
        () => 'accepted',
        (error: Error) => `refused: ${error.message}`,
      );
      assert.strictEqual(plan.problem === undefined ? 'accepted' : 'refused', broker.replace(/:.*/s, ''), `segment.bytes ${typed}: ours ${JSON.stringify(plan)}, the broker ${broker}`);
    }
    await cluster.alterTopicConfig(topic, [{ name: 'segment.bytes', value: CREATED_WITH['segment.bytes'] }]);
  });

  it('prints the settings with `upsun-kafka topics config`, as text and as JSON', async () => {
    const java = await javaDescribe(topic);
    const json = await cli(['topics', 'config', '--topic', topic, '--brokers', testBrokers().join(','), '--json']);
    assert.strictEqual(json.code, 0, json.stderr);
    const printed = JSON.parse(json.stdout) as { name: string; value: string | null; readable: string; source: TopicConfigSource }[];
    assert.deepStrictEqual(printed.map((e) => [e.name, e.value, JAVA_SOURCE[e.source]]).sort(), java.map((e) => [e.name, e.value, e.source]).sort());
    assert.deepStrictEqual(printed.find((e) => e.name === 'retention.ms'), { name: 'retention.ms', value: '604800000', readable: '7 days', source: 'topic', readOnly: false, sensitive: false, type: 'long' });
    const text = await cli(['topics', 'config', '--topic', topic, '--brokers', testBrokers().join(',')]);
    assert.strictEqual(text.code, 0, text.stderr);
    const lines = text.stdout.trimEnd().split('\n');
    assert.strictEqual(lines.length, java.length);
    // Set on the topic first; the column of values starts at the same place on every line.
    assert.match(lines[0], /^cleanup\.policy +compact, delete \[compact,delete\] +set$/);
    assert.ok(lines.some((l) => /^retention\.ms +7 days \[604800000\] +set$/.test(l)), text.stdout);
    const missing = await cli(['topics', 'config', '--topic', uniqueName('settings-missing'), '--brokers', testBrokers().join(',')]);
    assert.strictEqual(missing.code, 1);
    assert.match(missing.stderr, /does not exist/);
  });

  it('says so when the topic does not exist', async () => {
    const missing = uniqueName('settings-missing');
    await assert.rejects(cluster.describeTopicConfig(missing), expectAccessError('unknown-topic', new RegExp(`^Could not read the settings of topic "${missing}": topic "${missing}" does not exist`)));
  });

  it('adds partitions, as the metadata shows, and refuses to decrease the count', async () => {
    await cluster.createPartitions(topic, 5);
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      assert.deepStrictEqual(topics[0].partitions.map((p) => p.partitionId).sort(), [0, 1, 2, 3, 4]);
    } finally {
      await admin.disconnect();
    }
    assert.strictEqual((await cluster.describeTopic(topic)).partitions.length, 5);
    await assert.rejects(cluster.createPartitions(topic, 3), expectAccessError('invalid-request', /^Could not grow topic "settings-[^"]+" to 3 partitions: the cluster rejected the request: /));
  });
});
