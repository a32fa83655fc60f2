// Where a service's brokers come from. Each source answers for one service name, or says why
// it cannot; `resolveConnection` asks them in order. The CLI uses the environment and the
// tunnel; the extension puts its settings first and a prompt last.

import type { ConnectionOptions, ConnectionSource } from '../../kafka/types';

export interface ResolvedConnection {
  readonly serviceName: string;
  readonly source: ConnectionSource;
  readonly options: ConnectionOptions;
  /** For the user: where the brokers came from, e.g. `PLATFORM_RELATIONSHIPS (relationship "kafka")`. */
  readonly description: string;
}

/** A source's answer: a connection, or why it has none (shown when no source has one). */
export type SourceAnswer = ResolvedConnection | { readonly missing: string };

export interface ConnectionSourceProvider {
  readonly source: ConnectionSource;
  resolve(serviceName: string): Promise<SourceAnswer>;
}

export interface Resolution {
  readonly connection: ResolvedConnection | undefined;
  /** Why each source asked before the answer had nothing, in order. */
  readonly misses: readonly { readonly source: ConnectionSource; readonly reason: string }[];
}
