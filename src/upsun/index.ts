// Upsun environments without an editor: the CLI, its environments, tunnels we own.
export * from './failures';
export * from './cli';
export * from './environments';
export * from './targets';
export * from './tunnel';
export * from './environmentConnection';
export * from './resources';
