// Choosing a topic of a connected cluster, with each topic's partitions and message count.

import * as vscode from 'vscode';
import type { KafkaCluster, TopicInfo } from '../../kafka/types';
import { plural } from '../../text/count';
import type { PickItem, Prompter } from '../prompter';

export interface TopicPickOptions {
  readonly title: string;
  /** Offer the typed text as a new topic name (the cluster creates it when it allows that). */
  readonly allowNew?: boolean;
  /** Listed first, e.g. the topic a message came from. */
  readonly first?: string;
}

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/** A topic that exists, or a new one to create (with one partition) before using it. */
export interface TopicChoice {
  readonly name: string;
  readonly create?: { readonly partitions: number; readonly replicationFactor: number };
}

export async function pickTopic(cluster: KafkaCluster, prompter: Prompter, options: TopicPickOptions): Promise<TopicChoice | undefined> {
  const topics = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Listing Kafka topics…' }, () => cluster.listTopics());
  const sorted = [...topics].sort((a, b) => (a.name === options.first ? -1 : b.name === options.first ? 1 : a.name.localeCompare(b.name)));
  const items: PickItem<TopicChoice>[] = sorted.map((t) => ({ label: t.name, description: topicDescription(t), value: { name: t.name } }));
  // kafkajs cannot ask for the broker's default replication factor, so a new topic gets what
  // the existing ones have: 1 on a single-node service.
  const replicationFactor = Math.max(1, ...topics.flatMap((t) => t.partitions.map((p) => p.replicas.length)));
  return prompter.pick(items, {
    title: options.title,
    placeholder: options.allowNew ? 'Topic (type a new name to create one)' : 'Topic',
    typed: options.allowNew ? (text) => newTopicItem(text, replicationFactor) : undefined,
  });
}

/** Creates a new topic the user chose; returns its name, or throws what the cluster said. */
export async function ensureTopic(cluster: KafkaCluster, choice: TopicChoice): Promise<string> {
  const { create } = choice;
  if (create) {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Creating topic "${choice.name}"…` }, () =>
      cluster.createTopic({ topic: choice.name, ...create }),
    );
  }
  return choice.name;
}

export function topicDescription(topic: TopicInfo): string {
  return `${plural(topic.partitions.length, 'partition')} · ${plural(Number(topic.messageCount), 'message')}`;
}

function newTopicItem(text: string, replicationFactor: number): PickItem<TopicChoice> | undefined {
  if (!TOPIC_NAME.test(text) || text === '.' || text === '..') return undefined;
  return { label: text, description: 'new topic, 1 partition', value: { name: text, create: { partitions: 1, replicationFactor } } };
}
