// A service's disk on Upsun, where it is a resource (`upsun resources:set`), not YAML: read
// from `resources:get` in CSV, the service's row and its `Disk (MB)` column. Wording from
// upsun/cli v5.11.0, legacy/src/Command/Resources/ResourcesGetCommand.php and
// Service/ResourcesUtil.php (filterServices).

import { parse } from 'csv-parse/sync';
import { CliResult, LocatedCli, nameOption, runCli, RunOptions } from './cli';
import { classifyFailure, UpsunError } from './failures';

/** The largest disk believed: 10 TiB in MB. A larger number is not a disk the platform sells. */
const MAX_DISK_MB = 10 * 1024 * 1024;

/**
 * Exactly what runs. Names go as `--option=value` (nameOption).
 * @throws UpsunError `other` for a name the CLI could read as an option.
 */
export function resourcesGetArgs(environment: string, service: string): string[] {
  return ['resources:get', nameOption('environment', 'environment', environment), nameOption('service', 'service', service), '--format', 'csv', '--columns', 'service,disk', '--no-header', '--no-interaction'];
}

/**
 * The disk of `service` on `environment`, in MB (the CLI's unit; Upsun sizes disks in MiB);
 * null when the environment has no disk set for it yet.
 * @throws UpsunError saying why it is unknown (not logged in, no flexible resources, inactive environment…).
 */
export async function serviceDiskMb(cli: LocatedCli, environment: string, service: string, options: RunOptions): Promise<number | null> {
  return parseServiceDisk(cli.name, service, await runCli(cli.file, resourcesGetArgs(environment, service), { ...options, origin: cli.origin }));
}

/**
 * The disk in the output of `resources:get --format csv --columns service,disk --no-header`.
 * @throws UpsunError: the CLI's failure classified; `other` when the service has no row or its
 * disk is not a whole number of MB from 1 to 10 TiB.
 */
export function parseServiceDisk(cli: string, service: string, result: CliResult): number | null {
  if (result.code !== 0) {
    const stderr = result.stderr.trim();
    if (/flexible resources API is not enabled/.test(stderr)) throw new UpsunError('This project has no flexible resources (a Platform.sh project): its disk is `disk:` in .platform/services.yaml.', 'other', stderr);
    if (/is not active so resource configuration cannot be read/.test(stderr)) throw new UpsunError(`The environment is not active, so ${cli} cannot read its resources.`, 'environment-inactive', stderr);
    if (/No services were found matching/.test(stderr)) throw new UpsunError(`The environment has no service named "${service}" in ${cli} resources:get: it may not be deployed there yet.`, 'other', stderr);
    throw classifyFailure(cli, `${cli} resources:get`, result.code, result.stderr);
  }
  let rows: string[][];
  try {
    rows = parse(result.stdout, { relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw new UpsunError(`${cli} resources:get printed something other than CSV (${(error as Error).message}).`, 'other');
  }
  const row = rows.find((r) => r[0] === service);
  if (!row) throw new UpsunError(`${cli} resources:get listed no row for the service "${service}".`, 'other');
  const cell = (row[1] ?? '').trim();
  if (cell === '') return null;
  const mb = /^\d{1,9}$/.test(cell) ? Number(cell) : NaN;
  if (!(mb >= 1 && mb <= MAX_DISK_MB)) throw new UpsunError(`${cli} resources:get gave the service "${service}" a disk of ${JSON.stringify(cell.slice(0, 40))}, not a size in MB.`, 'other');
  return mb;
}
