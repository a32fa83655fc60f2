// Loads the rows under a connected service's "Topics" and "Consumer groups" when the view
// expands them, with the service's filter and the internal-topics setting. Results are
// kept until something about that service changes, so an edit of the YAML (which rebuilds
// the tree) does not send a request to the cluster for every expanded section.

import type * as vscode from 'vscode';
import { loadSection } from '../../explorer/liveTree';
import { ExplorerNode, LiveSectionNode, messageNode, SettingsNode } from '../../explorer/nodes';
import { loadSettings } from '../../explorer/topicSettingsTree';
import { brokersUnanswered, KafkaCluster } from '../../kafka/types';
import { LastStableWatch } from '../../kafka/openTransaction';
import { readExplorerSettings } from '../settings';
import type { HealthMonitor } from '../../health/monitor';
import { trendText } from '../../health/lagTrend';
import type { LiveChildren } from './explorerProvider';
import type { FilterStore } from './filterStore';

/** A disk sample this recent (ms) is not read again when the topics load. */
const FRESH_SAMPLE_MS = 5_000;

export class ClusterChildren implements LiveChildren {
  private readonly cache = new Map<string, { readonly serviceKey: string; readonly rows: Promise<ExplorerNode[]> }>();
  /** Per service, since when each partition's last stable offset stood still: kept across reloads. */
  private readonly watches = new Map<string, LastStableWatch>();

  constructor(
    private readonly clusterFor: (key: string) => KafkaCluster | undefined,
    private readonly filters: FilterStore,
    private readonly log: vscode.LogOutputChannel,
    /** A load failed because the service's brokers do not answer: its connection is lost for now. */
    private readonly onUnanswered: (serviceKey: string, cause: string) => void,
    private readonly health?: { readonly monitor: HealthMonitor; readonly sample: (key: string) => Promise<void> },
  ) {}

  childrenOf(section: LiveSectionNode | SettingsNode): Promise<ExplorerNode[]> {
    const cached = this.cache.get(section.id);
    if (cached) return cached.rows;
    const rows = this.load(section);
    this.cache.set(section.id, { serviceKey: section.serviceKey, rows });
    // A failure is shown once; expanding again tries again.
    // A rejection is the caller's to show (it gets `rows`); here it only leaves the cache.
    rows.then(
      (r) => r.some((n) => n.kind === 'message' && n.isError) && this.cache.delete(section.id),
      () => this.cache.delete(section.id),
    );
    return rows;
  }

  /** Whether the section's rows were loaded (the view expanded it) and are still kept. */
  isLoaded(sectionId: string): boolean {
    return this.cache.has(sectionId);
  }

  /** Loads a section again, as the first time; the rows the view shows stay until it gets these. */
  reload(section: LiveSectionNode): Promise<ExplorerNode[]> {
    this.cache.delete(section.id);
    return this.childrenOf(section);
  }

  /** Forgets what was loaded for one service, or for all. */
  invalidate(serviceKey?: string): void {
    for (const [id, entry] of this.cache) if (serviceKey === undefined || entry.serviceKey === serviceKey) this.cache.delete(id);
  }

  private async load(section: LiveSectionNode | SettingsNode): Promise<ExplorerNode[]> {
    const cluster = this.clusterFor(section.serviceKey);
    if (!cluster) return [messageNode(section.id, 'Not connected', false, 'Connect the service to see what its cluster holds.')];
    const started = Date.now();
    if (!this.watches.has(section.serviceKey)) this.watches.set(section.serviceKey, new LastStableWatch());
    const key = section.serviceKey;
    const monitor = this.health?.monitor;
    // Topics load with their sizes read now (while they are listed), unless the timer (healthSampler.ts) just read them.
    const health = this.health;
    const usageRead = section.kind === 'topics' && health && !(Date.now() - (monitor?.sampledAtOf(key) ?? 0) < FRESH_SAMPLE_MS)
      ? health.sample(key).then(() => ({ usage: health.monitor.usageOf(key), usageError: health.monitor.usageErrorOf(key) }))
      : undefined;
    const settings = readExplorerSettings();
    const rows = section.kind === 'settings' ? await loadSettings(cluster, section) : await loadSection(cluster, section, {
      filter: this.filters.filterOf(key),
      filterText: this.filters.textOf(key),
      showInternal: settings.showInternalTopics,
      sortBySize: settings.sortTopicsBySize,
      usage: monitor?.usageOf(key),
      usageError: monitor?.usageErrorOf(key),
      usageRead,
      onTopics: monitor && ((topics) => monitor.recordTopics(key, topics)),
      onGroups: monitor && ((groups) => monitor.recordGroups(key, groups)),
      trendOf: monitor && ((groupId) => {
        const trend = monitor.trendOf(key, groupId);
        return trend && trendText(trend);
      }),
    }, this.watches.get(key), (error) => {
      if (brokersUnanswered(error)) this.onUnanswered(key, error.message);
    });
    const failed = rows.find((r) => r.kind === 'message' && r.isError);
    if (failed) this.log.warn(`${section.serviceKey}: ${failed.label}`);
    else this.log.debug(`${section.serviceKey}: ${rows.length} ${section.kind} row(s) in ${Date.now() - started} ms`);
    return rows;
  }
}
