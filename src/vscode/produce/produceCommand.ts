// "Upsun Kafka: Produce Message…": service, topic (or a new one), key, value (typed, the
// selection or the active editor), headers and partition, then send; and "Send again" for a
// message shown in a peek view.

import * as path from 'path';
import * as vscode from 'vscode';
import type { PeekedMessage, ProduceResult } from '../../kafka/types';
import { parseHeaderList } from '../../kafka/headerList';
import { jsonProblem } from '../../text/json';
import type { ConnectionManager } from '../connections/connectionManager';
import { pickService, topicOf } from '../connections/servicePick';
import { ensureTopic, pickTopic } from '../connections/topicPick';
import type { PickItem, Prompter } from '../prompter';
import { confirmClusterChange } from './changeGuard';
import { sendMessage } from './sendMessage';

export const PRODUCE_COMMAND = 'upsunKafka.produce';

export interface ProduceDeps {
  readonly connections: ConnectionManager;
  readonly prompter: Prompter;
  readonly log: vscode.LogOutputChannel;
}

type ValueSource = 'input' | 'selection' | 'editor';

/** The command: `argument` may name `{ serviceKey, topic }` (the explorer passes its node). */
export async function produce(deps: ProduceDeps, argument?: unknown): Promise<ProduceResult | undefined> {
  const { connections, prompter, log } = deps;
  const target = await pickService(connections, prompter, argument, 'Produce to which Kafka service?');
  if (!target) return undefined;
  const cluster = await connections.connect(target.project, target.service);
  if (!cluster) return undefined;
  const choice = topicOf(argument) ?? (await pickTopic(cluster, prompter, { title: `Produce to a topic of "${target.service.name}"`, allowNew: true }));
  if (!choice) return undefined;
  const topic = typeof choice === 'string' ? choice : choice.name;
  const title = `Produce to "${topic}"`;
  const key = await prompter.input({ title: `${title}: key`, prompt: 'Leave empty for a message without a key.', placeholder: 'key (optional)' });
  if (key === undefined) return undefined;
  const value = await readValue(prompter, title);
  if (value === undefined) return undefined;
  const broken = jsonProblem(value);
  if (broken && !(await prompter.confirm(`The value looks like JSON but does not parse: ${broken}`, 'Consumers that parse JSON will fail on it.', 'Send Anyway'))) return undefined;
  const headerText = await prompter.input({
    title: `${title}: headers`,
    prompt: 'key=value pairs, comma-separated; leave empty for none.',
    placeholder: 'trace-id=abc, type=order.created',
    validate: (text) => {
      const parsed = parseHeaderList(text);
      return 'problem' in parsed ? parsed.problem : undefined;
    },
  });
  if (headerText === undefined) return undefined;
  const parsedHeaders = parseHeaderList(headerText);
  const partitionText = await prompter.input({
    title: `${title}: partition`,
    prompt: 'Leave empty to let the key (or round-robin) choose.',
    placeholder: 'partition (optional)',
    validate: (text) => (text.trim() === '' || /^\d+$/.test(text.trim()) ? undefined : 'Enter a partition number (0, 1, …) or leave empty.'),
  });
  if (partitionText === undefined) return undefined;
  const creates = typeof choice !== 'string' && choice.create !== undefined;
  const change = { what: creates ? `Create topic "${topic}" and send a message to it` : `Send a message to "${topic}"`, action: 'Send' };
  if (!(await confirmClusterChange(target, cluster.brokers, change, prompter, connections.statusOf(target.key).environment))) return undefined;
  if (typeof choice !== 'string') await ensureTopic(cluster, choice);
  return sendMessage(
    target,
    cluster,
    {
      topic,
      key: key === '' ? null : key,
      value,
      headers: 'headers' in parsedHeaders ? parsedHeaders.headers : [],
      partition: partitionText.trim() === '' ? undefined : Number(partitionText.trim()),
    },
    log,
  );
}

/** "Send again": the message's exact bytes and headers, to its topic or another one. */
export async function resend(deps: ProduceDeps, serviceKey: string, message: PeekedMessage): Promise<ProduceResult | undefined> {
  const target = deps.connections.find(serviceKey);
  if (!target) return undefined;
  const cluster = await deps.connections.connect(target.project, target.service);
  if (!cluster) return undefined;
  const choice = await pickTopic(cluster, deps.prompter, { title: `Send message ${message.partition}:${message.offset} again, to which topic?`, allowNew: true, first: message.topic });
  if (!choice) return undefined;
  const what = `Send message ${message.partition}:${message.offset} again to ${choice.create ? `new topic "${choice.name}"` : `"${choice.name}"`}`;
  if (!(await confirmClusterChange(target, cluster.brokers, { what, action: 'Send' }, deps.prompter, deps.connections.statusOf(serviceKey).environment))) return undefined;
  const topic = await ensureTopic(cluster, choice);
  return sendMessage(
    target,
    cluster,
    {
      topic,
      key: message.key ? Buffer.from(message.key.base64, 'base64') : null,
      value: message.value ? Buffer.from(message.value.base64, 'base64') : null,
      headers: message.headers.map((h) => ({ key: h.key, value: h.value && Buffer.from(h.value.base64, 'base64') })),
    },
    deps.log,
  );
}

async function readValue(prompter: Prompter, title: string): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const sources: PickItem<ValueSource>[] = [{ label: 'Type the value', value: 'input' }];
  if (editor && !editor.selection.isEmpty) sources.push({ label: 'Selection', description: path.basename(editor.document.fileName), value: 'selection' });
  if (editor) sources.push({ label: 'Active editor', description: path.basename(editor.document.fileName), value: 'editor' });
  const source = sources.length === 1 ? 'input' : await prompter.pick(sources, { title: `${title}: value from`, placeholder: 'Where the value comes from' });
  if (source === 'selection') return editor?.document.getText(editor.selection);
  if (source === 'editor') return editor?.document.getText();
  if (source !== 'input') return undefined;
  return prompter.input({ title: `${title}: value`, prompt: 'JSON is checked before sending.', placeholder: '{"id": 1}' });
}
