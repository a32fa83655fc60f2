// One message view: a webview panel on one topic of one service. Holds the peeked messages,
// answers the view's requests (load, older, follow, copy, send again, export), and sends the
// view its whole state after each change.

import * as vscode from 'vscode';
import type { KafkaCluster, PeekedMessage, PeekRequest, SearchRequest, SearchStop, TopicInfo } from '../../kafka/types';
import { messageAsJson } from '../../kafka/messageJson';
import { formatMessages } from '../../messageView/export';
import { newerThan, olderThan } from '../../kafka/peek';
import { mergeMessages, withOlderPage } from '../../messageView/window';
import { messageId, peekRow } from '../../messageView/rows';
import { parseIsoTime } from '../../text/isoTime';
import { offsetFromText } from '../../text/offsets';
import { heldPartitionsText } from '../../kafka/openTransaction';
import { plural } from '../../text/count';
import { describeError } from '../connections/connectionManager';
import { readSearchMatchBudgetMs } from '../settings';
import type { PeekMode, PeekViewRequest, PeekViewState, TimeZoneChoice } from '../../messageView/protocol';
import { peekHtml, peekResourceRoots } from './peekHtml';
import { searchFromView, searchStatus } from '../../messageView/search';
import type { SearchViewRequest, SearchViewState } from '../../messageView/protocol';

/** How often a running search updates the view, in ms. */
const SEARCH_PROGRESS_EVERY_MS = 100;

/** Most messages one view keeps; "Load older" beyond it drops the newest. */
const MAX_MESSAGES = 10_000;
const FOLLOW_INTERVAL_MS = 2_000;
/** New messages read per poll at most: keeps up with 250 messages a second. */
const FOLLOW_BATCH = 500;

const REQUEST_NAMES: Partial<Record<PeekViewRequest['type'], string>> = { copy: 'Copy', resend: 'Send again', export: 'Export', open: 'Open', timeZone: 'Switching the time zone' };

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

interface Selection {
  readonly mode: PeekMode;
  readonly partition?: number;
  readonly offset?: string;
  readonly timestamp?: string;
  readonly count: number;
}

export class PeekPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly abort = new AbortController();
  private messages: PeekedMessage[] = [];
  private topicInfo: TopicInfo | undefined;
  /** Each partition's end when the messages were loaded: following reads only past it. */
  private followFrom: Record<number, string> = {};
  private selection: Selection;
  private busy = false;
  private error: string | undefined;
  private notice: string | undefined;
  private followTimer: NodeJS.Timeout | undefined;
  private polling = false;
  private disposed = false;
  /** The search running or last run; its matches are shown instead of `messages` while set. */
  private searching: { request: SearchRequest; state: SearchViewState; matches: PeekedMessage[]; cancel: AbortController } | undefined;
  readonly onDidDispose: vscode.Event<void>;

  constructor(
    readonly service: string,
    readonly topic: string,
    count: number,
    private readonly deps: PeekPanelDeps,
  ) {
    this.selection = { mode: 'newest', count };
    this.panel = vscode.window.createWebviewPanel('upsunKafka.peek', `${topic} · ${service}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: peekResourceRoots(deps.extensionUri),
    });
    this.panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'upsun-kafka.svg');
    this.panel.webview.html = peekHtml(this.panel.webview, deps.extensionUri);
    this.onDidDispose = this.panel.onDidDispose;
    this.panel.webview.onDidReceiveMessage((m: PeekViewRequest) => this.receive(m).catch((error: unknown) => this.requestFailed(m, error)), undefined, this.disposables);
    this.panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** The newest messages across all partitions, as the view opens with. */
  loadNewest(): Promise<void> {
    return this.load({ mode: 'newest', count: this.selection.count });
  }

  /** A request from the view's controls (the editor tests send the same ones). */
  async receive(message: PeekViewRequest): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.post();
      case 'load':
        return this.load(message);
      case 'older':
        return this.loadOlder();
      case 'follow':
        return message.on ? this.startFollowing() : this.follow(false);
      case 'copy':
        return this.copy(message.id);
      case 'resend':
        return this.resendMessage(message.id);
      case 'export':
        return this.export(message.format, message.ids);
      case 'open': {
        const found = this.find(message.id);
        if (found) await this.deps.open(found);
        return;
      }
      case 'timeZone':
        return this.deps.setTimeZone(message.timeZone);
      case 'search':
        return this.search(message);
      case 'cancelSearch':
        return this.searching?.cancel.abort();
      case 'closeSearch':
        this.searching?.cancel.abort();
        this.searching = undefined;
        return this.post();
    }
  }

  /** Copy, Send again and Export report their own failures here; loads show theirs in the view. */
  private requestFailed(request: PeekViewRequest, error: unknown): void {
    const what = REQUEST_NAMES[request.type] ?? request.type;
    const message = describeError(error);
    this.deps.log.error(`${what} in the message view of "${this.topic}" on "${this.service}" failed: ${message}`);
    void vscode.window.showErrorMessage(`${what} failed for "${this.topic}": ${message}`);
  }

  private async load(request: Selection): Promise<void> {
    const { mode, partition, offset, timestamp, count } = request;
    let start: Pick<PeekRequest, 'fromOffset' | 'fromTimestamp'> = {};
    if (mode === 'offset') {
      const fromOffset = offsetFromText(offset ?? '');
      if (fromOffset === undefined) return this.fail('Enter an offset: a whole number from 0 to 2^63 - 1.');
      start = { fromOffset };
    }
    if (mode === 'timestamp') {
      const time = parseIsoTime(timestamp ?? '');
      if ('problem' in time) return this.fail('Pick a date and time to start from.');
      start = { fromTimestamp: time.ms };
    }
    this.selection = { mode, partition, offset, timestamp, count };
    this.searching?.cancel.abort();
    this.searching = undefined;
    await this.run(async (cluster) => {
      this.topicInfo = await cluster.describeTopic(this.topic);
      // Follow goes on from where a read_committed consumer stands: the last stable offset, so
      // what an open transaction holds now shows once it commits.
      this.followFrom = Object.fromEntries(this.topicInfo.partitions.map((p) => [p.partition, p.lastStable]));
      this.messages = mergeMessages([], await cluster.peek({ topic: this.topic, limit: count, partition, ...start }, this.abort.signal), MAX_MESSAGES);
    });
  }

  /**
   * The page before the oldest message shown. Past MAX_MESSAGES the view keeps the older
   * messages and drops the newest, says so, and stops following (the newest are gone from it).
   */
  private async loadOlder(): Promise<void> {
    await this.run(async (cluster) => {
      const { count, partition } = this.selection;
      const page = await cluster.peek(olderThan({ topic: this.topic, limit: count, partition }, this.messages), this.abort.signal);
      if (page.length === 0) {
        this.notice = 'No older messages: this is the start of what the topic still holds.';
        return;
      }
      const { messages, dropped } = withOlderPage(this.messages, page, MAX_MESSAGES);
      this.messages = messages;
      if (dropped > 0) {
        if (this.followTimer !== undefined) this.follow(false);
        this.notice = `Dropped the ${plural(dropped, 'newest message')} to show older ones: a view keeps ${MAX_MESSAGES.toLocaleString('en-US')}. Load to see the newest again.`;
      }
    });
  }

  /** The user turned Follow on: connects first if needed, as Load does, then polls. */
  private async startFollowing(): Promise<void> {
    if (this.disposed) return;
    const cluster = this.deps.connected() ?? (await this.deps.cluster());
    if (cluster) return this.follow(true);
    this.error = 'Not connected. Connect to the service, then follow again.';
    this.follow(false);
  }

  private follow(on: boolean): void {
    clearInterval(this.followTimer);
    // poll() handles its own failures; the catch is for a fault in that handling itself.
    const poll = (): void => {
      this.poll().catch((error: unknown) => this.deps.log.error(`Following "${this.topic}" on "${this.service}": ${describeError(error)}`));
    };
    this.followTimer = on && !this.disposed ? setInterval(poll, FOLLOW_INTERVAL_MS) : undefined;
    if (on) this.notice = undefined;
    this.post();
  }

  /**
   * The service was disconnected (by the user, or because its settings changed): following
   * stops instead of connecting again on its own, which would ask for brokers on every poll.
   */
  disconnected(): void {
    if (this.disposed || this.followTimer === undefined) return;
    this.notice = 'Disconnected: following stopped. Load or Follow connects again.';
    this.follow(false);
  }

  /** New messages since the last look, read only from partitions whose end moved. */
  private async poll(): Promise<void> {
    if (this.polling || this.busy) return;
    this.polling = true;
    try {
      const cluster = this.deps.connected();
      if (!cluster) return this.disconnected();
      const request = newerThan({ topic: this.topic, limit: FOLLOW_BATCH, partition: this.selection.partition }, this.messages, this.followFrom);
      const newer = await cluster.peek(request, this.abort.signal);
      if (newer.length === 0) return;
      this.messages = mergeMessages(this.messages, newer, MAX_MESSAGES);
      this.topicInfo = await cluster.describeTopic(this.topic);
      this.error = undefined;
      this.post();
    } catch (error) {
      if (this.abort.signal.aborted) return;
      // Disconnected while this poll was reading: the notice already says so.
      if (this.followTimer === undefined) return this.deps.log.info(`Following "${this.topic}" ended: ${describeError(error)}`);
      this.error = `Following stopped: ${describeError(error)}`;
      this.follow(false);
    } finally {
      this.polling = false;
    }
  }

  private async run(work: (cluster: KafkaCluster) => Promise<void>): Promise<void> {
    // A closed view asks nothing: no connecting, no prompt for brokers.
    if (this.disposed) return;
    this.busy = true;
    this.error = undefined;
    this.notice = undefined;
    this.post();
    try {
      const cluster = await this.deps.cluster();
      if (cluster) await work(cluster);
      else this.error = 'Not connected. Connect to the service, then load again.';
    } catch (error) {
      if (this.abort.signal.aborted) return;
      this.error = describeError(error);
      this.deps.log.error(`Peek at "${this.topic}" on "${this.service}": ${this.error}`);
    } finally {
      this.busy = false;
      this.post();
    }
  }

  /**
   * Reads the topic on the extension's side (src/kafka/search.ts) and shows its matches in
   * place of the loaded messages, with progress as it reads; Cancel, a new search, Load and
   * closing the view stop it.
   */
  private async search(message: SearchViewRequest): Promise<void> {
    const asked = searchFromView(this.topic, message);
    const request = 'problem' in asked ? asked : { ...asked, matchBudgetMs: readSearchMatchBudgetMs() };
    this.searching?.cancel.abort();
    if ('problem' in request) {
      // A refused search replaces the last one too: its matches and status line would
      // otherwise stand under the error as if they answered the new query.
      this.searching = undefined;
      return this.fail(request.problem);
    }
    if (this.followTimer !== undefined) this.follow(false);
    const cancel = new AbortController();
    const onClose = () => cancel.abort();
    this.abort.signal.addEventListener('abort', onClose, { once: true });
    const search = { request, matches: [] as PeekedMessage[], cancel, state: { running: true, read: 0, total: 0, matches: 0, status: searchStatus(request, { read: 0, total: 0, matches: 0 }) } };
    this.searching = search;
    const current = () => this.searching === search;
    let posted = 0;
    try {
      await this.run(async (cluster) => {
        const result = await cluster.search(request, {
          signal: cancel.signal,
          onProgress: (progress, matchesSoFar) => {
            if (!current() || Date.now() - posted < SEARCH_PROGRESS_EVERY_MS) return;
            posted = Date.now();
            // Matches appear as they are found, not only when the whole range is read.
            if (progress.matches !== search.matches.length) search.matches = matchesSoFar();
            search.state = { running: true, read: progress.read, total: progress.total, matches: progress.matches, status: searchStatus(request, progress) };
            this.post();
          },
        });
        search.matches = result.messages;
        search.state = { running: false, read: result.read, total: result.total, matches: result.matches, status: searchStatus(request, result, result.stopped) };
      });
    } finally {
      this.abort.signal.removeEventListener('abort', onClose);
      if (current() && search.state.running) {
        // Failed: the error line says why; the bar stops where it was.
        const stopped: SearchStop = 'cancelled';
        search.state = { ...search.state, running: false, status: searchStatus(request, search.state, stopped) };
        this.post();
      }
    }
  }

  private fail(message: string): void {
    this.error = message;
    this.post();
  }

  private find(id: string): PeekedMessage | undefined {
    return this.shown().find((m) => messageId(m) === id);
  }

  /** The rows the view shows: the search's matches while there is a search, else the loaded messages. */
  private shown(): PeekedMessage[] {
    return this.searching?.matches ?? this.messages;
  }

  private async copy(id: string): Promise<void> {
    const message = this.find(id);
    if (!message) return;
    await vscode.env.clipboard.writeText(messageAsJson(message));
    vscode.window.setStatusBarMessage(`Copied message ${id} of ${this.topic}.`, 3000);
  }

  private async resendMessage(id: string): Promise<void> {
    const message = this.find(id);
    // A row for a batch that could not be read holds no message to send.
    if (message && message.problem === undefined) await this.deps.resend(message);
  }

  private async export(format: 'json' | 'csv', ids: readonly string[] | undefined): Promise<void> {
    const wanted = ids ? new Set(ids) : undefined;
    const messages = wanted ? this.shown().filter((m) => wanted.has(messageId(m))) : this.shown();
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
    this.post();
  }

  private post(): void {
    if (this.disposed) return;
    const topic = this.topicInfo;
    const where = this.selection.partition === undefined ? 'all partitions' : `partition ${this.selection.partition}`;
    const summary = topic
      ? `${this.messages.length} shown, ${this.selection.mode === 'newest' ? 'newest' : this.selection.mode === 'offset' ? 'from an offset' : 'from a time'} in ${where} · ${plural(Number(topic.messageCount), 'message')} in ${plural(topic.partitions.length, 'partition')}`
      : 'loading…';
    // Read when the view loaded or last polled: what a read_committed reader cannot see yet.
    const held = heldPartitionsText((topic?.partitions ?? []).filter((p) => this.selection.partition === undefined || p.partition === this.selection.partition));
    const state: PeekViewState = {
      type: 'state',
      service: this.service,
      topic: this.topic,
      partitions: topic?.partitions.map((p) => p.partition) ?? [],
      rows: this.shown().map(peekRow),
      search: this.searching?.state,
      count: this.selection.count,
      busy: this.busy,
      following: this.followTimer !== undefined,
      summary: held ? `${summary} · ${held}` : summary,
      error: this.error,
      notice: this.notice,
      selection: { mode: this.selection.mode, partition: this.selection.partition, offset: this.selection.offset, timestamp: this.selection.timestamp },
      timeZone: this.deps.timeZone(),
    };
    void this.panel.webview.postMessage(state);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.followTimer);
    this.followTimer = undefined;
    this.abort.abort();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
