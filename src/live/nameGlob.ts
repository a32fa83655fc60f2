// The one glob dialect for names the user matches with patterns: topic and consumer group
// filters in the explorer, and the production guard's patterns on service, environment and
// broker names. Matching is picomatch's (the matcher behind chokidar and micromatch), so
// `*`, `?`, `[0-9]`, `{prod,live}` and `!` mean the same everywhere.

import picomatch from 'picomatch';

/** Whether one name matches. */
export type NameMatcher = (name: string) => boolean;

/**
 * `dot` lets `*` match names that start with a dot or underscore like any other; case is
 * ignored because patterns are for finding and guarding, not for telling `Prod` from `prod`.
 */
const OPTIONS: picomatch.PicomatchOptions = { dot: true, nocase: true };

/**
 * None of these names is a path, yet picomatch stops `*` and `?` at `/`: a branch named
 * `feature/prod-fix` must still match `*prod*`. Both sides trade `/` for a character of the
 * Unicode private use area that no pattern syntax gives a meaning to.
 */
const SLASH = /\//g;
const PLAIN_SLASH = '\uE02F';

/**
 * Matches a whole name against any of `patterns` (blank ones are ignored; none at all
 * matches nothing). Throws only for what picomatch rejects, which blank-free strings are not.
 */
export function nameMatcher(patterns: string | readonly string[]): NameMatcher {
  const list = (typeof patterns === 'string' ? [patterns] : patterns).map((p) => p.trim()).filter((p) => p.length > 0);
  if (list.length === 0) return () => false;
  const match = picomatch(list.map((p) => p.replace(SLASH, PLAIN_SLASH)), OPTIONS);
  return (name) => match(name.replace(SLASH, PLAIN_SLASH));
}
