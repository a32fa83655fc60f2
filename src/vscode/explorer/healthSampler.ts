// Samples each connected Kafka service's disk usage (and, through the reload it triggers, its
// groups' lag) on the `upsunKafka.health.sampleIntervalSeconds` interval while the explorer is
// visible, then rebuilds the tree so the service rows show the new figures. The figures live
// in the pure HealthMonitor; this is only the timer and the lookups that need the editor.

import * as vscode from 'vscode';
import { HealthMonitor } from '../../health/monitor';
import { declaredDisk, ServiceDisk } from '../../health/serviceDisk';
import { MIB } from '../../text/bytes';
import { locateCli, serviceDiskMb } from '../../upsun';
import type { ConnectionManager } from '../connections/connectionManager';
import { onDidChangeSettings, readHealthSettings, readLiveKafkaSettings } from '../settings';
import type { ExplorerNode } from '../../explorer/nodes';
import type { ExplorerProvider } from './explorerProvider';

export class HealthSampler implements vscode.Disposable {
  readonly monitor = new HealthMonitor();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly disposables: vscode.Disposable[] = [];
  private view: vscode.TreeView<ExplorerNode> | undefined;
  private provider: ExplorerProvider | undefined;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Starts sampling while `view` is visible; the provider's service rows say which services are connected. */
  watch(view: vscode.TreeView<ExplorerNode>, provider: ExplorerProvider): void {
    this.view = view;
    this.provider = provider;
    this.disposables.push(view.onDidChangeVisibility(() => this.schedule()), onDidChangeSettings('health', () => this.schedule()));
    this.schedule();
  }

  /** Reads one service's disk usage and disk now (the first look at its topics). */
  async sample(key: string): Promise<void> {
    const cluster = this.connections.clusterFor(key);
    if (!cluster) return;
    const started = Date.now();
    await this.monitor.sampleDisk(key, cluster, () => this.diskOf(key));
    this.log.debug(`${key}: disk usage sampled in ${Date.now() - started} ms${this.monitor.usageErrorOf(key) ? `: ${this.monitor.usageErrorOf(key)}` : ''}`);
  }

  private schedule(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.view?.visible) return;
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.log.warn(`health sampling failed: ${(error as Error).message}`));
    }, readHealthSettings().sampleIntervalMs);
  }

  private async tick(): Promise<void> {
    // A slow broker must not pile samples up.
    if (this.running) return;
    this.running = true;
    try {
      const provider = this.provider;
      if (!provider) return;
      const keys = provider.services().filter((s) => s.isKafka && this.connections.statusOf(s.serviceKey).state === 'connected').map((s) => s.serviceKey);
      for (const key of keys) {
        await this.sample(key);
        provider.rebuild(key);
      }
    } finally {
      this.running = false;
    }
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
    clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
