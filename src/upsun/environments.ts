// The project's environments, as `environment:list` prints them in CSV. Read with csv-parse:
// titles may hold commas and quotes, which the CLI quotes the RFC 4180 way (legacy/src/Util/Csv.php).

import { parse } from 'csv-parse/sync';
import { classifyFailure } from './failures';
import { CliResult, LocatedCli, runCli, RunOptions } from './cli';

/** Environment type on Upsun and Platform.sh. */
// `string & {}` keeps the known names for completion while any other name is accepted.
export type EnvironmentType = 'production' | 'staging' | 'development' | (string & {});

/** `active`, `inactive`, `paused`, `dirty` (shown "In progress": a deployment is running) or `deleting`. */
export type EnvironmentStatus = 'active' | 'inactive' | 'paused' | 'dirty' | 'deleting' | (string & {});

export interface UpsunEnvironment {
  /** The ID `--environment` takes, usually the branch name. */
  readonly id: string;
  readonly title: string;
  readonly status: EnvironmentStatus;
  readonly type: EnvironmentType;
}

/** Exactly what the extension runs, so the README can show it. */
export const ENVIRONMENT_LIST_ARGS = ['environment:list', '--format', 'csv', '--columns', 'id,title,status,type', '--no-header', '--no-interaction'] as const;

/**
 * The project's environments, in the CLI's order (by title, each parent before its children).
 * @throws UpsunError saying what to do (not logged in, no project…)
 */
export async function listEnvironments(cli: LocatedCli, options: RunOptions): Promise<UpsunEnvironment[]> {
  return parseEnvironmentList(cli.name, await runCli(cli.file, ENVIRONMENT_LIST_ARGS, { ...options, origin: cli.origin }));
}

/**
 * The rows of `environment:list --format csv --columns id,title,status,type --no-header`.
 * The CLI shows a status with ucfirst, and `dirty` as `In progress`; both are turned back.
 * @throws UpsunError classified from the CLI's exit code and stderr when it failed.
 */
export function parseEnvironmentList(cli: string, result: CliResult): UpsunEnvironment[] {
  if (result.code !== 0) throw classifyFailure(cli, `${cli} environment:list`, result.code, result.stderr);
  const rows: string[][] = parse(result.stdout, { relax_column_count: true, skip_empty_lines: true });
  return rows
    .filter((r) => r.length >= 4 && r[0] !== '')
    .map(([id, title, status, type]) => ({ id: id.trim(), title, status: readStatus(status), type: type.trim().toLowerCase() }));
}

function readStatus(shown: string): EnvironmentStatus {
  const status = shown.trim().toLowerCase();
  return status === 'in progress' ? 'dirty' : status;
}

/**
 * Whether a tunnel can reach it: an active environment, or one being deployed. The CLI offers
 * the same ones (SelectorConfig::filterEnvsMaybeActive); paused and inactive ones have no SSH.
 */
export function isConnectable(environment: UpsunEnvironment): boolean {
  return environment.status === 'active' || environment.status === 'dirty';
}

/** What a user reads next to a status that does not allow a tunnel. */
export function whyNotConnectable(environment: UpsunEnvironment, cli: string): string | undefined {
  if (environment.status === 'paused') return `paused: resume it with \`${cli} environment:resume -e ${environment.id}\``;
  if (environment.status === 'inactive') return `inactive: activate it with \`${cli} environment:activate -e ${environment.id}\``;
  if (environment.status === 'deleting') return 'being deleted';
  return isConnectable(environment) ? undefined : environment.status;
}
