// `npm run test:lint`, and the first level of `npm test`: ESLint with typescript-eslint's
// type-aware rules (eslint.config.mjs) over src, test, scripts and bench. Each file with a
// finding counts as one failed test, so a floating promise makes `npm test` fail.

import { ESLint } from 'eslint';
import { REPO_ROOT } from '../mochaRun';
import { reportLevel } from '../summary';
import { layerProbeFailures } from './layers';

/** What the config covers; `npm run lint` names the same. */
const TARGETS = ['src', 'test', 'scripts', 'bench', 'eslint.config.mjs'];

async function main(): Promise<number> {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const results = await eslint.lintFiles(TARGETS);
  const report = await (await eslint.loadFormatter('stylish')).format(results);
  if (report) console.log(report);
  const layers = await layerProbeFailures();
  for (const failure of layers.failures) console.log(`layering rule: ${failure}`);
  const filesFailed = results.filter((r) => r.errorCount + r.warningCount > 0).length;
  const failed = filesFailed + layers.failures.length;
  reportLevel({ level: 'lint', passed: results.length - filesFailed + layers.passed, failed });
  return failed;
}

main().then(
  (failed) => (process.exitCode = failed > 0 ? 1 : 0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    reportLevel({ level: 'lint', passed: 0, failed: 1 });
    process.exitCode = 1;
  },
);
