// Real-world check: `npm run check:corpus -- DIR [--details] [--json]` lints every project
// folder directly below DIR (one public repository's config files each) with the engine of
// `upsun-kafka lint`, and prints per-project counts by severity, a total and counts by code.
// `--details` adds every finding as `project/file:line:column: severity code: message`, the
// form to classify by; `--json` prints all of it as one JSON document instead.
// `--expected FILE` compares the errors with a list checked by hand (`project|file:line|code`
// a line, as shared/corpus/expected-errors.txt) and exits 1 on any error the list lacks: a
// false error. `npm test` runs that comparison on shared/corpus (test/corpus/run.ts).

import { Command } from 'commander';
import { promises as fs } from 'fs';
import * as path from 'path';
import { findingsOf, type Finding } from '../src/cli/lint/findings';
import { resolveTargets } from '../src/cli/lint/targets';
import type { Severity } from '../src/config/model';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export type SeverityCounts = Record<Severity, number>;

export interface ProjectReport {
  /** The project's folder name below DIR, e.g. `platformsh-templates+django4`. */
  readonly project: string;
  /** Config files the linter found in it. */
  readonly files: number;
  readonly counts: SeverityCounts;
  /** Paths relative to the project's folder; without `related`, as `upsun-kafka lint --format json`. */
  readonly findings: readonly Omit<Finding, 'related'>[];
  /** Set when linting the project threw: the engine must never do that, so it fails the check. */
  readonly failure?: string;
}

export interface CorpusReport {
  readonly projects: readonly ProjectReport[];
  readonly totals: SeverityCounts & { readonly files: number; readonly findings: number };
  /** `code` → counts by severity, sorted by code. */
  readonly byCode: Readonly<Record<string, SeverityCounts>>;
}

function zeroCounts(): SeverityCounts {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}

async function lintProject(folder: string, project: string): Promise<ProjectReport> {
  const root = path.join(folder, project);
  try {
    const targets = await resolveTargets([], root);
    const findings = findingsOf(targets.projects, root, targets.selected).map(({ related: _related, ...f }) => f);
    const counts = zeroCounts();
    for (const f of findings) counts[f.severity]++;
    return { project, files: targets.selected.size, counts, findings };
  } catch (error) {
    const failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { project, files: 0, counts: zeroCounts(), findings: [], failure };
  }
}

/**
 * Lints each folder directly below `folder` (hidden ones skipped) as one project, in name order.
 * Throws only when `folder` cannot be read; a project that makes the engine throw is reported
 * with `failure`.
 */
export async function checkCorpus(folder: string): Promise<CorpusReport> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  const names = entries.filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort();
  const projects: ProjectReport[] = [];
  for (const name of names) projects.push(await lintProject(folder, name));
  const totals = { ...zeroCounts(), files: 0, findings: 0 };
  const byCode: Record<string, SeverityCounts> = {};
  for (const p of projects) {
    totals.files += p.files;
    totals.findings += p.findings.length;
    for (const s of SEVERITIES) totals[s] += p.counts[s];
    for (const f of p.findings) (byCode[f.code] ??= zeroCounts())[f.severity]++;
  }
  const sortedByCode = Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => a.localeCompare(b)));
  return { projects, totals, byCode: sortedByCode };
}

/** One error as the expected list writes it: `project|file:line|code`. */
export function errorKey(project: string, finding: Pick<Finding, 'file' | 'line' | 'code'>): string {
  return `${project}|${finding.file}:${finding.line}|${finding.code}`;
}

/** The keys of an expected-errors list; blank lines and lines starting with `#` are skipped. */
export function parseExpectedErrors(text: string): Set<string> {
  return new Set(text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')));
}

export interface ExpectedVerdict {
  /** Errors the list lacks, as `project/file:line:column: error code: message`: false errors. */
  readonly unexpected: readonly string[];
  /** Listed errors no longer reported (a fixed false negative or a changed rule): not a failure. */
  readonly notReported: readonly string[];
  /** Projects with an unexpected error or a throw, by folder name. */
  readonly failedProjects: readonly string[];
}

/** Compares a report's errors (other severities are free) with the expected list. */
export function compareWithExpected(report: CorpusReport, expected: ReadonlySet<string>): ExpectedVerdict {
  const unexpected: string[] = [];
  const reported = new Set<string>();
  const failed = new Set<string>();
  for (const p of report.projects) {
    if (p.failure) failed.add(p.project);
    for (const f of p.findings) {
      if (f.severity !== 'error') continue;
      const key = errorKey(p.project, f);
      reported.add(key);
      if (expected.has(key)) continue;
      unexpected.push(`${p.project}/${f.file}:${f.line}:${f.column}: error ${f.code}: ${f.message}`);
      failed.add(p.project);
    }
  }
  const notReported = [...expected].filter((k) => !reported.has(k));
  return { unexpected, notReported, failedProjects: [...failed].sort() };
}

/** The verdict for people: the false errors, then the listed errors no longer reported. */
export function formatVerdict(verdict: ExpectedVerdict): string {
  const lines: string[] = [];
  if (verdict.unexpected.length) lines.push(`${verdict.unexpected.length} error(s) not in the expected list (false errors, or add them to the list once checked by hand):`, ...verdict.unexpected);
  if (verdict.notReported.length) lines.push(`${verdict.notReported.length} listed error(s) no longer reported (remove them from the list if the rule changed on purpose):`, ...verdict.notReported);
  if (!lines.length) lines.push('Every error is in the expected list, and every listed error is reported.');
  return lines.join('\n') + '\n';
}

/** Markdown tables: per project, the total, and per code; then the projects that failed. */
export function formatCorpusTables(report: CorpusReport): string {
  const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  const lines = [row(['project', 'files', ...SEVERITIES]), row(['---', '---:', ...SEVERITIES.map(() => '---:')])];
  for (const p of report.projects) lines.push(row([p.failure ? `${p.project} (**failed**)` : p.project, p.files, ...SEVERITIES.map((s) => p.counts[s])]));
  lines.push(row([`**total** (${report.projects.length} projects)`, report.totals.files, ...SEVERITIES.map((s) => report.totals[s])]));
  lines.push('', row(['code', ...SEVERITIES]), row(['---', ...SEVERITIES.map(() => '---:')]));
  for (const [code, counts] of Object.entries(report.byCode)) lines.push(row([code, ...SEVERITIES.map((s) => counts[s])]));
  const failed = report.projects.filter((p) => p.failure);
  if (failed.length) lines.push('', `${failed.length} project(s) made the linter throw:`, ...failed.map((p) => `${p.project}: ${p.failure}`));
  return lines.join('\n') + '\n';
}

/** Every finding, one per line: `project/file:line:column: severity code: message`. */
export function formatCorpusDetails(report: CorpusReport): string {
  const lines = report.projects.flatMap((p) => p.findings.map((f) => `${p.project}/${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message}`));
  return lines.length ? lines.join('\n') + '\n' : '';
}

async function main(): Promise<void> {
  const program = new Command('check:corpus')
    .description('Lint every project folder below DIR with the engine of `upsun-kafka lint` and count the findings.')
    .argument('<DIR>', 'folder holding one folder per project')
    .option('--details', 'also print every finding as project/file:line:column: severity code: message')
    .option('--json', 'print the whole report, findings included, as JSON')
    .option('--expected <FILE>', 'fail (exit 1) on any error not listed in FILE (project|file:line|code a line)')
    .showHelpAfterError()
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .parse();
  const folder = program.args[0];
  const options = program.opts<{ details?: boolean; json?: boolean; expected?: string }>();
  let report: CorpusReport;
  let expected: Set<string> | undefined;
  let reading = options.expected ?? folder;
  try {
    if (options.expected) expected = parseExpectedErrors(await fs.readFile(options.expected, 'utf8'));
    reading = folder;
    report = await checkCorpus(folder);
  } catch (error) {
    process.stderr.write(`check:corpus: cannot read ${reading}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  const verdict = expected && compareWithExpected(report, expected);
  if (options.json) process.stdout.write(JSON.stringify(verdict ? { ...report, verdict } : report, null, 2) + '\n');
  else process.stdout.write(formatCorpusTables(report) + (options.details ? '\n' + formatCorpusDetails(report) : '') + (verdict ? '\n' + formatVerdict(verdict) : ''));
  process.exitCode = report.projects.some((p) => p.failure) || (verdict?.unexpected.length ?? 0) > 0 ? 1 : 0;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
