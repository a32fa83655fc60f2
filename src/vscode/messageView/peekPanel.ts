// One message view: a webview panel on one topic of one service. The panel creates the
// webview, hands the view's requests that read Kafka to its session (src/messageView/session.ts),
// which posts the view what changed, and does what goes through VS Code itself: copy to the
// clipboard, send again, open in an editor tab, export to a file, the time zone setting.

import * as vscode from 'vscode';
import { exactBytes } from '../../kafka/decode';
import type { KafkaCluster, PeekedMessage } from '../../kafka/types';
import { messageAsJson } from '../../kafka/messageJson';
import { formatMessages } from '../../messageView/export';
import type { PeekViewMessage, PeekViewRequest, TimeZoneChoice } from '../../messageView/protocol';
import { messageId } from '../../messageView/rows';
import { MessageViewSession } from '../../messageView/session';
import { describeError } from '../../text/error';
import { readSearchMatchBudgetMs } from '../settings';
import { peekHtml, peekResourceRoots } from './peekHtml';

const REQUEST_NAMES: Partial<Record<PeekViewRequest['type'], string>> = { copy: 'Copy', copyValue: 'Copy value', resend: 'Send again', export: 'Export', open: 'Open', timeZone: 'Switching the time zone' };

export interface PeekPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** The service's cluster, connecting first when needed: for what the user asks for (Load…). */
  readonly cluster: () => Promise<KafkaCluster | undefined>;
  /** The service's cluster while connected, never connecting: for what runs on its own (Follow). */
  readonly connected: () => KafkaCluster | undefined;
  readonly resend: (message: PeekedMessage) => Promise<void>;
  /** Opens one message as a read-only JSON document in an editor tab. */
  readonly open: (message: PeekedMessage) => Promise<unknown>;
  readonly timeZone: () => TimeZoneChoice;
  readonly setTimeZone: (zone: TimeZoneChoice) => Promise<void>;
}

export class PeekPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly session: MessageViewSession;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  readonly onDidDispose: vscode.Event<void>;

  constructor(
    readonly service: string,
    readonly topic: string,
    count: number,
    private readonly deps: PeekPanelDeps,
  ) {
    this.panel = vscode.window.createWebviewPanel('upsunKafka.peek', `${topic} · ${service}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: peekResourceRoots(deps.extensionUri),
    });
    this.panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'upsun-kafka.svg');
    this.panel.webview.html = peekHtml(this.panel.webview, deps.extensionUri);
    this.session = new MessageViewSession(service, topic, count, {
      cluster: deps.cluster,
      connected: deps.connected,
      post: (message: PeekViewMessage) => void this.panel.webview.postMessage(message),
      log: deps.log,
      timeZone: deps.timeZone,
      searchMatchBudgetMs: readSearchMatchBudgetMs,
      every: (ms, tick) => {
        const timer = setInterval(tick, ms);
        return { dispose: () => clearInterval(timer) };
      },
      now: Date.now,
    });
    this.onDidDispose = this.panel.onDidDispose;
    this.panel.webview.onDidReceiveMessage((m: PeekViewRequest) => this.receive(m).catch((error: unknown) => this.requestFailed(m, error)), undefined, this.disposables);
    this.panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** The newest messages across all partitions, as the view opens with. */
  loadNewest(): Promise<void> {
    return this.session.loadNewest();
  }

  /** A request from the view's controls (the editor tests send the same ones). */
  async receive(message: PeekViewRequest): Promise<void> {
    switch (message.type) {
      case 'copy':
        return this.copy(message.id);
      case 'copyValue':
        return this.copyValue(message.id);
      case 'resend':
        return this.resendMessage(message.id);
      case 'export':
        return this.export(message.format, message.ids);
      case 'open': {
        const found = this.session.find(message.id);
        if (found) await this.deps.open(found);
        return;
      }
      case 'timeZone':
        return this.deps.setTimeZone(message.timeZone);
      default:
        return this.session.receive(message);
    }
  }

  /** Copy, Send again and Export report their own failures here; loads show theirs in the view. */
  private requestFailed(request: PeekViewRequest, error: unknown): void {
    const what = REQUEST_NAMES[request.type] ?? request.type;
    const message = describeError(error);
    this.deps.log.error(`${what} in the message view of "${this.topic}" on "${this.service}" failed: ${message}`);
    void vscode.window.showErrorMessage(`${what} failed for "${this.topic}": ${message}`);
  }

  /** See MessageViewSession.disconnected. */
  disconnected(): void {
    this.session.disconnected();
  }

  private async copy(id: string): Promise<void> {
    const message = this.session.find(id);
    if (!message) return;
    await vscode.env.clipboard.writeText(messageAsJson(message));
    vscode.window.setStatusBarMessage(`Copied message ${id} of ${this.topic}.`, 3000);
  }

  private async copyValue(id: string): Promise<void> {
    const message = this.session.find(id);
    if (!message || message.problem !== undefined) return;
    const { data, encoding } = exactBytes(message.value);
    await vscode.env.clipboard.writeText(data ?? '');
    vscode.window.setStatusBarMessage(data === null ? `Message ${id} of ${this.topic} has no value (null): copied nothing.` : `Copied the value of message ${id} of ${this.topic}${encoding === 'base64' ? ' as base64' : ''}.`, 3000);
  }

  private async resendMessage(id: string): Promise<void> {
    const message = this.session.find(id);
    // A row for a batch that could not be read holds no message to send.
    if (message && message.problem === undefined) await this.deps.resend(message);
  }

  private async export(format: 'json' | 'csv', ids: readonly string[] | undefined): Promise<void> {
    const wanted = ids ? new Set(ids) : undefined;
    const shown = this.session.shown();
    const messages = wanted ? shown.filter((m) => wanted.has(messageId(m))) : shown;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${this.topic.replace(/[^\w.-]+/g, '_')}-messages.${format}`;
    const target = await vscode.window.showSaveDialog({
      title: `Export ${messages.length} message(s) of ${this.topic}`,
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(formatMessages(messages, format), 'utf8'));
    vscode.window.setStatusBarMessage(`Exported ${messages.length} message(s) to ${target.fsPath}.`, 5000);
  }

  /** Sends the view its state again, after a change that is not the view's own (the time zone setting). */
  refresh(): void {
    this.session.refresh();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.session.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
