// The connection sources that need no editor, and the ordered resolver.

import { ConnectionSource } from '../types';
import { brokerAddresses, endpointsOf, parseRelationships, PLATFORM_RELATIONSHIPS, tunnelAddressMap } from './relationships';
import { readTunnelInfo, TunnelInfoOptions } from './tunnelInfo';
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

/** The tunnels the Upsun or Platform.sh CLI has open, with advertised addresses mapped to them. */
export function tunnelSource(options: TunnelInfoOptions = {}): ConnectionSourceProvider {
  return {
    source: 'tunnel',
    resolve: async (serviceName): Promise<SourceAnswer> => {
      const info = await readTunnelInfo(options);
      if ('missing' in info) return info;
      const found = endpointsOf(info.relationships, serviceName);
      if (!found) return { missing: `no open tunnel leads to service "${serviceName}": run \`${info.cli} tunnel:open\` for it` };
      return {
        serviceName,
        source: 'tunnel',
        options: { brokers: brokerAddresses(found.endpoints), addressMap: tunnelAddressMap(found.endpoints) },
        description: `\`${info.cli} tunnel:info\` (relationship "${found.relationship}")`,
      };
    },
  };
}
