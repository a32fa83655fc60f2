// The part of the explorer that comes from a connected cluster: topics with their
// partitions, consumer groups with their lag. Filtered by the service's name filter;
// internal topics only when asked for.

import type { ConsumerGroupInfo, KafkaCluster, PartitionInfo, TopicInfo, TopicLag } from '../kafka/types';
import { assignmentText, groupTypeText, memberText, pastEndText } from '../kafka/groupText';
import { DEFAULT_TRANSACTION_MAX_TIMEOUT_MS, heldOffsets, heldText, lagHeld, LastStableWatch, waitingText } from '../kafka/openTransaction';
import { groupDigits } from '../text/count';
import { offsetRangeText } from '../text/offsets';
import { behindText, durationText } from '../text/duration';
import type { NameFilter } from './nameFilter';
import { ExplorerNode, failedNode, GroupNode, LiveSectionNode, messageNode, PartitionNode, TopicNode } from './nodes';
import { settingsNode } from './topicSettingsTree';
import { markdownCode, markdownText } from '../language/markdown';
import type { DiskUsage, TopicUsage } from '../health/usage';
import { bytesText } from '../text/bytes';

export interface TopicListOptions {
  readonly filter: NameFilter;
  /** The filter as typed, to say why nothing shows. */
  readonly filterText: string;
  readonly showInternal: boolean;
  /**
   * Per partition (`heldKey`), how long its last stable offset has stood below the high
   * watermark, and the longest a transaction may stay open (`transaction.max.timeout.ms`):
   * past it, the row marks a likely hanging transaction.
   */
  readonly held?: ReadonlyMap<string, HeldFor>;
  /** Bytes on the brokers' disks per topic and partition (health/usage.ts); absent when not read. */
  readonly usage?: DiskUsage;
  /** Why `usage` is absent (a broker refused DescribeLogDirs…), for the topic tooltips. */
  readonly usageError?: string;
  /**
   * The disk usage being read while the topics are listed: awaited before the rows are built,
   * its answer in place of `usage` and `usageError`, so that the two requests overlap.
   */
  readonly usageRead?: Promise<{ readonly usage?: DiskUsage; readonly usageError?: string }>;
  /** Largest topics first instead of by name. */
  readonly sortBySize?: boolean;
  /** Called with the topics just listed, before their rows are built (produce-rate samples). */
  readonly onTopics?: (topics: readonly TopicInfo[]) => void;
  /** Called with the groups just listed, before their rows are built (lag samples). */
  readonly onGroups?: (groups: readonly ConsumerGroupInfo[]) => void;
  /** The lag trend of a group in words (`↑ falling behind 120 msg/s`), when sampled. */
  readonly trendOf?: (groupId: string) => string | undefined;
}

export interface HeldFor {
  readonly heldMs: number;
  readonly limitMs: number;
  /** False when the broker's limit could not be read and Kafka's default stands in. */
  readonly limitRead: boolean;
}

/** The key of a partition in `TopicListOptions.held`. */
export const heldKey = (topic: string, partition: number) => `${partition}/${topic}`;

const plural = (n: number | string, one: string, many: string) => `${groupDigits(n)} ${String(n) === '1' ? one : many}`;

/**
 * The rows under "Topics" or "Consumer groups" of a connected service: one cluster call,
 * then pure work. A failure becomes a row that says what went wrong, and goes to `onFailure`
 * (which tells a lost connection from a refused request).
 */
export async function loadSection(cluster: KafkaCluster, section: LiveSectionNode, options: TopicListOptions, watch?: LastStableWatch, onFailure?: (error: unknown) => void): Promise<ExplorerNode[]> {
  const what = section.kind === 'topics' ? 'topics' : 'consumer groups';
  try {
    if (section.kind === 'topics') {
      const [topics, sizes] = await Promise.all([cluster.listTopics({ includeInternal: options.showInternal }), options.usageRead]);
      options.onTopics?.(topics);
      const sized = sizes ? { ...options, usage: sizes.usage, usageError: sizes.usageError } : options;
      return topicNodes(section.id, section.serviceKey, topics, watch ? { ...sized, held: await heldTimes(cluster, topics, watch) } : sized);
    }
    const groups = await cluster.listConsumerGroups();
    options.onGroups?.(groups);
    return groupNodes(section.id, section.serviceKey, groups, options.filter, options.filterText, options.trendOf);
  } catch (error) {
    onFailure?.(error);
    return [failedNode(section.id, what, error)];
  }
}

/**
 * Each held partition's time held, as `watch` saw it, with the broker's limit, read only when
 * some partition is held (Kafka's default when it cannot be read).
 */
async function heldTimes(cluster: KafkaCluster, topics: readonly TopicInfo[], watch: LastStableWatch): Promise<Map<string, HeldFor>> {
  const now = Date.now();
  const times = new Map<string, number>();
  for (const t of topics) {
    for (const p of t.partitions) {
      const ms = watch.observe(heldKey(t.name, p.partition), p, now);
      if (ms !== null) times.set(heldKey(t.name, p.partition), ms);
    }
  }
  if (times.size === 0) return new Map();
  const limit = await cluster.transactionMaxTimeoutMs().then(
    (ms) => ({ limitMs: ms, limitRead: true }),
    () => ({ limitMs: DEFAULT_TRANSACTION_MAX_TIMEOUT_MS, limitRead: false }),
  );
  return new Map([...times].map(([key, heldMs]) => [key, { heldMs, ...limit }]));
}

export function topicNodes(parentId: string, serviceKey: string, topics: readonly TopicInfo[], options: TopicListOptions): ExplorerNode[] {
  const sizes = new Map(options.usage?.topics.map((t) => [t.topic, t]));
  const bySize = (a: TopicInfo, b: TopicInfo) => (sizes.get(b.name)?.bytes ?? -1) - (sizes.get(a.name)?.bytes ?? -1);
  const visible = topics.filter((t) => (options.showInternal || !t.internal) && options.filter(t.name)).sort((a, b) => (options.sortBySize ? bySize(a, b) : 0) || a.name.localeCompare(b.name));
  if (visible.length === 0) return [emptyMessage(parentId, 'topics', topics.length, options.filterText)];
  const size = (topic: string): TopicSize => (options.usage ? { usage: sizes.get(topic) ?? { topic, bytes: 0, partitions: [] } } : { why: options.usageError });
  return visible.map((topic) => topicNode(parentId, serviceKey, topic, options.held, size(topic.name)));
}

/** A topic's bytes on disk, or why they are not known (undefined: not asked). */
type TopicSize = { readonly usage: TopicUsage } | { readonly why: string | undefined };

export function topicNode(parentId: string, serviceKey: string, topic: TopicInfo, held?: ReadonlyMap<string, HeldFor>, size?: TopicSize): TopicNode {
  const id = `${parentId}/topic:${topic.name}`;
  const partitions = plural(topic.partitions.length, 'partition', 'partitions');
  const messages = plural(topic.messageCount, 'message', 'messages');
  // Fewer in-sync replicas than replicas: a broker is down or behind, and one more loss may lose data.
  const underReplicated = topic.partitions.filter((p) => p.isr.length < p.replicas.length).length;
  const warning = underReplicated > 0 ? ` · ${underReplicated} under-replicated` : '';
  const usage = size && 'usage' in size ? size.usage : undefined;
  const bytes = usage ? ` · ${bytesText(usage.bytes)}` : '';
  const sizeHelp = usage
    ? `\n\n${bytesText(usage.bytes)} on the brokers' disks (${groupDigits(usage.bytes)} bytes, every replica's log, as the brokers report them)`
    : size && 'why' in size && size.why ? `\n\nSize on disk unknown: ${markdownText(size.why)}` : '';
  const partitionBytes = new Map(usage?.partitions.map((p) => [p.partition, p.bytes]));
  return {
    kind: 'topic',
    id,
    label: topic.name,
    // Messages first: a long topic name leaves room for little else.
    // The size last: existing readers of the row find the counts where they were.
    description: `${messages} · ${partitions}${warning}${bytes}`,
    tooltip: `**${markdownText(topic.name)}**${topic.internal ? ' (internal)' : ''}\n\n${partitions}, ${messages} (high minus low watermark, summed over partitions)${sizeHelp}${
      underReplicated > 0 ? `\n\n${plural(underReplicated, 'partition has', 'partitions have')} fewer in-sync replicas than replicas: a broker is down or falling behind.` : ''
    }`,
    icon: underReplicated > 0 ? 'warning' : topic.internal ? 'gear' : 'symbol-event',
    contextValue: 'topic',
    expand: 'collapsed',
    serviceKey,
    topic: topic.name,
    info: topic,
    // Settings after the partitions: what a glance at a topic is for comes first.
    children: [...[...topic.partitions].sort((a, b) => a.partition - b.partition).map((p): ExplorerNode => partitionNode(id, p, held?.get(heldKey(topic.name, p.partition)), usage ? (partitionBytes.get(p.partition) ?? 0) : undefined)), settingsNode(id, serviceKey, topic.name)],
  };
}

function partitionNode(parentId: string, p: PartitionInfo, heldFor?: HeldFor, bytes?: number): PartitionNode {
  const offsets = offsetRangeText(p.low, p.high);
  const hanging = heldFor !== undefined && heldOffsets(p) > 0n && heldFor.heldMs > heldFor.limitMs;
  const held = heldOffsets(p) === 0n ? '' : hanging ? ` · held at ${groupDigits(p.lastStable)}: likely a hanging transaction` : ` · held at ${groupDigits(p.lastStable)} by an open transaction`;
  const hangingText = hanging
    ? `\n\nThe last stable offset has not moved for ${durationText(heldFor.heldMs)} (as far as this window saw), longer than the ${durationText(heldFor.limitMs)} a transaction may stay open (${heldFor.limitRead ? "the brokers' transaction.max.timeout.ms" : "Kafka's default transaction.max.timeout.ms; the broker's could not be read"}): likely a hanging transaction, which its coordinator will not end. Find and abort it with \`kafka-transactions.sh find-hanging\` and \`abort\` (KIP-664).`
    : '';
  const outOfSync = p.replicas.length - p.isr.length;
  const inSync = outOfSync > 0 ? ` (${outOfSync} out of sync)` : '';
  return {
    kind: 'partition',
    id: `${parentId}/partition:${p.partition}`,
    label: `Partition ${p.partition}`,
    // Short enough for a sidebar; the tooltip lists the replicas and in-sync replicas.
    description: `${offsets}${held} · ${p.leader < 0 ? 'no leader (offline)' : `leader ${p.leader}`}${outOfSync > 0 ? ` · ${p.isr.length}/${p.replicas.length} in sync` : ''}${bytes === undefined ? '' : ` · ${bytesText(bytes)}`}`,
    tooltip: `Leader: broker ${p.leader}\n\nReplicas: ${p.replicas.join(', ')}\n\nIn-sync replicas: ${p.isr.join(', ')}${inSync}\n\nLow watermark ${groupDigits(p.low)}, high watermark ${groupDigits(p.high)}, last stable offset ${groupDigits(p.lastStable)}${
      held ? `: an open transaction holds read_committed consumers at offset ${groupDigits(p.lastStable)}; ${waitingText(p)}` : ''
    }${hangingText}`,
    icon: p.isr.length < p.replicas.length || hanging ? 'warning' : 'symbol-array',
    contextValue: 'partition',
    expand: 'none',
    partition: p,
  };
}

export function groupNodes(parentId: string, serviceKey: string, groups: readonly ConsumerGroupInfo[], filter: NameFilter, filterText: string, trendOf?: (groupId: string) => string | undefined): ExplorerNode[] {
  const visible = groups.filter((g) => filter(g.groupId)).sort((a, b) => a.groupId.localeCompare(b.groupId));
  if (visible.length === 0) return [emptyMessage(parentId, 'consumer groups', groups.length, filterText)];
  return visible.map((group) => groupNode(parentId, serviceKey, group, trendOf?.(group.groupId)));
}

function groupNode(parentId: string, serviceKey: string, group: ConsumerGroupInfo, trend?: string): GroupNode {
  const id = `${parentId}/group:${group.groupId}`;
  const lags = groupLags(group);
  const total = lags.some((l) => l.lag === null) ? null : lags.reduce((sum, l) => sum + toBigInt(l.lag!), 0n);
  const ages = lags.map((l) => l.timeLagMs).filter((ms): ms is number => ms !== null);
  const behind = behindText(ages.length > 0 ? Math.max(...ages) : null);
  const members = plural(group.members, 'member', 'members');
  const lagText = (l: ShownLag) => [l.lag === null ? 'lag unknown' : `lag ${groupDigits(l.lag)}`, heldText(lagHeld(l.partitions)), pastEndText(l.partitions), behindText(l.timeLagMs)].filter(Boolean).join(' · ');
  const held = lags.reduce((sum, l) => sum + lagHeld(l.partitions), 0n);
  const lagHelp = group.type === 'share'
    ? 'Lag (records from the share group\'s start offset not yet delivered and acknowledged, as Kafka computes it), per topic'
    : 'Lag (records up to the high watermark not yet consumed, those an open transaction holds back, and the age of the first one), per topic';
  const memberLines = group.memberList.map((m) => `- ${markdownText(memberText(m))}`).join('\n');
  return {
    kind: 'group',
    id,
    label: group.groupId,
    // Lag first: what people open the row for, and what a long group id leaves room for.
    // The type next: a cut-off description still shows what kind of group this is.
    description: [total === null ? 'lag unknown' : `lag ${groupDigits(total)}${trend && /^[↑↓]/.test(trend) ? ` ${trend}` : ''}`, heldText(held), behind, group.type, group.state, members].filter(Boolean).join(' · '),
    tooltip: [
      `**${markdownText(group.groupId)}**`,
      `${markdownText(groupTypeText(group.type))}, ${markdownText(group.state)}, ${members}${group.assignor ? `, assignor ${markdownCode(group.assignor)}` : ''}`,
      ...(group.note ? [`⚠ ${markdownText(group.note)}`] : []),
      ...(memberLines ? [`Members:\n\n${memberLines}`] : []),
      ...(trend ? [`Trend: ${markdownText(trend)}, from the lag sampled while the explorer is visible (production rate: growth of the high watermarks; consumption rate: growth of the committed offsets).`] : []),
      `${lagHelp}:\n\n${lags.map((l) => `- ${markdownText(l.topic)}: ${lagText(l)}`).join('\n') || (group.type === 'share' ? '- no start offsets yet' : '- no committed offsets')}`,
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
        tooltip: `Member ${markdownCode(m.memberId)} of ${markdownText(group.groupId)}: ${markdownText(memberText(m))}`,
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
type ShownLag = Pick<TopicLag, 'topic' | 'timeLagMs' | 'partitions'> & { readonly lag: string | null };

/** Lag per topic: committed-offset lag, or for a share group the sum of its partitions' lag as Kafka computes it. */
function groupLags(group: ConsumerGroupInfo): ShownLag[] {
  if (group.type !== 'share') return [...group.lag];
  const byTopic = new Map<string, bigint | null>();
  for (const o of group.shareOffsets ?? []) {
    const sum = byTopic.has(o.topic) ? byTopic.get(o.topic)! : 0n;
    byTopic.set(o.topic, sum === null || o.lag === null ? null : sum + toBigInt(o.lag));
  }
  return [...byTopic].map(([topic, lag]) => ({ topic, lag: lag === null ? null : lag.toString(), timeLagMs: null, partitions: [] }));
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
