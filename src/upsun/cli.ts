// Finding and running the Upsun CLI (`upsun`) or the Platform.sh CLI (`platform`) without a
// shell. On Windows a bare name is looked up with PATHEXT like cmd does; an installed
// `upsun.exe` runs directly, a `.bat`/`.cmd` wrapper through `cmd.exe` (Node refuses to start
// those without it), with arguments checked so cmd can do nothing but pass them on.
//
// Nothing runs from the current folder (the user's project, which may be anyone's): PATH
// entries that are not absolute are skipped, and Windows' own programs (cmd.exe, taskkill.exe)
// run by their full path in the system folder, since Windows looks a bare name up in the
// current folder first. Each CLI runs as the leader of a process group of its own, so a
// timeout, a cancel or our exit ends whatever it started too.

import { ChildProcess, spawn, SpawnOptions, spawnSync } from 'child_process';
import { accessSync, constants, statSync } from 'fs';
import * as path from 'path';
import { EDITOR_CLI_PATH, installHint, UpsunError, type CliPathOrigin } from './failures';
import { asError } from '../text/error';
import { bytesText } from '../text/bytes';

/** Tried in this order when no path is set. */
export const UPSUN_CLIS = ['upsun', 'platform'] as const;

/** So the CLI never waits on a question nobody sees (both products read their own prefix). */
export const NON_INTERACTIVE_ENV = { UPSUN_CLI_NO_INTERACTION: '1', PLATFORMSH_CLI_NO_INTERACTION: '1' } as const;

export interface LocatedCli {
  /** As the user types it: `upsun`, `platform`, or the configured file's name. */
  readonly name: string;
  /** What runs: the path found on PATH (with its Windows extension). */
  readonly file: string;
  /** Where the user names another CLI, for messages; the editor's setting when absent. */
  readonly origin?: CliPathOrigin;
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
  // An empty entry, `.` or `bin` means the current folder or one below it.
  const absolute = (dir: string) => (windows ? path.win32.isAbsolute(dir) : path.posix.isAbsolute(dir));
  const dirs = (host.env.PATH ?? host.env.Path ?? '').split(windows ? ';' : ':').map((d) => d.replace(/^"(.*)"$/, '$1')).filter((d) => d && absolute(d));
  for (const dir of dirs) {
    const hit = candidates(path.join(dir, command)).find(found);
    if (hit) return hit;
  }
  return undefined;
}

/** `C:\\…` or `\\\\server\\…`: a Windows path that does not depend on the current folder or drive. */
const WINDOWS_ROOTED = /^(?:[A-Za-z]:[\\/]|\\\\[^\\/])/;

/**
 * The full path of a program in Windows' system folder (`%SystemRoot%\\System32\\NAME`), so
 * that it is never looked up in the current folder. A `SystemRoot` (or `windir`) that is not a
 * full path is ignored for `C:\\Windows`.
 */
export function windowsSystemFile(name: 'cmd.exe' | 'taskkill.exe', host: Platform = HOST): string {
  const root = [host.env.SystemRoot, host.env.windir].find((r) => r !== undefined && WINDOWS_ROOTED.test(r)) ?? 'C:\\Windows';
  return path.win32.join(root, 'System32', name);
}

/** `ComSpec` when it is a full path to a `cmd.exe`, else the system folder's. */
function windowsShell(host: Platform): string {
  const comSpec = host.env.ComSpec;
  return comSpec && WINDOWS_ROOTED.test(comSpec) && path.win32.basename(comSpec).toLowerCase() === 'cmd.exe' ? comSpec : windowsSystemFile('cmd.exe', host);
}

/**
 * What ends a process and everything it started on Windows: `taskkill /pid PID /T /F` from the
 * system folder. Undefined on POSIX, where the process group is signalled instead (killTree).
 */
export function treeKillCommand(pid: number, host: Platform = HOST): { file: string; args: string[] } | undefined {
  return host.platform === 'win32' ? { file: windowsSystemFile('taskkill.exe', host), args: ['/pid', String(pid), '/T', '/F'] } : undefined;
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
  return { file: windowsShell(host), args: ['/d', '/s', '/c', `"${line}"`], verbatim: true };
}

/**
 * A name from the project's config or the CLI's own output (environment ID, app, relationship)
 * as `--OPTION=NAME`: in that form the CLI (Symfony Console) reads it as the option's value
 * even when it starts with `-`, and a name starting with `-` is refused anyway, since no real
 * one does (git refs, app and relationship names cannot). No spaces, no control or format
 * characters (bidi overrides), at most 255 characters.
 * @throws UpsunError `other` naming `what` and the refused name.
 */
export function nameOption(option: string, what: string, name: string): string {
  if (!/^[^\s\p{C}-][^\s\p{C}]{0,254}$/u.test(name)) {
    const shown = JSON.stringify(name.length > 60 ? name.slice(0, 60) : name) + (name.length > 60 ? '…' : '');
    throw new UpsunError(`The ${what} name ${shown} cannot be passed to the CLI: a name may not start with "-", hold spaces or control characters, or be empty or longer than 255 characters.`, 'other');
  }
  return `--${option}=${name}`;
}

/**
 * The CLI to run: `configured` when set (an error when it is missing), else `upsun`, else
 * `platform` from PATH. Returns the command name to show the user and the file to run.
 * `origin` is where the user names a CLI (the editor's setting by default), for the message.
 * @throws UpsunError `not-installed` saying how to install it.
 */
export function locateCli(configured: string | undefined, host: Platform = HOST, origin: CliPathOrigin = EDITOR_CLI_PATH): LocatedCli {
  if (configured) {
    const file = resolveExecutable(configured, host);
    if (!file) throw new UpsunError(`The CLI set in ${origin.name}, ${configured}, was not found. ${installHint(origin)}.`, 'not-installed');
    // Messages name commands the way a user types them: `upsun login`, not the full path.
    return { name: path.basename(configured).replace(/\.(exe|cmd|bat|com)$/i, ''), file, origin };
  }
  for (const name of UPSUN_CLIS) {
    const file = resolveExecutable(name, host);
    if (file) return { name, file, origin };
  }
  throw new UpsunError(`The Upsun CLI (\`upsun\`) is not installed, or not on PATH. ${installHint(origin)}.`, 'not-installed');
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Killed, with everything it started, after this long (ms). */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Where the user names another CLI, for messages (LocatedCli.origin); the editor's setting by default. */
  readonly origin?: CliPathOrigin;
}

/**
 * What `runCli` keeps of a command's stdout and stderr together (bytes). The largest answer we
 * ask for, `environment:list` of a project with a thousand environments, is about 100 KB.
 */
export const CLI_OUTPUT_BUDGET_BYTES = 4 * 1024 * 1024;

/**
 * Runs the CLI to completion and collects its output; never rejects for a non-zero exit. A
 * timeout ends it and whatever it started, and resolves with code null and a note on stderr.
 * @throws UpsunError `not-installed` when the file is gone, `cancelled` when `signal` fired,
 * `other` when it printed more than CLI_OUTPUT_BUDGET_BYTES (it is stopped at that point).
 */
export function runCli(file: string, args: readonly string[], options: RunOptions): Promise<CliResult> {
  const origin = options.origin ?? EDITOR_CLI_PATH;
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawnCli(file, args, { cwd: options.cwd });
    } catch (error) {
      reject(asError(error));
      return;
    }
    const closed = new Promise<void>((done) => child.once('close', () => done()));
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let kept = 0;
    let note = '';
    let overflow = false;
    const stop = (): void => {
      killTree(child, closed).catch(() => undefined);
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      if (overflow) return;
      kept += chunk.length;
      if (kept <= CLI_OUTPUT_BUDGET_BYTES) {
        into.push(chunk);
        return;
      }
      overflow = true;
      // Nothing more is read: the pipes close, and the process group is ended.
      child.stdout?.destroy();
      child.stderr?.destroy();
      stop();
    };
    child.stdout?.on('data', collect(stdout));
    child.stderr?.on('data', collect(stderr));
    const timer = setTimeout(() => {
      note = `\n(stopped after ${Math.round(options.timeoutMs / 1000)} s without an answer)`;
      stop();
    }, options.timeoutMs);
    const abort = stop;
    options.signal?.addEventListener('abort', abort);
    const settle = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      settle();
      reject(error.code === 'ENOENT' ? new UpsunError(`${file} could not be started: it is not there. ${installHint(origin)}.`, 'not-installed') : error);
    });
    child.on('close', (code) => {
      settle();
      const command = `${path.basename(file).replace(/\.(exe|cmd|bat|com)$/i, '')} ${args[0] ?? ''}`.trim();
      if (options.signal?.aborted) reject(new UpsunError('Cancelled.', 'cancelled'));
      else if (overflow) reject(new UpsunError(`\`${command}\` printed more than ${bytesText(CLI_OUTPUT_BUDGET_BYTES)}, far more than it should, and was stopped. Check that ${origin.name} names the Upsun CLI.`, 'other'));
      else resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') + note });
    });
  });
}

/**
 * Starts the CLI with pipes for stdout and stderr and no stdin, as the leader of a process
 * group of its own on POSIX, so that `killTree` ends it together with what it started (its
 * ssh). When it exits, what is left of its group is killed; while it runs, our own exit kills
 * its whole tree.
 */
export function spawnCli(file: string, args: readonly string[], options: { cwd?: string }, host: Platform = HOST): ChildProcess {
  const command = spawnCommand(file, args, host);
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd,
    env: { ...host.env, ...NON_INTERACTIVE_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
    windowsVerbatimArguments: command.verbatim,
    detached: host.platform !== 'win32',
  };
  const child = spawn(command.file, command.args, spawnOptions);
  const pid = child.pid;
  if (pid !== undefined) {
    track(pid);
    child.once('exit', () => {
      // The CLI may leave a child behind (its ssh, when killed hard): the rest of its group goes too.
      if (host.platform !== 'win32' && groupAlive(pid)) signalGroup(pid, 'SIGKILL');
      live.delete(pid);
    });
  }
  return child;
}

const TERM_GRACE_MS = 3_000;

/**
 * Ends `child` (started by spawnCli) and everything it started, and resolves once `exited`
 * settles. POSIX: SIGTERM to its process group, SIGKILL to what is left after 3 s. Windows:
 * `taskkill /T /F` from the system folder (treeKillCommand).
 */
export async function killTree(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const taskkill = treeKillCommand(pid);
  if (taskkill) {
    await new Promise<void>((resolve) => {
      const run = spawn(taskkill.file, taskkill.args, { stdio: 'ignore', windowsHide: true });
      run.on('exit', () => resolve());
      run.on('error', () => resolve());
    });
    await exited;
    return;
  }
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + TERM_GRACE_MS;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
  for (let i = 0; i < 100 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  await exited;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// CLIs still running when this process exits (a crash, a closed window) are killed with it: an
// exit handler can only do synchronous work, so SIGKILL group-wide, or taskkill waited for.
const live = new Set<number>();
let exitHookInstalled = false;

function track(pid: number): void {
  live.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const running of live) {
      const taskkill = treeKillCommand(running);
      if (taskkill) spawnSync(taskkill.file, taskkill.args, { stdio: 'ignore', windowsHide: true });
      else signalGroup(running, 'SIGKILL');
    }
  });
}
