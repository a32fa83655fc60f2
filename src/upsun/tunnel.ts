// A tunnel to one relationship of one environment: `tunnel:single` run as a child process we
// own, on a local port we choose, ready once that port answers; or one the user already has
// open (`tunnel:info`), reused and left alone. Closing ends the CLI's whole process tree, so no
// ssh is left behind even when the CLI does not stop its own ssh (Windows, a hard kill).

import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as net from 'net';
import { parseRelationships } from '../kafka/resolve/relationships';
import { RelationshipEndpoint } from '../kafka/resolve/types';
import { CliResult, LocatedCli, runCli, spawnCli } from './cli';
import { classifyFailure, UpsunError } from './failures';

export interface TunnelRequest {
  readonly cli: LocatedCli;
  /** The project folder: the CLI finds the project from it. */
  readonly cwd: string;
  readonly environment: string;
  readonly app: string;
  readonly relationship: string;
  /** Local port; a free one is chosen when absent. */
  readonly port?: number;
  /**
   * The answer to the CLI's own question before a tunnel to the main environment: `--yes`
   * when true, `--no` otherwise (the CLI then stops and says so: `main-confirmation`).
   */
  readonly confirmed: boolean;
  /** How long to wait for the port to answer (ms). */
  readonly readyTimeoutMs: number;
  readonly signal?: AbortSignal;
  /** Each line the CLI prints on stderr. */
  readonly log?: (line: string) => void;
}

/** How a tunnel ended: asked to (`close`) or not (dropped, the CLI exited). */
export interface TunnelEnd {
  readonly requested: boolean;
  readonly code: number | null;
  /** The CLI's last stderr lines. */
  readonly detail: string;
}

export interface Tunnel {
  /** `127.0.0.1:PORT`, the bootstrap address. */
  readonly address: string;
  readonly port: number;
  /** False for a tunnel found open with `tunnel:info`: we neither own nor close it. */
  readonly owned: boolean;
  /** The CLI's process ID when owned. */
  readonly pid?: number;
  /** The relationship's endpoints with host and port of the local end (for the address map). */
  readonly endpoints: readonly RelationshipEndpoint[];
  /** Settles when an owned tunnel ends; never for a reused one. */
  readonly ended: Promise<TunnelEnd>;
  /** Ends an owned tunnel and its whole process tree; resolves once they are gone. */
  close(): Promise<void>;
}

const LOCAL_HOST = '127.0.0.1';
const POLL_MS = 100;
const TERM_GRACE_MS = 3_000;
const TUNNEL_INFO_TIMEOUT_MS = 30_000;

/** Exactly what runs, so the README can show it. */
export function tunnelSingleArgs(request: Pick<TunnelRequest, 'environment' | 'app' | 'relationship' | 'confirmed'>, port: number): string[] {
  return ['tunnel:single', '--environment', request.environment, '--app', request.app, '--relationship', request.relationship, '--port', String(port), '--no-interaction', request.confirmed ? '--yes' : '--no'];
}

export function tunnelInfoArgs(request: Pick<TunnelRequest, 'environment' | 'app'>): string[] {
  return ['tunnel:info', '--environment', request.environment, '--app', request.app, '--encode', '--no-interaction'];
}

/**
 * The tunnel to `request.relationship` that `tunnel:info` lists as open, or undefined.
 * @throws UpsunError when the CLI fails for a reason other than "No tunnels found"
 */
export async function findOpenTunnel(request: Omit<TunnelRequest, 'confirmed' | 'readyTimeoutMs' | 'port'>): Promise<Tunnel | undefined> {
  const result: CliResult = await runCli(request.cli.file, tunnelInfoArgs(request), { cwd: request.cwd, timeoutMs: TUNNEL_INFO_TIMEOUT_MS, signal: request.signal });
  if (result.code !== 0) {
    if (/No tunnels found/i.test(result.stderr)) return undefined;
    throw classifyFailure(request.cli.name, `${request.cli.name} tunnel:info`, result.code, result.stderr);
  }
  const encoded = result.stdout.trim().split(/\r?\n/).filter(Boolean).pop() ?? '';
  const endpoints = parseRelationships(encoded, `The output of \`${request.cli.name} tunnel:info --encode\``)[request.relationship];
  const local = endpoints?.find((e) => e.host === LOCAL_HOST || e.host === 'localhost');
  if (!local) return undefined;
  return {
    address: `${local.host}:${local.port}`,
    port: local.port,
    owned: false,
    endpoints: endpoints,
    ended: new Promise<TunnelEnd>(() => undefined),
    close: async () => undefined,
  };
}

/**
 * Runs `tunnel:single` and waits until its local port answers.
 * @throws UpsunError classified from the CLI's stderr when it exits first; `timeout` when the
 * port stays silent for `readyTimeoutMs`; `cancelled` when `signal` fires. The process tree is
 * gone in every case.
 */
export async function openTunnel(request: TunnelRequest): Promise<Tunnel> {
  const port = request.port ?? (await freeLocalPort());
  // Whatever answers on the port counts as the tunnel, so it must be free before the CLI starts.
  if (!(await portIsFree(port))) throw new UpsunError(`The local port ${port} is already taken by another program. Connect again to use another port.`, 'port-taken');
  const args = tunnelSingleArgs(request, port);
  const command = `${request.cli.name} tunnel:single`;
  request.log?.(`Running ${request.cli.name} ${args.join(' ')}`);
  const child = spawnCli(request.cli.file, args, { cwd: request.cwd, detached: true });
  const owned = track(child);
  let stderr = '';
  let partial = '';
  const onText = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const lines = text.split(/\r?\n/);
    partial = lines.pop() ?? '';
    stderr += text.slice(0, text.length - partial.length);
    for (const line of lines) if (line.trim()) request.log?.(line);
  };
  child.stderr?.on('data', onText);
  child.stdout?.on('data', onText);
  let closing = false;
  const exited = new Promise<TunnelEnd>((resolve) => {
    child.on('error', (error) => {
      stderr += `\n${error.message}`;
      resolve({ requested: closing, code: null, detail: lastLines(stderr) });
    });
    child.on('exit', (code) => {
      // The CLI may leave its ssh behind (see killTree): whatever is left of its group goes too.
      if (owned !== undefined && process.platform !== 'win32' && groupAlive(owned)) signalGroup(owned, 'SIGKILL');
      untrack(owned);
      resolve({ requested: closing, code, detail: lastLines(stderr + partial) });
    });
  });
  const close = async () => {
    closing = true;
    await killTree(child, exited);
  };

  try {
    await waitForPort(port, { timeoutMs: request.readyTimeoutMs, signal: request.signal, exited });
  } catch (error) {
    await close();
    if (error instanceof UpsunError && error.kind === 'dropped') {
      const end = await exited;
      throw classifyFailure(request.cli.name, command, end.code, stderr + partial);
    }
    if (error instanceof UpsunError && error.kind === 'timeout') {
      throw new UpsunError(`The tunnel did not answer on port ${port} within ${Math.round(request.readyTimeoutMs / 1000)} s${stderr.trim() ? `; the CLI said: ${lastLines(stderr)}` : ''}. Check your connection and try again.`, 'timeout', lastLines(stderr));
    }
    throw error;
  }
  return {
    address: `${LOCAL_HOST}:${port}`,
    port,
    owned: true,
    pid: child.pid,
    endpoints: [{ host: LOCAL_HOST, port, scheme: 'kafka', rel: request.relationship }],
    ended: exited,
    close,
  };
}

/** A port nothing listens on right now, from the system. */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, LOCAL_HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, LOCAL_HOST, () => server.close(() => resolve(true)));
  });
}

/**
 * Resolves once `port` accepts a connection; polls every 100 ms.
 * @throws UpsunError `dropped` when `exited` settles first, `timeout`, or `cancelled`.
 */
export function waitForPort(port: number, options: { timeoutMs: number; signal?: AbortSignal; exited?: Promise<unknown> }): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (error?: UpsunError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(new UpsunError('Cancelled.', 'cancelled'));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    const deadline = setTimeout(() => finish(new UpsunError(`Port ${port} did not answer.`, 'timeout')), options.timeoutMs);
    options.exited?.then(() => finish(new UpsunError('The CLI exited.', 'dropped')), () => finish(new UpsunError('The CLI exited.', 'dropped')));
    const attempt = () => {
      if (done) return;
      const socket = net.connect({ host: LOCAL_HOST, port });
      socket.once('connect', () => {
        socket.destroy();
        finish();
      });
      socket.once('error', () => {
        socket.destroy();
        if (!done) timer = setTimeout(attempt, POLL_MS);
      });
    };
    attempt();
  });
}

/**
 * Ends `child` and everything it started. POSIX: SIGTERM to its process group (it was started
 * detached, as the group's leader), SIGKILL to what is left after 3 s. Windows: `taskkill /T /F`.
 */
export async function killTree(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    await new Promise<void>((resolve) => {
      const taskkill = spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
      taskkill.on('exit', () => resolve());
      taskkill.on('error', () => resolve());
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

// Owned tunnels still open when this process exits (a crash, a closed window) are killed with
// it: an exit handler can only do synchronous work, so SIGKILL group-wide, or taskkill waited for.
const live = new Set<number>();
let exitHookInstalled = false;

function track(child: ChildProcess): number | undefined {
  if (child.pid === undefined) return undefined;
  live.add(child.pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const pid of live) {
        if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
        else signalGroup(pid, 'SIGKILL');
      }
    });
  }
  return child.pid;
}

function untrack(pid: number | undefined): void {
  if (pid !== undefined) live.delete(pid);
}

function lastLines(text: string): string {
  return text.replace(/\r/g, '').split('\n').map((l) => l.trim()).filter(Boolean).slice(-4).join(' ');
}
