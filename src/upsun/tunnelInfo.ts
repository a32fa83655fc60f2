// `tunnel:info --encode`: the relationships of the tunnels open on this machine (`tunnel:open`,
// `tunnel:single`), base64-encoded, each with host, ip and port of its local end. The one place
// that runs it and reads its answer, for the connection sources and for reusing a tunnel.

import { LocatedCli, nameOption, runCli } from './cli';
import { classifyFailure, saysNoTunnels } from './failures';
import { parseRelationships, Relationships } from './relationships';

/**
 * How long `tunnel:info` may take (ms). It reads the CLI's own list of tunnels, but first finds
 * the project (and, with `--environment`, the environment) through the API.
 */
export const TUNNEL_INFO_TIMEOUT_MS = 30_000;

export interface TunnelInfoRequest {
  /** The project folder: the CLI finds the project from it. */
  readonly cwd?: string;
  /** Only the tunnels to this environment's app; without it, every tunnel of the project. */
  readonly scope?: { readonly environment: string; readonly app: string };
  /** Default TUNNEL_INFO_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Exactly what runs, so the README can show it. Names go as `--option=value` (nameOption).
 * @throws UpsunError `other` for a name the CLI could read as an option.
 */
export function tunnelInfoArgs(scope?: TunnelInfoRequest['scope']): string[] {
  const names = scope ? [nameOption('environment', 'environment', scope.environment), nameOption('app', 'app', scope.app)] : [];
  return ['tunnel:info', ...names, '--encode', '--no-interaction'];
}

/**
 * The open tunnels' relationships, or undefined when the CLI says none is open.
 * @throws UpsunError classified from the CLI's exit code and stderr (classifyFailure) when it
 * fails otherwise; `not-installed`, `cancelled` or `other` from runCli; `other` for a name the
 * CLI could read as an option; Error naming the command when its output is not relationships JSON.
 */
export async function readTunnelInfo(cli: LocatedCli, request: TunnelInfoRequest = {}): Promise<Relationships | undefined> {
  const args = tunnelInfoArgs(request.scope);
  const result = await runCli(cli.file, args, { cwd: request.cwd, timeoutMs: request.timeoutMs ?? TUNNEL_INFO_TIMEOUT_MS, signal: request.signal, origin: cli.origin });
  if (result.code !== 0) {
    if (saysNoTunnels(result.stderr)) return undefined;
    throw classifyFailure(cli.name, `${cli.name} tunnel:info`, result.code, result.stderr);
  }
  // Only the last line is the encoded JSON; the CLI may print notices before it.
  const encoded = result.stdout.trim().split(/\r?\n/).filter(Boolean).pop() ?? '';
  return parseRelationships(encoded, `The output of \`${cli.name} tunnel:info --encode\``);
}
