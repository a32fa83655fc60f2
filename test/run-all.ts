// `npm test`: every level in order (lint, unit, the public corpus, webview, package, Kafka, editor), each in its own process so one
// level's crash cannot hide another's result, then one closing total.

import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LevelResult, SUMMARY_FILE_ENV } from './summary';
import { REPO_ROOT } from './mochaRun';

const LEVELS = [
  { level: 'lint', script: 'out/test/lint/run.js' },
  { level: 'unit', script: 'out/test/unit/run.js' },
  { level: 'corpus', script: 'out/test/corpus/run.js' },
  { level: 'webview', script: 'out/test/webview/run.js' },
  { level: 'package', script: 'out/test/package/run.js' },
  { level: 'kafka', script: 'out/test/kafka/run.js' },
  { level: 'editor', script: 'out/test/editor/run-code-server.js' },
];

const dir = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-tests-'));
const summaryFile = path.join(dir, 'summary.jsonl');
const crashed: string[] = [];
for (const { level, script } of LEVELS) {
  console.log(`\n=== ${level} tests ===`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, script)], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, [SUMMARY_FILE_ENV]: summaryFile },
  });
  console.log(`=== ${level} tests took ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  if (run.status !== 0) crashed.push(`${level} (exit ${run.status ?? run.signal})`);
}

let results: LevelResult[] = [];
try {
  results = readFileSync(summaryFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as LevelResult);
} catch {
  // no level got as far as reporting
}
rmSync(dir, { recursive: true, force: true });
const reported = new Set(results.map((r) => r.level));
const silent = LEVELS.filter((l) => !reported.has(l.level)).map((l) => l.level);
if (crashed.length > 0) console.log(`\nLevels that failed: ${crashed.join(', ')}`);
if (silent.length > 0) console.log(`Levels that reported no result: ${silent.join(', ')}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0) + silent.length;
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = crashed.length > 0 || failed > 0 ? 1 : 0;
