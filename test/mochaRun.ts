// Runs mocha over compiled test files in this process and reports the level's counts.

import Mocha from 'mocha';
import { readdirSync } from 'fs';
import * as path from 'path';
import { reportLevel } from './summary';
import { REPO_ROOT } from './harness/paths';

export { REPO_ROOT };

export interface MochaLevel {
  readonly level: string;
  /** Folder of compiled tests, relative to the repository root, e.g. `out/test/unit`. */
  readonly dir: string;
  readonly timeoutMs: number;
  /** Only these files, by name without `.test.js`; every file when unset. */
  readonly only?: readonly string[];
}

/** Every `*.test.js` below `dir`, sorted for a stable order. */
export function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function runMochaLevel(options: MochaLevel): Promise<number> {
  const mocha = new Mocha({ timeout: options.timeoutMs, reporter: 'spec', color: process.stdout.isTTY });
  const files = testFiles(path.join(REPO_ROOT, options.dir)).filter((f) => !options.only || options.only.includes(path.basename(f, '.test.js')));
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve) => {
    const runner = mocha.run((failures) => {
      reportLevel({ level: options.level, passed: runner.stats?.passes ?? 0, failed: failures });
      resolve(failures);
    });
  });
}
