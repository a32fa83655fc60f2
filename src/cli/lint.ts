// `upsun-kafka lint [paths…] [--format text|json|sarif|codeclimate]`: the editor's checks for
// CI. Exit status 0 when no errors, 1 when errors were found, 2 on bad usage (a path or folder
// holding no config file included).

import { Command, Option } from 'commander';
import type { RegisterCommand } from './contract';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './exitCodes';
import { findingsOf } from './lint/findings';
import { formatSarif } from './lint/formatSarif';
import { formatText } from './lint/formatText';
import { resolveTargets } from './lint/targets';
import { addJsonOption, outputFormat } from './sharedOptions';
import { writeStdout } from './stdoutSync';
import { terminalJson, terminalText } from './terminalText';
import { version } from '../../package.json';

export const LINT_FORMATS = ['text', 'json', 'sarif', 'codeclimate'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

export interface LintIo {
  readonly cwd: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Runs the linter and returns the exit status; never throws on bad input. */
export async function runLint(paths: readonly string[], format: LintFormat, io: LintIo): Promise<number> {
  let targets;
  try {
    targets = await resolveTargets(paths, io.cwd);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`upsun-kafka lint: ${terminalText(error.message)}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (targets.selected.size === 0) {
    // Run from the wrong folder, a CI job would pass having checked nothing.
    const where = paths.length > 0 ? paths.join(', ') : io.cwd;
    io.err(`upsun-kafka lint: no Upsun or Platform.sh config file in ${terminalText(where)}: lint looks for .upsun/*.yaml, .platform/*.yaml and .platform.app.yaml below it. Run it in the project's root folder, or name that folder.\n`);
    return EXIT_USAGE;
  }
  const findings = findingsOf(targets.projects, io.cwd, targets.selected);
  if (format === 'json') io.out(terminalJson(findings.map(({ related: _related, ...f }) => f), 2) + '\n');
  else if (format === 'sarif') io.out(formatSarif(findings, version));
  // Loaded only for this format: its fingerprints need `crypto`, too slow to load on every lint.
  else if (format === 'codeclimate') io.out((await import('./lint/formatCodeClimate')).formatCodeClimate(findings));
  else io.out(formatText(findings, targets.selected.size));
  return findings.some((f) => f.severity === 'error') ? EXIT_FAILED : EXIT_OK;
}

export const registerLint: RegisterCommand = (program: Command, setExitCode) => {
  const command = program
    .command('lint')
    .description('Check Upsun / Platform.sh config files the way the editor does. With no path, finds them below the current folder.')
    .argument('[paths...]', 'config files or folders to check')
    .addOption(new Option('-f, --format <format>', 'output format: text (the default), json, sarif, or codeclimate (a GitLab Code Quality report)').choices(LINT_FORMATS));
  addJsonOption(command, 'one JSON array of findings: the same as --format json').action(async (paths: string[], options: { format?: LintFormat; json?: boolean }) => {
    const err = (t: string) => process.stderr.write(t);
    let format: LintFormat;
    try {
      format = outputFormat(options, 'text');
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      err(`upsun-kafka lint: ${terminalText(error.message)}\n`);
      setExitCode(EXIT_USAGE);
      return;
    }
    setExitCode(await runLint(paths, format, { cwd: process.cwd(), out: writeStdout, err }));
  });
};
