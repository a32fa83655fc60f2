// The connection sources that need no editor, and the ordered resolver.

import { locateCli, LocatedCli } from '../cli';
import { UpsunError } from '../failures';
import { brokerAddresses, endpointsOf, parseRelationships, PLATFORM_RELATIONSHIPS, tunnelAddressMap } from '../relationships';
import { readTunnelInfo } from '../tunnelInfo';
import { ConnectionSource } from '../../kafka/types';
import { ConnectionSourceProvider, Resolution, SourceAnswer } from './types';

/** Asks each source in order; the first that knows the service wins. */
export async function resolveConnection(serviceName: string, sources: readonly ConnectionSourceProvider[]): Promise<Resolution> {
  const misses: { source: ConnectionSource; reason: string }[] = [];
  for (const provider of sources) {
    const answer = await provider.resolve(serviceName);
    if (!('missing' in answer)) return { connection: answer, misses };
    misses.push({ source: provider.source, reason: answer.missing });
  }
  return { connection: undefined, misses };
}

/** `PLATFORM_RELATIONSHIPS` from the given environment, as inside an app container. */
export function relationshipsSource(env: NodeJS.ProcessEnv = process.env): ConnectionSourceProvider {
  return {
    source: 'platform-relationships',
    resolve: async (serviceName): Promise<SourceAnswer> => {
      const text = env[PLATFORM_RELATIONSHIPS];
      if (!text?.trim()) return { missing: `${PLATFORM_RELATIONSHIPS} is not set` };
      let found;
      try {
        found = endpointsOf(parseRelationships(text), serviceName);
      } catch (error) {
        return { missing: (error as Error).message };
      }
      if (!found) return { missing: `${PLATFORM_RELATIONSHIPS} has no relationship to service "${serviceName}"` };
      return {
        serviceName,
        source: 'platform-relationships',
        options: { brokers: brokerAddresses(found.endpoints) },
        description: `${PLATFORM_RELATIONSHIPS} (relationship "${found.relationship}")`,
      };
    },
  };
}

export interface TunnelSourceOptions {
  /** A CLI path or command; without it `upsun`, then `platform` (locateCli). */
  readonly cliPath?: string;
  /** The project folder: the CLI finds the project and environment from it. */
  readonly cwd?: string;
  /** How long `tunnel:info` may take (ms); TUNNEL_INFO_TIMEOUT_MS when absent. */
  readonly timeoutMs?: number;
}

/** The tunnels the Upsun or Platform.sh CLI has open (`tunnel:info`), with advertised addresses mapped to them. */
export function tunnelSource(options: TunnelSourceOptions = {}): ConnectionSourceProvider {
  return {
    source: 'tunnel',
    resolve: async (serviceName): Promise<SourceAnswer> => {
      let cli: LocatedCli;
      try {
        cli = locateCli(options.cliPath);
      } catch {
        return { missing: options.cliPath ? `the CLI ${options.cliPath} was not found` : 'neither the Upsun CLI (`upsun`) nor the Platform.sh CLI (`platform`) is installed' };
      }
      let relationships;
      try {
        relationships = await readTunnelInfo(cli, { cwd: options.cwd, timeoutMs: options.timeoutMs });
      } catch (error) {
        return { missing: tunnelInfoFailure(cli, error) };
      }
      if (!relationships) return { missing: `no tunnel is open: run \`${cli.name} tunnel:open\` in the project folder first` };
      const found = endpointsOf(relationships, serviceName);
      if (!found) return { missing: `no open tunnel leads to service "${serviceName}": run \`${cli.name} tunnel:open\` for it` };
      return {
        serviceName,
        source: 'tunnel',
        options: { brokers: brokerAddresses(found.endpoints), addressMap: tunnelAddressMap(found.endpoints) },
        description: `\`${cli.name} tunnel:info\` (relationship "${found.relationship}")`,
      };
    },
  };
}

/**
 * Why `tunnel:info` gave nothing: what to do for a failure the CLI's wording names (not logged
 * in, no project…), else the CLI's own last lines.
 */
function tunnelInfoFailure(cli: LocatedCli, error: unknown): string {
  if (!(error instanceof UpsunError)) return (error as Error).message;
  if (error.kind === 'other' && error.detail) return `\`${cli.name} tunnel:info\` failed: ${error.detail}`;
  return error.message;
}
