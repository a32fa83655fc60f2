// Connecting on open (`upsunKafka.connection.autoConnect`, on by default): each declared Kafka
// service is connected once, when it first appears, if its brokers come from a source that
// asks nothing (settings without a missing password, PLATFORM_RELATIONSHIPS, an open tunnel)
// and the cluster does not look like production. A user's Disconnect is never undone, and a
// failure shows on the service's row, not in a pop-up.

import * as vscode from 'vscode';
import type { ResolvedConnection } from '../../upsun/resolve';
import { productionMatch } from '../../upsun/productionGuard';
import type { ProjectStore } from '../projectStore';
import { onDidChangeAutoConnect, readLiveKafkaSettings } from '../settings';
import type { ServiceRef } from '../../config/model';
import { ConnectionManager } from './connectionManager';
import { describeError } from '../../text/error';
import { isTrusted, onDidGrantTrust } from '../workspaceTrust';

export interface AutoConnectDeps {
  readonly connections: ConnectionManager;
  readonly store: ProjectStore;
  readonly log: vscode.LogOutputChannel;
}

/** Starts connecting services as the store finds them; dispose to stop. */
export function registerAutoConnect({ connections, store, log }: AutoConnectDeps): vscode.Disposable {
  // Keys tried once this session: a reload, an edit or a Disconnect never starts another try.
  const tried = new Set<string>();
  const run = () => {
    // In Restricted Mode nothing is tried (nor marked tried): trust granted later runs this again.
    if (!isTrusted() || !readLiveKafkaSettings().autoConnect) return;
    for (const { key, project, service } of connections.services()) {
      if (tried.has(key)) continue;
      tried.add(key);
      const ref = { project, service };
      connections.connectSilently(ref, (resolved) => looksLikeProduction(ref, resolved)).then(
        (why) => log.info(why ? `Not connected to "${service.name}" on open: ${why}.` : `Connected to "${service.name}" on open.`),
        (error: unknown) => log.error(`Connecting to "${service.name}" on open: ${describeError(error)}`),
      );
    }
  };
  const disposables = [store.onDidChange(run), onDidChangeAutoConnect(run), onDidGrantTrust(run)];
  return vscode.Disposable.from(...disposables);
}

/** Connecting is harmless, but a production cluster is one the user opens on purpose. */
function looksLikeProduction(ref: ServiceRef, resolved: ResolvedConnection): string | undefined {
  const match = productionMatch(ref, resolved.options.brokers, readLiveKafkaSettings().confirmPatterns);
  if (!match) return undefined;
  return `"${match.matched}" matches "${match.pattern}" in upsunKafka.produce.confirmPatterns, so it waits for Connect`;
}
