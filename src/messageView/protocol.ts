// The messages between a message view (the webview script, src/webview/peek) and its session
// in the extension (src/messageView/session.ts, behind src/vscode/messageView/peekPanel.ts):
// plain data, typed once here and imported by both sides. It imports only src/text, so the webview bundle and its DOM-only type check take it as it is.

import type { TimeZoneChoice } from '../text/timeFormat';

export type { TimeZoneChoice };

/** What a view shows of a key, value or header value: display text only, cut to a size a webview renders without effort. */
export interface CellText {
  readonly kind: 'json' | 'text' | 'binary';
  readonly text: string;
  /** Size of the raw bytes. */
  readonly size: number;
  /** The text is not the whole value. */
  readonly truncated: boolean;
  /** Read with a schema: its format, name and source, or why the bytes could not be read with it. */
  readonly schema?: string;
}

export interface PeekRow {
  /** `partition:offset`, unique within a topic. */
  readonly id: string;
  readonly partition: number;
  readonly offset: string;
  /** ISO 8601, "no timestamp", or the raw number of one no date can hold. */
  readonly timestamp: string;
  /** The timestamp in ms since the epoch as a decimal string (-1: none), as the record holds it. */
  readonly timestampMs: string;
  readonly key: CellText | null;
  readonly value: CellText | null;
  /** In the record's order, repeated keys included; a null value is a header without one. */
  readonly headers: readonly { readonly key: string; readonly value: CellText | null }[];
  /** Set when the row stands for a record batch that could not be read: why, for the user. */
  readonly problem?: string;
}

export type PeekMode = 'newest' | 'offset' | 'timestamp';

/**
 * Extension → view: everything the view shows but its rows, sent after every change. Small
 * (no message text), so a search's progress ticks and Follow's polls cost a few hundred bytes.
 */
/** A notice's weight: `info`, or `warning` for a lost connection (Disconnected, Reconnecting). */
export type NoticeLevel = 'info' | 'warning';

export interface PeekViewState {
  readonly type: 'state';
  /** The version of the rows this state goes with: the view asks for all again (`resync`) when it holds another. */
  readonly rowsVersion: number;
  readonly service: string;
  readonly topic: string;
  readonly partitions: readonly number[];
  readonly count: number;
  readonly busy: boolean;
  readonly following: boolean;
  /** One line about what is shown ("50 newest of 10,000 messages in 3 partitions"). */
  readonly summary: string;
  readonly error?: string;
  /** Something to know that is not a failure ("No older messages."). */
  readonly notice?: string;
  /** How the notice shows: `warning` (the theme's warning colours) while the connection is lost. */
  readonly noticeLevel?: NoticeLevel;
  /** The search of the topic: running, or the last one, whose matches are the rows shown. */
  readonly search?: SearchViewState;
  /** What that search asked for: a view that (re)loads shows it in its search bar. */
  readonly searchQuery?: SearchQueryShown;
  /** What the controls should show when the view (re)loads. */
  readonly selection: {
    readonly mode: PeekMode;
    readonly partition?: number;
    readonly offset?: string;
    readonly timestamp?: string;
  };
  readonly timeZone: TimeZoneChoice;
}

/**
 * Extension → view: a change to the rows the view holds (newest first), sent only when they
 * change. `version` counts the changes of one view from 1; a change whose version is not one
 * past the view's (a message lost, or the view reloaded) makes the view ask for `resync`, and
 * a `replace` starts over at its own version.
 */
export type PeekRowsChange =
  /** All rows: a new load, a search started or closed, or an answer to `ready` or `resync`. */
  | { readonly type: 'replace'; readonly version: number; readonly rows: readonly PeekRow[] }
  /** Newer rows on top (Follow); `dropOldest` rows go from the bottom first (the view's cap). */
  | { readonly type: 'prepend'; readonly version: number; readonly rows: readonly PeekRow[]; readonly dropOldest: number }
  /** Older rows at the bottom (Load older); `dropNewest` rows go from the top first (the view's cap). */
  | { readonly type: 'append'; readonly version: number; readonly rows: readonly PeekRow[]; readonly dropNewest: number }
  /**
   * Rows that fall between those held (a search's new matches, a followed message older than
   * the newest shown): after dropping `dropNewest` from the top and `dropOldest` from the
   * bottom, `rows[i]` goes to index `at[i]` of the new list (`at` ascending).
   */
  | { readonly type: 'insert'; readonly version: number; readonly rows: readonly PeekRow[]; readonly at: readonly number[]; readonly dropNewest: number; readonly dropOldest: number };

/** Extension → view. */
export type PeekViewMessage = PeekViewState | PeekRowsChange;

export type SearchFieldName = 'key' | 'value' | 'headers';

/** View → extension: search the topic (see src/kafka/search.ts). */
export interface SearchViewRequest {
  readonly type: 'search';
  readonly pattern: string;
  readonly regex: boolean;
  readonly caseSensitive: boolean;
  readonly fields: readonly SearchFieldName[];
  /** ISO 8601 times, the range's start (inclusive) and end (exclusive). */
  readonly from?: string;
  readonly to?: string;
  readonly partition?: number;
  readonly limit: number;
}

/** A search request as the search bar shows it. */
export type SearchQueryShown = Omit<SearchViewRequest, 'type' | 'partition'>;

export interface SearchViewState {
  readonly running: boolean;
  /** Offsets of the range read so far, and in all: the progress bar's value and maximum. */
  readonly read: number;
  readonly total: number;
  readonly matches: number;
  /** One line: what is searched, how far, why it stopped. */
  readonly status: string;
}

/** View → extension. */
export type PeekViewRequest =
  /** The page (re)loaded: the extension sends all rows and the state. */
  | { readonly type: 'ready' }
  /** The view missed a change of its rows (see PeekRowsChange): the extension sends all rows again. */
  | { readonly type: 'resync' }
  | { readonly type: 'load'; readonly mode: PeekMode; readonly partition?: number; readonly offset?: string; readonly timestamp?: string; readonly count: number }
  | { readonly type: 'older' }
  | { readonly type: 'follow'; readonly on: boolean }
  /** Copies the message as JSON. */
  | { readonly type: 'copy'; readonly id: string }
  /** Copies the value alone: its UTF-8 text, or base64 for binary. */
  | { readonly type: 'copyValue'; readonly id: string }
  | { readonly type: 'resend'; readonly id: string }
  /** Opens the whole message, lossless, as a read-only JSON document in an editor tab. */
  | { readonly type: 'open'; readonly id: string }
  /** The user switched between UTC and local time; every view follows, and it is remembered. */
  | { readonly type: 'timeZone'; readonly timeZone: TimeZoneChoice }
  | SearchViewRequest
  | { readonly type: 'cancelSearch' }
  /** Back from search results to the messages loaded before. */
  | { readonly type: 'closeSearch' }
  /** `ids`: the messages the filter leaves shown; all when absent. */
  | { readonly type: 'export'; readonly format: 'json' | 'csv'; readonly ids?: readonly string[] };
