// The commands on topics: Create Topic…, Delete Topic…, and on a topic's settings and
// partitions: Edit Setting…, Reset to Default, Add Partitions…. Each checks what the user
// typed first, then asks the production guard, then sends one request under a cancellable
// progress notification, and reloads the service's rows when done.

import * as vscode from 'vscode';
import type { ExplorerNode } from '../../explorer/nodes';
import { positiveIntegerProblem, topicNameProblem } from '../../kafka/topicName';
import type { TopicConfigChange, TopicConfigEntry } from '../../kafka/types';
import type { KafkaCluster } from '../../kafka/types';
import { plural } from '../../text/count';
import { addPartitionsWarning, defaultAfterReset, entryValue, orderedSettings, partitionCountProblem, planSettingEdit, planSettingReset, sourceTag } from '../../kafka/topicSettings/edit';
import { editableValue } from '../../kafka/topicSettings/input';
import { logConfigLine, readableValue } from '../../kafka/topicSettings/specs';
import { KeyedService, pickService, topicOf } from '../connections/servicePick';
import { pickTopic } from '../connections/topicPick';
import { confirmClusterChange } from '../produce/changeGuard';
import { Handler, registerCommands } from '../commandGuard';
import { clusterChange } from '../progress';
import type { ExplorerCommandDeps } from './explorer';

export const CREATE_TOPIC_COMMAND = 'upsunKafka.createTopic';
export const DELETE_TOPIC_COMMAND = 'upsunKafka.deleteTopic';
export const EDIT_SETTING_COMMAND = 'upsunKafka.editTopicSetting';
export const RESET_SETTING_COMMAND = 'upsunKafka.resetTopicSetting';
export const ADD_PARTITIONS_COMMAND = 'upsunKafka.addPartitions';

interface Target {
  readonly service: KeyedService;
  readonly cluster: KafkaCluster;
  readonly topic: string;
}

export function registerTopicCommands(deps: ExplorerCommandDeps): vscode.Disposable[] {
  const { provider, log, connections, prompter } = deps;

  /** The service, its connected cluster and the topic a row (or the user's picks) names. */
  async function target(arg: unknown, verb: string): Promise<Target | undefined> {
    const service = await pickService(connections, prompter, arg, `${verb} in which Kafka service?`);
    const cluster = service && (await connections.connect(service.project, service.service));
    if (!service || !cluster) return undefined;
    const topic = topicOf(arg) ?? (await pickTopic(cluster, prompter, { title: `${verb}: which topic of "${service.service.name}"?` }))?.name;
    return topic ? { service, cluster, topic } : undefined;
  }

  function readSettings(cluster: KafkaCluster, topic: string): Promise<TopicConfigEntry[]> {
    return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Reading the settings of "${topic}"…` }, () => cluster.describeTopicConfig(topic)));
  }

  /** The setting a row names, or the user's pick among the topic's settings. */
  async function pickSetting(entries: readonly TopicConfigEntry[], arg: unknown, title: string, only: (e: TopicConfigEntry) => boolean): Promise<string | undefined> {
    const node = arg as ExplorerNode | undefined;
    if (node?.kind === 'setting') return node.entry.name;
    return prompter.pick(
      orderedSettings(entries).filter(only).map((e) => ({ label: e.name, description: `${entryValue(e)}  (${sourceTag(e.source)})`, value: e.name })),
      { title, placeholder: 'Setting' },
    );
  }

  /** Sends `change` after the production guard; reloads the rows; true when the cluster took it. */
  async function apply(t: Target, change: TopicConfigChange, what: string, done: string): Promise<boolean> {
    if (!(await confirmClusterChange(t.service, t.cluster.brokers, { what, action: 'Change' }, prompter, connections.statusOf(t.service.key).environment))) return false;
    if (!(await clusterChange(`${what}…`, () => t.cluster.alterTopicConfig(t.topic, [change]), { after: () => provider.refreshService(t.service.key), mayStill: `the cluster may still apply the change to "${t.topic}"` }))) return false;
    log.info(`${done} (service "${t.service.service.name}").`);
    void vscode.window.showInformationMessage(`${done}.`);
    return true;
  }

  const handlers: Record<string, Handler> = {
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
      const create = () => cluster.createTopic({ topic, partitions: Number(partitions), replicationFactor: Number(replicationFactor) });
      if (!(await clusterChange(`Creating topic "${topic}" in "${target.service.name}"…`, create, { after: () => provider.refreshService(target.key), mayStill: `the cluster may still create topic "${topic}"` }))) return undefined;
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
      if (!(await clusterChange(`Deleting topic "${topic}" of "${target.service.name}"…`, () => cluster.deleteTopic(topic), { after: () => provider.refreshService(target.key), mayStill: `the cluster may still delete topic "${topic}"` }))) return false;
      log.info(`Deleted topic "${topic}" of "${target.service.name}".`);
      void vscode.window.showInformationMessage(`Deleted topic "${topic}" of "${target.service.name}".`);
      return true;
    },
    [EDIT_SETTING_COMMAND]: async (arg) => {
      const t = await target(arg, 'Edit a topic setting');
      if (!t) return false;
      const entries = await readSettings(t.cluster, t.topic);
      const name = await pickSetting(entries, arg, `Edit which setting of "${t.topic}"?`, (e) => !e.readOnly);
      const entry = entries.find((e) => e.name === name);
      if (!name || !entry) return false;
      const typed = await prompter.input({
        title: `Set ${name} of "${t.topic}"`,
        prompt: `Now ${entryValue(entry)} (${sourceTag(entry.source)}). Durations take 7d, 12h, 30m, 500ms; sizes 512KiB, 1GiB; "unlimited" where Kafka allows -1.`,
        // The form a person types (`7d`, not `604800000`), as the prompt suggests.
        value: entry.sensitive ? '' : editableValue(name, entry.value, entry.type, logConfigLine(entries.map((e) => e.name))),
        password: entry.sensitive,
        validate: (text) => planSettingEdit(entries, name, text).problem,
      });
      if (typed === undefined) return false;
      const plan = planSettingEdit(entries, name, typed);
      if (!plan.change) return false;
      const shown = readableValue(name, plan.change.value, { type: entry.type, sensitive: entry.sensitive });
      return apply(t, plan.change, `Set ${name} of topic "${t.topic}" to ${shown}`, `Set ${name} of topic "${t.topic}" to ${shown}`);
    },
    [RESET_SETTING_COMMAND]: async (arg) => {
      const t = await target(arg, 'Reset a topic setting');
      if (!t) return false;
      const entries = await readSettings(t.cluster, t.topic);
      const name = await pickSetting(entries, arg, `Reset which setting of "${t.topic}" to its default?`, (e) => e.source === 'topic' && !e.readOnly);
      if (!name) return false;
      const plan = planSettingReset(entries, name);
      if (!plan.change) {
        void vscode.window.showInformationMessage(plan.problem);
        return false;
      }
      const entry = entries.find((e) => e.name === name)!;
      const fallback = defaultAfterReset(entry);
      return apply(t, plan.change, `Reset ${name} of topic "${t.topic}" to its default${fallback ? `, ${fallback}` : ''}`, `Reset ${name} of topic "${t.topic}" to its default`);
    },
    [ADD_PARTITIONS_COMMAND]: async (arg) => {
      const t = await target(arg, 'Add partitions');
      if (!t) return false;
      const info = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Reading topic "${t.topic}"…` }, () => t.cluster.describeTopic(t.topic));
      const current = info.partitions.length;
      const typed = await prompter.input({
        title: `New partition count of "${t.topic}"`,
        prompt: `Now ${plural(current, 'partition')}. Keyed messages will map to different partitions, and the count cannot be decreased later.`,
        value: String(current + 1),
        validate: (text) => partitionCountProblem(current, text),
      });
      if (typed === undefined || partitionCountProblem(current, typed)) return false;
      const count = Number(typed.trim());
      // Asked every time, production or not, in one question: the change to key placement
      // cannot be undone.
      const what = `Grow topic "${t.topic}" from ${current} to ${count} partitions`;
      const change = { what, action: 'Add Partitions', consequence: addPartitionsWarning(t.topic, current, count) };
      if (!(await confirmClusterChange(t.service, t.cluster.brokers, change, prompter, connections.statusOf(t.service.key).environment))) return false;
      if (!(await clusterChange(`${what}…`, () => t.cluster.createPartitions(t.topic, count), { after: () => provider.refreshService(t.service.key), mayStill: `the cluster may still add the partitions to "${t.topic}"` }))) return false;
      log.info(`${what} (service "${t.service.service.name}").`);
      void vscode.window.showInformationMessage(`Topic "${t.topic}" now has ${count} partitions.`);
      return true;
    },
  };
  return registerCommands(handlers, log);
}
