// Connection resolution for a declared service, without an editor.
export * from './types';
export { parseRelationships, endpointsOf, brokerAddresses, tunnelAddressMap, PLATFORM_RELATIONSHIPS } from './relationships';
export { readTunnelInfo, TUNNEL_CLIS, TunnelInfoOptions, RunCommand, TunnelInfo } from './tunnelInfo';
export { resolveConnection, relationshipsSource, tunnelSource } from './sources';
