// The explorer's tree as plain data: what each row shows and what it stands for. Built by
// pure code (declaredTree, liveTree) so tests read the same labels the view shows; the
// VS Code layer only turns these into TreeItems.

import type { ProjectModel, RelationshipDecl, ServiceDecl, SourceSpan } from '../config/model';
import type { TopicConfigEntry } from '../kafka/types';
import type { ConsumerGroupInfo, PartitionInfo, TopicInfo } from '../kafka/types';
import { markdownText } from '../language/markdown';
import { describeError } from '../text/error';

/** A codicon id, or `kafka` / `kafka-connected` for the extension's own icons in `media/`. */
export type NodeIcon = string;

/**
 * What menus match with `viewItem ==`: short lowercase nouns. A Kafka service is `kafka`
 * until it is connected, then `cluster`.
 */
export type ContextValue =
  | 'project'
  | 'kafka'
  | 'cluster'
  | 'service'
  | 'section'
  | 'binding'
  | 'variable'
  | 'problem'
  | 'topics'
  | 'topic'
  | 'partition'
  | 'groups'
  | 'group'
  | 'lag'
  | 'member'
  | 'settings'
  | 'setting'
  | 'override'
  | 'readonly'
  | 'message'
  | 'restricted';

interface NodeBase {
  /** Unique in the tree and stable across rebuilds, so the view keeps what is expanded. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  /**
   * What a screen reader says for the row, when the icon carries meaning the label and
   * description do not (a connected service's dot); else label and description are read.
   */
  readonly accessibilityLabel?: string;
  readonly icon: NodeIcon;
  readonly contextValue: ContextValue;
  /** Where the item was written; clicking it opens the YAML there. */
  readonly reveal?: SourceSpan;
  readonly expand: 'none' | 'collapsed' | 'expanded';
}

export interface ProjectNode extends NodeBase {
  readonly kind: 'project';
  readonly project: ProjectModel;
  readonly children: readonly ExplorerNode[];
}

/**
 * Rows that stand for a service or a topic carry `serviceKey` (and `topic`, the name), the
 * argument shape the Peek, Produce and Set Connection commands accept, so menus pass the
 * row itself.
 */
export interface ServiceNode extends NodeBase {
  readonly kind: 'service';
  readonly serviceKey: string;
  readonly project: ProjectModel;
  readonly service: ServiceDecl;
  readonly isKafka: boolean;
  /** The apps' relationships to this service; live sections are added by the view. */
  readonly children: readonly ExplorerNode[];
}

/** "Other services": the declared services that are not Kafka. */
export interface SectionNode extends NodeBase {
  readonly kind: 'section';
  readonly children: readonly ExplorerNode[];
}

export interface BindingNode extends NodeBase {
  readonly kind: 'binding';
  readonly relationship: RelationshipDecl;
  /** The endpoint the relationship uses, resolved to the default when it names none. */
  readonly endpoint: string;
  readonly children: readonly ExplorerNode[];
}

export interface VariableNode extends NodeBase {
  readonly kind: 'variable';
  readonly name: string;
  readonly example: string;
}

export interface ProblemNode extends NodeBase {
  readonly kind: 'problem';
}

/** "Topics" or "Consumer groups" under a connected service; children load when expanded. */
export interface LiveSectionNode extends NodeBase {
  readonly kind: 'topics' | 'groups';
  readonly serviceKey: string;
}

export interface TopicNode extends NodeBase {
  readonly kind: 'topic';
  readonly serviceKey: string;
  /** The topic's name. */
  readonly topic: string;
  readonly info: TopicInfo;
  readonly children: readonly ExplorerNode[];
}

export interface PartitionNode extends NodeBase {
  readonly kind: 'partition';
  readonly partition: PartitionInfo;
}

export interface GroupNode extends NodeBase {
  readonly kind: 'group';
  /** The service the group lives on, so the group commands take the row as their argument. */
  readonly serviceKey: string;
  readonly group: ConsumerGroupInfo;
  readonly children: readonly ExplorerNode[];
}

/** "Configuration" under a topic; its settings load when expanded. */
export interface SettingsNode extends NodeBase {
  readonly kind: 'settings';
  readonly serviceKey: string;
  readonly topic: string;
}

/** One setting of a topic: `override` when set on the topic, `setting` otherwise. */
export interface SettingNode extends NodeBase {
  readonly kind: 'setting';
  readonly serviceKey: string;
  readonly topic: string;
  readonly entry: TopicConfigEntry;
}

export interface LagNode extends NodeBase {
  readonly kind: 'lag';
}

/** A member of a group: client id, host and what it is assigned. */
export interface MemberNode extends NodeBase {
  readonly kind: 'member';
}

/** An informational or error row: "No topics", "Failed to load topics: …". */
export interface MessageNode extends NodeBase {
  readonly kind: 'message';
  readonly isError: boolean;
  /** A command that clicking the row runs, e.g. VS Code's "Manage Workspace Trust". */
  readonly action?: { readonly command: string; readonly title: string };
}

export type ExplorerNode =
  | ProjectNode
  | ServiceNode
  | SectionNode
  | BindingNode
  | VariableNode
  | ProblemNode
  | LiveSectionNode
  | TopicNode
  | PartitionNode
  | SettingsNode
  | SettingNode
  | GroupNode
  | LagNode
  | MemberNode
  | MessageNode;

/** The children a node already holds; live sections have none until they load. */
export function staticChildren(node: ExplorerNode): readonly ExplorerNode[] {
  return 'children' in node ? node.children : [];
}

export function messageNode(parentId: string, label: string, isError: boolean, tooltip?: string): MessageNode {
  return {
    kind: 'message',
    id: `${parentId}/message:${label}`,
    label,
    tooltip,
    icon: isError ? 'error' : 'info',
    contextValue: 'message',
    isError,
    expand: 'none',
  };
}

/** The row a failed load shows in place of its children: `Failed to load topics: …`, with the whole message and what to do in its tooltip. */
export function failedNode(parentId: string, what: string, error: unknown): MessageNode {
  const message = describeError(error);
  return messageNode(parentId, `Failed to load ${what}: ${message}`, true, `${markdownText(message)}\n\nRefresh to try again.`);
}
