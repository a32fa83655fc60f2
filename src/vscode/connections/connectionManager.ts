// One live connection per declared Kafka service, keyed by `serviceKey` (config/projectKeys).
// Finds the brokers through an ordered list of sources (settings, PLATFORM_RELATIONSHIPS,
// the CLI's tunnel, a prompt), connects under a cancellable progress notification with the
// timeout from settings, and tells listeners whenever a service's status changes.

import * as vscode from 'vscode';
import type { ProjectModel, ServiceDecl } from '../../config/model';
import { ConnectionSourceProvider, resolveConnection, ResolvedConnection } from '../../upsun/resolve';
import { ConnectionOptions, ConnectionSource, KafkaAccessError, KafkaCluster } from '../../kafka/types';
import type { Prompter } from '../prompter';
import type { ProjectStore } from '../projectStore';
import { onDidChangeServiceConnections, readLiveKafkaSettings } from '../settings';
import { serviceKey } from '../../config/projectKeys';
import type { ServiceRef } from '../../config/model';
import { askForBrokers, offerToSave } from './promptSource';
import { QuestionNeeded, SILENT_PROMPTER } from './silentPrompter';
import { PasswordWithheld } from './serviceSecrets';
import { explainRestricted, isTrusted, RESTRICTED_REASON } from '../workspaceTrust';
import { describeError } from '../../text/error';
import { unlessAborted, withCancellableProgress } from '../progress';

export { serviceKey };

export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'error';

/** The Upsun environment a connection reaches through a tunnel (see src/upsun). */
export interface EnvironmentInfo {
  readonly id: string;
  readonly title: string;
  /** `production`, `staging` or `development`. */
  readonly type: string;
}

export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** With `error`: what went wrong and what to try. */
  readonly message?: string;
  /** With `connected`: where the brokers came from, and which they are. */
  readonly source?: ConnectionSource;
  readonly brokers?: readonly string[];
  /** With `connected`: the source in words, e.g. `PLATFORM_RELATIONSHIPS (relationship "kafka")`. */
  readonly sourceDescription?: string;
  /** With `connecting` and `connected`: the environment, when through a tunnel to one. */
  readonly environment?: EnvironmentInfo;
  /**
   * With `connected`: the brokers stopped answering, and why. The cluster is kept (it works
   * again once they answer); `markAnswered` ends this.
   */
  readonly lost?: string;
}

export interface ConnectionManagerDeps {
  readonly log: vscode.LogOutputChannel;
  readonly store: ProjectStore;
  /** The pure layer's `connectCluster`. */
  readonly connect: (options: ConnectionOptions) => Promise<KafkaCluster>;
  /**
   * Asked in order for a service; the first that answers decides the brokers. A source that
   * needs to ask (a SASL password) asks through `prompter`.
   */
  readonly sources: (ref: ServiceRef, prompter: Prompter) => readonly ConnectionSourceProvider[];
  /** Asks for `host:port` when no source had an answer. */
  readonly prompter: Prompter;
  /** Opens the "Set Connection for Service…" flow for one service (the error's button). */
  readonly setConnection: (key: string) => Thenable<unknown>;
}

const DISCONNECTED: ConnectionStatus = { state: 'disconnected' };
const RETRY = 'Retry';
const SET_BROKERS = 'Set Brokers…';
const SHOW_LOG = 'Show Log';

export class ConnectionManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the key of the service whose status changed. */
  readonly onDidChange = this.changed.event;
  private readonly clusters = new Map<string, KafkaCluster>();
  private readonly statuses = new Map<string, ConnectionStatus>();
  private readonly pending = new Map<string, Promise<KafkaCluster | undefined>>();
  private readonly settingsWatch: vscode.Disposable;

  constructor(private readonly deps: ConnectionManagerDeps) {
    // Connections made from settings follow the settings: the next use reconnects with the new ones.
    this.settingsWatch = onDidChangeServiceConnections(() => {
      for (const [key, status] of this.statuses) {
        if (status.source === 'settings') this.disconnect(key).catch((error: unknown) => this.deps.log.warn(`Disconnecting ${key}: ${describeError(error)}`));
      }
    });
  }

  /**
   * The service's cluster, connecting first when needed. Undefined when the user cancelled
   * or the connection failed (the user has then seen why, with buttons to act on it).
   */
  connect(project: ProjectModel, service: ServiceDecl): Promise<KafkaCluster | undefined> {
    const key = serviceKey(project, service);
    const existing = this.clusters.get(key);
    if (existing) return Promise.resolve(existing);
    // Finding the brokers can run the CLI, and connecting sends credentials: not in Restricted Mode.
    if (!isTrusted()) {
      explainRestricted(`Connecting to Kafka service "${service.name}"`).catch((error: unknown) => this.deps.log.error(describeError(error)));
      return Promise.resolve(undefined);
    }
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.connectNow({ project, service }, key).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  /** Like `connect`, for a service named by its key; undefined when no such service is declared. */
  async connectKey(key: string): Promise<KafkaCluster | undefined> {
    const ref = this.find(key);
    return ref && this.connect(ref.project, ref.service);
  }

  async disconnect(key: string): Promise<void> {
    const cluster = this.clusters.get(key);
    this.clusters.delete(key);
    this.setStatus(key, DISCONNECTED);
    if (cluster) await cluster.disconnect().catch((error) => this.deps.log.warn(`Disconnecting ${key}: ${String(error)}`));
  }

  clusterFor(key: string): KafkaCluster | undefined {
    return this.clusters.get(key);
  }

  statusOf(key: string): ConnectionStatus {
    return this.statuses.get(key) ?? DISCONNECTED;
  }

  /**
   * A call on the service's cluster failed because its brokers do not answer
   * (`brokersUnanswered`): the status says so, with `cause`, until `markAnswered`.
   */
  markLost(key: string, cause: string): void {
    const status = this.statuses.get(key);
    if (status?.state !== 'connected' || !this.clusters.has(key) || status.lost === cause) return;
    this.deps.log.warn(`Kafka service ${key} stopped answering: ${cause}`);
    this.setStatus(key, { ...status, lost: cause });
  }

  /** The cluster of a service marked lost answered again: connected as before. */
  markAnswered(key: string): void {
    const { lost, ...status } = this.statusOf(key);
    if (lost === undefined) return;
    this.deps.log.info(`Kafka service ${key} answers again.`);
    this.setStatus(key, status);
  }

  /** Every connected service's cluster, and whether it is marked lost. */
  connectedClusters(): { readonly key: string; readonly cluster: KafkaCluster; readonly lost: boolean }[] {
    return [...this.clusters].map(([key, cluster]) => ({ key, cluster, lost: this.statusOf(key).lost !== undefined }));
  }

  /** Every Kafka service the workspace declares, with its key. */
  services(): (ServiceRef & { readonly key: string })[] {
    return this.deps.store.projects.flatMap((project) =>
      project.services.filter((s) => s.typeName === 'kafka').map((service) => ({ project, service, key: serviceKey(project, service) })),
    );
  }

  find(key: string): ServiceRef | undefined {
    return this.services().find((s) => s.key === key);
  }

  /**
   * Connects a service with brokers found elsewhere (a tunnel to an Upsun environment),
   * replacing the connection it has. Unlike `connect`, a failure is thrown (and the status
   * set to `error`), so the caller can say what to do about its own part.
   */
  async connectWith(ref: ServiceRef, resolved: ResolvedConnection, environment?: EnvironmentInfo): Promise<KafkaCluster | undefined> {
    if (!isTrusted()) throw new Error(`Not connecting to Kafka service "${ref.service.name}": ${RESTRICTED_REASON}.`);
    const key = serviceKey(ref.project, ref.service);
    await this.pending.get(key)?.catch(() => undefined);
    await this.disconnect(key);
    const pending = this.connectResolved(ref, key, resolved, environment).finally(() => this.pending.delete(key));
    this.pending.set(key, pending);
    return pending;
  }

  /**
   * Connects without a question, a notification or a pop-up (for connecting on open): only
   * when a source knows the brokers without asking anything, and `allowed` returns nothing
   * for them. A failure to reach them shows on the service's row (status `error`, with the
   * message) and in the log. Resolves with why it did not connect, or undefined once
   * connected; never rejects. A service already connected or connecting is left as it is.
   */
  async connectSilently(ref: ServiceRef, allowed: (resolved: ResolvedConnection) => string | undefined): Promise<string | undefined> {
    if (!isTrusted()) return RESTRICTED_REASON;
    const key = serviceKey(ref.project, ref.service);
    const busy = () => (this.clusters.has(key) || this.pending.has(key) ? 'it is already connected or connecting' : undefined);
    if (busy()) return busy();
    let resolution;
    try {
      resolution = await resolveConnection(ref.service.name, this.deps.sources(ref, SILENT_PROMPTER));
    } catch (error) {
      if (error instanceof QuestionNeeded) return `connecting needs an answer: ${error.question}`;
      if (error instanceof PasswordWithheld) return error.message;
      // A connection setting written wrong: the row says so, as a failed Connect would.
      if (!busy()) this.setStatus(key, { state: 'error', message: describeError(error) });
      return describeError(error);
    }
    if (busy()) return busy();
    const resolved = resolution.connection;
    if (!resolved) return resolution.misses.map((m) => `${m.source}: ${m.reason}`).join('; ') || 'no source knows its brokers';
    const veto = allowed(resolved);
    if (veto) return veto;
    const pending = this.connectResolved(ref, key, resolved, undefined, true)
      .catch(() => undefined)
      .finally(() => this.pending.delete(key));
    this.pending.set(key, pending);
    const cluster = await pending;
    return cluster ? undefined : this.statusOf(key).message ?? 'it did not connect';
  }

  private async connectNow(ref: ServiceRef, key: string): Promise<KafkaCluster | undefined> {
    this.setStatus(key, { state: 'connecting' });
    try {
      const resolved = await this.resolve(ref);
      if (!resolved) {
        this.setStatus(key, DISCONNECTED);
        return undefined;
      }
      return await this.connectResolved(ref, key, resolved);
    } catch (error) {
      const message = describeError(error);
      if (error instanceof PasswordWithheld) {
        // The user said no: nothing failed, so no error row and no offer to retry.
        this.deps.log.info(message);
        this.setStatus(key, DISCONNECTED);
        return undefined;
      }
      if (this.statusOf(key).state !== 'error') {
        this.deps.log.error(`Finding the brokers of Kafka service "${ref.service.name}" failed: ${message}`);
        this.setStatus(key, { state: 'error', message });
      }
      this.offerHelp(key, ref.service.name, message).catch((failure: unknown) => this.deps.log.error(`After failing to connect to "${ref.service.name}": ${describeError(failure)}`));
      return undefined;
    }
  }

  /**
   * Connects under a cancellable progress notification (`silent`: in the status bar, not
   * cancellable, the timeout ends it); on failure sets `error` and throws.
   */
  private async connectResolved(ref: ServiceRef, key: string, resolved: ResolvedConnection, environment?: EnvironmentInfo, silent = false): Promise<KafkaCluster | undefined> {
    const through = environment ? { environment } : {};
    this.setStatus(key, { state: 'connecting', ...through });
    const name = ref.service.name;
    try {
      const { timeoutSeconds } = readLiveKafkaSettings();
      const options: ConnectionOptions = { clientId: 'upsun-kafka-tools', ...resolved.options, timeoutMs: timeoutSeconds * 1000 };
      const where = `${options.brokers.join(', ')} from ${resolved.description}`;
      this.deps.log.info(`Connecting to Kafka service "${name}" at ${where}…`);
      const cluster = await withCancellableProgress(
        { location: silent ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification, title: `Connecting to Kafka service "${name}" at ${where}`, cancellable: !silent },
        // A connection that completes after Cancel is closed again, so nothing stays open behind the user's back.
        (signal) => unlessAborted(this.deps.connect(options), signal, (late) => late.disconnect()),
      );
      if (!cluster) {
        this.deps.log.info(`Connecting to "${name}" cancelled.`);
        this.setStatus(key, DISCONNECTED);
        return undefined;
      }
      this.clusters.set(key, cluster);
      this.setStatus(key, { state: 'connected', source: resolved.source, sourceDescription: resolved.description, brokers: options.brokers, ...through });
      this.deps.log.info(`Connected to Kafka service "${name}" at ${where}.`);
      if (resolved.source === 'prompt') {
        offerToSave(ref, options.brokers).catch((error: unknown) => {
          this.deps.log.error(`Saving the brokers of "${name}" to settings failed: ${describeError(error)}`);
          void vscode.window.showErrorMessage(`Could not save the brokers of "${name}" to settings: ${describeError(error)}`);
        });
      }
      return cluster;
    } catch (error) {
      const message = describeError(error);
      this.deps.log.error(`Connecting to Kafka service "${name}" failed: ${message}${error instanceof KafkaAccessError && error.detail ? ` (${error.detail})` : ''}`);
      this.setStatus(key, { state: 'error', message });
      throw error;
    }
  }

  private async resolve(ref: ServiceRef): Promise<ResolvedConnection | undefined> {
    const { connection, misses } = await resolveConnection(ref.service.name, this.deps.sources(ref, this.deps.prompter));
    for (const miss of misses) this.deps.log.info(`No brokers for "${ref.service.name}" from ${miss.source}: ${miss.reason}.`);
    return connection ?? askForBrokers(ref, misses, this.deps.prompter);
  }

  private async offerHelp(key: string, name: string, message: string): Promise<void> {
    const answer = await vscode.window.showErrorMessage(`Could not connect to Kafka service "${name}": ${message}`, RETRY, SET_BROKERS, SHOW_LOG);
    if (answer === RETRY) await this.connectKey(key);
    else if (answer === SET_BROKERS) await this.deps.setConnection(key);
    else if (answer === SHOW_LOG) this.deps.log.show();
  }

  private setStatus(key: string, status: ConnectionStatus): void {
    this.statuses.set(key, status);
    this.changed.fire(key);
  }

  dispose(): void {
    this.settingsWatch.dispose();
    for (const cluster of this.clusters.values()) void cluster.disconnect().catch(() => undefined);
    this.clusters.clear();
    this.changed.dispose();
  }
}
