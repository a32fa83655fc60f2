// A tunnel to one relationship of one environment: `tunnel:single` run as a child process we
// own, on a local port we choose, ready once a Kafka broker answers on that port; or one the
// user already has open (`tunnel:info`), reused and left alone once a broker answers on it.
// Closing ends the CLI's whole process tree, so no ssh is left behind even when the CLI does not
// stop its own ssh (Windows, a hard kill).

import * as net from 'net';
import { probeKafkaBroker } from '../kafka/brokerProbe';
import { killTree, LocatedCli, nameOption, spawnCli } from './cli';
import { classifyFailure, UpsunError } from './failures';
import { RelationshipEndpoint } from './relationships';
import { readTunnelInfo } from './tunnelInfo';

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
  /** How long to wait for a Kafka broker to answer on the port (ms). */
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
/** One ApiVersions exchange through the tunnel: ssh adds a round trip to the platform. */
const PROBE_MS = 5_000;
/** What the CLI printed that we keep for messages: the last lines say why it stopped. */
const STDERR_TAIL_CHARS = 16 * 1024;

/**
 * Exactly what runs, so the README can show it. Names go as `--option=value` (nameOption).
 * @throws UpsunError `other` for a name the CLI could read as an option.
 */
export function tunnelSingleArgs(request: Pick<TunnelRequest, 'environment' | 'app' | 'relationship' | 'confirmed'>, port: number): string[] {
  return [
    'tunnel:single',
    nameOption('environment', 'environment', request.environment),
    nameOption('app', 'app', request.app),
    nameOption('relationship', 'relationship', request.relationship),
    `--port=${port}`,
    '--no-interaction',
    request.confirmed ? '--yes' : '--no',
  ];
}

/**
 * The tunnel to `request.relationship` that `tunnel:info` lists as open, or undefined.
 * @throws UpsunError when the CLI fails for a reason other than "No tunnels found"
 */
export async function findOpenTunnel(request: Omit<TunnelRequest, 'confirmed' | 'readyTimeoutMs' | 'port'>): Promise<Tunnel | undefined> {
  nameOption('relationship', 'relationship', request.relationship);
  const relationships = await readTunnelInfo(request.cli, { cwd: request.cwd, scope: request, signal: request.signal });
  const endpoints = relationships?.[request.relationship] ?? [];
  const local = endpoints.find((e) => e.host === LOCAL_HOST || e.host === 'localhost');
  if (!local) return undefined;
  // The tunnel's process may have died and its port gone to another program since.
  const probe = await probeKafkaBroker(local.host, local.port, PROBE_MS, request.signal);
  if (request.signal?.aborted) throw new UpsunError('Cancelled.', 'cancelled');
  if (probe.answer !== 'kafka') {
    throw new UpsunError(
      `The open tunnel to ${request.relationship} at ${local.host}:${local.port} (from \`${request.cli.name} tunnel:info\`) does not answer as a Kafka broker: ${probe.why}. Close it with \`${request.cli.name} tunnel:close\`, then connect again.`,
      probe.answer === 'none' ? 'dropped' : 'not-kafka',
    );
  }
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
 * Runs `tunnel:single` and waits until a Kafka broker answers on its local port.
 * @throws UpsunError classified from the CLI's stderr when it exits first; `timeout` when no
 * broker answers within `readyTimeoutMs`; `not-kafka` when something else answers on the port;
 * `cancelled` when `signal` fires; `other` for a name the CLI could read as an option. The
 * process tree is gone in every case.
 */
export async function openTunnel(request: TunnelRequest): Promise<Tunnel> {
  tunnelSingleArgs(request, 0);
  const port = request.port ?? (await freeLocalPort());
  // A program already on the port would answer in the tunnel's place, so it must be free before the CLI starts.
  if (!(await portIsFree(port))) throw new UpsunError(`The local port ${port} is already taken by another program. Connect again to use another port.`, 'port-taken');
  const args = tunnelSingleArgs(request, port);
  const command = `${request.cli.name} tunnel:single`;
  request.log?.(`Running ${request.cli.name} ${args.join(' ')}`);
  const child = spawnCli(request.cli.file, args, { cwd: request.cwd });
  // The CLI runs for as long as the tunnel does: only the tail of what it prints is kept.
  let stderr = '';
  let partial = '';
  const onText = (chunk: Buffer) => {
    let text = partial + chunk.toString('utf8');
    if (text.length > STDERR_TAIL_CHARS) text = text.slice(-STDERR_TAIL_CHARS) + '\n';
    const lines = text.split(/\r?\n/);
    partial = lines.pop() ?? '';
    stderr = (stderr + text.slice(0, text.length - partial.length)).slice(-STDERR_TAIL_CHARS);
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
    // spawnCli ends what is left of the CLI's process group when it exits.
    child.on('exit', (code) => resolve({ requested: closing, code, detail: lastLines(stderr + partial) }));
  });
  const close = async () => {
    closing = true;
    await killTree(child, exited);
  };

  try {
    await waitForKafka(port, { timeoutMs: request.readyTimeoutMs, signal: request.signal, exited });
  } catch (error) {
    await close();
    if (error instanceof UpsunError && error.kind === 'dropped') {
      const end = await exited;
      throw classifyFailure(request.cli.name, command, end.code, stderr + partial);
    }
    if (error instanceof UpsunError && error.kind === 'timeout') {
      throw new UpsunError(`The tunnel did not answer on port ${port} within ${Math.round(request.readyTimeoutMs / 1000)} s as a Kafka broker (${error.message})${stderr.trim() ? `; the CLI said: ${lastLines(stderr)}` : ''}. Check your connection and try again.`, 'timeout', lastLines(stderr));
    }
    if (error instanceof UpsunError && error.kind === 'not-kafka') {
      throw new UpsunError(
        `Port ${port} of the tunnel answers, but not as a Kafka broker: ${error.message}. Relationship "${request.relationship}" of app "${request.app}" may lead to another service, or another program took the port; the tunnel was closed. Check the relationship, then connect again.`,
        'not-kafka',
        lastLines(stderr),
      );
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
 * Resolves once a Kafka broker answers an ApiVersions request on `port` (brokerProbe.ts); asks
 * again every 100 ms while nothing answers (an ssh forward still logging in closes each
 * connection it cannot pass on yet).
 * @throws UpsunError `not-kafka` (its message is why) as soon as something else answers;
 * `dropped` when `exited` settles first; `timeout` (its message is the last reason); `cancelled`.
 */
export async function waitForKafka(port: number, options: { timeoutMs: number; signal?: AbortSignal; exited?: Promise<unknown> }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort);
  let exited = false;
  const onExit = () => {
    exited = true;
    stop.abort();
  };
  options.exited?.then(onExit, onExit);
  try {
    for (let why = 'nothing answered'; ; ) {
      if (options.signal?.aborted) throw new UpsunError('Cancelled.', 'cancelled');
      if (exited) throw new UpsunError('The CLI exited.', 'dropped');
      const left = deadline - Date.now();
      if (left <= 0) throw new UpsunError(why, 'timeout');
      const probe = await probeKafkaBroker(LOCAL_HOST, port, Math.min(PROBE_MS, left), stop.signal);
      if (probe.answer === 'kafka') return;
      if (probe.answer === 'not-kafka') throw new UpsunError(probe.why, 'not-kafka');
      if (!stop.signal.aborted) why = probe.why;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
        stop.signal.addEventListener('abort', done);
        function done() {
          clearTimeout(timer);
          stop.signal.removeEventListener('abort', done);
          resolve();
        }
      });
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function lastLines(text: string): string {
  return text.replace(/\r/g, '').split('\n').map((l) => l.trim()).filter(Boolean).slice(-4).join(' ');
}
