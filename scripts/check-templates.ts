// Real-world check: lints every project folder below a folder of template checkouts and
// prints, per folder, the findings by severity, then every error and warning. The platform
// accepts these configs, so an error here is a false positive to fix (or a retired version).
//   npm run compile && node out/scripts/check-templates.js /path/to/checkouts

import { promises as fs } from 'fs';
import * as path from 'path';
import { findingsOf } from '../src/cli/lint/findings';
import { resolveTargets } from '../src/cli/lint/targets';
import type { Severity } from '../src/config/model';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: node out/scripts/check-templates.js <folder of checkouts>');
    process.exitCode = 2;
    return;
  }
  const names = (await fs.readdir(folder, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const totals = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  const details: string[] = [];
  console.log(`| project | files | ${SEVERITIES.join(' | ')} |\n|---|---|${SEVERITIES.map(() => '---|').join('')}`);
  for (const name of names) {
    const root = path.join(folder, name);
    const targets = await resolveTargets([], root);
    const findings = findingsOf(targets.projects, root, targets.selected);
    const counts = SEVERITIES.map((s) => findings.filter((f) => f.severity === s).length);
    SEVERITIES.forEach((s, i) => totals.set(s, (totals.get(s) ?? 0) + counts[i]));
    console.log(`| ${name} | ${targets.selected.size} | ${counts.join(' | ')} |`);
    for (const f of findings) if (f.severity === 'error' || f.severity === 'warning') details.push(`${name}/${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message}`);
  }
  console.log(`| **total** (${names.length} projects) | | ${SEVERITIES.map((s) => totals.get(s)).join(' | ')} |\n`);
  console.log(details.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
