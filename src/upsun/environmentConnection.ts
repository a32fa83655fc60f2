// One step from "this service on that environment" to bootstrap servers and the address map
// the Kafka layer takes: reuse an open tunnel to the relationship, or open one we own.

import { ConnectionOptions } from '../kafka/types';
import { UpsunError } from './failures';
import { LocatedCli } from './cli';
import { tunnelAddressMap } from './relationships';
import { findOpenTunnel, openTunnel, Tunnel } from './tunnel';
import { TunnelTarget } from './targets';

export interface EnvironmentConnectionRequest {
  readonly cli: LocatedCli;
  readonly cwd: string;
  readonly environment: string;
  readonly target: TunnelTarget;
  /**
   * The user already said yes to connecting to this environment (our production guard asked),
   * so the CLI's own question for the main environment is answered yes.
   */
  readonly confirmed: boolean;
  /** Asked when the CLI says the environment is the main one and `confirmed` was false. */
  readonly confirmMain: () => Promise<boolean>;
  /** Wait for the tunnel's port this long (ms). */
  readonly readyTimeoutMs: number;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

export interface EnvironmentConnection {
  /** `brokers` (the tunnel's local address) and `addressMap` (every advertised address to it). */
  readonly options: Pick<ConnectionOptions, 'brokers' | 'addressMap'>;
  readonly tunnel: Tunnel;
  /** For the user, e.g. `tunnel to staging (backend:kafka) at 127.0.0.1:30001`. */
  readonly description: string;
}

/**
 * Connects the way a user would by hand: `tunnel:info` first (an open tunnel is reused, not
 * owned), then `tunnel:single` on a free port. A port taken in between is retried once on
 * another; the main-environment question is put to `confirmMain` and the CLI run again.
 * @throws UpsunError saying what to do; `cancelled` when the user said no or `signal` fired.
 */
export async function openEnvironmentConnection(request: EnvironmentConnectionRequest): Promise<EnvironmentConnection> {
  const base = { cli: request.cli, cwd: request.cwd, environment: request.environment, app: request.target.app, relationship: request.target.relationship, signal: request.signal, log: request.log };
  let tunnel = await findOpenTunnel(base);
  if (tunnel) request.log?.(`Reusing the open tunnel to ${request.target.relationship} on ${request.environment} at ${tunnel.address}.`);
  let confirmed = request.confirmed;
  for (let attempt = 0; !tunnel; attempt++) {
    try {
      tunnel = await openTunnel({ ...base, confirmed, readyTimeoutMs: request.readyTimeoutMs });
    } catch (error) {
      if (!(error instanceof UpsunError) || attempt > 0) throw error;
      if (error.kind === 'port-taken') continue;
      if (error.kind !== 'main-confirmation') throw error;
      if (!(await request.confirmMain())) throw new UpsunError(`Not connected: ${request.environment} is the main environment and you chose not to open a tunnel to it.`, 'cancelled');
      confirmed = true;
    }
  }
  return {
    options: { brokers: [tunnel.address], addressMap: tunnelAddressMap(tunnel.endpoints) },
    tunnel,
    description: `${tunnel.owned ? 'tunnel' : 'open tunnel'} to ${request.environment} (${request.target.app}:${request.target.relationship}) at ${tunnel.address}`,
  };
}
