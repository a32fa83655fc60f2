// "Upsun Kafka: Produce Message…" opens a produce tab for a service's topic: a JSON document
// held in memory (`<service>/<topic>.kafka-produce.json`, memoryFiles.ts, titled
// `<service>/<topic> — produce` through package.json's editor label pattern; checked as you type by VS Code's JSON
// support through `contributes.jsonValidation`), sent with its CodeLens or Ctrl/Cmd+Enter; and
// "Send again" for a message shown in a peek view. Reading the document is the pure
// `kafka/produceDocument.ts`; this is the glue.

import * as vscode from 'vscode';
import type { PeekedMessage, ProduceResult } from '../../kafka/types';
import { describeProblem, initialDocument, parseProduceDocument, remember, sendTitle, type ProduceDocument, type ProduceProblem } from '../../kafka/produceDocument';
import type { SchemaEncoder } from '../../schemas/encoder';
import { encodeProduceValues, type EncodedValues } from '../../schemas/produceValues';
import { describeError } from '../../text/error';
import { DIAGNOSTIC_SOURCE } from '../../validation/codes';
import type { ConnectionManager } from '../connections/connectionManager';
import { KeyedService, pickService, topicOf } from '../connections/servicePick';
import { ensureTopic, pickTopic, TopicChoice } from '../connections/topicPick';
import { checkDocumentsAsTyped } from '../documentChecks';
import type { Prompter } from '../prompter';
import { confirmClusterChange } from './changeGuard';
import { MemoryFiles } from '../memoryFiles';
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
  /** The encoder for values produced to a service's topic (`vscode/schemas.ts`); undefined: values are sent as written. */
  readonly schemas: (service: string, topic: string) => Promise<SchemaEncoder | undefined>;
}

/** A produce tab read and, when the topic has a schema, its values encoded. */
interface ReadTab {
  readonly parsed: ProduceDocument;
  readonly encoded?: EncodedValues;
  /** Why the topic's schema could not be had (registry down, file missing): nothing may be sent. */
  readonly failure?: string;
}

/** What an open produce tab sends to. */
interface TabTarget {
  readonly service: KeyedService;
  readonly choice: TopicChoice;
}

/** The produce tabs' scheme, which package.json's keybinding and menus name. */
const PRODUCE_SCHEME = 'upsun-kafka-produce';

/** The produce tabs: which service and topic each sends to, and their Send lens. */
export class ProduceTabs implements vscode.Disposable {
  private readonly targets = new Map<string, TabTarget>();
  /** The tabs' text, in memory: a send saves the tab, so it shows clean and closes without a question. */
  private readonly files = new MemoryFiles(PRODUCE_SCHEME, false);
  /** Per tab, the topic's encoder (or why there is none) as last read: asked again when schema settings or files change, and at every send. */
  private readonly encoders = new Map<string, Promise<SchemaEncoder | undefined>>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: ProduceDeps) {
    this.disposables = [
      this.files,
      vscode.languages.registerCodeLensProvider({ scheme: PRODUCE_SCHEME, pattern: `**/*${DOCUMENT_SUFFIX}` }, { provideCodeLenses: (document) => this.lenses(document) }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme !== PRODUCE_SCHEME) return;
        this.targets.delete(d.uri.toString());
        this.encoders.delete(d.uri.toString());
        this.files.forget(d.uri);
      }),
    ];
  }

  /**
   * Marks, as the tab is typed, each value that does not fit the topic's schema at its field,
   * and a schema that cannot be had at the top (code `produce-value-schema`, docs/schemas.md).
   */
  checkAsTyped(context: vscode.ExtensionContext): void {
    const collection = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-produce`);
    const check = async (document: vscode.TextDocument): Promise<void> => {
      const version = document.version;
      const { parsed, encoded, failure } = await this.read(document, false);
      if (document.isClosed || document.version !== version) return;
      const mark = (range: vscode.Range, message: string) => {
        const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = 'produce-value-schema';
        return diagnostic;
      };
      // Problems of the document itself are VS Code's JSON support's and the lens's to show.
      if (failure !== undefined && parsed.problems.length === 0) collection.set(document.uri, [mark(new vscode.Range(0, 0, 0, 0), `The topic's schema cannot be read, so nothing can be sent: ${failure}`)]);
      else collection.set(document.uri, (encoded?.problems ?? []).map((p) => mark(new vscode.Range(document.positionAt(p.offset), document.positionAt(p.offset + p.length)), p.message)));
    };
    const schedule = checkDocumentsAsTyped(context, collection, (document) => this.targets.has(document.uri.toString()), check, this.deps.log);
    const again = () => {
      this.encoders.clear();
      vscode.workspace.textDocuments.forEach(schedule);
    };
    context.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('upsunKafka.schemas') || e.affectsConfiguration('upsunKafka.schemaRegistries')) again();
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (/\.(avsc|proto|json)$/i.test(d.uri.path)) again();
      }),
      vscode.workspace.onDidCreateFiles(again),
      vscode.workspace.onDidDeleteFiles(again),
    );
  }

  /** The tab read, and encoded with the topic's schema when it has one; `fresh` asks for the schema again (a send frames with the latest version). */
  private async read(document: vscode.TextDocument, fresh: boolean): Promise<ReadTab> {
    const text = document.getText();
    const parsed = parseProduceDocument(text);
    const key = document.uri.toString();
    const target = this.targets.get(key);
    if (parsed.problems.length > 0 || !target) return { parsed };
    let encoder = fresh ? undefined : this.encoders.get(key);
    if (encoder === undefined) {
      encoder = this.deps.schemas(target.service.service.name, target.choice.name);
      // A failure is kept too (a registry asking for a password would ask at every keystroke);
      // a send, a schema setting or a schema file changed asks again.
      this.encoders.set(key, encoder);
    }
    try {
      const found = await encoder;
      return found === undefined ? { parsed } : { parsed, encoded: encodeProduceValues(text, parsed, found) };
    } catch (error) {
      return { parsed, failure: describeError(error) };
    }
  }

  /** Refuses to send: names the first problem and puts the cursor on it. */
  private async refuse(document: vscode.TextDocument, problems: readonly ProduceProblem[]): Promise<undefined> {
    const first = problems[0];
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const start = document.positionAt(first.offset);
    editor.selection = new vscode.Selection(start, document.positionAt(first.offset + first.length));
    editor.revealRange(editor.selection);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    void vscode.window.showErrorMessage(`Not sent: ${describeProblem(first)}${more}`);
    return undefined;
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
    const path = `/${service.service.name}/${choice.name}${DOCUMENT_SUFFIX}`;
    const uri = vscode.Uri.from({ scheme: PRODUCE_SCHEME, path });
    const known = this.targets.get(uri.toString());
    this.targets.set(uri.toString(), { service, choice: known && !choice.create ? known.choice : choice });
    const shownInTab = vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()));
    // A tab that is open comes back as it is; a new one starts from the last message sent.
    const initial = initialDocument(this.lastSent()[memoryKey(service.key, choice.name)]);
    if (!shownInTab) this.files.put(path, initial);
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
    const { parsed, encoded, failure } = await this.read(document, true);
    if (parsed.problems.length > 0) return this.refuse(document, parsed.problems);
    if (failure !== undefined) {
      void vscode.window.showErrorMessage(`Not sent: the schema of "${target.choice.name}" cannot be read: ${failure}`);
      return undefined;
    }
    if (encoded && encoded.problems.length > 0) return this.refuse(document, encoded.problems);
    const { connections, prompter, log } = this.deps;
    const { service, choice } = target;
    const cluster = await connections.connect(service.project, service.service);
    if (!cluster) return undefined;
    const count = parsed.messages.length === 1 ? 'a message' : `${parsed.messages.length} messages`;
    const change = { what: choice.create ? `Create topic "${choice.name}" and send ${count} to it` : `Send ${count} to "${choice.name}"`, action: 'Send' };
    if (!(await confirmClusterChange(service, cluster.brokers, change, prompter, connections.statusOf(service.key).environment))) return undefined;
    const topic = await ensureTopic(cluster, choice);
    this.targets.set(document.uri.toString(), { service, choice: { name: topic } });
    const requests = parsed.messages.map(({ source: _source, ...m }, i) => ({ topic, ...m, value: encoded ? encoded.values[i] : m.value }));
    const { results, failed } = await sendMessages(service, cluster, requests, log);
    if (results.length > 0) await this.deps.workspaceState.update(LAST_SENT_KEY, remember(this.lastSent(), memoryKey(service.key, topic), parsed.messages[results.length - 1].source));
    // All sent: the tab is saved (in memory) and shows clean; a tab whose send stopped stays dirty.
    if (!failed && document.getText() === text) await document.save();
    return results.length > 0 ? results : undefined;
  }

  private async lenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const target = this.targets.get(document.uri.toString());
    const top = new vscode.Range(0, 0, 0, 0);
    if (!target) return [new vscode.CodeLens(top, { title: 'Reopen with "Produce Message…" to send', command: PRODUCE_COMMAND })];
    const read = await this.read(document, false);
    // Values that do not fit the schema count as the document's problems: the send refuses them too.
    const problems = read.parsed.problems.length > 0 ? read.parsed.problems : (read.encoded?.problems ?? []);
    const parsed = { messages: read.parsed.messages, problems };
    const title = sendTitle(parsed, target.choice.name, target.service.service.name);
    const tooltip = problems.length > 0 ? describeProblem(problems[0]) : read.failure !== undefined ? `The topic's schema cannot be read: ${read.failure}` : 'Ctrl+Enter (Cmd+Enter on macOS)';
    return [new vscode.CodeLens(top, { title: `$(${problems.length > 0 || read.failure !== undefined ? 'error' : 'send'}) ${title}`, tooltip, command: PRODUCE_SEND_COMMAND, arguments: [document.uri] })];
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
