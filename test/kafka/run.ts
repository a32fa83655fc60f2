// `npm run test:kafka`: the tests against a real Apache Kafka broker, started here unless
// KAFKA_BROKERS names one already running. The broker is stopped whatever the tests do.
//
// The whole suite runs against KAFKA_VERSION (4.3.1 by default); then the suites that cover
// the protocol (smoke, access, metadata, topicConfig, openTransaction, groupTypes, logDirs) run again against each of KAFKA_TEST_VERSIONS, each in
// a process of its own with a broker of that version, and each reported as its own level so
// the closing `N passed, N failed` counts them all.

import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { brokerForTests, BROKERS_GIVEN, KAFKA_BROKERS_ENV, KAFKA_VERSION, SECURED_ENV } from '../harness/kafkaBroker';
import { REPO_ROOT, runMochaLevel } from '../mochaRun';
import { LevelResult, reportLevel, SUMMARY_FILE_ENV } from '../summary';

/** Other versions to run the protocol suites against: Upsun's kafka:4.1, Platform.sh's kafka:3.7. */
const VERSIONS_ENV = 'KAFKA_TEST_VERSIONS';
const DEFAULT_OTHER_VERSIONS = '4.1.2,3.7.2';
/** Test files to run, by name without `.test.js`; all when unset. */
const SUITES_ENV = 'KAFKA_TEST_SUITES';
const PROTOCOL_SUITES = 'smoke,access,metadata,topicConfig,openTransaction,groupTypes,logDirs,produce';
/** The level name this run reports, `kafka` unless a parent run named it. */
const LEVEL_ENV = 'KAFKA_TEST_LEVEL';

async function main(): Promise<number> {
  const level = process.env[LEVEL_ENV] || 'kafka';
  const suites = process.env[SUITES_ENV]?.split(',').map((s) => s.trim()).filter(Boolean);
  const broker = await brokerForTests({ secured: true });
  if (broker.external) console.log(`Using the Kafka broker at ${broker.brokers} (${KAFKA_BROKERS_ENV})`);
  process.env[KAFKA_BROKERS_ENV] = broker.brokers;
  if (broker.secured) process.env[SECURED_ENV] = JSON.stringify(broker.secured);
  let failures: number;
  try {
    failures = await runMochaLevel({ level, dir: 'out/test/kafka', timeoutMs: 60_000, only: suites });
  } finally {
    await broker.stop();
  }
  if (process.env[LEVEL_ENV]) return failures;
  for (const version of otherVersions()) failures += otherVersion(version);
  return failures;
}

function otherVersions(): string[] {
  const listed = (process.env[VERSIONS_ENV] ?? DEFAULT_OTHER_VERSIONS).split(',').map((v) => v.trim()).filter((v) => v && v !== KAFKA_VERSION);
  if (listed.length > 0 && BROKERS_GIVEN) {
    console.log(`Not running against Kafka ${listed.join(', ')}: ${KAFKA_BROKERS_ENV} names one broker. Set ${VERSIONS_ENV}= to say so, or unset ${KAFKA_BROKERS_ENV}.`);
    return [];
  }
  return listed;
}

/** The protocol suites against `version`, in a child process; its failures, 1 if it reported none. */
function otherVersion(version: string): number {
  const level = `kafka ${version}`;
  console.log(`\n=== ${level}: ${PROTOCOL_SUITES} ===`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-version-'));
  const summary = path.join(dir, 'summary.jsonl');
  const started = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, KAFKA_VERSION: version, [SUITES_ENV]: PROTOCOL_SUITES, [LEVEL_ENV]: level, [SUMMARY_FILE_ENV]: summary };
  delete env[KAFKA_BROKERS_ENV];
  delete env[SECURED_ENV];
  spawnSync(process.execPath, [path.join(REPO_ROOT, 'out/test/kafka/run.js')], { cwd: REPO_ROOT, stdio: 'inherit', env });
  console.log(`=== ${level} took ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  let result: LevelResult = { level, passed: 0, failed: 1 };
  try {
    result = JSON.parse(readFileSync(summary, 'utf8').trim().split('\n').pop()!) as LevelResult;
  } catch {
    console.log(`${level} reported no result: counted as one failure`);
  }
  rmSync(dir, { recursive: true, force: true });
  // Reported again here, into this level's own summary file, so `npm test` counts it.
  if (process.env[SUMMARY_FILE_ENV]) reportLevel(result);
  return result.failed;
}

main().then(
  (failures) => {
    process.exitCode = failures > 0 ? 1 : 0;
  },
  (error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
);
