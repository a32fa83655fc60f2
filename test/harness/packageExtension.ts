// Builds the VSIX the way `npm run package` does, so editor tests install exactly what users do.

import { spawnSync } from 'child_process';
import * as path from 'path';
import { REPO_ROOT } from './paths';

export const VSIX_PATH = path.join(REPO_ROOT, 'dist', 'upsun-kafka-tools.vsix');

export function packageExtension(): string {
  const run = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm run package failed (exit ${run.status ?? run.signal}):\n${run.stdout}${run.stderr}`);
  return VSIX_PATH;
}
