// The charts of the health figures: a consumer group's lag over the samples the explorer took,
// and a topic's messages and bytes per partition. Each opens a webview showing the page
// src/health/charts.ts builds; nothing runs in it.

import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { GroupNode, TopicNode } from '../../explorer/nodes';
import { lagChartPage, skewChartPage } from '../../health/charts';
import type { HealthMonitor } from '../../health/monitor';
import { registerCommands, type Handler } from '../commandGuard';

export const LAG_CHART_COMMAND = 'upsunKafka.showLagChart';
export const PARTITION_CHART_COMMAND = 'upsunKafka.showPartitionChart';

export function registerHealthCommands(monitor: HealthMonitor, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const show = (title: string, html: (nonce: string) => string) => {
    const panel = vscode.window.createWebviewPanel('upsunKafka.chart', title, vscode.ViewColumn.Active, { enableScripts: false });
    panel.webview.html = html(randomBytes(16).toString('base64'));
    return panel;
  };
  const handlers: Record<string, Handler> = {
    [LAG_CHART_COMMAND]: (arg) => {
      const node = arg as GroupNode | undefined;
      if (node?.kind !== 'group') throw new Error('Show Lag Chart works on a consumer group row of the explorer.');
      const samples = monitor.lagSeriesOf(node.serviceKey, node.group.groupId)?.all ?? [];
      show(`Lag: ${node.group.groupId}`, (nonce) => lagChartPage(node.group.groupId, samples, nonce));
      return samples.length;
    },
    [PARTITION_CHART_COMMAND]: (arg) => {
      const node = arg as TopicNode | undefined;
      if (node?.kind !== 'topic') throw new Error('Show Partition Chart works on a topic row of the explorer.');
      const usage = monitor.usageOf(node.serviceKey)?.topics.find((t) => t.topic === node.topic);
      const rates = monitor.produceRatesOf(node.serviceKey, node.topic);
      const partitions = [...node.info.partitions]
        .sort((a, b) => a.partition - b.partition)
        .map((p) => ({
          partition: p.partition,
          messages: Number(BigInt(p.high) - BigInt(p.low)),
          bytes: usage ? (usage.partitions.find((u) => u.partition === p.partition)?.bytes ?? 0) : null,
          producedPerSecond: rates?.perPartition.get(p.partition) ?? null,
        }));
      show(`Partitions: ${node.topic}`, (nonce) => skewChartPage(node.topic, partitions, nonce, rates?.spanMs));
      return partitions.length;
    },
  };
  return registerCommands(handlers, log);
}
