// Completion proposals for a cursor in a config file: keys the schema allows where the cursor
// is, image types and versions, relationship targets and endpoints. Plain data in offsets;
// the editor layer turns it into CompletionItems.

import { images, recommendedVersions, findImage } from '../catalog/catalog';
import type { ImageInfo } from '../catalog/types';
import { splitType } from '../config/colonPair';
import { platformOf } from '../config/fileKinds';
import type { ConfigFileKind, OffsetRange, ProjectModel } from '../config/model';
import { cursorContext, CursorContext } from './cursorContext';
import { declaredServices, findService, serviceEndpoints } from '../catalog/serviceEndpoints';
import { allowedKeys } from './keyTable';
import { markdownCode, markdownText } from './markdown';

export type CompletionKind = 'key' | 'image' | 'version' | 'service' | 'relationship' | 'endpoint';

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly insertText: string;
  /** What the typed text is matched against; the insert text when absent. */
  readonly filterText?: string;
  readonly replace: OffsetRange;
  /** Shown beside the label on every row (`supported`, `deprecated`, the image's name). */
  readonly description?: string;
  readonly detail?: string;
  readonly documentation?: string;
  readonly sortText?: string;
  readonly deprecated?: boolean;
  readonly preselect?: boolean;
  /** Open completion again after inserting (`kafka:` then its versions). */
  readonly retrigger?: boolean;
}

export function completionsAt(project: ProjectModel, filePath: string, offset: number): Completion[] {
  const context = cursorContext(project, filePath, offset);
  if (!context) return [];
  switch (context.slot?.kind) {
    case 'service-type':
      return typeCompletions(context, 'service');
    case 'app-type':
      return typeCompletions(context, 'runtime');
    case 'relationship-name':
      return relationshipNameCompletions(project, context);
    case 'relationship-value':
      return relationshipValueCompletions(project, context);
    case 'relationship-service':
      return declaredServices(project).map((s, i) => ({
        label: s.name,
        kind: 'service' as const,
        insertText: s.name,
        replace: context.replace,
        detail: s.type?.value,
        sortText: order(i),
      }));
    case 'relationship-endpoint': {
      const service = findService(project, context.slot.service);
      return service ? endpointCompletions(project, context, service.name) : [];
    }
    default:
      return context.position === 'key' ? keyCompletions(context) : [];
  }
}

/**
 * A space opens completion only right after `key: ` (or `- `), where a value is expected;
 * anywhere else a space is indentation or prose and a popup would get in the way.
 */
export function spaceOpensCompletion(lineBeforeCursor: string): boolean {
  return /(?:^|[^:\s]):\s$|^\s*-\s$/.test(lineBeforeCursor);
}

function order(index: number): string {
  return String(index).padStart(4, '0');
}

function keyCompletions(context: CursorContext): Completion[] {
  return allowedKeys(context.kind, context.path)
    .filter((k) => !context.siblings.has(k.key))
    .map((k) => {
      const nested = k.block === true;
      return {
        label: k.key,
        kind: 'key' as const,
        insertText: nested ? `${k.key}:\n${' '.repeat(context.indent + 2)}` : `${k.key}: `,
        filterText: k.key,
        replace: context.replace,
        detail: k.title,
        documentation: k.description,
        // Deprecated keys still parse, so they are offered, but last.
        sortText: `${k.deprecated ? 1 : 0}${k.key}`,
        deprecated: k.deprecated,
        retrigger: !nested && (k.key === 'type' || k.key === 'service' || k.key === 'endpoint'),
      };
    });
}

/** Images the file's platform offers in new config: those with a maintained version in its registry. */
function offered(image: ImageInfo, kind: ConfigFileKind): boolean {
  return recommendedVersions(image.type, platformOf(kind)).length > 0;
}

function typeCompletions(context: CursorContext, kind: ImageInfo['kind']): Completion[] {
  const typed = splitType(context.prefix);
  if (typed.version !== undefined) {
    const image = findImage(typed.typeName, platformOf(context.kind));
    return image && image.kind === kind ? versionCompletions(context, image) : [];
  }
  return images(kind, platformOf(context.kind))
    .filter((image) => offered(image, context.kind))
    .map((image) => ({
      label: image.type,
      kind: 'image' as const,
      insertText: `${image.type}:`,
      replace: context.replace,
      description: image.name,
      detail: image.name,
      documentation: image.docsUrl ? `[${image.name} documentation](${image.docsUrl})` : undefined,
      preselect: image.type === 'kafka',
      retrigger: true,
    }));
}

/** Supported versions newest first, then deprecated ones; retired versions are not offered. */
function versionCompletions(context: CursorContext, image: ImageInfo): Completion[] {
  const versions = recommendedVersions(image.type, platformOf(context.kind));
  const ranked = [...versions.filter((v) => v.status === 'supported'), ...versions.filter((v) => v.status === 'deprecated')];
  return ranked.map((v, i) => {
    const deprecated = v.status === 'deprecated';
    return {
      label: v.version,
      kind: 'version' as const,
      insertText: `${image.type}:${v.version}`,
      filterText: `${image.type}:${v.version}`,
      replace: context.replace,
      description: v.status,
      detail: deprecated ? `${image.name} ${v.version} (deprecated)` : `${image.name} ${v.version}`,
      documentation: deprecated
        ? `Deprecated: still deploys, but will be retired. Prefer \`${image.type}:${ranked[0].version}\`.`
        : undefined,
      sortText: order(i),
      deprecated,
      preselect: i === 0,
    };
  });
}

function endpointSummary(port: number | undefined, scheme: string | undefined): string {
  return [scheme && `scheme ${scheme}`, port && `port ${port}`].filter(Boolean).join(', ');
}

/** Under `relationships:`: each service in the short `name:` form and in the explicit form per endpoint. */
function relationshipNameCompletions(project: ProjectModel, context: CursorContext): Completion[] {
  const result: Completion[] = [];
  for (const [i, service] of declaredServices(project).entries()) {
    const endpoints = serviceEndpoints(project, service);
    const byDefault = endpoints.find((e) => e.isDefault);
    if (!context.siblings.has(service.name) && (byDefault || endpoints.length === 0)) {
      result.push({
        label: `${service.name}:`,
        kind: 'relationship',
        insertText: `${service.name}:`,
        filterText: service.name,
        replace: context.replace,
        description: service.type?.value,
        detail: byDefault ? `${service.type?.value ?? service.name}, endpoint ${byDefault.name}` : 'type not known yet',
        documentation: byDefault
          ? `Relationship named after the service, to its default endpoint ${markdownCode(byDefault.name)} (${markdownText(endpointSummary(byDefault.port, byDefault.scheme))}).`
          : 'Relationship named after the service, to its default endpoint.',
        sortText: `${order(i)}0`,
      });
    }
    for (const endpoint of endpoints) {
      const value = `{ service: ${service.name}, endpoint: ${endpoint.name} }`;
      const name = context.siblings.has(service.name) ? `${service.name}_${endpoint.name}` : service.name;
      result.push({
        label: `${name}: ${value}`,
        kind: 'relationship',
        insertText: `${name}: ${value}`,
        filterText: service.name,
        replace: context.replace,
        detail: endpointSummary(endpoint.port, endpoint.scheme),
        sortText: `${order(i)}1${endpoint.name}`,
      });
    }
  }
  return result;
}

/** After `name: `: the explicit form for every service and endpoint. */
function relationshipValueCompletions(project: ProjectModel, context: CursorContext): Completion[] {
  return declaredServices(project).flatMap((service, i) =>
    serviceEndpoints(project, service).map((endpoint) => ({
      label: `{ service: ${service.name}, endpoint: ${endpoint.name} }`,
      kind: 'relationship' as const,
      insertText: `{ service: ${service.name}, endpoint: ${endpoint.name} }`,
      replace: context.replace,
      detail: endpointSummary(endpoint.port, endpoint.scheme),
      sortText: `${order(i)}${endpoint.isDefault ? 0 : 1}${endpoint.name}`,
    })),
  );
}

function endpointCompletions(project: ProjectModel, context: CursorContext, serviceName: string): Completion[] {
  const service = findService(project, serviceName)!;
  return serviceEndpoints(project, service).map((endpoint) => ({
    label: endpoint.name,
    kind: 'endpoint' as const,
    insertText: endpoint.name,
    replace: context.replace,
    detail: `${endpointSummary(endpoint.port, endpoint.scheme)}${endpoint.isDefault ? ' (default)' : ''}`,
    sortText: `${endpoint.isDefault ? 0 : 1}${endpoint.name}`,
    preselect: endpoint.isDefault,
  }));
}
