// Samples each connected Kafka service's disk usage (and, through the reload it triggers, its
// groups' lag) on the `upsunKafka.health.sampleIntervalSeconds` interval while the explorer is
// visible, then rebuilds the tree so the service rows show the new figures. The figures live
// in the pure HealthMonitor; this is only the timer and the lookups that need the editor.

import * as vscode from 'vscode';
import { HealthMonitor } from '../../health/monitor';
import { declaredDisk, ServiceDisk } from '../../health/serviceDisk';
import { MIB } from '../../text/bytes';
import { describeError } from '../../text/error';
import { locateCli, serviceDiskMb } from '../../upsun';
import type { ConnectionManager } from '../connections/connectionManager';
import { onDidChangeSettings, readHealthSettings, readLiveKafkaSettings } from '../settings';
import type { ExplorerNode } from '../../explorer/nodes';
import type { ExplorerProvider } from './explorerProvider';
import { RefreshSchedule } from '../../text/refreshSchedule';

/** The longest wait after failed samples in a row, ms. */
const MAX_BACKOFF_MS = 10 * 60_000;

export class HealthSampler implements vscode.Disposable {
  readonly monitor = new HealthMonitor();
  // The explorer's one kind of schedule (visible only, no overlap, back-off on failures).
  private readonly schedule = new RefreshSchedule(() => this.tick(), { intervalMs: readHealthSettings().sampleIntervalMs, maxBackoffMs: MAX_BACKOFF_MS });
  private readonly disposables: vscode.Disposable[] = [];
  private provider: ExplorerProvider | undefined;
  /** Where each service's samples were taken: an environment, or the brokers connected to. */
  private readonly sampledWhere = new Map<string, string>();

  constructor(
    private readonly connections: ConnectionManager,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(connections.onDidChange((key) => this.forgetIfMoved(key)));
  }

  /** Samples survive a reconnect to the same place, never a move: staging's disk is not the local broker's. */
  private forgetIfMoved(key: string): void {
    const status = this.connections.statusOf(key);
    if (status.state !== 'connected') return;
    const where = status.environment ? `environment ${status.environment.id}` : `brokers ${[...(status.brokers ?? [])].sort().join(',')}`;
    if (this.sampledWhere.has(key) && this.sampledWhere.get(key) !== where) this.monitor.forget(key);
    this.sampledWhere.set(key, where);
  }

  /** Starts sampling while `view` is visible; the provider's service rows say which services are connected. */
  watch(view: vscode.TreeView<ExplorerNode>, provider: ExplorerProvider): void {
    this.provider = provider;
    this.disposables.push(
      view.onDidChangeVisibility(() => this.schedule.setVisible(view.visible)),
      onDidChangeSettings('health', () => this.schedule.setInterval(readHealthSettings().sampleIntervalMs)),
    );
    this.schedule.setVisible(view.visible);
  }

  /** Reads one service's disk usage and disk now (the first look at its topics). */
  async sample(key: string): Promise<void> {
    const cluster = this.connections.clusterFor(key);
    if (!cluster) return;
    const started = Date.now();
    await this.monitor.sampleDisk(key, cluster, () => this.diskOf(key));
    this.log.debug(`${key}: disk usage sampled in ${Date.now() - started} ms${this.monitor.usageErrorOf(key) ? `: ${this.monitor.usageErrorOf(key)}` : ''}`);
  }

  /** One round of samples; false when one failed, so the next round waits longer. */
  private async tick(): Promise<boolean> {
    const provider = this.provider;
    if (!provider) return true;
    const keys = provider.services().filter((s) => s.isKafka && this.connections.statusOf(s.serviceKey).state === 'connected').map((s) => s.serviceKey);
    let ok = true;
    for (const key of keys) {
      try {
        await this.sample(key);
      } catch (error) {
        ok = false;
        this.log.warn(`health sampling of ${key} failed: ${describeError(error)}`);
      }
      provider.rebuild(key);
    }
    return ok;
  }

  /** Platform.sh's `disk:`; on Upsun, `resources:get` on the environment the tunnel goes to; else why not. */
  private async diskOf(key: string): Promise<ServiceDisk> {
    const node = this.provider?.services().find((s) => s.serviceKey === key);
    if (!node) return { bytes: null, why: 'the service is no longer in the project config' };
    const declared = declaredDisk(node.project, node.service.name);
    if (declared) return declared;
    const environment = this.connections.statusOf(key).environment;
    if (!environment) return { bytes: null, why: 'on Upsun the disk is a resource of an environment; connect through "Connect to Environment…" to read it with `upsun resources:get`' };
    const mb = await serviceDiskMb(locateCli(readLiveKafkaSettings().cliPath || undefined), environment.id, node.service.name, { cwd: node.project.root, timeoutMs: 30_000 });
    return mb === null ? { bytes: null, why: `resources:get shows no disk for "${node.service.name}" on ${environment.id}` } : { bytes: mb * MIB, source: `upsun resources:get (${environment.id})` };
  }

  dispose(): void {
    this.schedule.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
