// Each test level reports its counts here so `npm test` can close with one total line.

import { appendFileSync } from 'fs';

export interface LevelResult {
  readonly level: string;
  readonly passed: number;
  readonly failed: number;
}

/** Set by `run-all` for the levels it starts; unset when a level runs alone. */
export const SUMMARY_FILE_ENV = 'UPSUN_KAFKA_TEST_SUMMARY';

export function reportLevel(result: LevelResult): void {
  console.log(`${result.level}: ${result.passed} passed, ${result.failed} failed`);
  const file = process.env[SUMMARY_FILE_ENV];
  if (file) appendFileSync(file, JSON.stringify(result) + '\n');
}
