// Finding and running the Upsun CLI (`upsun`) or the Platform.sh CLI (`platform`) without a
// shell. On Windows a bare name is looked up with PATHEXT like cmd does; an installed
// `upsun.exe` runs directly, a `.bat`/`.cmd` wrapper through `cmd.exe` (Node refuses to start
// those without it), with arguments checked so cmd can do nothing but pass them on.

import { ChildProcess, spawn, SpawnOptions } from 'child_process';
import { accessSync, constants, statSync } from 'fs';
import * as path from 'path';
import { INSTALL_HINT, UpsunError } from './failures';

/** Tried in this order when no path is set. */
export const UPSUN_CLIS = ['upsun', 'platform'] as const;

/** So the CLI never waits on a question nobody sees (both products read their own prefix). */
export const NON_INTERACTIVE_ENV = { UPSUN_CLI_NO_INTERACTION: '1', PLATFORMSH_CLI_NO_INTERACTION: '1' } as const;

export interface LocatedCli {
  /** As the user types it: `upsun`, `platform`, or the configured file's name. */
  readonly name: string;
  /** What runs: the path found on PATH (with its Windows extension). */
  readonly file: string;
}

export interface Platform {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
}

const HOST: Platform = { platform: process.platform, env: process.env };

/**
 * The file a command name runs: a path is checked as given (with PATHEXT on Windows when it
 * has no extension); a bare name is looked up in PATH. Undefined when there is none.
 */
export function resolveExecutable(command: string, host: Platform = HOST): string | undefined {
  const windows = host.platform === 'win32';
  const extensions = windows ? (host.env.PATHEXT || '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [];
  const candidates = (base: string) => (windows && !path.extname(base) ? extensions.map((e) => base + e.toLowerCase()) : [base]);
  const found = (file: string) => isExecutable(file, windows);
  if (command.includes('/') || (windows && command.includes('\\'))) return candidates(command).find(found);
  const dirs = (host.env.PATH ?? host.env.Path ?? '').split(windows ? ';' : ':').filter(Boolean);
  for (const dir of dirs) {
    const hit = candidates(path.join(dir.replace(/^"(.*)"$/, '$1'), command)).find(found);
    if (hit) return hit;
  }
  return undefined;
}

function isExecutable(file: string, windows: boolean): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (!windows) accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** What to hand to `spawn` for `file args`: itself, or `cmd.exe /d /s /c "…"` for a batch file. */
export function spawnCommand(file: string, args: readonly string[], host: Platform = HOST): { file: string; args: string[]; verbatim: boolean } {
  if (host.platform !== 'win32' || !/\.(bat|cmd)$/i.test(file)) return { file, args: [...args], verbatim: false };
  // Only names, ports and options reach the CLI; anything cmd could read as syntax is refused.
  const unsafe = args.find((a) => !/^[\w.,:=@/+-]*$/.test(a));
  if (unsafe !== undefined) throw new UpsunError(`Cannot pass "${unsafe}" to ${path.win32.basename(file)} through cmd.exe safely.`, 'other');
  const line = [`"${file}"`, ...args].join(' ');
  return { file: host.env.ComSpec || 'cmd.exe', args: ['/d', '/s', '/c', `"${line}"`], verbatim: true };
}

/**
 * The CLI to run: `configured` when set (an error when it is missing), else `upsun`, else
 * `platform` from PATH. Returns the command name to show the user and the file to run.
 * @throws UpsunError `not-installed` saying how to install it.
 */
export function locateCli(configured: string | undefined, host: Platform = HOST): LocatedCli {
  if (configured) {
    const file = resolveExecutable(configured, host);
    if (!file) throw new UpsunError(`The CLI set in upsunKafka.cli.path, ${configured}, was not found. ${INSTALL_HINT}.`, 'not-installed');
    // Messages name commands the way a user types them: `upsun login`, not the full path.
    return { name: path.basename(configured).replace(/\.(exe|cmd|bat|com)$/i, ''), file };
  }
  for (const name of UPSUN_CLIS) {
    const file = resolveExecutable(name, host);
    if (file) return { name, file };
  }
  throw new UpsunError(`The Upsun CLI (\`upsun\`) is not installed, or not on PATH. ${INSTALL_HINT}.`, 'not-installed');
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Killed after this long (ms). */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** Runs the CLI to completion and collects its output; never rejects for a non-zero exit. */
export function runCli(file: string, args: readonly string[], options: RunOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawnCli(file, args, { cwd: options.cwd, detached: false });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      stderr += `\n(stopped after ${Math.round(options.timeoutMs / 1000)} s without an answer)`;
      child.kill();
    }, options.timeoutMs);
    const abort = () => child.kill();
    options.signal?.addEventListener('abort', abort);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      reject(error.code === 'ENOENT' ? new UpsunError(`${file} could not be started: it is not there. ${INSTALL_HINT}.`, 'not-installed') : error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      if (options.signal?.aborted) reject(new UpsunError('Cancelled.', 'cancelled'));
      else resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Starts the CLI with pipes for stdout and stderr and no stdin. `detached` puts it in a
 * process group of its own on POSIX, so `killTree` can end it together with its ssh.
 */
export function spawnCli(file: string, args: readonly string[], options: { cwd?: string; detached: boolean }, host: Platform = HOST): ChildProcess {
  const command = spawnCommand(file, args, host);
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd,
    env: { ...host.env, ...NON_INTERACTIVE_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
    windowsVerbatimArguments: command.verbatim,
    detached: options.detached && host.platform !== 'win32',
  };
  return spawn(command.file, command.args, spawnOptions);
}
