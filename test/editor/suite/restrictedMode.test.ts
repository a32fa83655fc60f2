// A repository someone else wrote, opened with Workspace Trust on (the runner's hostile
// workspace, test/editor/hostileWorkspace.ts): its settings name /bin/sh as the CLI and two
// brokers with SASL PLAIN and no TLS (one a listener the runner owns on 127.0.0.2, one a host
// outside loopback), it ships a `tunnel:info` script and `!include`s a file outside itself.
// In Restricted Mode the YAML features work and nothing runs or connects; once trusted, the
// CLI setting still comes from the user only, and no stored password leaves SecretStorage
// for brokers it was not given for without a question naming them.

import * as assert from 'assert';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { snapshot } from './explorerTree';
import type { InputOptions, PickItem, PickOptions, Prompter } from '../../../src/vscode/prompter';
import { eventually } from '../../harness/eventually';
import { HOSTILE_WORKSPACE_ENV, HostileWorkspace, SCREENSHOT_DIR_ENV, TRUST_DONE_SUFFIX, TRUST_REQUEST_SUFFIX } from '../protocol';
import { screenshot } from './screenshot';

/** Answers by words in each question, and keeps every question with its detail. */
class RecordingPrompter implements Prompter {
  readonly asked: { readonly question: string; readonly detail?: string }[] = [];

  constructor(private readonly answers: Readonly<Record<string, string | boolean>>) {}

  async pick<T>(items: readonly PickItem<T>[], options: PickOptions<T>): Promise<T | undefined> {
    const answer = this.answer(options.title);
    return items.find((i) => i.label === answer)?.value;
  }

  async input(options: InputOptions): Promise<string | undefined> {
    const answer = this.answer(options.title);
    return typeof answer === 'string' ? answer : undefined;
  }

  async confirm(message: string, detail: string): Promise<boolean> {
    return this.answer(message, detail) === true;
  }

  questions(): string[] {
    return this.asked.map((a) => a.question);
  }

  private answer(question: string, detail?: string): string | boolean | undefined {
    this.asked.push({ question, detail });
    const key = Object.keys(this.answers).find((k) => question.includes(k));
    return key === undefined ? undefined : this.answers[key];
  }
}

/** Every question a Connect of these services could ask, answered yes. */
const ANSWER_EVERYTHING = {
  'SASL password': 'hunter2',
  'Send the stored SASL password': true,
  unencrypted: true,
  'Brokers of Kafka service': '127.0.0.2:1',
};

describe('a hostile workspace, in Restricted Mode and then trusted', function () {
  this.timeout(180_000);
  const hostile = JSON.parse(process.env[HOSTILE_WORKSPACE_ENV] ?? '{}') as HostileWorkspace;
  const folder = () => vscode.workspace.workspaceFolders![0];
  const connectionsSeen = () => readFileSync(hostile.connectionsLog, 'utf8');
  let api: ExtensionApi;
  const keyOf = (name: string) => {
    const found = api.liveKafka.connections.services().find((s) => s.service.name === name);
    assert.ok(found, `no service ${name}`);
    return found;
  };
  const run = async <T>(answers: Readonly<Record<string, string | boolean>>, command: () => Thenable<T>): Promise<{ result: T; prompter: RecordingPrompter }> => {
    const prompter = new RecordingPrompter(answers);
    const installed = api.liveKafka.prompter.use(prompter);
    try {
      return { result: await command(), prompter };
    } finally {
      installed.dispose();
    }
  };

  before(async () => {
    assert.ok(hostile.marker, `${HOSTILE_WORKSPACE_ENV} is not set: run this suite through the code-server runner`);
    api = await vscode.extensions.getExtension<ExtensionApi>('upsun-kafka-tools.upsun-kafka-tools')!.activate();
    await eventually('the three Kafka services', async () => (api.liveKafka.connections.services().length === 3 ? true : undefined), 60_000);
  });

  it('opens the folder untrusted', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
  });

  it('lints, hovers and completes in Restricted Mode', async () => {
    const [config] = await vscode.workspace.findFiles('.upsun/config.yaml');
    const document = await vscode.workspace.openTextDocument(config);
    await vscode.window.showTextDocument(document);
    const deprecated = await eventually('the deprecated-version diagnostic', async () => {
      const found = vscode.languages.getDiagnostics(config).find((d) => d.source === 'upsun-kafka' && d.code === 'deprecated-version');
      return found;
    });
    assert.strictEqual(document.getText(deprecated.range), '"nodejs:22"');
    // The relationship `events` of the app: its variables, as in the trusted editor.
    const at = document.positionAt(document.getText().indexOf('events: {') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', config, at);
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /`EVENTS_PORT` \| `9092`/);
    const typeValue = document.positionAt(document.getText().indexOf('kafka:4.1') + 'kafka:'.length);
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', config, typeValue);
    assert.ok(completions.items.some((i) => i.insertText === 'kafka:4.3'), 'no kafka:4.3 completion');
  });

  it('checks schema files in Restricted Mode, and follows no link out of the folder', async () => {
    const problemOf = async (file: string) => {
      const uri = vscode.Uri.joinPath(folder().uri, file);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      return eventually(`the problem of ${file}`, async () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'schema-file-invalid'));
    };
    const broken = await problemOf('schemas/broken.avsc');
    assert.strictEqual(broken.message, 'Not JSON: a value expected.');
    assert.deepStrictEqual([broken.range.start.line, broken.range.start.character], [0, 47]);
    const linked = await problemOf('schemas/orders.proto');
    assert.strictEqual(linked.message, 'Protobuf: schemas/common.proto leads outside the workspace folder (a symbolic link) and is not read');
  });

  it('reads none of the folder\'s settings that run, connect or read files', () => {
    const settings = vscode.workspace.getConfiguration('upsunKafka', folder().uri);
    // `machine` scope: never from a workspace, trusted or not.
    assert.strictEqual(settings.get('cli.path'), '');
    // restrictedConfigurations: the workspace's value is ignored until trusted.
    assert.deepStrictEqual(settings.get('connections'), {});
  });

  it('shows in the explorer why nothing connects, with a click that manages trust', async () => {
    const rows = (await snapshot(1)).rows.filter((r) => r.depth === 0);
    assert.deepStrictEqual(
      rows.map((r) => [r.label, r.description ?? '']),
      [
        ['Restricted Mode', 'not connecting'],
        ['events', 'kafka:4.1'],
        ['audit', 'kafka:4.1'],
        ['kafka', 'kafka:4.1'],
      ],
    );
    assert.strictEqual(rows[0].command, 'workbench.trust.manage');
    await vscode.commands.executeCommand('workbench.view.extension.upsunKafka');
    await screenshot('explorer-restricted');
  });

  it('runs no CLI and opens no socket on Connect, Connect to Environment or connecting on open', async () => {
    const { connections } = api.liveKafka;
    for (const name of ['kafka', 'events', 'audit']) {
      assert.strictEqual(await connections.connectSilently(keyOf(name), () => undefined), 'this folder is not trusted (Restricted Mode)');
      const connect = await run(ANSWER_EVERYTHING, () => vscode.commands.executeCommand('upsunKafka.connect', { serviceKey: keyOf(name).key }));
      assert.strictEqual(connect.result, false);
      assert.deepStrictEqual(connect.prompter.questions(), [], `${name}: Connect asked something`);
      const environment = await run({ 'which environment': 'main' }, () => vscode.commands.executeCommand('upsunKafka.connectEnvironment', { serviceKey: keyOf(name).key }));
      assert.strictEqual(environment.result, false);
      assert.deepStrictEqual(environment.prompter.questions(), [], `${name}: Connect to Environment asked something`);
      assert.deepStrictEqual(connections.statusOf(keyOf(name).key), { state: 'disconnected' });
    }
    assert.strictEqual(existsSync(hostile.marker), false, 'the folder\'s tunnel:info script ran');
    assert.strictEqual(connectionsSeen(), '', `the listener at ${hostile.listener} was connected to`);
  });

  it('comes on when trusted, without a reload, and still runs no program the folder names', async () => {
    await vscode.commands.executeCommand('workbench.trust.manage');
    await askRunnerToTrust('restricted-mode');
    await eventually('the workspace to be trusted', async () => vscode.workspace.isTrusted || undefined);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const rows = await eventually('the Restricted Mode row to go', async () => {
      const shown = (await snapshot(1)).rows;
      return shown.some((r) => r.contextValue === 'restricted') ? undefined : shown;
    });
    assert.deepStrictEqual(rows.filter((r) => r.depth === 0).map((r) => r.label), ['events', 'audit', 'kafka']);
    const settings = vscode.workspace.getConfiguration('upsunKafka', folder().uri);
    assert.strictEqual(settings.get('cli.path'), '', 'cli.path came from the workspace once trusted');
    assert.strictEqual((settings.get<Record<string, { brokers: string[] }>>('connections') ?? {}).events?.brokers[0], hostile.listener);
    // What connecting on open does for the CLI's tunnel (kafka has no connection setting), run
    // to its end here: with /bin/sh as the CLI, it would run the folder's tunnel:info.
    const why = await api.liveKafka.connections.connectSilently(keyOf('kafka'), () => undefined);
    assert.match(why ?? '', /tunnel: /);
    assert.strictEqual(existsSync(hostile.marker), false, `the folder's tunnel:info script ran: ${existsSync(hostile.marker) ? readFileSync(hostile.marker, 'utf8') : ''}`);
    // With no password stored, connecting on open asks nothing and sends nothing.
    assert.match((await api.liveKafka.connections.connectSilently(keyOf('events'), () => undefined)) ?? '', /needs an answer: SASL password for alice on events/);
    assert.strictEqual(connectionsSeen(), '', `the listener at ${hostile.listener} was connected to`);
  });

  it('asks before a stored password goes to brokers other than those it was given for', async () => {
    const events = keyOf('events');
    const { connections } = api.liveKafka;
    // The user sets the service up for its real brokers, with TLS and SCRAM…
    const set = await run(
      { ': brokers': '127.0.0.3:9093', ': security': 'TLS', ': authentication': 'SASL SCRAM-SHA-512', ': SASL user name': 'alice', ': SASL password': 'hunter2' },
      () => vscode.commands.executeCommand('upsunKafka.setConnection', { serviceKey: events.key }),
    );
    assert.strictEqual(set.result, true, set.prompter.questions().join(' | '));
    // …then a pulled commit puts the repository's settings back: its own broker, PLAIN, no TLS.
    writeFileSync(path.join(folder().uri.fsPath, '.vscode', 'settings.json'), hostile.settingsText);
    await eventually('the pulled settings', async () => {
      const all = vscode.workspace.getConfiguration('upsunKafka', folder().uri).get<Record<string, { brokers: string[] }>>('connections');
      return all?.events?.brokers[0] === hostile.listener ? true : undefined;
    });

    // Connecting on open never sends it.
    assert.match((await connections.connectSilently(events, () => undefined)) ?? '', new RegExp(`needs an answer: Send the stored SASL password of "alice" for Kafka service "events" to ${hostile.listener.replace(/\./g, '\\.')}\\?`));

    // Connect asks, naming what changed; declined, nothing is sent and nothing failed.
    const declined = await run({ 'Send the stored SASL password': false }, () => vscode.commands.executeCommand('upsunKafka.connect', { serviceKey: events.key }));
    assert.strictEqual(declined.result, false);
    assert.strictEqual(declined.prompter.asked.length, 1, declined.prompter.questions().join(' | '));
    const [question] = declined.prompter.asked;
    assert.strictEqual(question.question, `Send the stored SASL password of "alice" for Kafka service "events" to ${hostile.listener}?`);
    for (const change of [`bootstrap servers: 127.0.0.3:9093 → ${hostile.listener}`, 'SASL mechanism: SCRAM-SHA-512 → PLAIN', 'TLS: on → off']) {
      assert.ok(question.detail?.includes(change), `the question does not say "${change}": ${question.detail}`);
    }
    assert.deepStrictEqual(connections.statusOf(events.key), { state: 'disconnected' });
    assert.strictEqual(connectionsSeen(), '', `the listener at ${hostile.listener} was connected to`);

    // Agreed: only now does a socket open to the named broker (127.0.0.2 is loopback, so PLAIN
    // without TLS needs no second question).
    const agreed = await run({ 'Send the stored SASL password': true }, () => vscode.commands.executeCommand('upsunKafka.connect', { serviceKey: events.key }));
    assert.deepStrictEqual(agreed.prompter.questions(), [`Send the stored SASL password of "alice" for Kafka service "events" to ${hostile.listener}?`]);
    await eventually(`a connection to ${hostile.listener}`, async () => (connectionsSeen() !== '' ? true : undefined));
  });

  it('asks once per host before SASL PLAIN sends a password unencrypted outside loopback', async () => {
    const audit = keyOf('audit');
    const { connections } = api.liveKafka;
    const question = `Send the SASL PLAIN password of "alice" unencrypted to ${hostile.remoteHost}?`;
    const declined = await run({ 'SASL password for alice on audit': 'hunter2', unencrypted: false }, () => vscode.commands.executeCommand('upsunKafka.connect', { serviceKey: audit.key }));
    assert.strictEqual(declined.result, false);
    assert.deepStrictEqual(declined.prompter.questions(), ['SASL password for alice on audit', question]);
    assert.deepStrictEqual(connections.statusOf(audit.key), { state: 'disconnected' });
    // Declined, the typed password was not kept either: connecting on open would ask for it.
    assert.match((await connections.connectSilently(audit, () => undefined)) ?? '', /needs an answer: SASL password for alice on audit/);

    // Agreed once: it connects (the .invalid name resolves nowhere, so it fails there)…
    const agreed = await run({ 'SASL password for alice on audit': 'hunter2', unencrypted: true }, () => vscode.commands.executeCommand('upsunKafka.connect', { serviceKey: audit.key }));
    assert.deepStrictEqual(agreed.prompter.questions(), ['SASL password for alice on audit', question]);
    await eventually('the connection to fail', async () => (connections.statusOf(audit.key).state === 'error' ? true : undefined));
    // …and the host is remembered: the next Connect asks nothing.
    const again = await run({}, () => vscode.commands.executeCommand('upsunKafka.connect', { serviceKey: audit.key }));
    assert.deepStrictEqual(again.prompter.questions(), []);
    assert.strictEqual(existsSync(hostile.marker), false);
  });
});

/** Has the runner click Trust in the trust editor now open, as a person would. */
async function askRunnerToTrust(name: string): Promise<void> {
  const dir = process.env[SCREENSHOT_DIR_ENV];
  assert.ok(dir, `${SCREENSHOT_DIR_ENV} is not set: only the code-server runner can click Trust`);
  const done = path.join(dir, `${name}${TRUST_DONE_SUFFIX}`);
  rmSync(done, { force: true });
  writeFileSync(path.join(dir, `${name}.partial`), '');
  // Renamed into place, as screenshot requests are: the runner never sees half a request.
  renameSync(path.join(dir, `${name}.partial`), path.join(dir, `${name}${TRUST_REQUEST_SUFFIX}`));
  await eventually('the runner to click Trust', async () => (existsSync(done) ? true : undefined), 30_000);
  const problem = readFileSync(done, 'utf8');
  assert.strictEqual(problem, '', problem);
}
