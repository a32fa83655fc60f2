// Decides whether producing to a cluster deserves a confirmation: always on an Upsun
// environment of type `production`, and otherwise when one of the glob patterns the user
// lists (`*prod*`, `main`) matches something naming the target.

/** What names the cluster a message would go to. */
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
 * A production environment; else the first pattern that matches the service name, a context name or a broker address
 * (whole string, case-insensitive; `*` any run of characters, `?` one character), or
 * undefined. Only `*` and `?` are needed here, so a few lines replace a glob library.
 */
export function matchProductionPattern(target: ProduceTarget, patterns: readonly string[]): PatternMatch | undefined {
  if (target.environment?.type === PRODUCTION_TYPE) return { pattern: `type: ${PRODUCTION_TYPE}`, matched: target.environment.id, byEnvironmentType: true };
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
