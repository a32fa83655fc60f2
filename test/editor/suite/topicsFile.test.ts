// The topics file in a real VS Code: diagnostics at their characters, Plan against… a
// connected service and Apply (the topic read back through kafkajs' own admin client, not the
// extension's), and Compare Environments… opening the diff editor with both sides.

import * as assert from 'assert';
import { rmSync, writeFileSync } from 'fs';
import { Kafka, logLevel } from 'kafkajs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { PlanShown } from '../../../src/vscode/topicsFile/planCommands';
import type { Compared } from '../../../src/vscode/topicsFile/compareCommands';
import { eventually } from '../../harness/eventually';
import { STAND_IN } from '../../harness/upsunStandIn';
import { ScriptedPrompter, type Answers } from './scriptedPrompter';
import { screenshot } from './screenshot';
import { createTopicsWithLeaders } from '../../harness/topics';

const TOPIC = `tf-orders-${Date.now().toString(36)}`;

describe('the topics file in a real VS Code', function () {
  this.timeout(180_000);
  const brokers = process.env.KAFKA_BROKERS ?? '';
  let api: ExtensionApi;
  let key: string;
  let file: string;
  const folderSettings = () => vscode.workspace.getConfiguration('upsunKafka', vscode.workspace.workspaceFolders![0].uri);

  async function run<T>(command: string, answers: Answers, ...args: unknown[]): Promise<T> {
    const prompter = new ScriptedPrompter(answers);
    const installed = api.liveKafka.prompter.use(prompter);
    try {
      const result = await vscode.commands.executeCommand<T>(command, ...args);
      assert.deepStrictEqual(prompter.unanswered, [], `asked: ${prompter.asked.join(' | ')}`);
      return result;
    } finally {
      installed.dispose();
    }
  }

  before(async () => {
    assert.ok(brokers, 'KAFKA_BROKERS is not set in the extension host');
    api = (await vscode.extensions.getExtension<ExtensionApi>('upsun-kafka-tools.upsun-kafka-tools')!.activate());
    const service = await eventually('the kafka service', async () => api.liveKafka.connections.services().find((s) => s.service.name === 'kafka'));
    key = service.key;
    file = path.join(service.project.root, 'kafka-topics.yaml');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('upsunKafka.disconnect', { serviceKey: key });
    await folderSettings().update('connections', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.workspace.getConfiguration('upsunKafka').update('cli.path', undefined, vscode.ConfigurationTarget.Global);
    rmSync(file, { force: true });
  });

  it('shows the file\'s problems at their characters, with their codes', async () => {
    writeFileSync(file, `services:\n  kafak:\n    topics: {}\n  kafka:\n    topics:\n      "bad name":\n        partitions: 1\n      ${TOPIC}:\n        partitions: 2\n        config:\n          retention.ms: 7 weeks\n          retention.msx: 1d\n`);
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const diagnostics = await eventually('the diagnostics', async () => {
      const found = vscode.languages.getDiagnostics(document.uri);
      return found.length >= 4 ? found : undefined;
    });
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.code, document.getText(d.range), d.source]).sort(),
      [
        ['topics-invalid-topic-name', '"bad name"', 'upsun-kafka'],
        ['topics-invalid-value', '7 weeks', 'upsun-kafka'],
        ['topics-unknown-service', 'kafak', 'upsun-kafka'],
        ['topics-unknown-setting', 'retention.msx', 'upsun-kafka'],
      ],
    );
    assert.match(diagnostics.find((d) => d.code === 'topics-unknown-service')!.message, /did you mean "kafka"\?/);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('topics-diagnostics');
    // A plan refuses the file while it has errors.
    assert.strictEqual(await run('upsunKafka.planTopics', {}, { uri: document.uri.toString(), service: 'kafka' }), undefined);
  });

  it('completes the settings of the service\'s Kafka version and goes to the service\'s declaration', async () => {
    // The sample project declares kafka:4.1: Kafka 4.0 removed message.format.version (KIP-724).
    const text = `services:\n  kafka:\n    topics:\n      ${TOPIC}:\n        config:\n          comp\n`;
    writeFileSync(file, text);
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const lines = text.split('\n');
    const typing = new vscode.Position(5, lines[5].length);
    const offered = await eventually('setting completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, typing);
      const names = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      return names.includes('compression.type') ? names : undefined;
    });
    assert.ok(offered.includes('compression.zstd.level'), 'a Kafka 4 setting is offered');
    assert.ok(!offered.includes('message.format.version'), 'a setting Kafka 4.0 removed is not offered');
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, new vscode.Position(1, 4));
    const target = definitions.map((d) => ('targetUri' in d ? { uri: d.targetUri, range: d.targetSelectionRange ?? d.targetRange } : d))[0];
    assert.ok(target, 'a definition for the service');
    const declared = await vscode.workspace.openTextDocument(target.uri);
    assert.strictEqual(path.relative(path.dirname(file), target.uri.fsPath), path.join('.upsun', 'config.yaml'));
    assert.strictEqual(declared.getText(target.range), 'kafka');
    assert.match(declared.lineAt(target.range.start.line).text, /^ {2}kafka:\s*$/);
  });

  it('plans against the connected service from the CodeLens and Apply creates the topic', async () => {
    writeFileSync(file, `services:\n  kafka:\n    topics:\n      ${TOPIC}:\n        partitions: 2\n        config:\n          retention.ms: 1d\n`);
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    await eventually('the diagnostics to clear', async () => (vscode.languages.getDiagnostics(document.uri).length === 0 ? true : undefined));
    await folderSettings().update('connections', { kafka: { brokers: brokers.split(',') } }, vscode.ConfigurationTarget.WorkspaceFolder);
    assert.ok(await api.liveKafka.connections.connectKey(key), api.liveKafka.connections.statusOf(key).message);
    const lenses = await eventually('the CodeLens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      return found.some((l) => l.command?.command === 'upsunKafka.planTopics') ? found : undefined;
    });
    const lens = lenses.find((l) => l.command?.command === 'upsunKafka.planTopics')!;
    assert.strictEqual(lens.command!.title, '$(play) Plan against…');
    assert.strictEqual(lens.range.start.line, 1);

    const shown = await run<PlanShown>(lens.command!.command, { 'Plan the topics of "kafka"': '$(plug) kafka' }, ...lens.command!.arguments!);
    assert.deepStrictEqual(shown.plan.changes.filter((c) => c.topic === TOPIC), [{ kind: 'create', topic: TOPIC, partitions: 2, config: { 'retention.ms': '86400000' } }]);
    const planText = (await vscode.workspace.openTextDocument(vscode.Uri.parse(shown.uri))).getText();
    assert.match(planText, new RegExp(`\\+ ${TOPIC}: create, 2 partitions, retention.ms 1 day`));
    await screenshot('topics-plan');

    const applyLens = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.parse(shown.uri))).find((l) => l.command?.command === 'upsunKafka.applyTopicsPlan');
    assert.ok(applyLens, 'no Apply CodeLens on the plan');
    // Declined: nothing is created.
    await run('upsunKafka.applyTopicsPlan', { 'Apply ': false }, shown.uri);
    const admin = new Kafka({ brokers: brokers.split(','), clientId: 'topics-file-editor-test', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      assert.ok(!(await admin.listTopics()).includes(TOPIC));
      const result = await run<{ applied: unknown[]; failed?: unknown }>('upsunKafka.applyTopicsPlan', { 'Apply ': true }, shown.uri);
      assert.strictEqual(result.failed, undefined);
      const metadata = await admin.fetchTopicMetadata({ topics: [TOPIC] });
      assert.strictEqual(metadata.topics[0].partitions.length, 2);
      const configs = await admin.describeConfigs({ resources: [{ type: 2, name: TOPIC, configNames: ['retention.ms'] }], includeSynonyms: false });
      assert.strictEqual(configs.resources[0].configEntries[0].configValue, '86400000');
      // The plan is spent: Apply again says so.
      assert.strictEqual(await run('upsunKafka.applyTopicsPlan', {}, shown.uri), undefined);
    } finally {
      await admin.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('compares an environment with the connected service in the diff editor', async () => {
    // A topic on the connected service only: the right side lists it with its setting, the left does not.
    const onlyRight = `tf-compare-${Date.now().toString(36)}`;
    const admin = new Kafka({ brokers: brokers.split(','), clientId: 'topics-file-compare-test', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await createTopicsWithLeaders(admin, [{ topic: onlyRight, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '86400000' }] }]);
      await compares(onlyRight);
    } finally {
      await admin.deleteTopics({ topics: [onlyRight] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  async function compares(onlyRight: string): Promise<void> {
    await vscode.workspace.getConfiguration('upsunKafka').update('cli.path', STAND_IN, vscode.ConfigurationTarget.Global);
    const compared = await run<Compared>('upsunKafka.compareEnvironments', { 'first environment': 'staging', 'on staging with': '$(plug) kafka', 'app relationship': 'backend:kafka' }, { serviceKey: key });
    assert.strictEqual(compared.left, 'staging');
    assert.strictEqual(compared.right, 'kafka');
    const tab = await eventually('the diff tab', async () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'kafka: staging ↔ kafka'));
    assert.ok(tab.input instanceof vscode.TabInputTextDiff);
    const left = (await vscode.workspace.openTextDocument(vscode.Uri.parse(compared.leftUri))).getText();
    const right = (await vscode.workspace.openTextDocument(vscode.Uri.parse(compared.rightUri))).getText();
    assert.match(left, /^# staging\ntopics:\n/);
    assert.match(right, /^# kafka\ntopics:\n[\s\S]*consumer_groups:\n/);
    assert.match(right, new RegExp(`\\n  ${onlyRight}:\\n    partitions: 3\\n(    replication_factor: 1\\n)?    config:\\n      retention\\.ms: 1d\\n`));
    assert.ok(!left.includes(onlyRight), left);
    await screenshot('topics-compare');
  }
});
