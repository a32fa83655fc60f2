// Running commands for the package tests, with what they printed in any failure message.

import * as assert from 'assert';
import { spawnSync, SpawnSyncOptions } from 'child_process';

export interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[], options: SpawnSyncOptions = {}): Ran {
  const result = spawnSync(command, [...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Runs and expects `status`; the message shows the command and its output otherwise. */
export function expectStatus(status: number, command: string, args: readonly string[], options: SpawnSyncOptions = {}): Ran {
  const ran = run(command, args, options);
  assert.strictEqual(ran.status, status, `${command} ${args.join(' ')} exited ${ran.status}:\n${ran.stdout}\n${ran.stderr}`);
  return ran;
}
