// Runs the Upsun CLI (`upsun`) or the Platform.sh CLI (`platform`) for `tunnel:info --encode`,
// which prints, base64-encoded, the relationships of the tunnels opened with `tunnel:open`.

import { resolveExecutable, runCli, UPSUN_CLIS } from '../../upsun/cli';
import { parseRelationships } from './relationships';
import { Relationships } from './types';

/** Tried in this order when no path is set (the same as for environments and tunnels). */
export const TUNNEL_CLIS = UPSUN_CLIS;

export interface TunnelInfoOptions {
  /** A CLI path or command; without it `upsun`, then `platform`. */
  readonly cliPath?: string;
  /** The project folder: the CLI finds the project and environment from its git remote. */
  readonly cwd?: string;
  readonly timeoutMs?: number;
  /** How to run a command; tests pass a fake. */
  readonly exec?: RunCommand;
}

export type RunCommand = (file: string, args: readonly string[], options: { cwd?: string; timeoutMs: number }) => Promise<{ stdout: string; stderr: string; code: number | null; notFound: boolean }>;

export type TunnelInfo = { readonly relationships: Relationships; readonly cli: string } | { readonly missing: string };

const DEFAULT_TIMEOUT_MS = 20_000;

export async function readTunnelInfo(options: TunnelInfoOptions = {}): Promise<TunnelInfo> {
  const exec = options.exec ?? runCommand;
  const clis = options.cliPath ? [options.cliPath] : [...TUNNEL_CLIS];
  for (const cli of clis) {
    const result = await exec(cli, ['tunnel:info', '--encode', '--no-interaction'], { cwd: options.cwd, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    if (result.notFound) continue;
    if (result.code !== 0) {
      const said = result.stderr.trim().split(/\r?\n/).filter(Boolean).slice(-2).join(' ');
      if (/No tunnels found/i.test(said)) return { missing: `no tunnel is open: run \`${cli} tunnel:open\` in the project folder first` };
      return { missing: `\`${cli} tunnel:info\` failed${said ? `: ${said}` : ` (exit ${result.code})`}` };
    }
    const encoded = result.stdout.trim().split(/\r?\n/).filter(Boolean).pop() ?? '';
    try {
      return { relationships: parseRelationships(encoded, `The output of \`${cli} tunnel:info --encode\``), cli };
    } catch (error) {
      return { missing: (error as Error).message };
    }
  }
  return { missing: options.cliPath ? `the CLI ${options.cliPath} was not found` : 'neither the Upsun CLI (`upsun`) nor the Platform.sh CLI (`platform`) is installed' };
}

const runCommand: RunCommand = async (file, args, options) => {
  const found = resolveExecutable(file);
  if (!found) return { stdout: '', stderr: '', code: null, notFound: true };
  try {
    return { ...(await runCli(found, args, options)), notFound: false };
  } catch (error) {
    return { stdout: '', stderr: (error as Error).message, code: null, notFound: false };
  }
};
