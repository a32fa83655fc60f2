// `npm run bench:lint`: `upsun-kafka lint` on the sample project as a whole process, against
// `node -e 0` (Node starting and doing nothing), both from the production build, taking turns
// in the same run so load from other processes weighs on both alike. Prints medians and their
// ratio; the target is at most 1.5×. The CLI runs with its code cache (src/cli/launch.ts),
// as every run after a bundle's first does, and without it (NODE_DISABLE_COMPILE_CACHE=1), as a
// first run does.

import { spawnSync } from 'child_process';
import * as path from 'path';
import { REPO_ROOT } from '../test/harness/paths';

const RUNS = Number(process.env.BENCH_RUNS) || 30;
const TARGET = 1.5;
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const PROJECT = path.join(REPO_ROOT, 'test', 'fixtures', 'sample-project');

/** Milliseconds for one whole process, output discarded; throws when it fails. */
function timed(args: string[], okStatus: number[] = [0], env: NodeJS.ProcessEnv = {}): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: PROJECT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status === null || !okStatus.includes(run.status)) throw new Error(`node ${args.join(' ')} exited ${run.status ?? run.signal}: ${run.stderr}`);
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function main(): void {
  const node: number[] = [];
  const lint: number[] = [];
  const cold: number[] = [];
  const noCache = { NODE_DISABLE_COMPILE_CACHE: '1' };
  // The first runs fill the file cache and the code cache; they are not counted.
  timed(['-e', '0']);
  timed([CLI, 'lint'], [0, 1]);
  for (let i = 0; i < RUNS; i++) {
    node.push(timed(['-e', '0']));
    lint.push(timed([CLI, 'lint'], [0, 1]));
    cold.push(timed([CLI, 'lint'], [0, 1], noCache));
  }
  const row = (label: string, ms: number[]) => console.log(`  ${label.padEnd(34)} median ${median(ms).toFixed(1).padStart(6)} ms  min ${Math.min(...ms).toFixed(1).padStart(6)} ms  ${(median(ms) / median(node)).toFixed(2)}×`);
  console.log(`Lint of ${path.relative(REPO_ROOT, PROJECT)}, ${RUNS} runs each, taking turns (Node ${process.version}):`);
  row('node -e 0', node);
  row('upsun-kafka lint', lint);
  row('upsun-kafka lint, no code cache', cold);
  const ratio = median(lint) / median(node);
  console.log(`  ratio lint / node -e 0: ${ratio.toFixed(2)}× (target ≤ ${TARGET}×: ${ratio <= TARGET ? 'met' : 'MISSED'})`);
}

main();
