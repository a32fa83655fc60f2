import * as assert from 'assert';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { Kafka, logLevel } from 'kafkajs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { drawnRows, expandRow, snapshot, type Row, type Snapshot } from './explorerTree';
import { eventually } from '../../harness/eventually';
import { answering } from './scriptedPrompter';
import { eventuallyShown } from './peekPage';
import { screenshot, screenshotInBothThemes } from './screenshot';
import { createTopicsWithLeaders } from '../../harness/topics';

function configPath(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  return path.join(folder.uri.fsPath, '.upsun', 'config.yaml');
}

async function tree(): Promise<Snapshot> {
  return (await snapshot(4)) ?? { rows: [] };
}

const outline = (rows: readonly Pick<Row, 'depth' | 'label' | 'description'>[]) => rows.map((r) => `${'  '.repeat(r.depth)}${r.label}${r.description ? ` — ${r.description}` : ''}`);

/** Waits until the view's rows satisfy `check`; fails with what the view showed last. */
async function treeWhere(what: string, check: (snapshot: Snapshot) => boolean): Promise<Snapshot> {
  let last: Snapshot = { rows: [] };
  try {
    return await eventually(what, async () => {
      last = await tree();
      return check(last) ? last : undefined;
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\nstate ${last.state}, rows:\n${outline(last.rows).join('\n')}`);
  }
}

const has = (label: string) => (s: Snapshot) => s.rows.some((r) => r.label === label);

describe('explorer view', () => {
  let original: string;

  before(async () => {
    original = readFileSync(configPath(), 'utf8');
    await vscode.extensions.getExtension('upsun-kafka-tools.upsun-kafka-tools')?.activate();
  });

  /** Puts the sample config back as it was, on disk and in any open editor, and closes the editors. */
  async function restore(): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === configPath());
    if (open?.isDirty && existsSync(configPath())) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(open.uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), original);
      await vscode.workspace.applyEdit(edit);
      await open.save();
    }
    writeFileSync(configPath(), original);
    await eventually('the config editor to match the disk', async () => !vscode.workspace.textDocuments.some((d) => d.uri.fsPath === configPath() && d.getText() !== original) || undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await treeWhere('the sample tree again', (s) => s.state === 'ready' && has('backend › kafka → kafka:kafka')(s) && !has('queue')(s));
  }

  afterEach(restore);

  it('shows the sample project\'s Kafka service, the relationships bound to it and their variables', async () => {
    // The suites before this one edited the sample config: wait for its text as on disk.
    const { state, rows } = await treeWhere('the sample project in the tree', (s) => has('KAFKA_HOST')(s) && s.rows[0]?.description === 'kafka:4.1');
    assert.strictEqual(state, 'ready');
    assert.deepStrictEqual(outline(rows), [
      'kafka — kafka:4.1',
      '  backend › kafka → kafka:kafka',
      '    KAFKA_HOST — kafka.internal',
      '    KAFKA_PORT — 9092',
      '    KAFKA_SCHEME — kafka',
      '    KAFKA_IP — e.g. 169.254.36.172',
      '    KAFKA_HOSTNAME — e.g. abcdefgh1234567.kafka.service._.eu-1.platformsh.site',
      '    KAFKA_CLUSTER — e.g. abcdefgh1234567-main-bvxea6i',
      '    KAFKA_REL — kafka',
      '    KAFKA_SERVICE — kafka',
      '    KAFKA_TYPE — kafka:4.1',
      '  backend › events → kafka:kafka',
      '    EVENTS_HOST — events.internal',
      '    EVENTS_PORT — 9092',
      '    EVENTS_SCHEME — kafka',
      '    EVENTS_IP — e.g. 169.254.36.172',
      '    EVENTS_HOSTNAME — e.g. abcdefgh1234567.kafka.service._.eu-1.platformsh.site',
      '    EVENTS_CLUSTER — e.g. abcdefgh1234567-main-bvxea6i',
      '    EVENTS_REL — kafka',
      '    EVENTS_SERVICE — kafka',
      '    EVENTS_TYPE — kafka:4.1',
    ]);
    assert.strictEqual(rows[0].contextValue, 'kafka');
    await vscode.commands.executeCommand('upsunKafka.explorer.focus');
    // A reload the previous suite caused may still rebuild the tree under the first try.
    await eventually('the relationship row to expand', async () => ((await expandRow(rows[1].id, 1)) === true ? true : undefined));
    // What the window draws: the service open, the relationship just expanded with its
    // variables, the next relationship closed.
    const drawn = await eventually('the window to draw the relationship open', async () => {
      const shown = await drawnRows();
      return shown.some((r) => r.label === 'KAFKA_TYPE') ? shown : undefined;
    });
    assert.deepStrictEqual(outline(drawn), outline(rows).slice(0, rows.findIndex((r) => r.label === 'backend › events → kafka:kafka') + 1));
    await screenshot('explorer');
  });

  it('opens the YAML at the service when its row is clicked', async () => {
    const { rows } = await treeWhere('the kafka row', has('kafka'));
    const row = rows.find((r) => r.label === 'kafka')!;
    assert.strictEqual(row.command, 'upsunKafka.revealInConfig');
    await vscode.commands.executeCommand(row.command, row.commandArgument);
    const editor = await eventually('the config editor', async () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.fsPath === configPath() ? e : undefined;
    });
    assert.strictEqual(editor.document.getText(editor.selection), 'kafka');
    assert.strictEqual(editor.document.lineAt(editor.selection.start.line).text, '  kafka:');
    assert.strictEqual(editor.selection.start.line, original.split('\n').indexOf('services:') + 1);
  });

  it('follows an unsaved edit, a save and a syntax error without a reload', async () => {
    const document = await vscode.workspace.openTextDocument(configPath());
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    const afterKafka = original.indexOf('    type: kafka:4.1\n') + '    type: kafka:4.1\n'.length;
    edit.insert(document.uri, document.positionAt(afterKafka), '  queue:\n    type: kafka:4.3\n    disk: 2048\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const edited = await treeWhere('the new queue service', has('queue'));
    assert.strictEqual(edited.rows.find((r) => r.label === 'queue')?.description, 'kafka:4.3 · 2048 MB');

    const broken = new vscode.WorkspaceEdit();
    broken.insert(document.uri, document.positionAt(afterKafka), '  bad: [unclosed\n');
    assert.ok(await vscode.workspace.applyEdit(broken));
    const error = await treeWhere('a YAML error row', (s) => s.rows.some((r) => /^YAML error: config\.yaml:\d+$/.test(r.label)));
    const row = error.rows.find((r) => r.label.startsWith('YAML error'))!;
    assert.strictEqual(row.contextValue, 'problem');
    await vscode.commands.executeCommand(row.command!, row.commandArgument);
    const editor = vscode.window.activeTextEditor!;
    // The row names the line `yaml` reports, and clicking it selects that line.
    assert.strictEqual(`${editor.selection.start.line + 1}`, /:(\d+)$/.exec(row.label)?.[1]);
    assert.ok(editor.selection.start.line >= document.getText().split('\n').indexOf('  bad: [unclosed'), row.label);
    await screenshot('explorer-syntax-error');
  });

  it('follows the file being deleted and created again, and shows the welcome state', async () => {
    const aside = `${configPath()}.aside`;
    renameSync(configPath(), aside);
    try {
      const empty = await treeWhere('the noConfig state', (s) => s.state === 'noConfig');
      assert.deepStrictEqual(empty.rows, []);
      await vscode.commands.executeCommand('upsunKafka.explorer.focus');
      await screenshot('explorer-welcome');
    } finally {
      renameSync(aside, configPath());
    }
    await treeWhere('the tree after the file is back', has('KAFKA_HOST'));
  });

  it('adds a Kafka service and a relationship from the "no Kafka" welcome state', async () => {
    const noKafka = original.replace(/\n {6}kafka:\n {6}events: \{ service: kafka, endpoint: kafka \}/, '').replace(/services:\n {2}kafka:\n {4}type: kafka:4\.1\n/, 'services:\n  # our database\n  db:\n    type: postgresql:16\n');
    assert.notStrictEqual(noKafka, original);
    writeFileSync(configPath(), noKafka);
    const state = await treeWhere('the noKafka state', (s) => s.state === 'noKafka');
    assert.deepStrictEqual(state.rows, []);
    await vscode.commands.executeCommand('upsunKafka.explorer.focus');
    await screenshot('explorer-no-kafka');

    await vscode.commands.executeCommand('upsunKafka.addKafkaService');
    const added = await treeWhere('the added kafka service', has('backend › kafka → kafka:kafka'));
    assert.strictEqual(added.rows[0].label, 'kafka');
    assert.match(added.rows[0].description ?? '', /^kafka:4\.3/);
    const text = readFileSync(configPath(), 'utf8');
    assert.match(text, / {2}# our database\n {2}db:\n {4}type: postgresql:16\n {2}kafka:\n {4}type: kafka:4\.3\n/);
    assert.match(text, / {4}relationships:\n {6}kafka:\n/);
  });

  it('creates .upsun/config.yaml from the "no config" welcome state', async () => {
    rmSync(configPath());
    await treeWhere('the noConfig state', (s) => s.state === 'noConfig');
    await vscode.commands.executeCommand('upsunKafka.addKafkaService');
    await treeWhere('the new kafka service', has('kafka'));
    assert.ok(existsSync(configPath()));
    assert.match(readFileSync(configPath(), 'utf8'), /^services:\n {2}kafka:\n {4}type: kafka:4\.3\n/m);
  });
});

describe('explorer view, connected to the real broker', function () {
  this.timeout(120_000);
  const brokers = process.env.KAFKA_BROKERS ?? '';
  const topic = `explorer-${Date.now().toString(36)}`;
  const group = `explorer-group-${Date.now().toString(36)}`;
  let api: ExtensionApi;
  let key: string;

  const folderSettings = () => vscode.workspace.getConfiguration('upsunKafka', vscode.workspace.workspaceFolders![0].uri);

  before(async () => {
    assert.ok(brokers, 'KAFKA_BROKERS is not set in the extension host');
    api = (await vscode.extensions.getExtension<ExtensionApi>('upsun-kafka-tools.upsun-kafka-tools')!.activate());
    key = (await eventually('the kafka service', async () => api.liveKafka.connections.services().find((s) => s.service.name === 'kafka'))).key;
    await folderSettings().update('connections', { kafka: { brokers: brokers.split(',') } }, vscode.ConfigurationTarget.WorkspaceFolder);
  });

  after(async () => {
    await answering(api, { 'Filter topics': '' }, () => vscode.commands.executeCommand('upsunKafka.filterTopics', { serviceKey: key }));
    await vscode.commands.executeCommand('upsunKafka.disconnect', { serviceKey: key });
    await folderSettings().update('connections', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    const admin = new Kafka({ brokers: brokers.split(','), clientId: 'explorer-test', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.disconnect();
  });

  it('connects a service from its row and shows Topics and Consumer groups under it', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('upsunKafka.connect', { serviceKey: key }), true);
    const { rows } = await treeWhere('the connected service', (s) => s.rows[0]?.contextValue === 'cluster' && has('Topics')(s));
    // The disk joins once the topics' sizes are read (the Topics section loads them).
    assert.match(rows[0].description ?? '', /^kafka:4\.1( · disk .*)?$/);
    assert.deepStrictEqual(rows.filter((r) => r.depth === 1).map((r) => r.label).slice(0, 2), ['Topics', 'Consumer groups']);
  });

  it('creates a topic with its inputs answered and lists it with partitions and message counts', async () => {
    const created = await answering(api, { 'partitions of': '3', 'replication factor of': '1', 'Create a topic in "kafka"': topic }, () =>
      vscode.commands.executeCommand<string>('upsunKafka.createTopic', { serviceKey: key }),
    );
    assert.strictEqual(created, topic);
    // Producing while the new topic is still being listed can lose the producer (see report).
    await treeWhere(`topic ${topic} listed`, (s) => s.rows.some((r) => r.label === topic && r.description === '0 messages · 3 partitions · 0 B'));
    const cluster = api.liveKafka.connections.clusterFor(key)!;
    for (const value of ['a', 'b']) await cluster.produce({ topic, value, partition: 1 });
    await vscode.commands.executeCommand('upsunKafka.refresh');
    // The size: two batches of one record each, a 61-byte header and the record's framing and value.
    const { rows } = await treeWhere(`topic ${topic} with 2 messages`, (s) => s.rows.some((r) => r.label === topic && /^2 messages · 3 partitions · 1\d\d B$/.test(r.description ?? '')));
    const at = rows.findIndex((r) => r.label === topic);
    assert.deepStrictEqual(rows.slice(at + 1, at + 4).map((r) => [r.label, r.description?.replace(/ · 1\d\d B$/, ' · N B')]), [
      ['Partition 0', 'empty · leader 1 · 0 B'],
      ['Partition 1', 'offsets 0–1 · next 2 · leader 1 · N B'],
      ['Partition 2', 'empty · leader 1 · 0 B'],
    ]);
    assert.strictEqual(rows[at].description?.split(' · ')[2], rows[at + 2].description?.split(' · ')[3], 'the topic\'s bytes are its one non-empty partition\'s');
    assert.strictEqual(rows[at].contextValue, 'topic');
  });

  it('lists a consumer group with its state, members and lag per topic', async () => {
    const admin = new Kafka({ brokers: brokers.split(','), clientId: 'explorer-test', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 1, offset: '0' }] });
    } finally {
      await admin.disconnect();
    }
    await vscode.commands.executeCommand('upsunKafka.refresh');
    const { rows } = await treeWhere(`group ${group}`, has(group));
    const at = rows.findIndex((r) => r.label === group);
    // Lag in time: the two messages were written moments ago.
    const behind = '(\\d+ s|\\d+ min( \\d+ s)?) behind';
    assert.match(rows[at].description ?? '', new RegExp(`^lag 2 · ${behind} · classic · Empty · 0 members$`));
    assert.deepStrictEqual(rows[at + 1].label, topic);
    assert.match(rows[at + 1].description ?? '', new RegExp(`^lag 2 · ${behind}$`));
  });

  it('marks a partition an open transaction holds, and the part of a lag it holds back', async () => {
    const held = `explorer-held-${Date.now().toString(36)}`;
    const heldGroup = `${group}-held`;
    const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'explorer-test', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    const plain = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    const transactional = kafka.producer({ transactionalId: held, idempotent: true, maxInFlightRequests: 1 });
    await Promise.all([admin.connect(), plain.connect(), transactional.connect()]);
    const transaction = await transactional.transaction();
    try {
      await createTopicsWithLeaders(admin, [{ topic: held, numPartitions: 1 }]);
      // Offsets 0 and 1 committed, 2 in the open transaction, 3 and 4 committed after it.
      await plain.send({ topic: held, messages: [{ value: 'a' }, { value: 'b' }] });
      await transaction.send({ topic: held, messages: [{ value: 'in the transaction' }] });
      await plain.send({ topic: held, messages: [{ value: 'c' }, { value: 'd' }] });
      await admin.setOffsets({ groupId: heldGroup, topic: held, partitions: [{ partition: 0, offset: '2' }] });
      await vscode.commands.executeCommand('upsunKafka.refresh');
      const { rows } = await treeWhere(`topic ${held} and group ${heldGroup}`, (s) => has(held)(s) && has(heldGroup)(s));
      const topicRow = rows.find((r) => r.label === held)!;
      assert.strictEqual(await expandRow(topicRow.id, 1), true);
      assert.strictEqual(await expandRow(rows.find((r) => r.label === heldGroup)!.id, 1), true);
      const open = await treeWhere(`partition 0 of ${held}`, (s) => s.rows.some((r) => r.label === 'Partition 0' && r.id.includes(held)));
      const partition = open.rows.find((r) => r.label === 'Partition 0' && r.id.includes(held))!;
      assert.match(partition.description ?? '', /^offsets 0–4 · next 5 · held at 2 by an open transaction · leader 1 · \d+ B$/);
      const at = open.rows.findIndex((r) => r.label === heldGroup);
      const behind = '(\\d+ s|\\d+ min( \\d+ s)?) behind';
      assert.match(open.rows[at].description ?? '', new RegExp(`^lag 3 · 3 held by an open transaction · ${behind} · classic · Empty · 0 members$`));
      assert.match(open.rows[at + 1].description ?? '', new RegExp(`^lag 3 · 3 held by an open transaction · ${behind}$`));
      await vscode.commands.executeCommand('upsunKafka.explorer.focus');
      // The side bar wide enough for the rows' descriptions (the command narrows the editor
      // area beside it), and back as it was for the screenshots after.
      for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
      await screenshot('explorer-open-transaction');
      for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    } finally {
      await transaction.abort().catch(() => undefined);
      await admin.deleteGroups([heldGroup]).catch(() => undefined);
      await admin.deleteTopics({ topics: [held] }).catch(() => undefined);
      await Promise.all([admin.disconnect(), plain.disconnect(), transactional.disconnect()]);
    }
  });

  it('shows the disk on the service row, against the broker\'s volume when the project gives no size', async () => {
    await vscode.commands.executeCommand('upsunKafka.refresh');
    // An Upsun project without an environment to ask: the broker's volume stands in, and the tooltip says why.
    const { rows } = await treeWhere('the disk on the service row', (s) => /^kafka:4\.1 · disk \d+(\.\d)? [KMG]?i?B of \d+(\.\d)? [KMGT]iB \(\d+%\)$/.test(s.rows[0]?.description ?? ''));
    const tooltip = rows[0].node.tooltip ?? '';
    assert.match(tooltip, /the logs of broker 1\\?, the fullest/);
    assert.match(tooltip, /broker\\?'s volume \\?\(on Upsun the disk is a resource of an environment/);
    // The side bar wide enough for the row's whole description, and back as it was after.
    for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    await screenshot('explorer-disk');
    for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
  });

  it('charts a group\'s lag over the samples and a topic\'s partitions, each with its table', async () => {
    // Each load of Consumer groups samples the lag: three loads, a second apart.
    for (let i = 0; i < 3; i++) {
      await vscode.commands.executeCommand('upsunKafka.refresh');
      await treeWhere(`group ${group} (load ${i + 1})`, has(group));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const { rows } = await tree();
    const samples = await vscode.commands.executeCommand<number>('upsunKafka.showLagChart', rows.find((r) => r.label === group)!.node);
    assert.ok(samples >= 2, `${samples} samples`);
    await screenshotInBothThemes('chart-lag');
    const topicRow = rows.find((r) => r.label === topic && r.contextValue === 'topic')!;
    assert.strictEqual(await vscode.commands.executeCommand('upsunKafka.showPartitionChart', topicRow.node), 3);
    await screenshotInBothThemes('chart-partitions');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('says on a group\'s row that it falls behind, and how fast, once its samples span 20 s', async () => {
    const trendTopic = `explorer-trend-${Date.now().toString(36)}`;
    const trendGroup = `${group}-trend`;
    const admin = new Kafka({ brokers: brokers.split(','), clientId: 'explorer-test', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const cluster = api.liveKafka.connections.clusterFor(key)!;
    try {
      await createTopicsWithLeaders(admin, [{ topic: trendTopic, numPartitions: 1 }]);
      await cluster.produceMany(trendTopic, [{ key: 'first', value: 'x' }]);
      await admin.setOffsets({ groupId: trendGroup, topic: trendTopic, partitions: [{ partition: 0, offset: '0' }] });
      // Messages keep coming and nobody consumes them: each load of the groups is a lag sample.
      const row = await eventually(
        `group ${trendGroup} falling behind`,
        async () => {
          await cluster.produceMany(trendTopic, Array.from({ length: 5 }, (_, i) => ({ key: `trend-${i}`, value: 'x' })));
          await vscode.commands.executeCommand('upsunKafka.refresh');
          const found = (await tree()).rows.find((r) => r.label === trendGroup);
          return found && /^lag [\d,]+ ↑ falling behind /.test(found.description ?? '') ? found : undefined;
        },
        90_000,
      );
      assert.match(row.description ?? '', /^lag [\d,]+ ↑ falling behind [\d.,]+ msg\/(s|min) · \d+ (s|min)( \d+ s)? behind · classic · Empty · 0 members$/);
      for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
      await screenshot('explorer-trend');
      for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    } finally {
      await admin.deleteGroups([trendGroup]).catch(() => undefined);
      await admin.deleteTopics({ topics: [trendTopic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('copies the bootstrap servers of the connected service', async () => {
    // What went to the clipboard: the browser under test never answers clipboard reads.
    assert.strictEqual(await vscode.commands.executeCommand('upsunKafka.copyBootstrapServers', { serviceKey: key }), brokers);
  });

  it('filters topics by glob, remembered for the service', async () => {
    await answering(api, { 'Filter topics': 'nothing-like-this-*' }, () => vscode.commands.executeCommand('upsunKafka.filterTopics', { serviceKey: key }));
    await treeWhere('the filter hiding every topic', has('No topics match "nothing-like-this-*"'));
    await answering(api, { 'Filter topics': 'explorer-*' }, () => vscode.commands.executeCommand('upsunKafka.filterTopics', { serviceKey: key }));
    const { rows } = await treeWhere('only explorer-* topics', (s) => has(topic)(s) && s.rows.find((r) => r.label === 'Topics')?.description === 'filter: explorer-*');
    const topics = rows.filter((r) => r.contextValue === 'topic').map((r) => r.label);
    assert.ok(topics.every((t) => t.startsWith('explorer-')), topics.join(', '));
  });

  it('shows the connected service expanded in the sidebar', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('upsunKafka.explorer.focus');
    const { rows } = await tree();
    const topicRow = rows.find((r) => r.label === topic)!;
    assert.strictEqual(await expandRow(topicRow.id, 1), true);
    assert.strictEqual(await expandRow(rows.find((r) => r.label === group)!.id, 1), true);
    await screenshot('explorer-connected');
  });

  it('peeks at a topic from its row, through the Peek command', async () => {
    const row = (await tree()).rows.find((r) => r.label === topic)!;
    await vscode.commands.executeCommand('upsunKafka.peek', row.node);
    const shown = await eventuallyShown('the peeked messages', topic, ({ rows }) => {
      const values = rows.map((r) => r.value);
      return values.length === 2 ? values : undefined;
    });
    assert.deepStrictEqual([...shown].sort(), ['a', 'b']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('deletes a topic only after its name is typed, then disconnects', async () => {
    const topicArg = (await tree()).rows.find((r) => r.label === topic)!.node;
    assert.strictEqual(await answering(api, { [`Delete topic "${topic}"`]: false }, () => vscode.commands.executeCommand('upsunKafka.deleteTopic', topicArg)), false);
    assert.ok((await tree()).rows.some((r) => r.label === topic));
    assert.strictEqual(await answering(api, { [`Delete topic "${topic}"`]: topic }, () => vscode.commands.executeCommand('upsunKafka.deleteTopic', topicArg)), true);
    await treeWhere('the topic gone', (s) => !has(topic)(s));
    await answering(api, { 'Filter topics': '' }, () => vscode.commands.executeCommand('upsunKafka.filterTopics', { serviceKey: key }));
    await vscode.commands.executeCommand('upsunKafka.disconnect', { serviceKey: key });
    const { rows } = await treeWhere('the service disconnected', (s) => s.rows[0]?.contextValue === 'kafka');
    assert.ok(!rows.some((r) => r.label === 'Topics'));
  });
});
