// Connection resolution for a declared service, without an editor.
export * from './types';
export { resolveConnection, relationshipsSource, tunnelSource, TunnelSourceOptions } from './sources';
