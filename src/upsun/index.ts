// Upsun environments without an editor: the CLI, its environments, the relationships JSON,
// `tunnel:info`, tunnels we own.
export * from './failures';
export * from './cli';
export * from './environments';
export * from './targets';
export * from './relationships';
export * from './tunnelInfo';
export * from './tunnel';
export * from './environmentConnection';
export * from './resources';
