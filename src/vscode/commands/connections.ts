// The commands on a Kafka service's connection: Connect, Disconnect, Copy Bootstrap Servers,
// Set Connection for Service…, and Connect to Environment… with its status bar menu. Every
// question goes through the Prompter, so the editor tests can answer.

import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import { pickService } from '../connections/servicePick';
import type { ServiceSecrets } from '../connections/serviceSecrets';
import { setConnection, SET_CONNECTION_COMMAND } from '../connections/setConnectionCommand';
import { CONNECT_ENVIRONMENT_COMMAND, ENVIRONMENT_ACTIONS_COMMAND, EnvironmentSessions } from '../environments/environmentSessions';
import { Handler, registerCommands } from '../commandGuard';
import type { Prompter } from '../prompter';

export const CONNECT_COMMAND = 'upsunKafka.connect';
export const DISCONNECT_COMMAND = 'upsunKafka.disconnect';
export const COPY_BOOTSTRAP_SERVERS_COMMAND = 'upsunKafka.copyBootstrapServers';

export interface ConnectionCommandDeps {
  readonly connections: ConnectionManager;
  readonly environments: EnvironmentSessions;
  readonly secrets: ServiceSecrets;
  readonly prompter: Prompter;
  readonly log: vscode.LogOutputChannel;
}

export function registerConnectionCommands({ connections, environments, secrets, prompter, log }: ConnectionCommandDeps): vscode.Disposable[] {
  const handlers: Record<string, Handler> = {
    [CONNECT_COMMAND]: async (arg) => {
      const target = await pickService(connections, prompter, arg, 'Connect to which Kafka service?');
      return Boolean(target && (await connections.connect(target.project, target.service)));
    },
    [DISCONNECT_COMMAND]: async (arg) => {
      const target = await pickService(connections, prompter, arg, 'Disconnect which Kafka service?');
      if (target) await connections.disconnect(target.key);
    },
    [COPY_BOOTSTRAP_SERVERS_COMMAND]: async (arg) => {
      const service = await pickService(connections, prompter, arg, 'Copy the bootstrap servers of which Kafka service?');
      if (!service) return undefined;
      const status = connections.statusOf(service.key);
      if (status.state !== 'connected' || !status.brokers) {
        void vscode.window.showInformationMessage(
          `Kafka service "${service.service.name}" is not connected, so its brokers are not known yet. Connect it first (Upsun Kafka: Connect); from a laptop, open a tunnel with \`upsun tunnel:open\` or set its brokers with Upsun Kafka: Set Connection for Service….`,
        );
        return undefined;
      }
      const brokers = status.brokers.join(',');
      // Not awaited: in a browser the clipboard can wait for a permission nobody grants.
      void vscode.env.clipboard.writeText(brokers);
      void vscode.window.showInformationMessage(`Copied the bootstrap servers of "${service.service.name}": ${brokers}`);
      return brokers;
    },
    [SET_CONNECTION_COMMAND]: (arg) => setConnection(connections, secrets, prompter, arg),
    [CONNECT_ENVIRONMENT_COMMAND]: (arg, preset) => environments.connect(arg, preset as Parameters<EnvironmentSessions['connect']>[1]),
    [ENVIRONMENT_ACTIONS_COMMAND]: (arg) => environments.actions(arg),
  };
  return registerCommands(handlers, log);
}
