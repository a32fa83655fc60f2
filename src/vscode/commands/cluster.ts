// The explorer's commands on a cluster: connect, disconnect, create and delete a topic.
// Questions go through the Prompter; changes run under a cancellable progress notification
// and reload the service's rows when done.

import * as vscode from 'vscode';
import type { ExplorerNode } from '../../explorer/nodes';
import { positiveIntegerProblem, topicNameProblem } from '../../kafka/topicName';
import { pickService } from '../connections/servicePick';
import { pickTopic } from '../connections/topicPick';
import { confirmClusterChange } from '../produce/changeGuard';
import { ExplorerCommandDeps, guarded, Handler } from './explorer';

export const CONNECT_COMMAND = 'upsunKafka.connect';
export const DISCONNECT_COMMAND = 'upsunKafka.disconnect';
export const CREATE_TOPIC_COMMAND = 'upsunKafka.createTopic';
export const DELETE_TOPIC_COMMAND = 'upsunKafka.deleteTopic';

export function registerClusterCommands(deps: ExplorerCommandDeps): vscode.Disposable[] {
  const { provider, log, connections, prompter } = deps;
  const handlers: Record<string, Handler> = {
    [CONNECT_COMMAND]: async (arg) => {
      const target = await pickService(connections, prompter, arg, 'Connect to which Kafka service?');
      return Boolean(target && (await connections.connect(target.project, target.service)));
    },
    [DISCONNECT_COMMAND]: async (arg) => {
      const target = await pickService(connections, prompter, arg, 'Disconnect which Kafka service?');
      if (target) await connections.disconnect(target.key);
    },
    [CREATE_TOPIC_COMMAND]: async (arg) => {
      const target = await pickService(connections, prompter, arg, 'Create a topic in which Kafka service?');
      const cluster = target && (await connections.connect(target.project, target.service));
      if (!target || !cluster) return undefined;
      const existing = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Listing Kafka topics…' }, () =>
        cluster.listTopics({ includeInternal: true }),
      );
      const title = `Create a topic in "${target.service.name}"`;
      const topic = (
        await prompter.input({
          title,
          prompt: 'Topic name: letters, digits, ".", "_" and "-", at most 249 characters.',
          placeholder: 'orders.created',
          validate: (text) => topicNameProblem(text.trim(), existing.map((t) => t.name)),
        })
      )?.trim();
      if (!topic) return undefined;
      const partitions = await prompter.input({ title: `${title}: partitions of "${topic}"`, value: '1', validate: (t) => positiveIntegerProblem(t, 'partition count') });
      if (partitions === undefined) return undefined;
      const replicationFactor = await prompter.input({
        title: `${title}: replication factor of "${topic}"`,
        prompt: 'How many brokers keep a copy of each partition; at most the number of brokers (1 on a single-node service).',
        value: '1',
        validate: (t) => positiveIntegerProblem(t, 'replication factor'),
      });
      if (replicationFactor === undefined) return undefined;
      if (!(await confirmClusterChange(target, cluster.brokers, { what: `Create topic "${topic}"`, action: 'Create' }, prompter, connections.statusOf(target.key).environment))) return undefined;
      const done = await cancellableProgress(`Creating topic "${topic}" in "${target.service.name}"…`, () =>
        cluster.createTopic({ topic, partitions: Number(partitions), replicationFactor: Number(replicationFactor) }),
      );
      provider.refreshService(target.key);
      if (!done) {
        void vscode.window.showInformationMessage(`Stopped waiting for topic "${topic}"; the cluster may still create it. Refresh to see.`);
        return undefined;
      }
      log.info(`Created topic "${topic}" (${partitions} partition(s), replication factor ${replicationFactor}) in "${target.service.name}".`);
      void vscode.window.showInformationMessage(`Created topic "${topic}" in "${target.service.name}".`);
      return topic;
    },
    [DELETE_TOPIC_COMMAND]: async (arg) => {
      const target = await pickService(connections, prompter, arg, 'Delete a topic of which Kafka service?');
      const cluster = target && (await connections.connect(target.project, target.service));
      if (!target || !cluster) return false;
      const node = arg as ExplorerNode | undefined;
      const topic = node?.kind === 'topic' ? node.topic : (await pickTopic(cluster, prompter, { title: `Delete a topic of "${target.service.name}"` }))?.name;
      if (!topic) return false;
      const typed = await prompter.input({
        title: `Delete topic "${topic}" of "${target.service.name}"`,
        prompt: `This deletes "${topic}" and every message in it, for every consumer. Type the topic name to confirm.`,
        placeholder: topic,
        validate: (text) => (text === topic ? undefined : `Type "${topic}" exactly to delete it, or press Escape.`),
      });
      if (typed !== topic) return false;
      if (!(await confirmClusterChange(target, cluster.brokers, { what: `Delete topic "${topic}" and every message in it`, action: 'Delete' }, prompter, connections.statusOf(target.key).environment))) return false;
      const done = await cancellableProgress(`Deleting topic "${topic}" of "${target.service.name}"…`, () => cluster.deleteTopic(topic));
      provider.refreshService(target.key);
      if (!done) {
        void vscode.window.showInformationMessage(`Stopped waiting; the cluster may still delete topic "${topic}". Refresh to see.`);
        return false;
      }
      log.info(`Deleted topic "${topic}" of "${target.service.name}".`);
      void vscode.window.showInformationMessage(`Deleted topic "${topic}" of "${target.service.name}".`);
      return true;
    },
  };
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, guarded(id, handler, log)));
}

/**
 * Runs `work` under a notification with a Cancel button. Kafka's admin requests cannot be
 * called back, so cancelling stops the waiting, not the request: false then.
 */
export async function cancellableProgress(title: string, work: () => Promise<unknown>): Promise<boolean> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) =>
    new Promise<boolean>((resolve, reject) => {
      const cancelled = token.onCancellationRequested(() => resolve(false));
      work().then(
        () => resolve(true),
        (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
      ).finally(() => {
        cancelled.dispose();
      });
    }),
  );
}
