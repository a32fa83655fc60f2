// Groups in words, by type: the four types Kafka 4.3 has and what a member is assigned. Pure,
// so the explorer, the CLI and the tests read the same text.

import type { AssignedPartitions, GroupMember } from './types';
import { groupDigits } from '../text/count';

/** The group types Kafka 4.3 has, as ListGroups v5 names them (KIP-848, KIP-932, KIP-1071). */
export const GROUP_TYPES = ['classic', 'consumer', 'share', 'streams'] as const;
export type KnownGroupType = (typeof GROUP_TYPES)[number];

export function isKnownType(type: string): type is KnownGroupType {
  return (GROUP_TYPES as readonly string[]).includes(type);
}

/** `orders:0,1 payments:3`, as Kafka's tools write an assignment; `-` when empty. A streams member's are `subtopology:partitions`. */
export function assignmentText(assignment: readonly AssignedPartitions[]): string {
  return assignment.map((a) => `${a.topic}:${a.partitions.join(',')}`).join(' ') || '-';
}

/** `billing-1 on /10.0.0.5: orders:0,1`. */
export function memberText(m: GroupMember): string {
  return `${m.clientId || '(no client id)'} on ${m.clientHost || '(unknown host)'}: ${assignmentText(m.assignment)}`;
}

/** The type in a sentence: `Share group (KIP-932)`. */
export function groupTypeText(type: string): string {
  switch (type) {
    case 'classic':
      return 'Classic consumer group';
    case 'consumer':
      return 'Consumer group (KIP-848 protocol)';
    case 'share':
      return 'Share group (KIP-932)';
    case 'streams':
      return 'Streams group (KIP-1071)';
    default:
      return `Group of type "${type}", which this version of Upsun Kafka Tools does not know`;
  }
}

/**
 * `partition 0 committed at 100, past the end 11`, for the partitions of a lag whose committed
 * offset is past the high watermark (lag below 0, as kafka-consumer-groups shows it): a consumer
 * there starts by its `auto.offset.reset`. Empty when none is.
 */
export function pastEndText(partitions: readonly { readonly partition: number; readonly committed: string | null; readonly high: string; readonly lag: string | null }[]): string {
  return partitions
    .filter((p) => p.committed !== null && p.lag !== null && BigInt(p.lag) < 0n)
    .map((p) => `partition ${p.partition} committed at ${groupDigits(p.committed!)}, past the end ${groupDigits(p.high)}`)
    .join('; ');
}
