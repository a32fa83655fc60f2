// The runner's side of PeekPageQuery: finds a message view's frame in the workbench (webviews
// are nested iframes), does what the suite asked there as a person would (mouse, keyboard),
// and reads what the page shows from its DOM.

import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import type { Frame, Page } from 'playwright-core';
import type { PeekPageAction, PeekPageAnswer, PeekPageQuery, RenderedView } from './protocol';

/**
 * The little of the DOM the readers below use, typed here: they run in the page, and this
 * project compiles its Node code without the DOM's types.
 */
interface PageNode {
  readonly textContent: string | null;
  readonly hidden: boolean;
  readonly checked: boolean;
  readonly parentElement: PageNode | null;
  closest(selector: string): PageNode | null;
  matches(selector: string): boolean;
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): Iterable<PageNode>;
  getAttribute(name: string): string | null;
}
interface PageGlobals {
  readonly document: PageNode & { getElementById(id: string): PageNode | null; readonly activeElement: PageNode | null };
  readonly performance: { getEntriesByName(name: string): readonly { readonly duration: number }[] };
}

/** The frame whose page is the message view of `topic`, if one is open and loaded. */
async function peekFrame(page: Page, topic: string): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    const title = await frame
      .evaluate(() => {
        const doc = (globalThis as unknown as PageGlobals).document;
        return doc.getElementById('rows') ? doc.getElementById('title')?.textContent : undefined;
      })
      .catch(() => undefined);
    if (title === topic) return frame;
  }
  return undefined;
}

async function act(frame: Frame, action: PeekPageAction): Promise<void> {
  const target = frame.locator(action.selector ?? 'body').first();
  switch (action.kind) {
    case 'click':
      return target.click({ timeout: 5_000 });
    case 'fill':
      return target.fill(action.text, { timeout: 5_000 });
    case 'select':
      await target.selectOption(action.value, { timeout: 5_000 });
      return;
    case 'press':
      if (action.selector) await target.focus({ timeout: 5_000 });
      return frame.page().keyboard.press(action.key);
    case 'drag': {
      const box = await target.boundingBox({ timeout: 5_000 });
      if (!box) throw new Error(`${action.selector} is not on screen`);
      const y = box.y + box.height / 2;
      const mouse = frame.page().mouse;
      await mouse.move(box.x + box.width * action.from, y);
      await mouse.down();
      await mouse.move(box.x + box.width * action.to, y, { steps: 5 });
      await mouse.up();
    }
  }
}

/** What the view shows, read in its page. */
function readView(frame: Frame): Promise<RenderedView> {
  return frame.evaluate(() => {
    const doc = (globalThis as unknown as PageGlobals).document;
    const text = (node: PageNode, selector: string): string => node.querySelector(selector)?.textContent ?? '';
    const shownText = (id: string): string => {
      const node = doc.getElementById(id);
      return !node || node.hidden ? '' : (node.textContent ?? '');
    };
    const rows = [...doc.querySelectorAll('#rows tr')].map((tr) => ({
      partition: text(tr, '.partition'),
      offset: text(tr, '.offset'),
      timestamp: text(tr, '.time'),
      key: text(tr, '.key pre'),
      value: text(tr, '.value pre'),
      // The row shows a count; its tooltip holds the headers, a line each.
      headers: (tr.querySelector('.headers')?.getAttribute('title') ?? '').replace(/\n/g, ''),
    }));
    const bar = doc.getElementById('searchBar');
    const progress = doc.getElementById('searchProgress') as (PageNode & { value: number; max: number }) | null;
    const search =
      bar && !bar.hidden && progress
        ? { status: shownText('searchStatus'), value: progress.value, max: progress.max, cancellable: !(doc.getElementById('searchCancel')?.hidden ?? true) }
        : undefined;
    const bars = [...doc.querySelectorAll('#histogram rect.bar')];
    const histogramShown = !doc.getElementById('histogram')?.hidden;
    const firstTree = doc.querySelector('.json-tree');
    const tree = firstTree
      ? [...firstTree.querySelectorAll('[role="treeitem"]')]
          .filter((item) => !item.parentElement?.closest('[aria-expanded="false"]'))
          .map((item) => {
            const level = Number(item.getAttribute('aria-level'));
            const expanded = item.getAttribute('aria-expanded');
            return `${'  '.repeat(level - 1)}${expanded === 'true' ? '- ' : expanded === 'false' ? '+ ' : ''}${text(item, '.line')}`;
          })
      : [];
    const focused = doc.activeElement?.closest('[role="treeitem"]');
    const active = doc.activeElement;
    return {
      rows,
      following: doc.getElementById('follow')?.checked ?? false,
      notice: shownText('notice'),
      error: shownText('error'),
      timeHeading: doc.getElementById('timeHeading')?.textContent ?? '',
      page: shownText('pager') === '' ? '' : (doc.getElementById('page')?.textContent ?? ''),
      bars: histogramShown ? bars.map((bar) => Number(bar.getAttribute('data-count'))) : [],
      selectedBars: histogramShown ? bars.flatMap((bar, i) => (bar.matches('.selected') ? [i] : [])) : [],
      histogramCaption: histogramShown ? (doc.getElementById('histogramCaption')?.textContent ?? '') : '',
      tree,
      treeFocus: focused ? text(focused, '.line') : '',
      search,
      detail: shownText('detail') === '' ? '' : text(doc.getElementById('detail') as PageNode, 'h2'),
      detailKinds: shownText('detail') === '' ? [] : [...doc.querySelectorAll('#detail .kind')].map((k) => k.textContent ?? ''),
      focus: active ? (active.getAttribute('data-id') ?? active.getAttribute('id') ?? '') : '',
      renderMs: (globalThis as unknown as PageGlobals).performance.getEntriesByName('peek-render').map((entry) => entry.duration),
    };
  });
}

async function answer(page: Page, query: PeekPageQuery): Promise<PeekPageAnswer> {
  try {
    const frame = await peekFrame(page, query.topic);
    if (!frame) return { error: `no message view of "${query.topic}" is open` };
    for (const action of query.actions ?? []) await act(frame, action);
    return { view: await readView(frame) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Answers every query waiting in `dir`. */
export async function answerPeekPageQueries(page: Page, dir: string): Promise<void> {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.page'))) {
    const name = file.slice(0, -'.page'.length);
    const query = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as PeekPageQuery;
    rmSync(path.join(dir, file));
    // Renamed into place: the suite must never read an answer half written.
    writeFileSync(path.join(dir, `${name}.partial-answer`), JSON.stringify(await answer(page, query)));
    renameSync(path.join(dir, `${name}.partial-answer`), path.join(dir, `${name}.answer`));
  }
}
