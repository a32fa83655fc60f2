// Typed access to the extension's settings (`upsunKafka.*`), so no other module reads
// configuration keys by string.

import * as vscode from 'vscode';
import { DEFAULT_EXCLUDED_FOLDERS } from '../config/discover';
import { DEFAULT_MATCH_BUDGET_MS, MAX_MATCH_BUDGET_MS } from '../kafka/matchProtocol';
import { mergeConfirmPatterns } from '../upsun/productionGuard';
import { parseServiceConnection, ServiceConnectionSetting } from '../connections/serviceConnection';
import { isTrusted } from './workspaceTrust';
import { DEFAULT_DISK_THRESHOLDS, DiskThresholds } from '../health/serviceDisk';

const SECTION = 'upsunKafka';

export interface Settings {
  /** Folder names never searched for config files. */
  readonly excludedFolders: readonly string[];
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    excludedFolders: config.get<string[]>('discovery.excludeFolders') ?? DEFAULT_EXCLUDED_FOLDERS,
  };
}

/** Groups of settings that listeners follow; a connection edit must not reload the projects. */
export type SettingsGroup = 'discovery' | 'explorer' | 'health';

/** Fires only for changes to one group of this extension's settings. */
export function onDidChangeSettings(group: SettingsGroup, listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.${group}`)) listener();
  });
}

export interface ExplorerSettings {
  /** Show topics such as `__consumer_offsets` under Topics. */
  readonly showInternalTopics: boolean;
  /** Show the "Other services" section with the declared services that are not Kafka. */
  readonly showOtherServices: boolean;
  /** List topics largest on disk first instead of by name. */
  readonly sortTopicsBySize: boolean;
  /** Seconds between refreshes of the live rows while the view is visible; 0: only on Refresh. */
  readonly refreshIntervalSeconds: number;
}

/** Bounds of `explorer.refreshIntervalSeconds` (package.json states the same): a typo must not poll the cluster every millisecond. */
const REFRESH_SECONDS = { min: 2, max: 3600, fallback: 10 };

function refreshSeconds(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return REFRESH_SECONDS.fallback;
  if (value <= 0) return 0;
  return Math.min(Math.max(value, REFRESH_SECONDS.min), REFRESH_SECONDS.max);
}

export function readExplorerSettings(): ExplorerSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    showInternalTopics: config.get<boolean>('explorer.showInternalTopics') ?? false,
    showOtherServices: config.get<boolean>('explorer.showOtherServices') ?? true,
    sortTopicsBySize: config.get<boolean>('explorer.sortTopicsBySize') ?? false,
    refreshIntervalSeconds: refreshSeconds(config.get<unknown>('explorer.refreshIntervalSeconds')),
  };
}

export interface HealthSettings {
  readonly thresholds: DiskThresholds;
  /** How often the explorer samples disk and lag while visible (ms). */
  readonly sampleIntervalMs: number;
}

/**
 * The health settings, clamped: they may come from a repository's workspace settings. Warn
 * from 1 to 100 %, critical from the warning level to 100 %, sampling every 5 s to 1 h.
 */
export function readHealthSettings(): HealthSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const clamp = (value: unknown, min: number, max: number, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback);
  const warnPercent = clamp(config.get('health.diskWarnPercent'), 1, 100, DEFAULT_DISK_THRESHOLDS.warnPercent);
  const criticalPercent = clamp(config.get('health.diskCriticalPercent'), warnPercent, 100, Math.max(warnPercent, DEFAULT_DISK_THRESHOLDS.criticalPercent));
  return { thresholds: { warnPercent, criticalPercent }, sampleIntervalMs: clamp(config.get('health.sampleIntervalSeconds'), 5, 3600, 30) * 1_000 };
}

export type { ServiceConnectionSetting };

export interface LiveKafkaSettings {
  /** Path of the `upsun` or `platform` CLI; empty means find either on PATH. */
  readonly cliPath: string;
  readonly timeoutSeconds: number;
  /** Connect each Kafka service on open when its brokers come from a source that asks nothing. */
  readonly autoConnect: boolean;
  readonly peekDefaultCount: number;
  /** The user's patterns (or the defaults) with the workspace's added: see `mergeConfirmPatterns`. */
  readonly confirmPatterns: readonly string[];
}

export const DEFAULT_CONFIRM_PATTERNS: readonly string[] = ['*prod*', '*production*', '*live*', 'main'];

const CONNECTIONS_KEY = 'connections';
const AUTO_CONNECT_KEY = 'connection.autoConnect';

export function readLiveKafkaSettings(): LiveKafkaSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const patterns = config.inspect<string[]>('produce.confirmPatterns');
  return {
    // `machine` scope: VS Code reads it from the user's settings only, never the workspace's.
    cliPath: stringOr(config.get<unknown>('cli.path'), '').trim(),
    timeoutSeconds: positiveNumber(config.get<number>('connection.timeoutSeconds'), 10),
    // A workspace may turn connecting on open off, never on when the user turned it off.
    autoConnect: config.inspect<boolean>(AUTO_CONNECT_KEY)?.globalValue === false ? false : config.get<boolean>(AUTO_CONNECT_KEY) !== false,
    peekDefaultCount: Math.floor(positiveNumber(config.get<number>('peek.defaultCount'), 50)),
    confirmPatterns: mergeConfirmPatterns({ defaultValue: DEFAULT_CONFIRM_PATTERNS, ...patterns }),
  };
}

/**
 * The connection set for a service of the project in `projectRoot`: undefined when none is,
 * a problem when what is written there is unusable.
 */
export function readServiceConnection(projectRoot: string, service: string): ServiceConnectionSetting | { readonly problem: string } | undefined {
  const config = vscode.workspace.getConfiguration(SECTION, vscode.Uri.file(projectRoot));
  // It names brokers and a CA file: in Restricted Mode only the user's own settings count
  // (VS Code does the same for `restrictedConfigurations`; this does not rely on it).
  const all = isTrusted() ? config.get<unknown>(CONNECTIONS_KEY) : config.inspect<unknown>(CONNECTIONS_KEY)?.globalValue;
  // Own keys only: a service named `constructor` must not find Object's.
  const raw = typeof all === 'object' && all !== null && Object.prototype.hasOwnProperty.call(all, service) ? (all as Record<string, unknown>)[service] : undefined;
  return raw === undefined ? undefined : parseServiceConnection(raw, `${SECTION}.${CONNECTIONS_KEY}.${service}`);
}

/** The workspace folder holding `projectRoot`, against which a relative `tlsCaFile` is read; `projectRoot` outside any folder. */
export function workspaceFolderOf(projectRoot: string): string {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(projectRoot))?.uri.fsPath ?? projectRoot;
}

/**
 * Saves (or with `undefined`, removes) a service's connection in the settings of the
 * workspace folder holding the project, or the user's settings outside any folder.
 */
export async function writeServiceConnection(projectRoot: string, service: string, setting: ServiceConnectionSetting | undefined): Promise<void> {
  const uri = vscode.Uri.file(projectRoot);
  const config = vscode.workspace.getConfiguration(SECTION, uri);
  const target = vscode.workspace.getWorkspaceFolder(uri) ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
  const scoped = config.inspect<Record<string, ServiceConnectionSetting>>(CONNECTIONS_KEY);
  const current = (target === vscode.ConfigurationTarget.WorkspaceFolder ? scoped?.workspaceFolderValue : scoped?.globalValue) ?? {};
  const { [service]: _replaced, ...others } = current;
  await config.update(CONNECTIONS_KEY, setting ? { ...others, [service]: setting } : others, target);
}

/** Fires when `upsunKafka.connections` changes anywhere. */
export function onDidChangeServiceConnections(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.${CONNECTIONS_KEY}`)) listener();
  });
}

/** Fires when `upsunKafka.connection.autoConnect` changes anywhere. */
export function onDidChangeAutoConnect(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.${AUTO_CONNECT_KEY}`)) listener();
  });
}

/**
 * `upsunKafka.search.matchBudgetMs`: how long a search's pattern may take on one message, in
 * ms, within the bounds the search takes (src/kafka/matchProtocol.ts); the default otherwise.
 * Application scope: only the user's own settings say how long their searches may run.
 */
export function readSearchMatchBudgetMs(): number {
  const value = vscode.workspace.getConfiguration(SECTION).get<number>('search.matchBudgetMs');
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_MATCH_BUDGET_MS ? value : DEFAULT_MATCH_BUDGET_MS;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function positiveNumber(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
