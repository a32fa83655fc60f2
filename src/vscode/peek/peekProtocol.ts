// The messages between the peek panel and its webview script (media/peek.js). Plain data.

import type { PeekRow } from '../../live/peekRows';

export type PeekMode = 'newest' | 'offset' | 'timestamp';

/** Extension → view: everything the view shows, sent whole on every change. */
export interface PeekViewState {
  readonly type: 'state';
  readonly service: string;
  readonly topic: string;
  readonly partitions: readonly number[];
  readonly rows: readonly PeekRow[];
  readonly count: number;
  readonly busy: boolean;
  readonly following: boolean;
  /** One line about what is shown ("50 newest of 10,000 messages in 3 partitions"). */
  readonly summary: string;
  readonly error?: string;
  /** Something to know that is not a failure ("No older messages."). */
  readonly notice?: string;
  /** What the controls should show when the view (re)loads. */
  readonly selection: {
    readonly mode: PeekMode;
    readonly partition?: number;
    readonly offset?: string;
    readonly timestamp?: string;
  };
}

/** View → extension. */
export type PeekViewRequest =
  | { readonly type: 'ready' }
  | { readonly type: 'load'; readonly mode: PeekMode; readonly partition?: number; readonly offset?: string; readonly timestamp?: string; readonly count: number }
  | { readonly type: 'older' }
  | { readonly type: 'follow'; readonly on: boolean }
  | { readonly type: 'copy'; readonly id: string }
  | { readonly type: 'resend'; readonly id: string }
  /** `ids`: the messages the filter leaves shown; all when absent. */
  | { readonly type: 'export'; readonly format: 'json' | 'csv'; readonly ids?: readonly string[] }
  /** What the view put on screen, as the DOM holds it (read by the editor tests). */
  | ({ readonly type: 'rendered' } & RenderedView);

export interface RenderedView {
  readonly rows: readonly RenderedRow[];
  /** Whether the Follow switch shows on. */
  readonly following: boolean;
  /** The notice and error lines' text, empty when hidden. */
  readonly notice: string;
  readonly error: string;
}

export interface RenderedRow {
  readonly partition: string;
  readonly offset: string;
  readonly key: string;
  readonly value: string;
  readonly headers: string;
}
