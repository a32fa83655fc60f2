// The smallest PeekRowsChange that turns the rows a view holds into the rows it should show,
// and its application on the view's side. Plain data both ways: the session (extension side)
// makes changes, the webview script applies them, and a unit test checks that one undoes the other.

import type { PeekRow, PeekRowsChange } from './protocol';

/**
 * The change from the rows with ids `held` (newest first, as the view holds them) to `next`,
 * numbered `version`; undefined when nothing changed. The rows kept must stay in their order
 * as one run of `held` (what the view's cap, Load older and Follow leave); anything else is a
 * `replace`. `row(i)` makes the row for `next[i]`, called only for rows the view lacks, so an
 * unchanged view costs no row building.
 */
export function rowsChange<T>(held: readonly string[], next: readonly T[], id: (item: T) => string, row: (item: T) => PeekRow, version: number): PeekRowsChange | undefined {
  const heldAt = new Map<string, number>();
  held.forEach((heldId, i) => heldAt.set(heldId, i));
  const ids = next.map(id);
  const kept: number[] = [];
  const at: number[] = [];
  ids.forEach((nextId, i) => {
    const before = heldAt.get(nextId);
    if (before === undefined) at.push(i);
    else kept.push(before);
  });
  const replace = (): PeekRowsChange => ({ type: 'replace', version, rows: next.map(row) });
  if (kept.length === 0) return held.length === 0 && next.length === 0 ? undefined : replace();
  // One run of `held`, in order: each kept row one past the last.
  if (kept.some((index, i) => index !== kept[0] + i)) return replace();
  const dropNewest = kept[0];
  const dropOldest = held.length - 1 - kept[kept.length - 1];
  const rows = at.map((i) => row(next[i]));
  if (rows.length === 0 && dropNewest === 0 && dropOldest === 0) return undefined;
  if (dropNewest === 0 && at.every((index, i) => index === i)) return { type: 'prepend', version, rows, dropOldest };
  if (dropOldest === 0 && at.every((index, i) => index === kept.length + i)) return { type: 'append', version, rows, dropNewest };
  return { type: 'insert', version, rows, at, dropNewest, dropOldest };
}

/**
 * `rows` after `change`; undefined when the change does not fit them (a drop or an index past
 * their end), which means the view missed a change and should ask for all rows again.
 */
export function applyRowsChange(rows: readonly PeekRow[], change: PeekRowsChange): PeekRow[] | undefined {
  switch (change.type) {
    case 'replace':
      return [...change.rows];
    case 'prepend':
      return fits(rows, 0, change.dropOldest) ? [...change.rows, ...rows.slice(0, rows.length - change.dropOldest)] : undefined;
    case 'append':
      return fits(rows, change.dropNewest, 0) ? [...rows.slice(change.dropNewest), ...change.rows] : undefined;
    case 'insert': {
      if (!fits(rows, change.dropNewest, change.dropOldest) || change.at.length !== change.rows.length) return undefined;
      const kept = rows.slice(change.dropNewest, rows.length - change.dropOldest);
      const length = kept.length + change.rows.length;
      const result: PeekRow[] = [];
      let k = 0;
      let a = 0;
      for (let i = 0; i < length; i++) result.push(a < change.at.length && change.at[a] === i ? change.rows[a++] : kept[k++]);
      // Every inserted row placed: `at` was ascending and inside the new list.
      return a === change.rows.length ? result : undefined;
    }
  }
}

function fits(rows: readonly unknown[], dropNewest: number, dropOldest: number): boolean {
  return Number.isInteger(dropNewest) && Number.isInteger(dropOldest) && dropNewest >= 0 && dropOldest >= 0 && dropNewest + dropOldest <= rows.length;
}
