// Runs before `npm start` and `npm test`, so that after a clone those two commands are all a
// developer types: installs the npm packages when they are missing or older than the lock
// file. Plain JavaScript, since TypeScript itself is one of those packages.
import { spawnSync } from 'child_process';
import { existsSync, statSync } from 'fs';

const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs) {
  console.error('Installing npm packages (npm ci)…');
  const run = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
