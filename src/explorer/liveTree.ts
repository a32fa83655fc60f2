// The part of the explorer that comes from a connected cluster: topics with their
// partitions, consumer groups with their lag. Filtered by the service's name filter;
// internal topics only when asked for.

import type { ConsumerGroupInfo, KafkaCluster, PartitionInfo, TopicInfo, TopicLag } from '../kafka/types';
import { assignmentText, groupTypeText, memberText } from '../live/groupText';
import { behindText } from '../live/timeLag';
import type { NameFilter } from './nameFilter';
import { ExplorerNode, GroupNode, LiveSectionNode, messageNode, PartitionNode, TopicNode } from './nodes';
import { settingsNode } from './topicSettingsTree';

export interface TopicListOptions {
  readonly filter: NameFilter;
  /** The filter as typed, to say why nothing shows. */
  readonly filterText: string;
  readonly showInternal: boolean;
}

const count = (value: string | number | bigint) => {
  try {
    return BigInt(value).toLocaleString('en-US');
  } catch {
    return String(value);
  }
};

const plural = (n: number | string, one: string, many: string) => `${count(n)} ${String(n) === '1' ? one : many}`;

/**
 * The rows under "Topics" or "Consumer groups" of a connected service: one cluster call,
 * then pure work. A failure becomes a row that says what went wrong.
 */
export async function loadSection(cluster: KafkaCluster, section: LiveSectionNode, options: TopicListOptions): Promise<ExplorerNode[]> {
  const what = section.kind === 'topics' ? 'topics' : 'consumer groups';
  try {
    if (section.kind === 'topics') {
      const topics = await cluster.listTopics({ includeInternal: options.showInternal });
      return topicNodes(section.id, section.serviceKey, topics, options);
    }
    return groupNodes(section.id, section.serviceKey, await cluster.listConsumerGroups(), options.filter, options.filterText);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [messageNode(section.id, `Failed to load ${what}: ${message}`, true, `${message}\n\nRefresh to try again.`)];
  }
}

export function topicNodes(parentId: string, serviceKey: string, topics: readonly TopicInfo[], options: TopicListOptions): ExplorerNode[] {
  const visible = topics.filter((t) => (options.showInternal || !t.internal) && options.filter(t.name)).sort((a, b) => a.name.localeCompare(b.name));
  if (visible.length === 0) return [emptyMessage(parentId, 'topics', topics.length, options.filterText)];
  return visible.map((topic) => topicNode(parentId, serviceKey, topic));
}

export function topicNode(parentId: string, serviceKey: string, topic: TopicInfo): TopicNode {
  const id = `${parentId}/topic:${topic.name}`;
  const partitions = plural(topic.partitions.length, 'partition', 'partitions');
  const messages = plural(topic.messageCount, 'message', 'messages');
  // Fewer in-sync replicas than replicas: a broker is down or behind, and one more loss may lose data.
  const underReplicated = topic.partitions.filter((p) => p.isr.length < p.replicas.length).length;
  const warning = underReplicated > 0 ? ` · ${underReplicated} under-replicated` : '';
  return {
    kind: 'topic',
    id,
    label: topic.name,
    // Messages first: a long topic name leaves room for little else.
    description: `${messages} · ${partitions}${warning}`,
    tooltip: `**${topic.name}**${topic.internal ? ' (internal)' : ''}\n\n${partitions}, ${messages} (high minus low watermark, summed over partitions)${
      underReplicated > 0 ? `\n\n${plural(underReplicated, 'partition has', 'partitions have')} fewer in-sync replicas than replicas: a broker is down or falling behind.` : ''
    }`,
    icon: underReplicated > 0 ? 'warning' : topic.internal ? 'gear' : 'symbol-event',
    contextValue: 'topic',
    expand: 'collapsed',
    serviceKey,
    topic: topic.name,
    info: topic,
    // Settings after the partitions: what a glance at a topic is for comes first.
    children: [...[...topic.partitions].sort((a, b) => a.partition - b.partition).map((p): ExplorerNode => partitionNode(id, p)), settingsNode(id, serviceKey, topic.name)],
  };
}

function partitionNode(parentId: string, p: PartitionInfo): PartitionNode {
  const offsets = `offsets ${count(p.low)}–${count(p.high)}`;
  const outOfSync = p.replicas.length - p.isr.length;
  const inSync = outOfSync > 0 ? ` (${outOfSync} out of sync)` : '';
  return {
    kind: 'partition',
    id: `${parentId}/partition:${p.partition}`,
    label: `Partition ${p.partition}`,
    // Short enough for a sidebar; the tooltip lists the replicas and in-sync replicas.
    description: `${offsets} · ${p.leader < 0 ? 'no leader (offline)' : `leader ${p.leader}`}${outOfSync > 0 ? ` · ${p.isr.length}/${p.replicas.length} in sync` : ''}`,
    tooltip: `Leader: broker ${p.leader}\n\nReplicas: ${p.replicas.join(', ')}\n\nIn-sync replicas: ${p.isr.join(', ')}${inSync}\n\nLow watermark ${count(p.low)}, high watermark ${count(p.high)}`,
    icon: p.isr.length < p.replicas.length ? 'warning' : 'symbol-array',
    contextValue: 'partition',
    expand: 'none',
    partition: p,
  };
}

export function groupNodes(parentId: string, serviceKey: string, groups: readonly ConsumerGroupInfo[], filter: NameFilter, filterText: string): ExplorerNode[] {
  const visible = groups.filter((g) => filter(g.groupId)).sort((a, b) => a.groupId.localeCompare(b.groupId));
  if (visible.length === 0) return [emptyMessage(parentId, 'consumer groups', groups.length, filterText)];
  return visible.map((group) => groupNode(parentId, serviceKey, group));
}

function groupNode(parentId: string, serviceKey: string, group: ConsumerGroupInfo): GroupNode {
  const id = `${parentId}/group:${group.groupId}`;
  const lags = groupLags(group);
  const total = lags.some((l) => l.lag === null) ? null : lags.reduce((sum, l) => sum + toBigInt(l.lag!), 0n);
  const ages = lags.map((l) => l.timeLagMs).filter((ms): ms is number => ms !== null);
  const behind = behindText(ages.length > 0 ? Math.max(...ages) : null);
  const members = plural(group.members, 'member', 'members');
  const lagText = (l: ShownLag) => [l.lag === null ? 'lag unknown' : `lag ${count(l.lag)}`, behindText(l.timeLagMs)].filter(Boolean).join(' · ');
  const lagHelp = group.type === 'share'
    ? 'Lag (records from the share group\'s start offset not yet delivered and acknowledged, as Kafka computes it), per topic'
    : 'Lag (messages not yet consumed, and how old the first of them is), per topic';
  const memberLines = group.memberList.map((m) => `- ${memberText(m)}`).join('\n');
  return {
    kind: 'group',
    id,
    label: group.groupId,
    // Lag first: what people open the row for, and what a long group id leaves room for.
    // The type next: a cut-off description still shows what kind of group this is.
    description: [total === null ? 'lag unknown' : `lag ${count(total)}`, behind, group.type, group.state, members].filter(Boolean).join(' · '),
    tooltip: [
      `**${group.groupId}**`,
      `${groupTypeText(group.type)}, ${group.state}, ${members}${group.assignor ? `, assignor \`${group.assignor}\`` : ''}`,
      ...(group.note ? [`⚠ ${group.note}`] : []),
      ...(memberLines ? [`Members:\n\n${memberLines}`] : []),
      `${lagHelp}:\n\n${lags.map((l) => `- ${l.topic}: ${lagText(l)}`).join('\n') || (group.type === 'share' ? '- no start offsets yet' : '- no committed offsets')}`,
    ].join('\n\n'),
    icon: TYPE_ICONS[group.type] ?? 'question',
    contextValue: 'group',
    expand: lags.length > 0 || group.memberList.length > 0 ? 'collapsed' : 'none',
    serviceKey,
    group,
    children: [
      ...group.memberList.map((m) => ({
        kind: 'member' as const,
        id: `${id}/member:${m.memberId}`,
        label: m.clientId || '(no client id)',
        description: `${m.clientHost} · ${group.type === 'streams' ? 'tasks' : 'partitions'} ${assignmentText(m.assignment)}`,
        tooltip: `Member \`${m.memberId}\` of ${group.groupId}: ${memberText(m)}`,
        icon: 'person',
        contextValue: 'member' as const,
        expand: 'none' as const,
      })),
      ...lags.map((l) => ({
        kind: 'lag' as const,
        id: `${id}/lag:${l.topic}`,
        label: l.topic,
        description: lagText(l),
        icon: l.lag === null || toBigInt(l.lag) > 0n ? 'history' : 'pass',
        contextValue: 'lag' as const,
        expand: 'none' as const,
      })),
    ],
  };
}

/** Lag per topic: committed-offset lag, or for a share group the sum of its partitions' lag as Kafka computes it. */
/** Consumers of either protocol look alike; a share group is a queue; a streams group an app. */
const TYPE_ICONS: Readonly<Record<string, string>> = { classic: 'organization', consumer: 'organization', share: 'inbox', streams: 'pulse' };

/** A topic's lag as a row shows it: null when Kafka does not say (a share group on Kafka 4.1). */
type ShownLag = Pick<TopicLag, 'topic' | 'timeLagMs'> & { readonly lag: string | null };

/** Lag per topic: committed-offset lag, or for a share group the sum of its partitions' lag as Kafka computes it. */
function groupLags(group: ConsumerGroupInfo): ShownLag[] {
  if (group.type !== 'share') return [...group.lag];
  const byTopic = new Map<string, bigint | null>();
  for (const o of group.shareOffsets ?? []) {
    const sum = byTopic.has(o.topic) ? byTopic.get(o.topic)! : 0n;
    byTopic.set(o.topic, sum === null || o.lag === null ? null : sum + toBigInt(o.lag));
  }
  return [...byTopic].map(([topic, lag]) => ({ topic, lag: lag === null ? null : lag.toString(), timeLagMs: null }));
}

function toBigInt(value: string): bigint {
  try {
    return BigInt(value);
  } catch {
    return 0n;
  }
}

function emptyMessage(parentId: string, what: string, total: number, filterText: string): ExplorerNode {
  if (total > 0 && filterText) return messageNode(parentId, `No ${what} match "${filterText}"`, false, 'Change or clear the filter with "Filter Topics and Consumer Groups…".');
  return messageNode(parentId, `No ${what}`, false);
}
