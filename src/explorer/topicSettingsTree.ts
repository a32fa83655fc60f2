// A topic's "Configuration" row and the settings under it: set on the topic first, then the
// defaults, each `name  7 days  (set)`, with the raw value, where it comes from and Kafka's
// documentation in the tooltip.

import type { TopicConfigEntry } from '../kafka/types';
import type { KafkaCluster } from '../kafka/types';
import { defaultAfterReset, entryValue, orderedSettings, sourceDescription, sourceTag } from '../kafka/topicSettings/edit';
import { ExplorerNode, failedNode, messageNode, SettingNode, SettingsNode } from './nodes';
import { markdownCode, markdownText } from '../language/markdown';

export function settingsNode(topicId: string, serviceKey: string, topic: string): SettingsNode {
  return {
    kind: 'settings',
    id: `${topicId}/settings`,
    label: 'Configuration',
    tooltip: `The settings of **${markdownText(topic)}**: those set on the topic first, then the defaults it inherits from the broker or Kafka.`,
    icon: 'settings-gear',
    contextValue: 'settings',
    expand: 'collapsed',
    serviceKey,
    topic,
  };
}

/** The rows under "Configuration": one cluster call; a failure becomes a row saying so. */
export async function loadSettings(cluster: KafkaCluster, node: SettingsNode): Promise<ExplorerNode[]> {
  try {
    const entries = await cluster.describeTopicConfig(node.topic);
    if (entries.length === 0) return [messageNode(node.id, 'No settings', false)];
    return orderedSettings(entries).map((entry) => settingNode(node, entry));
  } catch (error) {
    return [failedNode(node.id, 'the settings', error)];
  }
}

export function settingNode(parent: SettingsNode, entry: TopicConfigEntry): SettingNode {
  const set = entry.source === 'topic';
  const notes = [entry.readOnly ? 'read-only' : '', entry.sensitive ? 'sensitive' : ''].filter(Boolean);
  return {
    kind: 'setting',
    id: `${parent.id}/setting:${entry.name}`,
    label: entry.name,
    description: `${entryValue(entry)}  (${sourceTag(entry.source)}${notes.length ? `, ${notes.join(', ')}` : ''})`,
    tooltip: settingTooltip(entry),
    icon: entry.sensitive ? 'key' : entry.readOnly ? 'lock' : set ? 'circle-filled' : 'circle-outline',
    // Read-only settings get no menu: the broker refuses any change.
    contextValue: entry.readOnly ? 'readonly' : set ? 'override' : 'setting',
    expand: 'none',
    serviceKey: parent.serviceKey,
    topic: parent.topic,
    entry,
  };
}

function settingTooltip(entry: TopicConfigEntry): string {
  const raw = entry.sensitive ? 'hidden (sensitive)' : entry.value === null ? 'none' : markdownCode(entry.value);
  const lines = [`**${markdownText(entry.name)}**: ${markdownText(entryValue(entry))}`, `Raw value: ${raw}, ${markdownText(entry.type)}`, `Comes from ${markdownText(sourceDescription(entry.source))}.`];
  if (entry.source === 'topic') {
    const fallback = defaultAfterReset(entry);
    // Kafka 4 names no default synonym for some settings (retention.ms among them).
    lines.push(fallback ? `Reset to Default brings back ${markdownText(fallback)}.` : 'Reset to Default removes the value set on this topic; the broker does not say which default then applies.');
  }
  if (entry.readOnly) lines.push('Read-only: the broker does not let it be changed on a topic.');
  // The broker's words: shown as text, its HTML (`<code>`) included, never rendered.
  if (entry.documentation) lines.push(markdownText(entry.documentation));
  return lines.join('\n\n');
}
