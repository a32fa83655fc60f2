// Lets a test inside the editor ask the browser-driving runner for a screenshot at the moment
// the window shows what the test set up.

import { existsSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { eventually } from '../../harness/eventually';
import { SCREENSHOT_DIR_ENV } from '../protocol';

const TIMEOUT_MS = 30_000;

/** Saves `test-results/NAME.png`; does nothing where no runner takes screenshots. */
export async function screenshot(name: string): Promise<void> {
  const dir = process.env[SCREENSHOT_DIR_ENV];
  if (!dir) return;
  const done = path.join(dir, `${name}.done`);
  // A second screenshot of the same name must wait for its own picture, not the first one's.
  rmSync(done, { force: true });
  writeFileSync(path.join(dir, `${name}.request`), '');
  await eventually(`screenshot "${name}"`, async () => existsSync(done) || undefined, TIMEOUT_MS);
}
