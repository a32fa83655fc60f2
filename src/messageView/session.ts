// One message view's state on the extension's side: what is loaded (newest, from an offset or
// a time, older pages, followed messages, capped), the search running or last run, what the
// controls show, and the lines the view prints. It answers the view's requests that read
// Kafka, and posts the view only what changed: the rows as a PeekRowsChange when they change,
// then a small PeekViewState. The panel (src/vscode/messageView/peekPanel.ts) does the rest.

import { newerThan, olderThan } from '../kafka/peek';
import { brokersUnanswered, type KafkaCluster, type PeekedMessage, type PeekRequest, type SearchRequest, type SearchStop, type TopicInfo } from '../kafka/types';
import { groupDigits, plural } from '../text/count';
import { describeError } from '../text/error';
import { parseIsoTime } from '../text/isoTime';
import { offsetFromText } from '../text/offsets';
import type { NoticeLevel, PeekMode, PeekViewMessage, PeekViewRequest, PeekViewState, SearchQueryShown, SearchViewRequest, SearchViewState, TimeZoneChoice } from './protocol';
import { messageId, peekRow } from './rows';
import { rowsChange } from './rowsChange';
import { searchFromView, searchStatus } from './search';
import { searchSummary, viewSummary } from './summary';
import { mergeMessages, withOlderPage } from './window';

/** How often a running search updates the view, in ms. */
export const SEARCH_PROGRESS_EVERY_MS = 100;
/** Most messages one view keeps; "Load older" beyond it drops the newest. */
export const MAX_MESSAGES = 10_000;
/** How often Follow asks for new messages, in ms. */
export const FOLLOW_INTERVAL_MS = 2_000;

/** The start of the notice while Follow waits for brokers that stopped answering. */
const RECONNECTING = 'Reconnecting';
/** New messages read per poll at most: keeps up with 250 messages a second. */
const FOLLOW_BATCH = 500;

/** The part of a cluster a view reads. */
export type ViewCluster = Pick<KafkaCluster, 'describeTopic' | 'peek' | 'search'>;

export interface MessageViewSessionDeps {
  /** The service's cluster, connecting first when needed: for what the user asks for (Load…). */
  readonly cluster: () => Promise<ViewCluster | undefined>;
  /** The service's cluster while connected, never connecting: for what runs on its own (Follow). */
  readonly connected: () => ViewCluster | undefined;
  /** Delivers a message to the view (in order). */
  readonly post: (message: PeekViewMessage) => void;
  readonly log: { error(line: string): void; info(line: string): void };
  readonly timeZone: () => TimeZoneChoice;
  /** `upsunKafka.search.matchBudgetMs`: most ms one record's match may take. */
  readonly searchMatchBudgetMs: () => number;
  /** Calls `tick` every `ms` until disposed: Follow's polls. */
  readonly every: (ms: number, tick: () => void) => { dispose(): void };
  /** The time in ms, for pacing a search's progress. */
  readonly now: () => number;
}

interface Selection {
  readonly mode: PeekMode;
  readonly partition?: number;
  readonly offset?: string;
  readonly timestamp?: string;
  readonly count: number;
}

/** The view's requests that the session answers; copy, send again, open, export and the time zone are the panel's. */
export type SessionRequest = Extract<PeekViewRequest, { type: 'ready' | 'resync' | 'load' | 'older' | 'follow' | 'search' | 'cancelSearch' | 'closeSearch' }>;

interface Search {
  readonly request: SearchRequest;
  /** As the view asked for it, for its search bar when it reloads. */
  readonly query: SearchQueryShown;
  state: SearchViewState;
  matches: PeekedMessage[];
  readonly cancel: AbortController;
}

export class MessageViewSession {
  private readonly abort = new AbortController();
  private messages: PeekedMessage[] = [];
  private topicInfo: TopicInfo | undefined;
  /** Each partition's end when the messages were loaded: following reads only past it. */
  private followFrom: Record<number, string> = {};
  private selection: Selection;
  private busy = false;
  private error: string | undefined;
  /** Something to know that is not a failure; a warning when the connection is lost. */
  private notice: { readonly text: string; readonly level: NoticeLevel } | undefined;
  private followTimer: { dispose(): void } | undefined;
  private polling = false;
  private disposed = false;
  /** The search running or last run; its matches are shown instead of `messages` while set. */
  private searching: Search | undefined;
  /** The messages whose rows the view holds, newest first, as of `version`, and their ids. */
  private heldMessages: readonly PeekedMessage[] = [];
  private held: string[] = [];
  private version = 0;

  constructor(
    readonly service: string,
    readonly topic: string,
    count: number,
    private readonly deps: MessageViewSessionDeps,
  ) {
    this.selection = { mode: 'newest', count };
  }

  /** The newest messages across all partitions, as the view opens with. */
  loadNewest(): Promise<void> {
    return this.load({ mode: 'newest', count: this.selection.count });
  }

  get following(): boolean {
    return this.followTimer !== undefined;
  }

  async receive(request: SessionRequest): Promise<void> {
    switch (request.type) {
      case 'ready':
      case 'resync':
        // The view starts over (it loaded, or missed a change): all rows, then the state.
        return this.post(true);
      case 'load':
        return this.load(request);
      case 'older':
        return this.loadOlder();
      case 'follow':
        return request.on ? this.startFollowing() : this.follow(false);
      case 'search':
        return this.search(request);
      case 'cancelSearch':
        return this.searching?.cancel.abort();
      case 'closeSearch':
        this.searching?.cancel.abort();
        this.searching = undefined;
        return this.post();
    }
  }

  /** The shown message with this id (`partition:offset`), if any. */
  find(id: string): PeekedMessage | undefined {
    return this.shown().find((m) => messageId(m) === id);
  }

  /** The rows the view shows: the search's matches while there is a search, else the loaded messages. */
  shown(): readonly PeekedMessage[] {
    return this.searching?.matches ?? this.messages;
  }

  /**
   * The service was disconnected (by the user, or because its settings changed): following
   * stops instead of connecting again on its own, which would ask for brokers on every poll.
   */
  disconnected(): void {
    if (this.disposed || this.followTimer === undefined) return;
    this.notice = { text: 'Disconnected: following stopped. Load or Follow connects again.', level: 'warning' };
    this.follow(false);
  }

  /** Sends the view its state again, after a change that is not the view's own (the time zone setting). */
  refresh(): void {
    this.post();
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
        this.notice = { text: 'No older messages: this is the start of what the topic still holds.', level: 'info' };
        return;
      }
      const { messages, dropped } = withOlderPage(this.messages, page, MAX_MESSAGES);
      this.messages = messages;
      if (dropped > 0) {
        if (this.followTimer !== undefined) this.follow(false);
        this.notice = { text: `Dropped the ${plural(dropped, 'newest message')} to show older ones: a view keeps ${groupDigits(MAX_MESSAGES)}. Load to see the newest again.`, level: 'info' };
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
    this.followTimer?.dispose();
    // poll() handles its own failures; the catch is for a fault in that handling itself.
    const poll = (): void => {
      this.poll().catch((error: unknown) => this.deps.log.error(`Following "${this.topic}" on "${this.service}": ${describeError(error)}`));
    };
    this.followTimer = on && !this.disposed ? this.deps.every(FOLLOW_INTERVAL_MS, poll) : undefined;
    if (on) this.notice = undefined;
    this.post();
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
      const reconnected = this.notice?.text.startsWith(RECONNECTING) === true;
      if (reconnected) this.notice = undefined;
      if (newer.length === 0) return reconnected ? this.post() : undefined;
      this.messages = mergeMessages(this.messages, newer, MAX_MESSAGES);
      this.topicInfo = await cluster.describeTopic(this.topic);
      this.error = undefined;
      this.post();
    } catch (error) {
      if (this.abort.signal.aborted) return;
      // Disconnected while this poll was reading: the notice already says so.
      if (this.followTimer === undefined) return this.deps.log.info(`Following "${this.topic}" ended: ${describeError(error)}`);
      // The brokers stopped answering: the same client works again once they do, so Follow
      // keeps asking and says so, rather than stopping for good.
      if (brokersUnanswered(error)) {
        this.notice = { text: `${RECONNECTING}: ${describeError(error)} Following goes on when the broker answers.`, level: 'warning' };
        return this.post();
      }
      this.error = `Following stopped: ${describeError(error)}`;
      this.follow(false);
    } finally {
      this.polling = false;
    }
  }

  private async run(work: (cluster: ViewCluster) => Promise<void>): Promise<void> {
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
    const request = 'problem' in asked ? asked : { ...asked, matchBudgetMs: this.deps.searchMatchBudgetMs() };
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
    const { type: _type, partition: _partition, ...query } = message;
    const search: Search = { request, query, matches: [], cancel, state: { running: true, read: 0, total: 0, matches: 0, status: searchStatus(request, { read: 0, total: 0, matches: 0 }) } };
    this.searching = search;
    const current = () => this.searching === search;
    let posted = -Infinity;
    try {
      await this.run(async (cluster) => {
        const result = await cluster.search(request, {
          signal: cancel.signal,
          onProgress: (progress, matchesSoFar) => {
            if (!current() || this.deps.now() - posted < SEARCH_PROGRESS_EVERY_MS) return;
            posted = this.deps.now();
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

  /**
   * What changed of the rows since the view last heard, if anything (all of them when
   * `whole`), then the state. Version 0 is the view's start: no rows.
   */
  private post(whole = false): void {
    if (this.disposed) return;
    const shown = this.shown();
    const version = this.version + 1;
    // Lists of messages are replaced, never changed in place: the same list means the same rows.
    const same = !whole && shown === this.heldMessages;
    const change = whole ? { type: 'replace' as const, version, rows: shown.map(peekRow) } : same ? undefined : rowsChange(this.held, shown, messageId, peekRow, version);
    if (!same) {
      this.heldMessages = shown;
      this.held = shown.map(messageId);
    }
    if (change) {
      this.version = version;
      this.deps.post(change);
    }
    this.deps.post(this.state());
  }

  private state(): PeekViewState {
    const { mode, partition, offset, timestamp, count } = this.selection;
    return {
      type: 'state',
      rowsVersion: this.version,
      service: this.service,
      topic: this.topic,
      partitions: this.topicInfo?.partitions.map((p) => p.partition) ?? [],
      search: this.searching?.state,
      ...(this.searching ? { searchQuery: this.searching.query } : {}),
      count,
      busy: this.busy,
      following: this.followTimer !== undefined,
      // Search results replace the loaded messages in the table: the line says which it shows.
      summary: this.searching ? searchSummary(this.searching.matches.length, this.topicInfo) : viewSummary(this.messages.length, this.selection, this.topicInfo),
      error: this.error,
      notice: this.notice?.text,
      noticeLevel: this.notice?.level,
      selection: { mode, partition, offset, timestamp },
      timeZone: this.deps.timeZone(),
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.followTimer?.dispose();
    this.followTimer = undefined;
    this.abort.abort();
  }
}
