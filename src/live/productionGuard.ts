// Decides whether producing to a cluster deserves a confirmation: the user lists glob
// patterns (`*prod*`, `main`) that are matched against everything naming the target.

/** What names the cluster a message would go to. */
export interface ProduceTarget {
  readonly service: string;
  /** Project folder name, environment or branch, when known. */
  readonly context?: readonly string[];
  readonly brokers: readonly string[];
}

export interface PatternMatch {
  readonly pattern: string;
  readonly matched: string;
}

/**
 * The first pattern that matches the service name, a context name or a broker address
 * (whole string, case-insensitive; `*` any run of characters, `?` one character), or
 * undefined. Only `*` and `?` are needed here, so a few lines replace a glob library.
 */
export function matchProductionPattern(target: ProduceTarget, patterns: readonly string[]): PatternMatch | undefined {
  const names = [target.service, ...(target.context ?? []), ...target.brokers].filter(Boolean);
  for (const pattern of patterns) {
    const regex = globToRegExp(pattern.trim());
    if (!regex) continue;
    const matched = names.find((n) => regex.test(n));
    if (matched !== undefined) return { pattern, matched };
  }
  return undefined;
}

function globToRegExp(pattern: string): RegExp | undefined {
  if (!pattern) return undefined;
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i');
}
