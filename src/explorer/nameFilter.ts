// The per-service filter on topic and consumer group names: globs such as `orders.*`,
// several separated by commas or spaces, `!pattern` to leave names out. The globs are the
// shared dialect of src/live/nameGlob.ts.

import { nameMatcher } from '../live/nameGlob';

export type NameFilter = (name: string) => boolean;

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
  const included = include.length > 0 ? nameMatcher(include) : () => true;
  const excluded = nameMatcher(exclude);
  return (name) => included(name) && !excluded(name);
}
