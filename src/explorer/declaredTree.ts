// The part of the explorer that comes from the YAML: Kafka services first, the apps and
// relationships bound to each, the variables each relationship gives its app, other
// service types in their own section, and the syntax errors that stop the platform.

import * as path from 'path';
import type { ProjectModel, RelationshipDecl, ServiceDecl, SourceSpan } from '../config/model';
import { positionOf } from '../config/positions';
import { projectKey, serviceKey } from '../config/projectKeys';
import { ExplorerNode, messageNode, ProblemNode, ServiceNode, BindingNode, LiveSectionNode } from './nodes';
import { platformRelationshipsExample, relationshipEntry, relationshipVariables, variableValueText } from '../language/relationshipEnv';
import { markdownCode, markdownCodeBlock, markdownText } from '../language/markdown';

/** Which welcome view the empty tree shows; set as the `upsunKafka.state` context key. */
export type ExplorerState = 'noConfig' | 'noKafka' | 'syntaxError' | 'ready';

/** What the view knows about a service beyond its YAML. */
export interface ServiceStatus {
  /** Shown by the icon (a green dot), so the description stays short enough to read. */
  readonly connected: boolean;
  /** Shown after the type: `connecting…`, `not connected: failed`. */
  readonly notes?: readonly string[];
  /** Shown only in the tooltip: what a note stands for (the message of a failed connection). */
  readonly detail?: string;
  /** The topic and group filter, shown on the Topics and Consumer groups rows. */
  readonly filter?: string;
  /** With `connected`: the bootstrap servers (host:port) and where they came from, for the tooltip. */
  readonly brokers?: readonly string[];
  readonly source?: string;
}

/** `Connected to 10.0.0.1:9092, 10.0.0.2:9092 (brokers from PLATFORM_RELATIONSHIPS (relationship "kafka")).` */
function connectedText(status: ServiceStatus): string {
  const brokers = status.brokers?.length ? ` to ${status.brokers.join(', ')}` : '';
  const source = status.source ? ` (brokers from ${status.source})` : '';
  return `Connected${brokers}${source}.`;
}

export interface DeclaredTreeOptions {
  /** A project's label when the workspace holds several; its folder name by default. */
  readonly projectLabel?: (root: string) => string;
  readonly statusOf?: (key: string) => ServiceStatus | undefined;
  /** The "Other services" section; shown unless false. */
  readonly showOtherServices?: boolean;
  /**
   * The workspace is not trusted (Restricted Mode): a first row says why nothing connects,
   * and clicking it runs this command (VS Code's `workbench.trust.manage`).
   */
  readonly restricted?: { readonly manageTrustCommand: string };
}

export interface DeclaredTree {
  readonly state: ExplorerState;
  readonly roots: readonly ExplorerNode[];
}

const KAFKA = 'kafka';

function platformNote(project: ProjectModel): string {
  if (project.otherPlatformFiles.length === 0) return '';
  return project.platform === 'upsun' ? ' (Upsun)' : ' (Platform.sh)';
}

export function buildDeclaredTree(projects: readonly ProjectModel[], options: DeclaredTreeOptions = {}): DeclaredTree {
  const tree = projectsTree(projects, options);
  // A welcome view shows only while the tree is empty, so the notice joins a tree with rows.
  if (!options.restricted || tree.roots.length === 0) return tree;
  return { state: tree.state, roots: [restrictedNode(options.restricted.manageTrustCommand), ...tree.roots] };
}

function projectsTree(projects: readonly ProjectModel[], options: DeclaredTreeOptions): DeclaredTree {
  if (projects.length === 0) return { state: 'noConfig', roots: [] };
  const perProject = projects.map((project) => ({ project, children: projectChildren(project, projectKey(project), options) }));
  const hasKafka = projects.some((p) => p.services.some(isKafka));
  const hasErrors = perProject.some((p) => p.children.some((c) => c.kind === 'problem'));
  const state: ExplorerState = hasKafka ? 'ready' : hasErrors ? 'syntaxError' : 'noKafka';
  // Without Kafka and without errors the tree stays empty, so the welcome view can offer to add one.
  if (state === 'noKafka') return { state, roots: [] };
  if (projects.length === 1) return { state, roots: perProject[0].children };
  const label = options.projectLabel ?? ((root: string) => path.basename(root));
  return {
    state,
    roots: perProject.map(({ project, children }) => ({
      kind: 'project',
      id: projectKey(project),
      label: `${label(project.root)}${platformNote(project)}`,
      description: project.root,
      tooltip: `${project.platform === 'upsun' ? 'Upsun' : 'Platform.sh'} project in ${markdownCode(project.root)}`,
      icon: 'folder',
      contextValue: 'project',
      expand: 'expanded',
      project,
      children: children.length > 0 ? children : [messageNode(projectKey(project), 'No Kafka service declared', false)],
    })),
  };
}

/** The row that says why Connect, tunnels, peek and produce do nothing in an untrusted folder. */
function restrictedNode(manageTrustCommand: string): ExplorerNode {
  return {
    kind: 'message',
    id: 'restricted-mode',
    label: 'Restricted Mode',
    description: 'not connecting',
    tooltip:
      'This folder is not trusted, so its settings and files may be someone else\'s. The linter, hovers, completion and this tree of declared services work; connecting to Kafka, **Connect to Environment…**, tunnels, peek and produce are off, since they run the Upsun CLI and send credentials to brokers that the folder\'s settings can name.\n\nClick to manage Workspace Trust.',
    icon: 'shield',
    contextValue: 'restricted',
    isError: false,
    expand: 'none',
    action: { command: manageTrustCommand, title: 'Manage Workspace Trust' },
  };
}

function isKafka(service: ServiceDecl): boolean {
  return service.typeName === KAFKA;
}

function projectChildren(project: ProjectModel, parentId: string, options: DeclaredTreeOptions): ExplorerNode[] {
  const problems = syntaxProblems(project, parentId);
  const ids = new UniqueIds();
  const kafka = project.services.filter(isKafka).map((s) => serviceNode(project, s, ids.next(`${parentId}/service:${s.name}`), options));
  if (kafka.length === 0) return problems;
  const others = options.showOtherServices === false ? [] : project.services.filter((s) => !isKafka(s));
  const section: ExplorerNode[] =
    others.length === 0
      ? []
      : [
          {
            kind: 'section',
            id: `${parentId}/others`,
            label: 'Other services',
            description: String(others.length),
            tooltip: 'Services of other types that this project declares',
            icon: 'server-environment',
            contextValue: 'section',
            expand: 'collapsed',
            children: others.map((s) => serviceNode(project, s, ids.next(`${parentId}/service:${s.name}`), options)),
          },
        ];
  return [...problems, ...kafka, ...section];
}

function syntaxProblems(project: ProjectModel, parentId: string): ProblemNode[] {
  return project.problems
    .filter((p) => p.severity === 'error' && p.code.startsWith('yaml-'))
    .map((problem, i) => {
      const line = lineOf(project, problem.span);
      return {
        kind: 'problem',
        id: `${parentId}/problem:${i}`,
        // Short, so the sidebar does not cut it; the tooltip names the whole path.
        label: `YAML error: ${path.basename(problem.span.file)}:${line}`,
        description: problem.message.replace(/^YAML syntax error: /, ''),
        tooltip: `${markdownText(problem.message)}\n\n${markdownCode(relativeFile(project, problem.span.file))}, line ${line}. The platform cannot read this file until it is fixed; click to go there.`,
        icon: 'error',
        contextValue: 'problem',
        reveal: problem.span,
        expand: 'none',
      };
    });
}

function serviceNode(project: ProjectModel, service: ServiceDecl, id: string, options: DeclaredTreeOptions): ServiceNode {
  const key = serviceKey(project, service);
  const status = options.statusOf?.(key);
  const kafka = isKafka(service);
  const bindings = project.applications
    .flatMap((app) => app.relationships)
    .filter((r) => r.form !== 'invalid' && r.service === service.name)
    .map((r, i) => bindingNode(project, service, r, `${id}/binding:${r.app}:${r.name}:${i}`));
  const live: LiveSectionNode[] =
    kafka && status?.connected
      ? [
          liveSection('topics', 'Topics', 'symbol-event', id, key, status.filter),
          liveSection('groups', 'Consumer groups', 'organization', id, key, status.filter),
        ]
      : [];
  const facts = [service.type?.value ?? 'no type', sizeText(service.disk?.value, 'MB'), sizeText(service.size?.value, 'size')];
  const used = bindings.map((b) => `${b.relationship.app} › ${b.relationship.name}`);
  return {
    kind: 'service',
    id,
    label: service.name,
    description: [...facts, ...(status?.notes ?? [])].filter(Boolean).join(' · '),
    tooltip: [
      `**${markdownText(service.name)}** ${markdownCode(service.type?.value ?? 'no type')}`,
      `Declared in ${markdownCode(relativeFile(project, service.nameSpan.file))}, line ${lineOf(project, service.nameSpan)}`,
      used.length > 0 ? `Used by ${markdownText(used.join(', '))}` : 'No application has a relationship to it.',
      ...(status?.connected ? [markdownText(connectedText(status))] : []),
      // Notes and details quote brokers, tunnels and error texts.
      ...(status?.notes ?? []).map(markdownText),
      ...(status?.detail ? [markdownText(status.detail)] : []),
      ...(status?.filter ? [`Topics and consumer groups filtered by ${markdownCode(status.filter)}.`] : []),
    ].join('\n\n'),
    // The connected dot is an icon only: say it to screen readers too.
    ...(kafka && status?.connected ? { accessibilityLabel: `${service.name}, ${[...facts, ...(status.notes ?? [])].filter(Boolean).join(', ')}, connected` } : {}),
    icon: kafka ? (status?.connected ? 'kafka-connected' : 'kafka') : 'server-process',
    contextValue: kafka ? (status?.connected ? 'cluster' : 'kafka') : 'service',
    reveal: service.nameSpan,
    expand: kafka ? 'expanded' : bindings.length > 0 ? 'collapsed' : 'none',
    serviceKey: key,
    project,
    service,
    isKafka: kafka,
    children: [...live, ...bindings],
  };
}

function liveSection(kind: 'topics' | 'groups', label: string, icon: string, parentId: string, serviceKey: string, filter?: string): LiveSectionNode {
  return {
    kind,
    id: `${parentId}/${kind}`,
    label,
    description: filter ? `filter: ${filter}` : undefined,
    icon,
    contextValue: kind,
    expand: kind === 'topics' ? 'expanded' : 'collapsed',
    serviceKey,
  };
}

function bindingNode(project: ProjectModel, service: ServiceDecl, relationship: RelationshipDecl, id: string): BindingNode {
  const entry = relationshipEntry(project, service, relationship);
  const endpoint = entry.rel;
  const json = platformRelationshipsExample(relationship.name, entry);
  const implied = relationship.endpoint === undefined ? `Uses the default endpoint ${markdownCode(endpoint)} of ${markdownCode(service.type?.value ?? service.name)}.\n\n` : '';
  const tooltip = `${implied}\`PLATFORM_RELATIONSHIPS\` entry (example addresses):\n\n${markdownCodeBlock(json, 'json')}`;
  return {
    kind: 'binding',
    id,
    label: `${relationship.app} › ${relationship.name} → ${service.name}:${endpoint}`,
    // The label already shows the endpoint; a long description would only be cut off.
    description: relationship.form === 'legacy' ? 'legacy form' : undefined,
    tooltip,
    icon: 'plug',
    contextValue: 'binding',
    reveal: relationship.span,
    expand: 'collapsed',
    relationship,
    endpoint,
    children: relationshipVariables(relationship.name, entry).map((v) => ({
      kind: 'variable',
      id: `${id}/${v.name}`,
      label: v.name,
      // "e.g." where only the platform knows the value, so no one copies an example address.
      description: variableValueText(v),
      tooltip: `Set in the ${markdownCode(relationship.app)} container${v.example ? '; the value here is an example' : ''}.\n\n${tooltip}`,
      icon: 'symbol-variable',
      contextValue: 'variable',
      reveal: relationship.span,
      expand: 'none',
      name: v.name,
      example: v.value,
    })),
  };
}

function sizeText(value: unknown, unit: 'MB' | 'size'): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return unit === 'MB' ? `${value} MB` : `size ${value}`;
}

function relativeFile(project: ProjectModel, file: string): string {
  return path.relative(project.root, file).split(path.sep).join('/');
}

/** 1-based, as editors number lines. */
function lineOf(project: ProjectModel, span: SourceSpan): number {
  return positionOf(project.files.find((f) => f.path === span.file), span.start).line + 1;
}

/** Two declarations of one name (a mistake validation reports) still get distinct rows. */
class UniqueIds {
  private readonly seen = new Map<string, number>();

  next(id: string): string {
    const count = this.seen.get(id) ?? 0;
    this.seen.set(id, count + 1);
    return count === 0 ? id : `${id}#${count + 1}`;
  }
}
