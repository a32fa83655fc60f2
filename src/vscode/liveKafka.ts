// Live Kafka in the editor: the connection manager, the environment tunnels and the message
// views, with the commands on connections and messages. `registerLiveKafka` builds them,
// registers the commands and returns what other parts (the explorer) and the editor tests need.

import * as vscode from 'vscode';
import { connectCluster } from '../kafka/connect';
import { registerAutoConnect } from './connections/autoConnect';
import { ConnectionManager } from './connections/connectionManager';
import { sourcesFor } from './connections/brokerSource';
import { ServiceSecrets } from './connections/serviceSecrets';
import { EnvironmentSessions } from './environments/environmentSessions';
import { SET_CONNECTION_COMMAND } from './connections/setConnectionCommand';
import { PeekViews } from './messageView/peekCommand';
import { ProduceTabs, resend } from './produce/produceCommand';
import { registerConnectionCommands } from './commands/connections';
import { registerMessageCommands } from './commands/messages';
import type { ProjectStore } from './projectStore';
import { schemaDecoderForView, schemaEncoderForProduce } from './schemas';
import { SwitchablePrompter } from './prompter';

export interface LiveKafka {
  readonly connections: ConnectionManager;
  readonly peekViews: PeekViews;
  /** Every question the commands ask goes through it; tests install a scripted one. */
  readonly prompter: SwitchablePrompter;
  /** Services connected to an Upsun environment through a tunnel we own. */
  readonly environments: EnvironmentSessions;
}

/** Shown in the palette only where a Kafka service is declared. */
const HAS_KAFKA_CONTEXT = 'upsunKafka.hasKafkaService';

export function registerLiveKafka(context: vscode.ExtensionContext, { log, store }: { log: vscode.LogOutputChannel; store: ProjectStore }): LiveKafka {
  const prompter = new SwitchablePrompter();
  const secrets = new ServiceSecrets(context.secrets, context.globalState);
  const connections: ConnectionManager = new ConnectionManager({
    log,
    store,
    prompter,
    connect: connectCluster,
    sources: (ref, asking) => sourcesFor(ref, secrets, asking),
    setConnection: (key) => vscode.commands.executeCommand(SET_CONNECTION_COMMAND, { serviceKey: key }),
  });
  const environments = new EnvironmentSessions({ connections, prompter, log });
  const produceDeps = { connections, prompter, log, workspaceState: context.workspaceState, schemas: (service: string, topic: string) => schemaEncoderForProduce(service, topic, context.secrets, log) };
  const produceTabs = new ProduceTabs(produceDeps);
  produceTabs.checkAsTyped(context);
  const peekViews = new PeekViews({
    extensionUri: context.extensionUri,
    log,
    connections,
    prompter,
    resend: async (key, message) => void (await resend(produceDeps, key, message)),
    schemas: (service, topic) => schemaDecoderForView(service, topic, context.secrets, log),
  });
  const updateContext = () => vscode.commands.executeCommand('setContext', HAS_KAFKA_CONTEXT, connections.services().length > 0);
  context.subscriptions.push(
    connections,
    environments,
    peekViews,
    produceTabs,
    ...registerConnectionCommands({ connections, environments, secrets, prompter, log }),
    ...registerMessageCommands({ peekViews, produceTabs, log }),
    store.onDidChange(() => void updateContext()),
    registerAutoConnect({ connections, store, log }),
  );
  void updateContext();
  return { connections, peekViews, prompter, environments };
}
