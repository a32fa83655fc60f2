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
      return `${mark} ${t.title}${time}${error}`;
    })
    .join('\n');
}
