// "Upsun Kafka: Produce Message…" opens a produce tab for a service's topic: a JSON document
// held in memory (`<service>/<topic>.kafka-produce.json`, produceFiles.ts, titled
// `<service>/<topic> — produce` through package.json's editor label pattern; checked as you type by VS Code's JSON
// support through `contributes.jsonValidation`), sent with its CodeLens or Ctrl/Cmd+Enter; and
// "Send again" for a message shown in a peek view. Reading the document is the pure
// `kafka/produceDocument.ts`; this is the glue.

import * as vscode from 'vscode';
import type { PeekedMessage, ProduceResult } from '../../kafka/types';
import { describeProblem, initialDocument, parseProduceDocument, remember, sendTitle } from '../../kafka/produceDocument';
import type { ConnectionManager } from '../connections/connectionManager';
import { KeyedService, pickService, topicOf } from '../connections/servicePick';
import { ensureTopic, pickTopic, TopicChoice } from '../connections/topicPick';
import type { Prompter } from '../prompter';
import { confirmClusterChange } from './changeGuard';
import { ProduceFiles, PRODUCE_SCHEME } from './produceFiles';
import { sendMessage, sendMessages } from './sendMessage';

export const PRODUCE_COMMAND = 'upsunKafka.produce';
/** Sends the active produce tab (its CodeLens, its title button, Ctrl/Cmd+Enter). */
export const PRODUCE_SEND_COMMAND = 'upsunKafka.produceSend';
/** The produce tabs' names end so; package.json's jsonValidation, keybinding and menus match it. */
const DOCUMENT_SUFFIX = '.kafka-produce.json';
/** workspaceState key: the last message sent per topic (`kafka/produceDocument.ts` `remember`). */
const LAST_SENT_KEY = 'upsunKafka.produce.lastSent';

export interface ProduceDeps {
  readonly connections: ConnectionManager;
  readonly prompter: Prompter;
  readonly log: vscode.LogOutputChannel;
  readonly workspaceState: vscode.Memento;
}

/** What an open produce tab sends to. */
interface TabTarget {
  readonly service: KeyedService;
  readonly choice: TopicChoice;
}

/** The produce tabs: which service and topic each sends to, and their Send lens. */
export class ProduceTabs implements vscode.Disposable {
  private readonly targets = new Map<string, TabTarget>();
  private readonly files = new ProduceFiles();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: ProduceDeps) {
    this.disposables = [
      this.files,
      vscode.languages.registerCodeLensProvider({ scheme: PRODUCE_SCHEME, pattern: `**/*${DOCUMENT_SUFFIX}` }, { provideCodeLenses: (document) => this.lenses(document) }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme !== PRODUCE_SCHEME) return;
        this.targets.delete(d.uri.toString());
        this.files.forget(d.uri);
      }),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /**
   * The command: `argument` may name `{ serviceKey, topic }` (the explorer passes its node).
   * Opens (or shows again) the topic's produce tab and returns its editor; sends nothing.
   */
  async open(argument?: unknown): Promise<vscode.TextEditor | undefined> {
    const { connections, prompter } = this.deps;
    const service = await pickService(connections, prompter, argument, 'Produce to which Kafka service?');
    if (!service) return undefined;
    const cluster = await connections.connect(service.project, service.service);
    if (!cluster) return undefined;
    const named = topicOf(argument);
    const choice = named ? { name: named } : await pickTopic(cluster, prompter, { title: `Produce to a topic of "${service.service.name}"`, allowNew: true });
    if (!choice) return undefined;
    const uri = vscode.Uri.from({ scheme: PRODUCE_SCHEME, path: `/${service.service.name}/${choice.name}${DOCUMENT_SUFFIX}` });
    const known = this.targets.get(uri.toString());
    this.targets.set(uri.toString(), { service, choice: known && !choice.create ? known.choice : choice });
    const shownInTab = vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()));
    // A tab that is open comes back as it is; a new one starts from the last message sent.
    const initial = initialDocument(this.lastSent()[memoryKey(service.key, choice.name)]);
    if (!shownInTab) this.files.put(uri, initial);
    const document = await vscode.workspace.openTextDocument(uri);
    if (!shownInTab && document.getText() !== initial) {
      // Its tab is closed but VS Code still holds the document: the new tab starts over all the same.
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), initial);
      await vscode.workspace.applyEdit(edit);
      await document.save();
    }
    const shown = document.languageId === 'json' ? document : await vscode.languages.setTextDocumentLanguage(document, 'json');
    return vscode.window.showTextDocument(shown, { preview: false });
  }

  /**
   * Sends the produce tab `uri` (the active editor's when not given): every message in order,
   * after the production guard. Refuses a document with problems, naming the first one's line
   * and putting the cursor there; the document stays open as typed either way. Returns the
   * results of the messages that landed, or undefined when nothing was sent.
   */
  async send(uri?: unknown): Promise<readonly ProduceResult[] | undefined> {
    const document = this.documentOf(uri);
    if (!document) {
      void vscode.window.showWarningMessage('Open a produce tab first: run "Produce Message…" on a topic.');
      return undefined;
    }
    const target = this.targets.get(document.uri.toString());
    if (!target) {
      void vscode.window.showWarningMessage('This produce tab no longer knows its service (the window was reloaded): copy its text into a new tab from "Produce Message…".');
      return undefined;
    }
    const text = document.getText();
    const parsed = parseProduceDocument(text);
    if (parsed.problems.length > 0) {
      const first = parsed.problems[0];
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      const start = document.positionAt(first.offset);
      editor.selection = new vscode.Selection(start, document.positionAt(first.offset + first.length));
      editor.revealRange(editor.selection);
      const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
      void vscode.window.showErrorMessage(`Not sent: ${describeProblem(first)}${more}`);
      return undefined;
    }
    const { connections, prompter, log } = this.deps;
    const { service, choice } = target;
    const cluster = await connections.connect(service.project, service.service);
    if (!cluster) return undefined;
    const count = parsed.messages.length === 1 ? 'a message' : `${parsed.messages.length} messages`;
    const change = { what: choice.create ? `Create topic "${choice.name}" and send ${count} to it` : `Send ${count} to "${choice.name}"`, action: 'Send' };
    if (!(await confirmClusterChange(service, cluster.brokers, change, prompter, connections.statusOf(service.key).environment))) return undefined;
    const topic = await ensureTopic(cluster, choice);
    this.targets.set(document.uri.toString(), { service, choice: { name: topic } });
    const { results, failed } = await sendMessages(service, cluster, parsed.messages.map(({ source: _source, ...m }) => ({ topic, ...m })), log);
    if (results.length > 0) await this.deps.workspaceState.update(LAST_SENT_KEY, remember(this.lastSent(), memoryKey(service.key, topic), parsed.messages[results.length - 1].source));
    // All sent: the tab is saved (in memory) and shows clean; a tab whose send stopped stays dirty.
    if (!failed && document.getText() === text) await document.save();
    return results.length > 0 ? results : undefined;
  }

  private lenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const target = this.targets.get(document.uri.toString());
    const top = new vscode.Range(0, 0, 0, 0);
    if (!target) return [new vscode.CodeLens(top, { title: 'Reopen with "Produce Message…" to send', command: PRODUCE_COMMAND })];
    const parsed = parseProduceDocument(document.getText());
    const title = sendTitle(parsed, target.choice.name, target.service.service.name);
    const tooltip = parsed.problems.length > 0 ? describeProblem(parsed.problems[0]) : 'Ctrl+Enter (Cmd+Enter on macOS)';
    return [new vscode.CodeLens(top, { title: `$(${parsed.problems.length > 0 ? 'error' : 'send'}) ${title}`, tooltip, command: PRODUCE_SEND_COMMAND, arguments: [document.uri] })];
  }

  private documentOf(uri: unknown): vscode.TextDocument | undefined {
    const wanted = uri instanceof vscode.Uri ? uri.toString() : vscode.window.activeTextEditor?.document.uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === wanted && d.uri.path.endsWith(DOCUMENT_SUFFIX));
  }

  private lastSent(): Record<string, string> {
    const stored = this.deps.workspaceState.get<unknown>(LAST_SENT_KEY);
    return stored && typeof stored === 'object' ? (stored as Record<string, string>) : {};
  }
}

function memoryKey(serviceKey: string, topic: string): string {
  return `${serviceKey}\n${topic}`;
}

/** "Send again": the message's exact bytes and headers, to its topic or another one. */
export async function resend(deps: ProduceDeps, serviceKey: string, message: PeekedMessage): Promise<ProduceResult | undefined> {
  const target = deps.connections.find(serviceKey);
  if (!target) return undefined;
  const cluster = await deps.connections.connect(target.project, target.service);
  if (!cluster) return undefined;
  const choice = await pickTopic(cluster, deps.prompter, { title: `Send message ${message.partition}:${message.offset} again, to which topic?`, allowNew: true, first: message.topic });
  if (!choice) return undefined;
  const what = `Send message ${message.partition}:${message.offset} again to ${choice.create ? `new topic "${choice.name}"` : `"${choice.name}"`}`;
  if (!(await confirmClusterChange(target, cluster.brokers, { what, action: 'Send' }, deps.prompter, deps.connections.statusOf(serviceKey).environment))) return undefined;
  const topic = await ensureTopic(cluster, choice);
  return sendMessage(
    target,
    cluster,
    {
      topic,
      key: message.key ? Buffer.from(message.key.base64, 'base64') : null,
      value: message.value ? Buffer.from(message.value.base64, 'base64') : null,
      headers: message.headers.map((h) => ({ key: h.key, value: h.value && Buffer.from(h.value.base64, 'base64') })),
    },
    deps.log,
  );
}
