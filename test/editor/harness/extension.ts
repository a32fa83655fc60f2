// Entry of the tiny harness extension that the code-server runner places in the extensions
// folder: once the window has started, it runs the editor suite and writes the outcome where
// the runner waits for it.

import { writeFileSync } from 'fs';
import { failedOutcome, RESULTS_FILE_ENV, SuiteResult } from '../protocol';
import { runSuite } from '../suite/index';

export async function activate(): Promise<void> {
  const resultsFile = process.env[RESULTS_FILE_ENV];
  if (!resultsFile) return;
  let result: SuiteResult;
  try {
    result = await runSuite();
  } catch (error) {
    result = { passed: 0, failed: 1, tests: [failedOutcome('editor suite', error)] };
  }
  writeFileSync(resultsFile, JSON.stringify(result));
}
