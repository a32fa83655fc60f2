// What the bodies of the Kafka commands share: resolving `--service` the way the extension
// does (minus settings and prompt), or through a tunnel of its own with `--environment`,
// connecting and disconnecting (withCluster), and turning failures into exit statuses.

import { loadProjectsIn } from '../../config/discover';
import { brokerListProblem, parseBrokerList } from '../../kafka/brokerAddress';
import { connectCluster } from '../../kafka/connect';
import { relationshipsSource, resolveConnection, tunnelSource } from '../../upsun/resolve';
import { ConnectionOptions, KafkaAccessError, KafkaCluster } from '../../kafka/types';
import type { ProjectModel } from '../../config/model';
import { PRODUCTION_TYPE } from '../../upsun/productionGuard';
import { formatTarget, listEnvironments, LocatedCli, locateCli, openEnvironmentConnection, relationshipsTo, TunnelTarget, UpsunError, whyNotConnectable, type UpsunEnvironment } from '../../upsun';

/** Where the command line names the Upsun CLI, for messages that say how to (not the editor's setting). */
export const TUNNEL_CLI_OPTION = { name: '--tunnel-cli', advice: 'pass --tunnel-cli PATH' } as const;
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_TERMINATED, EXIT_USAGE, UsageError } from '../exitCodes';
import type { ConnectionFlags } from '../connectionOptions';
import { terminalText } from '../terminalText';

/** Runs a command body, turning its failures into a message on stderr and an exit status. */
export async function runKafkaCommand(setExitCode: (code: number) => void, body: () => Promise<void>): Promise<void> {
  // `… | head` closes the pipe early: what is written after that is dropped, as a reader
  // that has gone wants, and the command finishes its work (every line of a produce is sent)
  // instead of dying on an unhandled EPIPE.
  process.stdout.on('error', ignoreClosedReader);
  try {
    await body();
  } catch (error) {
    // Messages quote broker errors, names and the Upsun CLI's output.
    if (error instanceof UsageError) {
      process.stderr.write(`upsun-kafka: ${terminalText(error.message, { keepNewlines: true })}\n`);
      setExitCode(EXIT_USAGE);
    } else if (error instanceof KafkaAccessError || error instanceof UpsunError) {
      process.stderr.write(`upsun-kafka: ${terminalText(error.message, { keepNewlines: true })}\n`);
      setExitCode(EXIT_FAILED);
    } else {
      throw error;
    }
  }
}

/**
 * Connects to the cluster `flags` name (openCluster), runs `body` with it and disconnects
 * (closing a tunnel opened for the call too) whether `body` returns or throws. Returns what
 * `body` returns; throws what connecting, `body` or disconnecting throws: UsageError,
 * KafkaAccessError, UpsunError, which runKafkaCommand turns into exit statuses.
 */
export async function withCluster<T>(flags: ConnectionFlags, body: (cluster: KafkaCluster, reached: Reached) => Promise<T>): Promise<T> {
  const { cluster, ...reached } = await openCluster(flags);
  try {
    return await body(cluster, reached);
  } finally {
    await cluster.disconnect();
  }
}

/** What a command may need to know of where its cluster is. */
export interface Reached {
  /** Set when the cluster was reached through `--environment`: the environment as the CLI lists it (its type decides the production guard). */
  readonly environment?: UpsunEnvironment;
}

async function openCluster(flags: ConnectionFlags): Promise<{ cluster: KafkaCluster } & Reached> {
  const cwd = process.cwd();
  if (flags.environment !== undefined) return openThroughTunnel(flags, cwd);
  if (flags.relationship !== undefined || flags.yes) throw new UsageError('--relationship and --yes go with --environment');
  return { cluster: await connectCluster(await connectionFor(flags, cwd)) };
}

/**
 * `--service S --environment E`: a tunnel of our own for the call (see src/upsun), closed by
 * the cluster's `disconnect`, or when the process is interrupted.
 */
async function openThroughTunnel(flags: ConnectionFlags, cwd: string): Promise<{ cluster: KafkaCluster } & Reached> {
  if (flags.service === undefined) throw new UsageError('--environment needs --service NAME: the Kafka service to reach on that environment');
  const timeoutMs = timeoutOf(flags);
  const project = await checkDeclaredService(flags.service, cwd);
  if (!project) throw new UsageError('--environment needs the project\'s config in the current folder: it tells which app relationship leads to the service');
  const targets = relationshipsTo(project, flags.service);
  if (targets.length === 0) throw new UpsunError(`No app in the project's config has a relationship to service "${flags.service}", so no tunnel can reach it: add one under an app's \`relationships:\`.`, 'no-relationship');
  let target = targets[0];
  if (flags.relationship !== undefined) {
    const wanted = targets.find((t) => formatTarget(t) === flags.relationship || t.relationship === flags.relationship);
    if (!wanted) throw new UsageError(`--relationship takes one of ${targets.map(formatTarget).join(', ')}, not "${flags.relationship}"`);
    target = wanted;
  }
  const cli = locateCli(flags.tunnelCli, undefined, TUNNEL_CLI_OPTION);
  const root = project.root;
  // The Upsun CLI runs in a process group of its own, out of Ctrl+C's reach: until the tunnel
  // is open, Ctrl+C cancels what runs (runCli and openTunnel end its group), then we exit.
  const abort = new AbortController();
  let stopSignal: NodeJS.Signals | undefined;
  const stopping = (signal: NodeJS.Signals) => {
    stopSignal = signal;
    abort.abort();
  };
  process.once('SIGINT', stopping);
  process.once('SIGTERM', stopping);
  const exitIfStopped = (error: unknown): never => {
    if (stopSignal) process.exit(exitStatusOf(stopSignal));
    throw error;
  };
  try {
    return await openTunnelAndCluster(flags, { cli, root, target, timeoutMs, cancel: abort.signal }).catch(exitIfStopped);
  } finally {
    process.off('SIGINT', stopping);
    process.off('SIGTERM', stopping);
  }
}

/** The rest of openThroughTunnel, with the CLI found and a signal that Ctrl+C fires. */
async function openTunnelAndCluster(
  flags: ConnectionFlags,
  { cli, root, target, timeoutMs, cancel }: { cli: LocatedCli; root: string; target: TunnelTarget; timeoutMs: number; cancel: AbortSignal },
): Promise<{ cluster: KafkaCluster } & Reached> {
  const environments = await listEnvironments(cli, { cwd: root, timeoutMs: Math.max(timeoutMs, 30_000), signal: cancel });
  const environment = environments.find((e) => e.id === flags.environment);
  if (!environment) throw new UsageError(`no environment "${flags.environment}" in the project: ${environments.map((e) => e.id).join(', ') || 'none'}`);
  const notConnectable = whyNotConnectable(environment, cli.name);
  if (notConnectable) throw new UpsunError(`The environment ${environment.id} is ${notConnectable}.`, environment.status === 'paused' ? 'environment-paused' : 'environment-inactive');
  const production = environment.type === PRODUCTION_TYPE;
  if (production && !flags.yes) throw new UsageError(`${environment.id} is a production environment: pass --yes to open a tunnel to it`);
  process.stderr.write(`Opening a tunnel to ${terminalText(environment.id)} (${terminalText(formatTarget(target))})…\n`);
  const connection = await openEnvironmentConnection({
    cli,
    cwd: root,
    environment: environment.id,
    target,
    confirmed: Boolean(flags.yes),
    confirmMain: async () => false,
    readyTimeoutMs: Math.max(timeoutMs, 30_000),
    signal: cancel,
  }).catch((error: unknown) => {
    if (error instanceof UpsunError && error.kind === 'cancelled' && !cancel.aborted) throw new UsageError(`${environment.id} is the main environment: pass --yes to open a tunnel to it`);
    throw error;
  });
  const tunnel = connection.tunnel;
  const closeTunnel = async () => {
    await tunnel.close();
    if (tunnel.owned) process.stderr.write(`Tunnel to ${terminalText(environment.id)} closed.\n`);
  };
  // Ctrl+C reaches our process group only; the tunnel runs in its own.
  const interrupted = (signal: NodeJS.Signals) => {
    const exit = () => process.exit(exitStatusOf(signal));
    // The user asked to stop: exit whether or not the tunnel closed cleanly.
    closeTunnel().then(exit, exit);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const release = async () => {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await closeTunnel();
  };
  process.stderr.write(`Service "${terminalText(flags.service ?? '')}": ${terminalText(connection.options.brokers.join(','))} through the ${terminalText(connection.description)}\n`);
  let cluster: KafkaCluster;
  try {
    cluster = await connectCluster({ ...connection.options, timeoutMs, clientId: 'upsun-kafka-cli' });
  } catch (error) {
    await release();
    throw error;
  }
  return { cluster: withRelease(cluster, release), environment };
}

/** The same cluster; its `disconnect` also runs `release`. */
function withRelease(cluster: KafkaCluster, release: () => Promise<void>): KafkaCluster {
  return new Proxy(cluster, {
    get(target, property) {
      if (property === 'disconnect') return () => target.disconnect().finally(release);
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The exit status of a process Ctrl+C (SIGINT) or SIGTERM stopped. */
function exitStatusOf(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? EXIT_INTERRUPTED : EXIT_TERMINATED;
}

function ignoreClosedReader(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

function timeoutOf(flags: ConnectionFlags): number {
  const seconds = Number(flags.timeout);
  if (!(seconds > 0)) throw new UsageError(`--timeout must be a number of seconds above 0, not "${flags.timeout}"`);
  // Node's timers hold at most 2^31 - 1 ms (about 24.8 days); beyond, they fire at once.
  if (seconds * 1000 > MAX_TIMER_MS) throw new UsageError(`--timeout must be at most ${Math.floor(MAX_TIMER_MS / 1000)} seconds (about 24 days), not "${flags.timeout}"`);
  return Math.round(seconds * 1000);
}

async function connectionFor(flags: ConnectionFlags, cwd: string): Promise<ConnectionOptions> {
  const common = { timeoutMs: timeoutOf(flags), clientId: 'upsun-kafka-cli' };
  if (flags.brokers !== undefined) {
    const problem = brokerListProblem(flags.brokers);
    if (problem) throw new UsageError(`--brokers takes host:port[,host:port…]: ${problem}`);
    return { brokers: parseBrokerList(flags.brokers), ...common };
  }
  if (flags.service === undefined) throw new UsageError('say where Kafka is: --brokers HOST:PORT or --service NAME');
  await checkDeclaredService(flags.service, cwd);
  const { connection, misses } = await resolveConnection(flags.service, [relationshipsSource(process.env), tunnelSource({ cliPath: flags.tunnelCli, cwd })]);
  if (!connection) {
    // Each reason may end a sentence of its own; here they are parts of one.
    const why = misses.map((m) => m.reason.replace(/\.$/, '')).join('; ');
    throw new KafkaAccessError(`Could not find the brokers of service "${flags.service}": ${why}. Open a tunnel, or pass --brokers HOST:PORT.`, 'unreachable');
  }
  process.stderr.write(`Service "${terminalText(flags.service)}": ${terminalText(connection.options.brokers.join(','))} from ${terminalText(connection.description)}\n`);
  return { ...connection.options, ...common };
}

/** With the project's config in `cwd`, the service must be declared there and be Kafka; returns its project. */
async function checkDeclaredService(name: string, cwd: string): Promise<ProjectModel | undefined> {
  const projects = await loadProjectsIn(cwd);
  const services = projects.flatMap((p) => p.services);
  if (services.length === 0) return undefined;
  const service = services.find((s) => s.name === name);
  const kafka = services.filter((s) => s.typeName === 'kafka').map((s) => s.name);
  const known = kafka.length > 0 ? `Kafka services here: ${kafka.join(', ')}` : 'the project here declares no Kafka service';
  if (!service) throw new UsageError(`no service "${name}" is declared in the project config (${known})`);
  if (service.typeName !== 'kafka') throw new UsageError(`service "${name}" is of type ${service.type?.value ?? 'unknown'}, not kafka (${known})`);
  return projects.find((p) => p.services.includes(service));
}
