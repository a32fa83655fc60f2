// Decides whether a change to a cluster (produce, send again, create or delete a topic)
// deserves a confirmation, and whether connecting on open may go ahead: always on an Upsun
// environment of type `production`, and otherwise when one of the glob patterns the user lists
// (`*prod*`, `main`) matches something naming the target.

import * as path from 'path';
import type { ServiceRef } from '../config/model';
import { nameMatcher } from '../text/nameGlob';

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

/**
 * Variables that name the environment this process runs in, set by the platform in an app
 * container and in `upsun ssh` (docs: development/variables/use-variables, "Platform-provided
 * variables").
 */
export const ENVIRONMENT_VARIABLES = ['PLATFORM_ENVIRONMENT', 'PLATFORM_BRANCH'] as const;

/**
 * What names the cluster of a declared service reached at `brokers` (host:port): the service,
 * the project folder's name, the environment this process runs in (ENVIRONMENT_VARIABLES of
 * `env`) and the Upsun environment a tunnel reaches, with its type.
 */
export function produceTarget(ref: ServiceRef, brokers: readonly string[], environment?: ProduceTarget['environment'], env: NodeJS.ProcessEnv = process.env): ProduceTarget {
  const context = [path.basename(ref.project.root), ...ENVIRONMENT_VARIABLES.map((v) => env[v] ?? ''), environment?.id ?? ''].filter(Boolean);
  return { service: ref.service.name, context, brokers, environment };
}

/**
 * Why the cluster of `ref` at `brokers` looks like production (then every change asks first,
 * and nothing connects to it on open): the environment's type or the first of `patterns` that
 * matches its names (produceTarget); undefined when nothing does.
 */
export function productionMatch(ref: ServiceRef, brokers: readonly string[], patterns: readonly string[], environment?: ProduceTarget['environment'], env: NodeJS.ProcessEnv = process.env): PatternMatch | undefined {
  return matchProductionPattern(produceTarget(ref, brokers, environment, env), patterns);
}

/** The levels of `upsunKafka.produce.confirmPatterns`, as VS Code's `inspect()` gives them. */
export interface ConfirmPatternLevels {
  readonly defaultValue?: readonly string[];
  /** The user's settings. */
  readonly globalValue?: readonly string[];
  /** `.vscode/settings.json` of a single folder, or the `.code-workspace` file. */
  readonly workspaceValue?: readonly string[];
  readonly workspaceFolderValue?: readonly string[];
}

/**
 * The patterns that apply: the user's own (or the defaults when the user set none), then the
 * workspace's added to them. A workspace comes with the repository, so it may ask for more
 * confirmations but never fewer; only the user's settings can remove a default (`[]` there
 * means never ask). Duplicates are dropped; non-string entries are ignored.
 */
export function mergeConfirmPatterns(levels: ConfirmPatternLevels): string[] {
  // Settings are hand-edited: a level that is not a list adds nothing (and takes nothing away).
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
  const base = Array.isArray(levels.globalValue) ? list(levels.globalValue) : list(levels.defaultValue);
  const all = [...base, ...list(levels.workspaceValue), ...list(levels.workspaceFolderValue)];
  return [...new Set(all.filter((p): p is string => typeof p === 'string'))];
}

/** A change to a cluster about to be asked about. */
export interface ClusterChange {
  /** What is about to happen, as a question's start: `Delete consumer group "orders"`. */
  readonly what: string;
  /** The action's name on its button: `Delete`. */
  readonly action: string;
  /**
   * What the change does that cannot be undone. Given, the question is asked on every
   * cluster, production or not, and this is said in the same question as the guard's reason.
   */
  readonly consequence?: string;
}

/**
 * The one question to ask before `change` on service `service` at `brokers` (host:port), or
 * undefined when none is needed (no consequence to state and `match` undefined: not
 * production). `detail` holds the consequence, then why the cluster looks like production.
 */
export function changeQuestion(change: ClusterChange, service: string, brokers: readonly string[], match: PatternMatch | undefined): { readonly message: string; readonly detail: string } | undefined {
  if (!match && !change.consequence) return undefined;
  const why = match && (match.byEnvironmentType ? `The Upsun environment "${match.matched}" is of type production.` : `"${match.matched}" matches the pattern "${match.pattern}" in the setting upsunKafka.produce.confirmPatterns.`);
  return {
    message: `${change.what} on "${service}"?${match ? ' This looks like production.' : ''}`,
    detail: [change.consequence, why && `${why} Brokers: ${brokers.join(', ')}.`].filter(Boolean).join(' '),
  };
}
