// The per-service filter on topic and consumer group names: plain text such as `ord` found
// anywhere in the name, or globs such as `orders.*` matching the whole name, several separated
// by commas or spaces, `!pattern` to leave names out. The globs are the shared dialect of
// src/text/nameGlob.ts; a pattern is a glob only when it holds one of its characters, so
// typing part of a name filters as a search box does.

import { hasGlobCharacters, nameMatcher, type NameMatcher } from '../text/nameGlob';

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

/**
 * A name passes when it matches any include pattern (or there are none) and no `!` pattern.
 * A pattern without glob characters matches when it is part of the name, ignoring case
 * (`ord` passes `Orders.Audit`); one with them matches the whole name as a glob.
 */
export function nameFilter(text: string): NameFilter {
  const patterns = filterPatterns(text);
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1)).filter((p) => p.length > 0);
  const included = include.length > 0 ? anyPattern(include) : () => true;
  const excluded = anyPattern(exclude);
  return (name) => included(name) && !excluded(name);
}

function anyPattern(patterns: readonly string[]): NameMatcher {
  const globs = nameMatcher(patterns.filter(hasGlobCharacters));
  const parts = patterns.filter((p) => !hasGlobCharacters(p)).map((p) => p.toLowerCase());
  return (name) => {
    const lower = name.toLowerCase();
    return parts.some((part) => lower.includes(part)) || globs(name);
  };
}
