// The stand-in `upsun` (test/fixtures/upsun-cli, see its README): a project of our making in
// a temporary folder, a project folder linked to it, and what the stand-in recorded.

import * as assert from 'assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { UpsunError, UpsunFailureKind } from '../../src/upsun/failures';
import { REPO_ROOT } from './paths';

export const STAND_IN_BIN = path.join(REPO_ROOT, 'test', 'fixtures', 'upsun-cli');
export const STAND_IN = path.join(STAND_IN_BIN, 'upsun');

export const PROJECT_ID = 'abcdefgh1234';

export interface StandInEnvironment {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly type: string;
  readonly is_main?: boolean;
  readonly parent?: string;
}

/** One endpoint of the Kafka service as the platform describes it to the app. */
export const KAFKA_ENDPOINT = {
  service: 'kafka',
  ip: '169.254.41.12',
  hostname: 'b3l2ahkx4tfx4ivmvbxkv3sqhe.kafka.service._.eu-3.platformsh.site',
  cluster: `${PROJECT_ID}-staging-a1b2c3d`,
  host: 'kafka.internal',
  rel: 'kafka',
  scheme: 'kafka',
  type: 'kafka:4.1',
  port: 9092,
};

export const ENVIRONMENTS: readonly StandInEnvironment[] = [
  { id: 'main', title: 'Main', status: 'active', type: 'production', is_main: true },
  { id: 'staging', title: 'Staging, EU "blue"', status: 'active', type: 'staging', parent: 'main' },
  { id: 'feature-x', title: 'Feature X', status: 'dirty', type: 'development', parent: 'staging' },
  { id: 'old-idea', title: 'Old idea', status: 'inactive', type: 'development', parent: 'staging' },
  { id: 'sleepy', title: 'Sleepy', status: 'paused', type: 'development', parent: 'main' },
];

export interface StandIn {
  /** Where the stand-in keeps project.json, tunnel-info.json and calls.log. */
  readonly dir: string;
  /** A folder linked to the project (`.upsun/local/project.yaml`). */
  readonly projectDir: string;
  /** What the stand-in reads from its environment; merge into a child's env. */
  readonly env: Readonly<Record<string, string>>;
  /** Each run's arguments, in order. */
  calls(): string[][];
  /** The tunnels the stand-in saved (pids of its ssh processes). */
  tunnels(): { id: string; pid: number; localPort: number }[];
}

/** The project's services as `resources:get` lists them: disk in MB (null: not set). */
export const SERVICES = { kafka: { type: 'kafka:4.1', profile_size: '0.5', cpu_type: 'guaranteed', cpu: 0.5, memory: 1088, disk: 512 } };

export function createStandIn(
  options: { target?: string; environments?: readonly StandInEnvironment[]; apps?: Record<string, unknown>; services?: Record<string, unknown>; sizing?: boolean; projectDir?: string } = {},
): StandIn {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'upsun-standin-'));
  const apps = options.apps ?? { backend: { relationships: { kafka: [KAFKA_ENDPOINT], events: [KAFKA_ENDPOINT] } } };
  writeFileSync(path.join(dir, 'project.json'), JSON.stringify({ id: PROJECT_ID, title: 'Shop', environments: options.environments ?? ENVIRONMENTS, apps, services: options.services ?? SERVICES, sizing: options.sizing ?? true }));
  const projectDir = options.projectDir ?? path.join(dir, 'project');
  mkdirSync(path.join(projectDir, '.upsun', 'local'), { recursive: true });
  writeFileSync(path.join(projectDir, '.upsun', 'local', 'project.yaml'), `id: ${PROJECT_ID}\nhost: eu-3.platform.sh\n`);
  return {
    dir,
    projectDir,
    env: { UPSUN_STANDIN_DIR: dir, ...(options.target ? { UPSUN_STANDIN_TARGET: options.target } : {}) },
    calls: () => {
      const file = path.join(dir, 'calls.log');
      return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { argv: string[] }).argv) : [];
    },
    tunnels: () => {
      const file = path.join(dir, 'tunnel-info.json');
      return existsSync(file) ? Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, { id: string; pid: number; localPort: number }>) : [];
    },
  };
}

/** Whether a process with this ID exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Sets process.env entries for the stand-in (spawned children inherit them) and undoes it. */
export function useEnv(vars: Record<string, string | undefined>): () => void {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  };
  set(vars);
  return () => set(before);
}

/** Awaits `promise`, which must reject with an UpsunError of `kind` whose message matches. */
export async function rejectsWith(promise: Promise<unknown>, kind: UpsunFailureKind, message: RegExp): Promise<UpsunError> {
  let caught: unknown;
  await promise.catch((error) => (caught = error));
  assert.ok(caught instanceof UpsunError, `expected an UpsunError, got ${String(caught)}`);
  assert.strictEqual(caught.kind, kind, caught.message);
  assert.match(caught.message, message);
  return caught;
}

/** Whether a connection to 127.0.0.1:`port` is refused (nothing listens). */
export function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(true));
  });
}
