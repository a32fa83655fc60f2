// Keeps the explorer's live rows current by themselves: while the view is visible, every
// `upsunKafka.explorer.refreshIntervalSeconds`, it loads the expanded Topics and Consumer
// groups again, asks a connected service with nothing expanded whether its brokers still
// answer, and tries services whose brokers stopped answering until they do. The timing (pause
// when hidden, back-off on failures) is RefreshSchedule's.

import * as vscode from 'vscode';
import { RefreshSchedule } from '../../text/refreshSchedule';
import { brokersUnanswered } from '../../kafka/types';
import type { ConnectionManager } from '../connections/connectionManager';
import { describeError } from '../../text/error';
import { onDidChangeSettings, readExplorerSettings } from '../settings';
import type { ExplorerProvider } from './explorerProvider';

/** The longest wait after failures in a row (a longer interval stands instead). */
const MAX_BACKOFF_MS = 30_000;

export function registerLiveRefresh(view: vscode.TreeView<unknown>, provider: ExplorerProvider, connections: ConnectionManager, log: vscode.LogOutputChannel): vscode.Disposable {
  const intervalMs = () => readExplorerSettings().refreshIntervalSeconds * 1000;
  const schedule = new RefreshSchedule(async () => {
    // Lost services first: one that answers again shows its sections, which the reload then fills.
    const clusters = connections.connectedClusters();
    const retried = await Promise.all(clusters.filter((c) => c.lost).map(({ key, cluster }) => answers(key, cluster.listTopics())));
    const { ok, services } = await provider.reloadShown();
    // The reload told a lost connection from the others; a service with nothing expanded is asked here.
    const asked = await Promise.all(clusters.filter((c) => !c.lost && !services.has(c.key)).map(({ key, cluster }) => answers(key, cluster.listTopics())));
    return ok && [...retried, ...asked].every(Boolean);
  }, { intervalMs: intervalMs(), maxBackoffMs: MAX_BACKOFF_MS });

  /** Whether the call worked; marks the service answered, or lost when its brokers do not answer. */
  async function answers(key: string, call: Promise<unknown>): Promise<boolean> {
    try {
      await call;
      connections.markAnswered(key);
      return true;
    } catch (error) {
      if (brokersUnanswered(error)) connections.markLost(key, error.message);
      log.debug(`${key}: the explorer's refresh failed: ${describeError(error)}`);
      return false;
    }
  }

  schedule.setVisible(view.visible);
  return vscode.Disposable.from(
    { dispose: () => schedule.dispose() },
    view.onDidChangeVisibility((event) => schedule.setVisible(event.visible)),
    onDidChangeSettings('explorer', () => schedule.setInterval(intervalMs())),
  );
}
