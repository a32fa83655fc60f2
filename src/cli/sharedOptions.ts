// Options several commands share, spelled and read one way: `--partition` (repeatable, each a
// number or a comma list), `--json` (with `--format json` its alias where a command has
// --format), and what whole-number and time options take. Each misuse is a UsageError naming
// the option. Only commander and src/text: every command loads this, the Kafka client it does
// not (see ./kafka).

import { Command, Option } from 'commander';
import { parseIsoTime } from '../text/isoTime';
import { UsageError } from './exitCodes';

/** The highest partition number: Kafka's partition index is an INT32 in every request that carries one. */
export const MAX_PARTITION = 2 ** 31 - 1;

/**
 * Adds `--partition` to `command`: repeatable, each value a number or a comma list, collected
 * as given (`--partition 0 --partition 3,5` → `['0', '3,5']`); partitionsOf reads them. A
 * command that `takes` one partition parses it the same way and refuses more itself.
 */
export function addPartitionOption(command: Command, description: string, takes: 'several' | 'one' = 'several'): Command {
  const how = takes === 'several' ? '; repeat it (--partition 0 --partition 3) or give a comma list (--partition 0,3)' : '';
  const option = new Option('--partition <p>', description + how)
    .argParser((value: string, all: readonly string[]) => [...all, value])
    .default([], takes === 'several' ? 'all' : 'the one the key picks');
  return command.addOption(option);
}

/**
 * The partition numbers `--partition` named, in the order first given, each once; empty when
 * none was given. Throws UsageError naming the value that is not a number from 0 to
 * MAX_PARTITION (an empty item of a list, `0,,3`, included).
 */
export function partitionsOf(values: readonly string[]): number[] {
  const numbers = values.flatMap((value) => value.split(',')).map((item) => parseWhole(item.trim(), '--partition', 0, MAX_PARTITION)!);
  return [...new Set(numbers)];
}

/** Adds `--json` to `command`; `what` says what it prints. Read it with outputFormat. */
export function addJsonOption(command: Command, what: string): Command {
  return command.option('--json', what);
}

/**
 * The output format: `--format` when given, `json` for `--json` (the same as `--format json`),
 * else `fallback`. Throws UsageError for `--json` with another `--format`.
 */
export function outputFormat<F extends string>(flags: { readonly format?: F; readonly json?: boolean }, fallback: F): F | 'json' {
  if (flags.json && flags.format !== undefined && flags.format !== 'json') throw new UsageError(`--json is the same as --format json: it does not go with --format ${flags.format}`);
  return flags.json ? 'json' : (flags.format ?? fallback);
}

/**
 * A whole number at least `min` (and at most `max` when given), or undefined when the option
 * was not given. Throws UsageError naming the option.
 */
export function parseWhole(value: string | undefined, option: string, min: number, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max || !/^\d+$/.test(value.trim())) {
    const range = max < Infinity ? ` from ${min} to ${max}` : min > 0 ? ` from ${min}` : '';
    throw new UsageError(`${option} takes a whole number${range}, not "${value}"`);
  }
  return n;
}

/** ms since the epoch for an ISO 8601 option (src/text/isoTime.ts), or undefined when not given. Throws UsageError naming the option. */
export function optionTime(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const time = parseIsoTime(text);
  if ('problem' in time) throw new UsageError(`${option}: ${time.problem}`);
  return time.ms;
}
