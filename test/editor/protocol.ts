// What the suite inside the editor and the runner outside it tell each other, through files
// named by environment variables (the extension host inherits the editor's environment).
// No `vscode` import: both sides load it.

/** File the in-editor suite writes its SuiteResult to when it ends. */
export const RESULTS_FILE_ENV = 'UPSUN_KAFKA_EDITOR_RESULTS';
/**
 * Folder where the suite asks for screenshots: it writes `NAME.request`, the runner that
 * drives the browser saves `test-results/NAME.png` and answers with `NAME.done`. Unset
 * under `@vscode/test-electron`, where nothing outside can take one.
 */
export const SCREENSHOT_DIR_ENV = 'UPSUN_KAFKA_SCREENSHOT_DIR';

/** A mocha `--grep` pattern for a targeted editor run, e.g. `Connect to Environment`; all tests when unset. */
export const EDITOR_GREP_ENV = 'UPSUN_KAFKA_EDITOR_GREP';

export interface TestOutcome {
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs?: number;
  readonly error?: string;
  /** The test's measured figures (suite/notes.ts). */
  readonly notes?: readonly string[];
}

export interface SuiteResult {
  readonly passed: number;
  readonly failed: number;
  readonly tests: readonly TestOutcome[];
}

/** The outcome for a whole step that threw before its tests could report. */
export function failedOutcome(title: string, error: unknown): TestOutcome {
  return { title, state: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/** One line per test, as mocha's spec reporter would print them. */
export function formatOutcomes(tests: readonly TestOutcome[]): string {
  return tests
    .map((t) => {
      const mark = t.state === 'passed' ? '  ✔' : t.state === 'failed' ? '  ✘' : '  -';
      const time = t.durationMs !== undefined ? ` (${t.durationMs} ms)` : '';
      const error = t.error ? `\n      ${t.error.split('\n').join('\n      ')}` : '';
      const notes = (t.notes ?? []).map((n) => `\n      ${n.trim()}`).join('');
      return `${mark} ${t.title}${time}${notes}${error}`;
    })
    .join('\n');
}

/**
 * A question from the suite to the runner about a message view's page, which only the browser
 * sees: `N.page` in the SCREENSHOT_DIR_ENV folder holds a PeekPageQuery, the runner does its
 * actions in the view's frame (found by the topic in its title), reads the page and answers
 * with `N.answer`, a PeekPageAnswer.
 */
export interface PeekPageQuery {
  readonly topic: string;
  readonly actions?: readonly PeekPageAction[];
}

/** What a person does in the view; `selector` is a CSS selector inside the view's page. */
export type PeekPageAction =
  | { readonly kind: 'click'; readonly selector: string }
  /** Focuses `selector` first when given; `key` as Playwright names keys (`ArrowRight`, `Shift+ArrowLeft`). */
  | { readonly kind: 'press'; readonly key: string; readonly selector?: string }
  /** A mouse drag across `selector` from one fraction of its width to another (0 left, 1 right), at mid-height. */
  | { readonly kind: 'drag'; readonly selector: string; readonly from: number; readonly to: number }
  | { readonly kind: 'fill'; readonly selector: string; readonly text: string }
  /** Picks the option of a <select> with this value. */
  | { readonly kind: 'select'; readonly selector: string; readonly value: string };

export type PeekPageAnswer = { readonly view: RenderedView } | { readonly error: string };

/** What a message view shows, as the DOM holds it. */
export interface RenderedView {
  readonly rows: readonly RenderedRow[];
  /** Whether the Follow switch shows on. */
  readonly following: boolean;
  /** The notice and error lines' text, empty when hidden. */
  readonly notice: string;
  readonly error: string;
  /** The timestamp column's heading. */
  readonly timeHeading: string;
  /** The pager's line ("Page 2 of 200 · messages 51–100 of 10000"), empty when hidden. */
  readonly page: string;
  /** The histogram's bars' counts, oldest first, and its caption; empty when hidden. */
  readonly bars: readonly number[];
  readonly selectedBars: readonly number[];
  readonly histogramCaption: string;
  /**
   * The first JSON tree on the page, one line per item a person can see: two spaces per
   * level, `- ` before an open container, `+ ` before a closed one, then the item's text.
   */
  readonly tree: readonly string[];
  /** The text of the focused tree item, empty when none has focus. */
  readonly treeFocus: string;
  /** The detail pane's title ("Message 0:35"), empty while hidden. */
  readonly detail: string;
  /** Each part's caption in the detail pane, key first ("avro · acme.Order · schemas/order.avsc · 14 B"). */
  readonly detailKinds: readonly string[];
  /** What has the keyboard: a row's id (partition:offset), else the element's id; empty when neither. */
  readonly focus: string;
  /** Durations in ms of every table render so far (performance entries "peek-render"). */
  readonly renderMs: readonly number[];
  /** The search bar: undefined while hidden. */
  readonly search?: {
    readonly status: string;
    /** The progress bar's value and maximum: messages read of the range. */
    readonly value: number;
    readonly max: number;
    /** Whether Cancel is shown. */
    readonly cancellable: boolean;
  };
}

export interface RenderedRow {
  readonly partition: string;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: string;
  readonly value: string;
  readonly headers: string;
}

/**
 * The hostile workspace of the Restricted Mode suite (restrictedMode.test.ts), as the runner
 * built it: a JSON HostileWorkspace in this variable of the editor's environment.
 */
export const HOSTILE_WORKSPACE_ENV = 'UPSUN_KAFKA_HOSTILE_WORKSPACE';

export interface HostileWorkspace {
  /** Written by the folder's `tunnel:info` script, were `/bin/sh` ever run as the CLI. */
  readonly marker: string;
  /** `127.0.0.2:PORT`: a listener the runner owns, named by the folder's settings for the service `events`. */
  readonly listener: string;
  /** One line per connection the listener accepted. */
  readonly connectionsLog: string;
  /** A host name outside loopback (it resolves nowhere), named for the service `audit`. */
  readonly remoteHost: string;
  /** The folder's `.vscode/settings.json` as the repository ships it. */
  readonly settingsText: string;
}

/**
 * The suite asks the runner to trust the workspace as a person would: it opens VS Code's trust
 * editor (`workbench.trust.manage`), writes `NAME.trust` in the SCREENSHOT_DIR_ENV folder, the
 * runner clicks the editor's Trust button and answers with `NAME.trusted`.
 */
export const TRUST_REQUEST_SUFFIX = '.trust';
export const TRUST_DONE_SUFFIX = '.trusted';

/**
 * The suite asks the runner what the Services view draws: it writes `NAME.tree` (empty) in the
 * SCREENSHOT_DIR_ENV folder, the runner reads the view's rows from the DOM and answers with
 * `NAME.shown`, a JSON ShownTreeAnswer.
 */
export const TREE_QUERY_SUFFIX = '.tree';
export const TREE_ANSWER_SUFFIX = '.shown';

/** A row of the Services view as the window draws it, top to bottom. */
export interface ShownTreeRow {
  /** 0 for a top-level row (the list's aria-level less one). */
  readonly depth: number;
  readonly label: string;
  /** The grey text after the label; empty when none. */
  readonly description: string;
}

export type ShownTreeAnswer = { readonly rows: readonly ShownTreeRow[] } | { readonly error: string };
