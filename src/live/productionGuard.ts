// Decides whether a change to a cluster (produce, send again, create or delete a topic)
// deserves a confirmation: the user lists glob patterns (`*prod*`, `main`) that are matched
// against everything naming the target.

import { nameMatcher } from './nameGlob';

/** What names the cluster a change would go to. */
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
 * (whole string, case-insensitive, in the glob dialect of `nameGlob`: `*`, `?`, `[0-9]`,
 * `{prod,live}`), or undefined. Blank patterns never match.
 */
export function matchProductionPattern(target: ProduceTarget, patterns: readonly string[]): PatternMatch | undefined {
  const names = [target.service, ...(target.context ?? []), ...target.brokers].filter(Boolean);
  for (const pattern of patterns) {
    const matches = nameMatcher(pattern);
    const matched = names.find(matches);
    if (matched !== undefined) return { pattern, matched };
  }
  return undefined;
}
