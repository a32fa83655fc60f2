// Consumer groups in the editor: Reset Offsets… with its preview (shown for real in the window
// and photographed), the production guard before the commit, a refusal while the group has a
// member, and Delete Consumer Group. Committed offsets are read back with kafkajs' admin.

import * as assert from 'assert';
import { Admin, Kafka, logLevel } from 'kafkajs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { PickItem, PickOptions, WindowPrompter } from '../../../src/vscode/prompter';
import { expandRow, snapshot } from './explorerTree';
import { eventually } from '../../harness/eventually';
import { GroupTruth, startGroupMember, TruthGroup } from '../../kafka/javaClient';
import { Answers, ScriptedPrompter } from './scriptedPrompter';
import { screenshot } from './screenshot';
import type { OffsetResetPlan } from '../../../src/kafka/types';

const PREVIEW = 'Preview:';

/** Answers from the script, except the preview, which it records and may show in the window. */
class PreviewPrompter extends ScriptedPrompter {
  readonly previews: { title: string; items: readonly PickItem<unknown>[] }[] = [];

  constructor(answers: Answers, private readonly showPreview: boolean) {
    super(answers);
  }

  override async pick<T>(items: readonly PickItem<T>[], options: PickOptions<T>): Promise<T | undefined> {
    if (options.title.startsWith(PREVIEW)) this.previews.push({ title: options.title, items });
    if (this.showPreview && options.title.startsWith(PREVIEW)) return new WindowPrompter().pick(items, options);
    return super.pick(items, options);
  }
}

describe('consumer groups in the editor', function () {
  this.timeout(120_000);
  const brokers = process.env.KAFKA_BROKERS ?? '';
  const topic = `groups-${Date.now().toString(36)}`;
  const group = `editor-group-${Date.now().toString(36)}`;
  let api: ExtensionApi;
  let key: string;
  let admin: Admin;
  const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'groups-editor-test', logLevel: logLevel.NOTHING });

  const folderSettings = () => vscode.workspace.getConfiguration('upsunKafka', vscode.workspace.workspaceFolders![0].uri);
  const committed = async () => Object.fromEntries((await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0].partitions.map((p) => [p.partition, p.offset]));

  async function run<T>(command: string, prompter: ScriptedPrompter, arg?: unknown): Promise<T> {
    const installed = api.liveKafka.prompter.use(prompter);
    try {
      return await vscode.commands.executeCommand<T>(command, arg);
    } finally {
      installed.dispose();
    }
  }

  /** The answers up to the preview: group, topic, all partitions, shift by -3. */
  const upToPreview: Answers = {
    'Reset the offsets of which consumer group': group,
    ': topic': topic,
    ': partitions': 'All 3 partitions',
    ': reset to': 'Shift by…',
    ': shift by': '-3',
  };

  before(async () => {
    assert.ok(brokers, 'KAFKA_BROKERS is not set in the extension host');
    api = (await vscode.extensions.getExtension<ExtensionApi>('upsun-kafka-tools.upsun-kafka-tools')!.activate());
    key = (await eventually('the kafka service', async () => api.liveKafka.connections.services().find((s) => s.service.name === 'kafka'))).key;
    await folderSettings().update('connections', { kafka: { brokers: brokers.split(',') } }, vscode.ConfigurationTarget.WorkspaceFolder);
    const cluster = await api.liveKafka.connections.connectKey(key);
    assert.ok(cluster, `not connected: ${api.liveKafka.connections.statusOf(key).message}`);
    await cluster.createTopic({ topic, partitions: 3, replicationFactor: 1 });
    await eventually('the new topic to be listed', async () => ((await cluster.listTopics()).some((t) => t.name === topic) ? true : undefined));
    for (const partition of [0, 1, 2]) await cluster.produceMany(topic, Array.from({ length: 10 }, (_, i) => ({ partition, value: `m${i}` })));
    admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '8' }, { partition: 1, offset: '2' }] });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.workspace.getConfiguration('upsunKafka').update('produce.confirmPatterns', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('upsunKafka.disconnect', { serviceKey: key });
    await folderSettings().update('connections', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await admin?.deleteGroups([group]).catch(() => undefined);
    await admin?.disconnect();
  });

  it('shows the reset preview, one row per partition, and changes nothing when it is closed', async () => {
    const prompter = new PreviewPrompter(upToPreview, true);
    const result = run<OffsetResetPlan | undefined>('upsunKafka.resetGroupOffsets', prompter, { serviceKey: key });
    await eventually('the preview', async () => (prompter.previews.length === 1 ? true : undefined));
    const [shown] = prompter.previews;
    assert.strictEqual(shown.title, `Preview: Reset group "${group}" on "${topic}" shift by -3: 2 partitions`);
    assert.deepStrictEqual(shown.items.map((i) => [i.label, i.description ?? '', i.detail ?? '']), [
      ['$(close) Cancel', '', ''],
      ['$(check) Apply', 'write these offsets', ''],
      ['Partitions', '', ''],
      ['P0  8 → 5', 'lag 2 → 5', ''],
      ['P1  2 → 0', 'lag 8 → 10', '-1 is before the low watermark 0'],
      ['P2  none → unchanged', 'no committed offset', 'no committed offset to shift from: left as it is'],
    ]);
    await screenshot('groups-reset-preview');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual(await result, undefined);
    assert.deepStrictEqual(prompter.unanswered, [], prompter.asked.join(' | '));
    assert.deepStrictEqual(await committed(), { 0: '8', 1: '2', 2: '-1' });
  });

  it('asks the production guard before applying, and writes nothing when it is declined', async () => {
    await vscode.workspace.getConfiguration('upsunKafka').update('produce.confirmPatterns', ['kafka'], vscode.ConfigurationTarget.Workspace);
    const declined = new PreviewPrompter({ ...upToPreview, [PREVIEW]: '$(check) Apply', 'This looks like production': false }, false);
    assert.strictEqual(await run('upsunKafka.resetGroupOffsets', declined, { serviceKey: key }), undefined);
    assert.ok(declined.asked.some((q) => q.startsWith(`Reset the offsets of group "${group}" on topic "${topic}" shift by -3 on "kafka"? This looks like production.`)), declined.asked.join(' | '));
    assert.deepStrictEqual(await committed(), { 0: '8', 1: '2', 2: '-1' });

    const accepted = new PreviewPrompter({ ...upToPreview, [PREVIEW]: '$(check) Apply', 'This looks like production': true }, false);
    const plan = await run<OffsetResetPlan | undefined>('upsunKafka.resetGroupOffsets', accepted, { serviceKey: key });
    assert.deepStrictEqual(accepted.unanswered, [], accepted.asked.join(' | '));
    assert.deepStrictEqual(plan?.partitions.map((p) => p.newOffset), ['5', '0', null]);
    assert.deepStrictEqual(await committed(), { 0: '5', 1: '0', 2: '-1' });
  });

  it('resets from the group\'s row in the explorer to the earliest offset', async () => {
    const groups = await api.liveKafka.connections.clusterFor(key)!.listConsumerGroups();
    const row = { kind: 'group', serviceKey: key, group: groups.find((g) => g.groupId === group) };
    const prompter = new PreviewPrompter({ ': topic': topic, ': partitions': 'Partition 2', ': reset to': 'Earliest', [PREVIEW]: '$(check) Apply', 'This looks like production': true }, false);
    await run('upsunKafka.resetGroupOffsets', prompter, row);
    assert.deepStrictEqual(prompter.unanswered, [], prompter.asked.join(' | '));
    assert.deepStrictEqual(await committed(), { 0: '5', 1: '0', 2: '0' });
  });

  it('says before applying that the group has a member, naming its client id, and deletes only an empty group', async () => {
    const consumer = kafka.consumer({ groupId: group });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic] });
      await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
      const cluster = api.liveKafka.connections.clusterFor(key)!;
      await eventually('the consumer to join', async () => ((await cluster.describeGroupMembers(group)).length === 1 ? true : undefined));
      const prompter = new PreviewPrompter({ ...upToPreview, [PREVIEW]: '$(close) Cancel' }, false);
      await run('upsunKafka.resetGroupOffsets', prompter, { serviceKey: key });
      const apply = prompter.previews[0]?.items[1];
      assert.strictEqual(apply?.label, '$(circle-slash) Apply');
      assert.match(apply?.description ?? '', /^cannot apply: the group has 1 active member \(groups-editor-test on \/?[\d.:a-f]+\); Kafka refuses until they stop$/);
      assert.strictEqual(await run('upsunKafka.deleteConsumerGroup', new ScriptedPrompter({ 'Delete which consumer group': group }), { serviceKey: key }), undefined);
      assert.ok((await admin.listGroups()).groups.some((g) => g.groupId === group), 'the group was deleted while it had a member');
    } finally {
      await consumer.disconnect();
    }
    const cluster = api.liveKafka.connections.clusterFor(key)!;
    await eventually('the group to empty', async () => ((await cluster.describeGroupMembers(group)).length === 0 ? true : undefined));
    // The real question in the window: Cancel is first and selected, so Enter changes nothing.
    const groupRow = { kind: 'group', serviceKey: key, group: (await cluster.listConsumerGroups()).find((g) => g.groupId === group) };
    let answered: boolean | undefined;
    const deleting = Promise.resolve(vscode.commands.executeCommand<boolean>('upsunKafka.deleteConsumerGroup', groupRow)).then((result) => (answered = result));
    await eventually('the question to be answered with Enter', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return answered !== undefined || undefined;
    });
    assert.strictEqual(await deleting, false);
    assert.ok((await admin.listGroups()).groups.some((g) => g.groupId === group), 'Enter deleted the group');
    // One question, stating what goes, even where the guard would ask too.
    const removal = new ScriptedPrompter({ 'Delete which consumer group': group, [`Delete classic group "${group}" on "kafka"?`]: true });
    assert.strictEqual(await run('upsunKafka.deleteConsumerGroup', removal, { serviceKey: key }), true);
    assert.deepStrictEqual(removal.unanswered, [], removal.asked.join(' | '));
    assert.deepStrictEqual(removal.asked.filter((q) => q.startsWith('Delete classic group')).length, 1, removal.asked.join(' | '));
    assert.ok(!(await admin.listGroups()).groups.some((g) => g.groupId === group), 'the group is still listed');
  });

  it('shows a group of every type in the explorer with its type, state and members, as Kafka\'s Admin API describes them', async function () {
    this.timeout(300_000);
    const truth = await GroupTruth.start();
    const members: { stop(): Promise<void> }[] = [];
    // Short ids, so the sidebar's width leaves room for the rows' type and state in the screenshot.
    const run36 = Date.now().toString(36).slice(-4);
    const typed = { consumer: `k848-${run36}`, share: `queue-${run36}`, streams: `app-${run36}` };
    try {
      await truth.ask(`groupConfig ${typed.share} share.auto.offset.reset earliest`);
      for (const [type, id] of Object.entries(typed)) members.push(await startGroupMember(type as keyof typeof typed, id, topic, `${type}-app`));
      const expected: Record<string, TruthGroup> = {};
      for (const [type, id] of Object.entries(typed)) {
        expected[id] = await eventually(`${id} to be Stable with its member assigned`, async () => {
          const g = await truth.ask<TruthGroup>(`describe ${type} ${id}`);
          return g.state === 'Stable' && g.members.length === 1 && g.members[0].assignment.length > 0 ? g : undefined;
        }, 120_000);
      }
      await vscode.commands.executeCommand('upsunKafka.refresh');
      const rows = await eventually('every group row with its type', async () => {
        const { rows: now } = await snapshot(4);
        return Object.entries(typed).every(([type, id]) => now.some((r) => r.label === id && (r.description ?? '').endsWith(`· ${type} · ${expected[id].state} · 1 member`))) ? now : undefined;
      }, 60_000);
      for (const id of Object.values(typed)) {
        const at = rows.findIndex((r) => r.label === id);
        // The member row: client id as Kafka names it, its host and what it is assigned.
        const member = expected[id].members[0];
        assert.strictEqual(rows[at + 1].label, member.clientId);
        assert.ok((rows[at + 1].description ?? '').startsWith(`${member.host} · `), rows[at + 1].description);
        assert.strictEqual(await expandRow(rows[at].id, 1), true);
      }
      await vscode.commands.executeCommand('upsunKafka.explorer.focus');
      await screenshot('groups-types');
    } finally {
      await Promise.all(members.map((m) => m.stop()));
      await truth.stop();
    }
  });
});
