// "Connect to Environment…": a Kafka service reached on an Upsun environment through a
// tunnel the extension opens and closes itself (the pure part is src/upsun). One session per
// service; the status bar shows the newest. Disconnect, a closed window or the tunnel's CLI
// exiting ends the session, closes the tunnel and says so.

import * as path from 'path';
import * as vscode from 'vscode';
import {
  EnvironmentConnection,
  formatTarget,
  listEnvironments,
  LocatedCli,
  locateCli,
  openEnvironmentConnection,
  relationshipsTo,
  Tunnel,
  TunnelTarget,
  UpsunEnvironment,
  UpsunError,
  whyNotConnectable,
} from '../../upsun';
import { PRODUCTION_TYPE } from '../../upsun/productionGuard';
import { describeError } from '../../text/error';
import { withCancellableProgress } from '../progress';
import type { ConnectionManager } from '../connections/connectionManager';
import { KeyedService, pickService } from '../connections/servicePick';
import type { Prompter } from '../prompter';
import { readLiveKafkaSettings } from '../settings';
import { explainRestricted, isTrusted } from '../workspaceTrust';

export const CONNECT_ENVIRONMENT_COMMAND = 'upsunKafka.connectEnvironment';
export const ENVIRONMENT_ACTIONS_COMMAND = 'upsunKafka.environmentActions';

/** Listing environments asks the API; slow networks need a while. */
const LIST_TIMEOUT_MS = 60_000;
/** SSH login and the CLI's own API calls before the port answers. */
const TUNNEL_READY_MS = 60_000;

export interface EnvironmentSession {
  readonly key: string;
  readonly service: KeyedService;
  readonly environment: UpsunEnvironment;
  readonly target: TunnelTarget;
  readonly tunnel: Tunnel;
}

interface Live extends EnvironmentSession {
  /** Until connected, status changes are the connection's own, not a disconnect. */
  opening: boolean;
}

export interface EnvironmentSessionsDeps {
  readonly connections: ConnectionManager;
  readonly prompter: Prompter;
  readonly log: vscode.LogOutputChannel;
}

export class EnvironmentSessions implements vscode.Disposable {
  private readonly sessions = new Map<string, Live>();
  private readonly statusItem = vscode.window.createStatusBarItem('upsunKafka.environment', vscode.StatusBarAlignment.Left, 50);
  private readonly watch: vscode.Disposable;

  constructor(private readonly deps: EnvironmentSessionsDeps) {
    this.statusItem.name = 'Upsun Kafka Environment';
    this.watch = deps.connections.onDidChange((key) => {
      const session = this.sessions.get(key);
      if (session && !session.opening && deps.connections.statusOf(key).state !== 'connected') this.end(session).catch((error: unknown) => this.logFailure('Closing the tunnel', error));
    });
  }

  /** The session of a service, by key (for the tree and tests). */
  sessionOf(key: string): EnvironmentSession | undefined {
    return this.sessions.get(key);
  }

  /**
   * The whole flow for the service `argument` names: pick an environment and a relationship,
   * confirm production, open (or reuse) the tunnel, connect. `preset` skips the picks
   * (Reconnect). True when connected.
   */
  async connect(argument: unknown, preset?: { environment: UpsunEnvironment; target: TunnelTarget }): Promise<boolean> {
    const { connections, prompter } = this.deps;
    const service = await pickService(connections, prompter, argument, 'Connect which Kafka service to an Upsun environment?');
    if (!service) return false;
    const name = service.service.name;
    // Listing environments and opening a tunnel run the CLI: not in an untrusted folder.
    if (!isTrusted()) {
      explainRestricted(`Connecting "${name}" to an Upsun environment`).catch((error: unknown) => this.logFailure('Explaining Restricted Mode', error));
      return false;
    }
    const cli = locateCli(readLiveKafkaSettings().cliPath || undefined);
    const environment = preset?.environment ?? (await this.pickEnvironment(cli, service));
    if (!environment) return false;
    const why = whyNotConnectable(environment, cli.name);
    if (why) throw new UpsunError(`The environment ${environment.id} is ${why}.`, environment.status === 'paused' ? 'environment-paused' : 'environment-inactive');
    const target = preset?.target ?? (await this.pickTarget(service));
    if (!target) return false;
    const production = environment.type === PRODUCTION_TYPE;
    if (
      production &&
      !(await prompter.confirm(
        `Connect to Kafka service "${name}" on the production environment "${environment.id}"?`,
        `This opens an SSH tunnel to production through ${formatTarget(target)}. Messages you send there reach its consumers.`,
        'Connect',
      ))
    ) {
      return false;
    }

    const previous = this.sessions.get(service.key);
    if (previous) await this.end(previous);
    const connection = await this.openTunnel(cli, service, environment, target, production);
    if (!connection) return false;
    const session: Live = { key: service.key, service, environment, target, tunnel: connection.tunnel, opening: true };
    this.sessions.set(service.key, session);
    let connected = false;
    try {
      connected = Boolean(
        await connections.connectWith(service, { serviceName: name, source: 'tunnel', options: connection.options, description: connection.description }, { id: environment.id, title: environment.title, type: environment.type }),
      );
    } finally {
      session.opening = false;
      if (!connected) await this.end(session, { quiet: true });
    }
    session.tunnel.ended
      .then((end) => {
        if (end.requested || this.sessions.get(service.key) !== session) return;
        return this.dropped(session, end.detail);
      })
      .catch((error: unknown) => this.logFailure('Handling the closed tunnel', error));
    this.showStatus();
    return true;
  }

  /** The status bar's menu: Disconnect or Switch Environment, for the service `argument` names. */
  async actions(argument?: unknown): Promise<void> {
    const session = this.sessionFor(argument) ?? (await this.pickSession());
    if (!session) return;
    const choice = await this.deps.prompter.pick(
      [
        { label: '$(debug-disconnect) Disconnect', description: `closes the tunnel at ${session.tunnel.address}`, value: 'disconnect' as const },
        { label: '$(arrow-swap) Switch Environment…', description: `another environment for "${session.service.service.name}"`, value: 'switch' as const },
      ],
      { title: `Kafka service "${session.service.service.name}" on ${session.environment.id} (${session.environment.type})` },
    );
    if (choice === 'disconnect') await this.deps.connections.disconnect(session.key);
    else if (choice === 'switch') await vscode.commands.executeCommand(CONNECT_ENVIRONMENT_COMMAND, { serviceKey: session.key });
  }

  /**
   * Opens (or reuses) a tunnel to `service` on `environment` under progress with Cancel;
   * undefined when cancelled. Not a session: the caller closes it (Compare Environments…
   * reads two environments at once and keeps neither).
   */
  async openTunnel(cli: LocatedCli, service: KeyedService, environment: UpsunEnvironment, target: TunnelTarget, confirmed: boolean): Promise<EnvironmentConnection | undefined> {
    const { prompter, log } = this.deps;
    return withCancellableProgress(
      `Opening a tunnel to ${environment.id} (${formatTarget(target)})…`,
      (signal) => {
        return openEnvironmentConnection({
          cli,
          cwd: service.project.root,
          environment: environment.id,
          target,
          confirmed,
          confirmMain: () =>
            prompter.confirm(`"${environment.id}" is the project's main environment. Open a tunnel to it?`, `The ${cli.name} CLI asks before every tunnel to the main environment; this answers it.`, 'Open Tunnel'),
          readyTimeoutMs: TUNNEL_READY_MS,
          signal,
          log: (line) => log.info(`[${cli.name}] ${line}`),
        }).catch((error: unknown) => {
          if (error instanceof UpsunError && error.kind === 'cancelled') {
            log.info(error.message);
            return undefined;
          }
          throw error;
        });
      },
    );
  }

  /** The environments of the service's Upsun project, listed under progress with Cancel; undefined when cancelled. */
  async listEnvironments(cli: LocatedCli, service: KeyedService): Promise<UpsunEnvironment[] | undefined> {
    return withCancellableProgress(
      `Listing the environments of the Upsun project in ${path.basename(service.project.root)}…`,
      (signal) => {
        return listEnvironments(cli, { cwd: service.project.root, timeoutMs: LIST_TIMEOUT_MS, signal }).catch((error: unknown) => {
          if (error instanceof UpsunError && error.kind === 'cancelled') return undefined;
          throw error;
        });
      },
    );
  }

  private async pickEnvironment(cli: LocatedCli, service: KeyedService): Promise<UpsunEnvironment | undefined> {
    const environments = await this.listEnvironments(cli, service);
    if (!environments) return undefined;
    if (environments.length === 0) throw new UpsunError(`The Upsun project has no environments yet: push a branch to create one (\`${cli.name} push\`).`, 'other');
    const current = this.sessions.get(service.key)?.environment.id;
    return this.deps.prompter.pick(
      environments.map((e) => {
        const why = whyNotConnectable(e, cli.name);
        return {
          label: e.id,
          description: [e.title !== e.id ? e.title : '', e.type, statusLabel(e)].filter(Boolean).join(' · '),
          detail: why ? `$(circle-slash) Not connectable: ${why}` : e.id === current ? '$(check) connected now' : undefined,
          value: e,
          unavailable: why,
        };
      }),
      { title: `Connect "${service.service.name}" to which environment?`, placeholder: 'Upsun environment: name, title, type, status' },
    );
  }

  /** The app relationship a tunnel to the service goes through: the only one, or the user's pick. */
  async pickTarget(service: KeyedService): Promise<TunnelTarget | undefined> {
    const targets = relationshipsTo(service.project, service.service.name);
    if (targets.length === 0) {
      throw new UpsunError(
        `No app in the config has a relationship to service "${service.service.name}", so no tunnel can reach it. Add one under an app's \`relationships:\` (e.g. \`${service.service.name}: { service: ${service.service.name}, endpoint: kafka }\`) and deploy it.`,
        'no-relationship',
      );
    }
    if (targets.length === 1) return targets[0];
    return this.deps.prompter.pick(
      targets.map((t) => ({ label: formatTarget(t), description: `app "${t.app}", relationship "${t.relationship}"`, value: t })),
      { title: `Which app relationship should the tunnel to "${service.service.name}" go through?`, placeholder: 'app:relationship' },
    );
  }

  /** The tunnel ended without being asked: disconnect, say so, offer to reconnect. */
  private async dropped(session: Live, detail: string): Promise<void> {
    this.sessions.delete(session.key);
    this.showStatus();
    this.deps.log.warn(`The tunnel to ${session.environment.id} (${formatTarget(session.target)}) closed unexpectedly: ${detail || 'no reason given'}`);
    await this.deps.connections.disconnect(session.key);
    const answer = await vscode.window.showWarningMessage(
      `The tunnel to ${session.environment.id} closed unexpectedly${detail ? ` (${detail})` : ''}. Kafka service "${session.service.service.name}" is disconnected.`,
      'Reconnect',
      'Show Log',
    );
    if (answer === 'Reconnect') await vscode.commands.executeCommand(CONNECT_ENVIRONMENT_COMMAND, { serviceKey: session.key }, { environment: session.environment, target: session.target });
    else if (answer === 'Show Log') this.deps.log.show();
  }

  private async end(session: Live, options: { quiet?: boolean } = {}): Promise<void> {
    if (this.sessions.get(session.key) === session) this.sessions.delete(session.key);
    this.showStatus();
    await session.tunnel.close();
    if (this.deps.connections.statusOf(session.key).state === 'connected') await this.deps.connections.disconnect(session.key);
    const what = session.tunnel.owned
      ? `Closed the tunnel to ${session.environment.id} at ${session.tunnel.address}.`
      : `Disconnected from ${session.environment.id}; the tunnel at ${session.tunnel.address} was open before, so it stays open.`;
    this.deps.log.info(what);
    if (!options.quiet) void vscode.window.showInformationMessage(what);
  }

  private sessionFor(argument: unknown): Live | undefined {
    const key = (argument as { serviceKey?: unknown } | undefined)?.serviceKey;
    return typeof key === 'string' ? this.sessions.get(key) : this.sessions.size === 1 ? [...this.sessions.values()][0] : undefined;
  }

  private pickSession(): Promise<Live | undefined> {
    return this.deps.prompter.pick(
      [...this.sessions.values()].map((s) => ({ label: s.service.service.name, description: `${s.environment.id} · ${s.tunnel.address}`, value: s })),
      { title: 'Which environment connection?' },
    );
  }

  private showStatus(): void {
    const newest = [...this.sessions.values()].filter((s) => !s.opening).pop() ?? [...this.sessions.values()].pop();
    if (!newest) {
      this.statusItem.hide();
      return;
    }
    const others = this.sessions.size - 1;
    this.statusItem.text = `$(plug) Kafka: ${newest.environment.id} · ${newest.tunnel.address}${others > 0 ? ` +${others}` : ''}`;
    this.statusItem.tooltip = `Kafka service "${newest.service.service.name}" on the Upsun environment ${newest.environment.id} (${newest.environment.type}), through ${formatTarget(newest.target)}. Click to disconnect or switch environment.`;
    this.statusItem.command = { command: ENVIRONMENT_ACTIONS_COMMAND, title: 'Environment', arguments: [{ serviceKey: newest.key }] };
    this.statusItem.show();
  }

  private logFailure(what: string, error: unknown): void {
    this.deps.log.error(`${what} failed: ${describeError(error)}`);
  }

  /** A closed window: every owned tunnel goes (SIGTERM is sent before this returns). */
  dispose(): void {
    this.watch.dispose();
    for (const session of this.sessions.values()) {
      this.deps.log.info(`Closing the tunnel to ${session.environment.id} at ${session.tunnel.address}: the window is closing.`);
      session.tunnel.close().catch((error: unknown) => this.logFailure('Closing the tunnel', error));
    }
    this.sessions.clear();
    this.statusItem.dispose();
  }
}

function statusLabel(environment: UpsunEnvironment): string {
  return environment.status === 'dirty' ? 'deploying' : environment.status;
}
