// A topic's Configuration in the explorer: its settings listed with readable values, one
// edited and reset through the commands with their inputs answered, partitions added after
// the warning; what the cluster holds afterwards is read with kafkajs' own admin client.

import * as assert from 'assert';
import { ConfigResourceTypes, ConfigSource, Kafka, logLevel } from 'kafkajs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { snapshot, expandRow, type Row } from './explorerTree';
import { eventually } from '../../harness/eventually';
import { renderedMarkdown } from '../../harness/markdown';
import { answering, Answers, ScriptedPrompter } from './scriptedPrompter';
import { screenshot } from './screenshot';
import { createTopicsWithLeaders } from '../../harness/topics';

const outline = (rows: readonly Row[]) => rows.map((r) => `${'  '.repeat(r.depth)}${r.label}${r.description ? ` — ${r.description}` : ''}`).join('\n');

async function treeWhere(what: string, check: (rows: readonly Row[]) => boolean): Promise<readonly Row[]> {
  let last: readonly Row[] = [];
  try {
    return await eventually(what, async () => {
      last = ((await snapshot(4)) ?? { rows: [] }).rows;
      return check(last) ? last : undefined;
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\nrows:\n${outline(last)}`);
  }
}

/** Runs a command with `answers`; returns what the prompter could not answer (a refused input says why). */
async function refusedInputs(api: ExtensionApi, answers: Answers, run: () => Thenable<unknown>): Promise<string[]> {
  const prompter = new ScriptedPrompter(answers);
  const installed = api.liveKafka.prompter.use(prompter);
  try {
    await run();
    return prompter.unanswered;
  } finally {
    installed.dispose();
  }
}

describe('topic configuration in the explorer', function () {
  this.timeout(120_000);
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  const topic = `settings-${Date.now().toString(36)}`;
  let api: ExtensionApi;
  let key: string;
  let admin: ReturnType<Kafka['admin']>;

  const folderSettings = () => vscode.workspace.getConfiguration('upsunKafka', vscode.workspace.workspaceFolders![0].uri);
  /** The topic's own settings as kafkajs' admin client reads them. */
  const overrides = async () => {
    const { resources } = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
    return Object.fromEntries(resources[0].configEntries.filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG).map((e) => [e.configName, e.configValue]));
  };
  /** The rows under this topic's Configuration, as `name — value  (source)`. */
  const settingRows = (rows: readonly Row[]) => {
    const at = rows.findIndex((r) => r.id.endsWith(`/topic:${topic}/settings`));
    if (at < 0) return [];
    const end = rows.findIndex((r, i) => i > at && r.depth <= rows[at].depth);
    return rows.slice(at + 1, end < 0 ? undefined : end);
  };
  const described = (rows: readonly Row[], name: string) => settingRows(rows).find((r) => r.label === name)?.description;

  before(async () => {
    assert.ok(brokers.length > 0, 'KAFKA_BROKERS is not set in the extension host');
    admin = new Kafka({ brokers, clientId: 'settings-test', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await createTopicsWithLeaders(admin, [{ topic, numPartitions: 2, configEntries: [{ name: 'retention.ms', value: '86400000' }, { name: 'cleanup.policy', value: 'compact,delete' }, { name: 'max.message.bytes', value: '2097152' }] }]);
    api = (await vscode.extensions.getExtension<ExtensionApi>('upsun-kafka-tools.upsun-kafka-tools')!.activate());
    key = (await eventually('the kafka service', async () => api.liveKafka.connections.services().find((s) => s.service.name === 'kafka'))).key;
    await folderSettings().update('connections', { kafka: { brokers } }, vscode.ConfigurationTarget.WorkspaceFolder);
    assert.strictEqual(await vscode.commands.executeCommand('upsunKafka.connect', { serviceKey: key }), true);
    await answering(api, { 'Filter topics': topic }, () => vscode.commands.executeCommand('upsunKafka.filterTopics', { serviceKey: key }));
  });

  after(async () => {
    await answering(api, { 'Filter topics': '' }, () => vscode.commands.executeCommand('upsunKafka.filterTopics', { serviceKey: key }));
    await vscode.commands.executeCommand('upsunKafka.disconnect', { serviceKey: key });
    await folderSettings().update('connections', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('lists the settings under the topic, set on the topic first, in units a person reads', async () => {
    const rows = await treeWhere('the topic\'s settings', (rs) => settingRows(rs).length > 20);
    const settings = settingRows(rows);
    assert.deepStrictEqual(settings.slice(0, 3).map((r) => [r.label, r.description, r.contextValue]), [
      ['cleanup.policy', 'compact, delete  (set)', 'override'],
      ['max.message.bytes', '2 MiB  (set)', 'override'],
      ['retention.ms', '1 day  (set)', 'override'],
    ]);
    assert.ok(settings.slice(3).every((r) => r.contextValue === 'setting' && /\((default|broker default)\)$/.test(r.description ?? '')), outline(settings));
    assert.strictEqual(described(rows, 'segment.bytes'), '1 GiB  (default)');
    // Kafka 4 clusters carry a cluster-wide dynamic min.insync.replicas (for eligible leader
    // replicas); 3.7 has only the built-in default.
    assert.match(described(rows, 'min.insync.replicas') ?? '', /^1 replica {2}\((broker default|default)\)$/);
    const tooltip = renderedMarkdown(settingRows(rows).find((r) => r.label === 'retention.ms')!.node.tooltip ?? '').text;
    // Kafka 4.3 (the editor tests' broker) sends retention.ms with no default synonym: the
    // Java AdminClient sees the same (test/kafka/topicConfig.test.ts).
    assert.match(tooltip, /^retention\.ms: 1 day\nRaw value: 86400000, long\nComes from set on this topic\.\nReset to Default removes the value set on this topic; the broker does not say which default then applies\.\n/);
    const maxBytes = renderedMarkdown(settingRows(rows).find((r) => r.label === 'max.message.bytes')!.node.tooltip ?? '').text;
    assert.match(maxBytes, /\nReset to Default brings back 1 MiB \+ 12 bytes \(/);
    assert.match(tooltip, /discard old log segments/);

    // Not closeAllEditors: the runner's window check looks for the peek suite's message view tab.
    await vscode.commands.executeCommand('upsunKafka.explorer.focus');
    const topicRow = rows.find((r) => r.label === topic)!;
    assert.strictEqual(await expandRow(topicRow.id, 1), true);
    assert.strictEqual(await expandRow(`${topicRow.id}/settings`, 1), true);
    await screenshot('topic-configuration');
  });

  it('edits a setting after checking what was typed, and leaves the others as they were', async () => {
    const row = settingRows(await treeWhere('retention.ms', (rs) => described(rs, 'retention.ms') !== undefined)).find((r) => r.label === 'retention.ms')!;
    // Refused before anything is sent: the scripted prompter reports the validation message.
    assert.deepStrictEqual(await refusedInputs(api, { 'Set retention.ms': '7 weeks' }, () => vscode.commands.executeCommand('upsunKafka.editTopicSetting', row.node)), [
      `Set retention.ms of "${topic}": "7 weeks" rejected: retention.ms is a duration: a number of milliseconds, or with a unit such as 7d, 12h, 30m, 45s, 500ms, or "unlimited".`,
    ]);
    assert.strictEqual((await overrides())['retention.ms'], '86400000');
    assert.strictEqual(await answering(api, { 'Set retention.ms': '7d' }, () => vscode.commands.executeCommand('upsunKafka.editTopicSetting', row.node)), true);
    assert.deepStrictEqual(await overrides(), { 'retention.ms': '604800000', 'cleanup.policy': 'compact,delete', 'max.message.bytes': '2097152' });
    await treeWhere('retention.ms shown as 7 days', (rs) => described(rs, 'retention.ms') === '7 days  (set)');
    // Editing again starts from the form a person types, not the broker's 604800000.
    const again = new ScriptedPrompter({});
    const installed = api.liveKafka.prompter.use(again);
    try {
      assert.strictEqual(await vscode.commands.executeCommand('upsunKafka.editTopicSetting', row.node), false);
    } finally {
      installed.dispose();
    }
    assert.deepStrictEqual(again.prefilled, { [`Set retention.ms of "${topic}"`]: '7d' });
  });

  it('resets a setting to its default', async () => {
    const row = settingRows(await treeWhere('max.message.bytes', (rs) => described(rs, 'max.message.bytes') !== undefined)).find((r) => r.label === 'max.message.bytes')!;
    assert.strictEqual(await answering(api, {}, () => vscode.commands.executeCommand('upsunKafka.resetTopicSetting', row.node)), true);
    assert.deepStrictEqual(await overrides(), { 'retention.ms': '604800000', 'cleanup.policy': 'compact,delete' });
    await treeWhere('max.message.bytes back to its default', (rs) => described(rs, 'max.message.bytes') === '1 MiB + 12 bytes  (default)');
  });

  it('adds partitions only after the warning about keyed messages is accepted', async () => {
    const topicRow = (await treeWhere('the topic', (rs) => rs.some((r) => r.label === topic))).find((r) => r.label === topic)!;
    const question = `Grow topic "${topic}" from 2 to 4 partitions on "kafka"?`;
    assert.strictEqual(await answering(api, { 'New partition count': '4', [question]: false }, () => vscode.commands.executeCommand('upsunKafka.addPartitions', topicRow.node)), false);
    assert.strictEqual(await answering(api, { 'New partition count': '4', [question]: true }, () => vscode.commands.executeCommand('upsunKafka.addPartitions', topicRow.node)), true);
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    assert.strictEqual(topics[0].partitions.length, 4);
    await treeWhere('the topic with 4 partitions', (rs) => rs.some((r) => r.label === topic && / · 4 partitions( · \d+(\.\d)? (B|KiB|MiB))?$/.test(r.description ?? '')));
    assert.deepStrictEqual(await refusedInputs(api, { 'New partition count': '3' }, () => vscode.commands.executeCommand('upsunKafka.addPartitions', topicRow.node)), [
      `New partition count of "${topic}": "3" rejected: The topic has 4 partitions; the new count must be larger. Kafka cannot remove partitions.`,
    ]);
  });
});
