// The runner's side of a tree query (protocol.ts, TREE_QUERY_SUFFIX): reads the rows the
// Services view draws from the workbench's DOM, as a person sees them.

import { readdirSync, renameSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { ShownTreeAnswer, ShownTreeRow, TREE_ANSWER_SUFFIX, TREE_QUERY_SUFFIX } from './protocol';

/** The little of the DOM the reader uses: it runs in the page, and this project compiles without the DOM's types. */
interface RowElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): { readonly textContent: string | null } | null;
}

async function shownRows(page: Page): Promise<ShownTreeAnswer> {
  try {
    const view = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Services' }) }).first();
    await view.locator('.monaco-list-row').first().waitFor({ timeout: 10_000 });
    const rows = await view.locator('.monaco-list-row').evaluateAll((elements: RowElement[]) =>
      elements.map((row) => ({
        // The list draws rows by absolute position; data-index is their order.
        index: Number(row.getAttribute('data-index')),
        depth: Number(row.getAttribute('aria-level')) - 1,
        label: row.querySelector('.label-name')?.textContent ?? '',
        description: row.querySelector('.label-description')?.textContent ?? '',
      })),
    );
    const shown: ShownTreeRow[] = rows.sort((a, b) => a.index - b.index).map(({ depth, label, description }) => ({ depth, label, description }));
    return { rows: shown };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Answers every tree query waiting in `dir`. */
export async function answerTreeQueries(page: Page, dir: string): Promise<void> {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(TREE_QUERY_SUFFIX))) {
    const name = file.slice(0, -TREE_QUERY_SUFFIX.length);
    rmSync(path.join(dir, file));
    // Renamed into place: the suite must never read an answer half written.
    writeFileSync(path.join(dir, `${name}.partial-shown`), JSON.stringify(await shownRows(page)));
    renameSync(path.join(dir, `${name}.partial-shown`), path.join(dir, `${name}${TREE_ANSWER_SUFFIX}`));
  }
}
