// What the bodies of `peek` and `produce` share: resolving `--service` the way the extension
// does (minus settings and prompt), connecting, and turning failures into exit statuses.

import { loadProjectsIn } from '../../config/discover';
import { connectCluster } from '../../kafka/connect';
import { relationshipsSource, resolveConnection, tunnelSource } from '../../kafka/resolve';
import { ConnectionOptions, KafkaAccessError, KafkaCluster } from '../../kafka/types';
import { EXIT_FAILED, EXIT_USAGE } from '../exitCodes';
import type { ConnectionFlags } from '../connectionOptions';

/** Misuse the user can fix on the command line: exit status 2. */
export class UsageError extends Error {}

/** Runs a command body, turning its failures into a message on stderr and an exit status. */
export async function runKafkaCommand(setExitCode: (code: number) => void, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`upsun-kafka: ${error.message}\n`);
      setExitCode(EXIT_USAGE);
    } else if (error instanceof KafkaAccessError) {
      process.stderr.write(`upsun-kafka: ${error.message}\n`);
      setExitCode(EXIT_FAILED);
    } else {
      throw error;
    }
  }
}

export async function openCluster(flags: ConnectionFlags, cwd = process.cwd()): Promise<KafkaCluster> {
  return connectCluster(await connectionFor(flags, cwd));
}

async function connectionFor(flags: ConnectionFlags, cwd: string): Promise<ConnectionOptions> {
  const seconds = Number(flags.timeout);
  if (!(seconds > 0)) throw new UsageError(`--timeout must be a number of seconds above 0, not "${flags.timeout}"`);
  const common = { timeoutMs: Math.round(seconds * 1000), clientId: 'upsun-kafka-cli' };
  if (flags.brokers !== undefined) {
    const brokers = flags.brokers.split(',').map((b) => b.trim()).filter(Boolean);
    const bad = brokers.find((b) => !/^[^\s:]+:\d{1,5}$/.test(b) && !/^\[[^\]]+\]:\d{1,5}$/.test(b));
    if (brokers.length === 0 || bad !== undefined) throw new UsageError(`--brokers takes host:port[,host:port…]${bad ? `, not "${bad}"` : ''}`);
    return { brokers, ...common };
  }
  if (flags.service === undefined) throw new UsageError('say where Kafka is: --brokers HOST:PORT or --service NAME');
  await checkDeclaredService(flags.service, cwd);
  const { connection, misses } = await resolveConnection(flags.service, [relationshipsSource(process.env), tunnelSource({ cliPath: flags.tunnelCli, cwd })]);
  if (!connection) {
    const why = misses.map((m) => `${m.reason}`).join('; ');
    throw new KafkaAccessError(`Could not find the brokers of service "${flags.service}": ${why}. Open a tunnel, or pass --brokers HOST:PORT.`, 'unreachable');
  }
  process.stderr.write(`Service "${flags.service}": ${connection.options.brokers.join(',')} from ${connection.description}\n`);
  return { ...connection.options, ...common };
}

/** With the project's config in `cwd`, the service must be declared there and be Kafka. */
async function checkDeclaredService(name: string, cwd: string): Promise<void> {
  const services = (await loadProjectsIn(cwd)).flatMap((p) => p.services);
  if (services.length === 0) return;
  const service = services.find((s) => s.name === name);
  const kafka = services.filter((s) => s.typeName === 'kafka').map((s) => s.name);
  const known = kafka.length > 0 ? `Kafka services here: ${kafka.join(', ')}` : 'the project here declares no Kafka service';
  if (!service) throw new UsageError(`no service "${name}" is declared in the project config (${known})`);
  if (service.typeName !== 'kafka') throw new UsageError(`service "${name}" is of type ${service.type?.value ?? 'unknown'}, not kafka (${known})`);
}

/** A whole number at least `min`, or a usage error naming the option. */
export function parseWhole(value: string | undefined, option: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || !/^\d+$/.test(value.trim())) throw new UsageError(`${option} takes a whole number${min > 0 ? ` from ${min}` : ''}, not "${value}"`);
  return n;
}
