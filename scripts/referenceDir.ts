// Where the platforms' reference data lives: `shared/reference/` beside the repository (CI
// puts `shared/` next to its clone). A git worktree sits elsewhere, so its main checkout's
// neighbour is tried too. The generators and the tests that compare generated tables with
// their sources read it from here; absent, they fail with this message rather than skip.

import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

/** The repository root, from `out/scripts` or `out/test/unit` once compiled. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The main checkout of a git worktree (`.git` is then a file naming the worktree's git dir). */
function mainCheckout(repo: string): string | undefined {
  try {
    const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(path.join(repo, '.git'), 'utf8'))?.[1]?.trim();
    if (!pointer) return undefined;
    const gitDir = path.resolve(repo, pointer);
    const common = path.resolve(gitDir, readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim());
    return path.dirname(common);
  } catch {
    return undefined; // a plain clone: `.git` is a folder
  }
}

/** Candidate folders for `shared/<sub>`, in the order they are tried. */
export function sharedCandidates(sub: string, repo = REPO_ROOT): string[] {
  const main = mainCheckout(repo);
  return [path.resolve(repo, '..', 'shared', sub), ...(main ? [path.resolve(main, '..', 'shared', sub)] : [])];
}

/** Candidate folders of the reference data, in the order they are tried. */
export function referenceCandidates(repo = REPO_ROOT): string[] {
  return sharedCandidates('reference', repo);
}

/**
 * The first candidate of `shared/<sub>` that holds `marker`. Throws, naming `what` and every
 * place looked at, when none does: a missing `shared/` fails the run rather than skipping it.
 */
export function sharedDir(sub: string, marker: string, what: string, repo = REPO_ROOT): string {
  const candidates = sharedCandidates(sub, repo);
  const found = candidates.find((dir) => existsSync(path.join(dir, marker)));
  if (!found) throw new Error(`${what} (shared/${sub}) is missing: looked for ${marker} in ${candidates.join(' and ')}. Put a copy of shared/ beside the repository.`);
  return found;
}

/** The reference folder. Throws, naming every place looked at, when none holds `README.md`. */
export function referenceDir(repo = REPO_ROOT): string {
  return sharedDir('reference', 'README.md', "The platforms' reference data", repo);
}

/** Parses one JSON file of the reference folder. */
export function readReference<T>(name: string, repo = REPO_ROOT): T {
  return JSON.parse(readFileSync(path.join(referenceDir(repo), name), 'utf8')) as T;
}
