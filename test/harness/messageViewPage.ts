// The built message view (dist/webview/peek.js in the page src/messageView/page.ts builds, with
// media/peek.css) opened in Chromium against a fake host: every request to ORIGIN is answered
// from the repository, and acquireVsCodeApi keeps what the view posts in the page's global
// `fromView`. Used by the webview level and by `npm run bench:messageView`.

import { readFileSync } from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { messageViewHtml } from '../../src/messageView/page';
import { REPO_ROOT } from './paths';

/** Where the page seems to come from. */
const ORIGIN = 'https://message-view.test';

/**
 * A new page of `browser` showing the message view, once it has posted `ready`; `errors`
 * collects the page's uncaught errors from then on (those before `ready` are in it too).
 */
export async function openMessageViewPage(browser: Browser): Promise<{ readonly page: Page; readonly errors: string[] }> {
  const page = await browser.newPage();
  const html = messageViewHtml({ cspSource: ORIGIN, script: `${ORIGIN}/dist/webview/peek.js`, stylesheet: `${ORIGIN}/media/peek.css`, codicons: `${ORIGIN}/dist/codicons/codicon.css` });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(`${ORIGIN}/**`, (route) => {
    const file = new URL(route.request().url()).pathname;
    if (file === '/') return route.fulfill({ contentType: 'text/html', body: html });
    return route.fulfill({ contentType: file.endsWith('.css') ? 'text/css' : file.endsWith('.ttf') ? 'font/ttf' : 'text/javascript', body: readFileSync(path.join(REPO_ROOT, file)) });
  });
  // VS Code's webview host gives the page acquireVsCodeApi; this one keeps what the view posts.
  await page.addInitScript(() => {
    const fromView: unknown[] = [];
    // VS Code keeps a page's state while its tab lives, across reloads: here, the tab's session storage.
    const storage = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).sessionStorage;
    const saved = {
      get state(): unknown {
        return JSON.parse(storage.getItem('vscodeState') ?? 'null') ?? undefined;
      },
      set state(value: unknown) {
        storage.setItem('vscodeState', JSON.stringify(value));
      },
    };
    Object.assign(globalThis, { fromView, saved, acquireVsCodeApi: () => ({ postMessage: (m: unknown) => fromView.push(m), getState: () => saved.state, setState: (s: unknown) => (saved.state = s) }) });
  });
  await page.goto(`${ORIGIN}/`);
  // The variables VS Code gives a webview, at its defaults (the page uses no others for size).
  await page.evaluate("for (const [name, value] of Object.entries({ '--vscode-font-size': '13px', '--vscode-font-family': 'sans-serif', '--vscode-editor-font-size': '14px', '--vscode-editor-font-family': 'monospace' })) document.documentElement.style.setProperty(name, value)");
  await page.waitForFunction(() => (globalThis as unknown as { fromView: unknown[] }).fromView.length > 0);
  return { page, errors };
}
