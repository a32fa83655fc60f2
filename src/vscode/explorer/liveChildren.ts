// Loads the rows under a connected service's "Topics" and "Consumer groups" when the view
// expands them, with the service's filter and the internal-topics setting.

import type * as vscode from 'vscode';
import { loadSection } from '../../explorer/liveTree';
import { ExplorerNode, LiveSectionNode, messageNode } from '../../explorer/nodes';
import type { KafkaCluster } from '../../kafka/types';
import { readExplorerSettings } from '../settings';
import type { LiveChildren } from './explorerProvider';
import type { FilterStore } from './filterStore';

export class ClusterChildren implements LiveChildren {
  constructor(
    private readonly clusterFor: (key: string) => KafkaCluster | undefined,
    private readonly filters: FilterStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async childrenOf(section: LiveSectionNode): Promise<ExplorerNode[]> {
    const cluster = this.clusterFor(section.serviceKey);
    if (!cluster) return [messageNode(section.id, 'Not connected', false, 'Connect the service to see what its cluster holds.')];
    const started = Date.now();
    const rows = await loadSection(cluster, section, {
      filter: this.filters.filterOf(section.serviceKey),
      filterText: this.filters.textOf(section.serviceKey),
      showInternal: readExplorerSettings().showInternalTopics,
    });
    const failed = rows.find((r) => r.kind === 'message' && r.isError);
    if (failed) this.log.warn(`${section.serviceKey}: ${failed.label}`);
    else this.log.debug(`${section.serviceKey}: ${rows.length} ${section.kind} row(s) in ${Date.now() - started} ms`);
    return rows;
  }
}
