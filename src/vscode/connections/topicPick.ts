// Choosing a topic of a connected cluster, with each topic's partitions and message count.

import * as vscode from 'vscode';
import type { KafkaCluster, TopicInfo } from '../../kafka/types';
import type { PickItem, Prompter } from '../prompter';

export interface TopicPickOptions {
  readonly title: string;
  /** Offer the typed text as a new topic name (the cluster creates it when it allows that). */
  readonly allowNew?: boolean;
  /** Listed first, e.g. the topic a message came from. */
  readonly first?: string;
}

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export async function pickTopic(cluster: KafkaCluster, prompter: Prompter, options: TopicPickOptions): Promise<string | undefined> {
  const topics = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Listing Kafka topics…' }, () => cluster.listTopics());
  const sorted = [...topics].sort((a, b) => (a.name === options.first ? -1 : b.name === options.first ? 1 : a.name.localeCompare(b.name)));
  const items: PickItem<string>[] = sorted.map((t) => ({ label: t.name, description: topicDescription(t), value: t.name }));
  return prompter.pick(items, {
    title: options.title,
    placeholder: options.allowNew ? 'Topic (type a new name to create one)' : 'Topic',
    typed: options.allowNew ? newTopicItem : undefined,
  });
}

export function topicDescription(topic: TopicInfo): string {
  const partitions = topic.partitions.length;
  return `${partitions} partition${partitions === 1 ? '' : 's'} · ${Number(topic.messageCount).toLocaleString('en')} message${topic.messageCount === '1' ? '' : 's'}`;
}

function newTopicItem(text: string): PickItem<string> | undefined {
  if (!text) return undefined;
  return TOPIC_NAME.test(text) && text !== '.' && text !== '..'
    ? { label: text, description: 'new topic', value: text }
    : undefined;
}
