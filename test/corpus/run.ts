// `npm run test:corpus`, and a level of `npm test`: the engine of `upsun-kafka lint` (through
// check:corpus) on the public corpus beside the repository (shared/corpus: 102 projects'
// config and expected-errors.txt, every error checked by hand). Any error the list lacks is a
// false error and fails its project; a missing corpus fails the level, never skips it.

import * as path from 'path';
import { readFileSync } from 'fs';
import { checkCorpus, compareWithExpected, formatVerdict, parseExpectedErrors } from '../../scripts/check-corpus';
import { sharedDir } from '../../scripts/referenceDir';
import { reportLevel } from '../summary';

const LEVEL = 'corpus';

async function main(): Promise<number> {
  const corpus = sharedDir('corpus', 'expected-errors.txt', 'The public corpus');
  const expected = parseExpectedErrors(readFileSync(path.join(corpus, 'expected-errors.txt'), 'utf8'));
  const report = await checkCorpus(path.join(corpus, 'projects'));
  if (report.projects.length === 0) throw new Error(`The public corpus in ${corpus}/projects holds no project.`);
  const verdict = compareWithExpected(report, expected);
  for (const p of report.projects.filter((p) => p.failure)) console.log(`${p.project}: the linter threw: ${p.failure}`);
  console.log(`${report.projects.length} projects, ${report.totals.files} files: ${report.totals.error} errors (${expected.size} listed), ${report.totals.warning} warnings, ${report.totals.information} information notes, ${report.totals.hint} hints`);
  console.log(formatVerdict(verdict));
  const failed = verdict.failedProjects.length;
  reportLevel({ level: LEVEL, passed: report.projects.length - failed, failed });
  return failed;
}

main().then(
  (failed) => (process.exitCode = failed > 0 ? 1 : 0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    reportLevel({ level: LEVEL, passed: 0, failed: 1 });
    process.exitCode = 1;
  },
);
