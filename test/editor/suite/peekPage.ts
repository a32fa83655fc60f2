// Lets a test inside the editor read a message view's page, which only the browser runner
// sees (test/editor/peekPage.ts), and act in it as a person would.

import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { eventually } from '../../harness/eventually';
import { PeekPageAction, PeekPageAnswer, RenderedView, SCREENSHOT_DIR_ENV } from '../protocol';

const TIMEOUT_MS = 30_000;
let asked = 0;

/**
 * What the message view of `topic` shows after doing `actions` in it; undefined while no
 * such view is open. Throws when no browser runner serves the suite, or an action fails.
 */
export async function readPeekView(topic: string, actions: readonly PeekPageAction[] = []): Promise<RenderedView | undefined> {
  const dir = process.env[SCREENSHOT_DIR_ENV];
  if (!dir) throw new Error(`Reading the message view needs the browser runner (npm run test:editor); ${SCREENSHOT_DIR_ENV} is not set.`);
  const name = `q${process.pid}-${++asked}`;
  writeFileSync(path.join(dir, `${name}.partial-page`), JSON.stringify({ topic, actions }));
  renameSync(path.join(dir, `${name}.partial-page`), path.join(dir, `${name}.page`));
  const file = path.join(dir, `${name}.answer`);
  await eventually(`the runner to read the message view of "${topic}"`, async () => existsSync(file) || undefined, TIMEOUT_MS);
  const answer = JSON.parse(readFileSync(file, 'utf8')) as PeekPageAnswer;
  rmSync(file);
  if ('view' in answer) return answer.view;
  if (actions.length > 0 || !/^no message view/.test(answer.error)) throw new Error(answer.error);
  return undefined;
}

/** Polls the view of `topic` until `accept` returns a value; a timeout says what the view last showed. */
export async function eventuallyShown<T>(what: string, topic: string, accept: (view: RenderedView) => T | undefined, timeoutMs = 20_000): Promise<T> {
  let last: RenderedView | undefined;
  try {
    return await eventually(what, async () => {
      last = await readPeekView(topic);
      return last ? accept(last) : undefined;
    }, timeoutMs);
  } catch (error) {
    const shown = last
      ? `${last.rows.length} rows (${last.rows.slice(0, 3).map((r) => `${r.partition}/${r.offset} ${r.key}`).join(', ')}…), page "${last.page}", notice "${last.notice}", error "${last.error}", ${last.bars.length} bars, search ${last.search ? `"${last.search.status}"` : 'none'}`
      : 'no message view';
    throw new Error(`${(error as Error).message}; the view showed ${shown}`);
  }
}
