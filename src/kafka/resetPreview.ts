// The reset preview's rows in words, one per partition: "P0  1,200 → 0" with "lag 300 → 1,500".
// Pure, so the editor's quick pick and the tests read the same text.

import { describeStrategy, membersText } from './groupOffsets';
import type { OffsetResetPlan, PartitionReset } from './types';
import { groupDigits } from '../text/count';

export interface PreviewRow {
  readonly label: string;
  readonly description: string;
  /** Why the new offset is not what was asked, when it is not. */
  readonly detail?: string;
}

const count = (offset: string | null) => (offset === null ? 'none' : groupDigits(offset));

/** One row per partition of the plan, in its order. */
export function previewRows(plan: OffsetResetPlan): PreviewRow[] {
  return plan.partitions.map((p) => ({ label: partitionLabel(p), description: lagChange(p), ...(p.note ? { detail: p.note } : {}) }));
}

function partitionLabel(p: PartitionReset): string {
  const to = p.newOffset === null ? 'unchanged' : count(p.newOffset);
  return `P${p.partition}  ${count(p.committed)} → ${to}`;
}

function lagChange(p: PartitionReset): string {
  if (p.lagBefore === null && p.lagAfter === null) return 'no committed offset';
  return `lag ${p.lagBefore === null ? 'none' : count(p.lagBefore)} → ${count(p.lagAfter)}`;
}

/** `Reset group "billing" on "orders" to earliest: 3 partitions`. */
export function previewTitle(plan: OffsetResetPlan): string {
  const changed = plan.partitions.filter((p) => p.newOffset !== null).length;
  return `Reset group "${plan.group}" on "${plan.topic}" ${describeStrategy(plan.strategy)}: ${changed} ${changed === 1 ? 'partition' : 'partitions'}`;
}

/** Why the plan cannot be applied now, or undefined: Kafka refuses while the group has members. */
export function blockedReason(plan: OffsetResetPlan): string | undefined {
  if (plan.members.length > 0) {
    return `the group has ${plan.members.length === 1 ? '1 active member' : `${plan.members.length} active members`} (${membersText(plan.members)}); Kafka refuses until they stop`;
  }
  if (plan.partitions.every((p) => p.newOffset === null)) return 'no partition has an offset to write';
  return undefined;
}
