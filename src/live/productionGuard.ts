// Decides whether a change to a cluster (produce, send again, create or delete a topic)
// deserves a confirmation: always on an Upsun environment of type `production`, and otherwise
// when one of the glob patterns the user lists (`*prod*`, `main`) matches something naming
// the target.

import { nameMatcher } from './nameGlob';

/** What names the cluster a change would go to. */
export interface ProduceTarget {
  readonly service: string;
  /** Project folder name, environment or branch, when known. */
  readonly context?: readonly string[];
  readonly brokers: readonly string[];
  /** The Upsun environment reached through a tunnel, with its type (`production`…). */
  readonly environment?: { readonly id: string; readonly type: string };
}

export interface PatternMatch {
  /** The setting's pattern, or `type: production` for an environment of that type. */
  readonly pattern: string;
  readonly matched: string;
  /** True when the environment's type decided, whatever the patterns say. */
  readonly byEnvironmentType?: boolean;
}

/** Asks whenever the environment is of this type (the platform's name for it). */
export const PRODUCTION_TYPE = 'production';

/**
 * A production environment; else the first pattern that matches the service name, a
 * context name or a broker address (whole string, case-insensitive, in the glob dialect of
 * `nameGlob`: `*`, `?`, `[0-9]`, `{prod,live}`), or undefined. Blank patterns never match.
 */
export function matchProductionPattern(target: ProduceTarget, patterns: readonly string[]): PatternMatch | undefined {
  if (target.environment?.type === PRODUCTION_TYPE) return { pattern: `type: ${PRODUCTION_TYPE}`, matched: target.environment.id, byEnvironmentType: true };
  const names = [target.service, ...(target.context ?? []), ...target.brokers].filter(Boolean);
  for (const pattern of patterns) {
    const matches = nameMatcher(pattern);
    const matched = names.find(matches);
    if (matched !== undefined) return { pattern, matched };
  }
  return undefined;
}
