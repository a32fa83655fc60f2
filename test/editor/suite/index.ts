// The editor suite's entry inside the extension host. `runSuite` serves the code-server
// harness extension; `run` is the entry `@vscode/test-electron` calls.

import Mocha from 'mocha';
import * as path from 'path';
import { testFiles } from '../../mochaRun';
import { EDITOR_GREP_ENV, formatOutcomes, SuiteResult, TestOutcome } from '../protocol';
import { takeNotes } from './notes';

export function runSuite(): Promise<SuiteResult> {
  // No reporter output: the extension host's console goes to a log nobody reads; the runner
  // prints the outcomes instead.
  const grep = process.env[EDITOR_GREP_ENV];
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, reporter: Mocha.reporters.Base, ...(grep ? { grep } : {}) });
  // EDITOR_SUITES=startDemo,activation runs only those files, for a quicker look at one suite
  // (the runner's window checks that need the other suites then fail).
  const only = process.env.EDITOR_SUITES?.split(',').map((name) => `${name.trim()}.test.js`);
  for (const file of testFiles(path.join(__dirname))) if (!only || only.includes(path.basename(file))) mocha.addFile(file);
  const tests: TestOutcome[] = [];
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        resolve({ passed: tests.filter((t) => t.state === 'passed').length, failed: tests.filter((t) => t.state === 'failed').length, tests });
      });
      runner.on('test', () => void takeNotes());
      runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration, ...takeNotes() }));
      runner.on('fail', (test, error: Error) => tests.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? String(error), ...takeNotes() }));
      runner.on('pending', (test) => tests.push({ title: test.fullTitle(), state: 'pending' }));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

export async function run(): Promise<void> {
  const result = await runSuite();
  console.log(formatOutcomes(result.tests));
  console.log(`editor: ${result.passed} passed, ${result.failed} failed`);
  if (result.failed > 0) throw new Error(`${result.failed} editor test(s) failed.`);
}
