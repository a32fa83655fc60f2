// The per-service filter on topic and consumer group names: globs such as `orders.*`,
// several separated by commas or spaces, `!pattern` to leave names out. Matching is
// picomatch's (the matcher behind chokidar and micromatch) rather than a hand-made regex.

import picomatch from 'picomatch';

export type NameFilter = (name: string) => boolean;

/**
 * Kafka names hold no `/`, so picomatch's path rules never apply; `dot` lets `*` match
 * names that start with a dot or underscore like any other, and case is ignored because
 * the filter is for finding, not for telling `Orders` from `orders`.
 */
const OPTIONS: picomatch.PicomatchOptions = { dot: true, nocase: true };

/** The patterns of a filter text, in the order written; commas inside `{a,b}` belong to the glob. */
export function filterPatterns(text: string): string[] {
  const patterns: string[] = [];
  let current = '';
  let depth = 0;
  for (const char of text) {
    if (char === '{') depth++;
    else if (char === '}') depth = Math.max(0, depth - 1);
    if (depth === 0 && (char === ',' || /\s/.test(char))) {
      if (current) patterns.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current) patterns.push(current);
  return patterns;
}

/** A name passes when it matches any include pattern (or there are none) and no `!` pattern. */
export function nameFilter(text: string): NameFilter {
  const patterns = filterPatterns(text);
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1)).filter((p) => p.length > 0);
  const included = include.length > 0 ? picomatch(include, OPTIONS) : () => true;
  const excluded = exclude.length > 0 ? picomatch(exclude, OPTIONS) : () => false;
  return (name) => included(name) && !excluded(name);
}
