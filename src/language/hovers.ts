// Hover text for a config file: what an image and version are and whether they deploy, what
// a relationship gives the application, and who uses a service. Markdown in, offsets out.

import { recommendedVersions, findImage, findVersion, newestSupported, PLATFORM_NAMES } from '../catalog/catalog';
import { splitType } from '../config/colonPair';
import type { ApplicationDecl, Field, OffsetRange, ProjectModel, RelationshipDecl, ServiceDecl } from '../config/model';
import { findService, serviceEndpoints } from '../catalog/serviceEndpoints';
import { spanContains } from './spans';
import { markdownCode, markdownCodeBlock, markdownText } from './markdown';
import { platformRelationshipsExample, relationshipEndpoint, relationshipEntry, relationshipVariables } from './relationshipEnv';

export interface Hover {
  readonly markdown: string;
  readonly range: OffsetRange;
}

export function hoverAt(project: ProjectModel, filePath: string, offset: number): Hover | undefined {
  for (const service of project.services) {
    if (spanContains(service.type?.span, filePath, offset)) return { markdown: typeHover(service.type, project, service), range: service.type.span };
    if (spanContains(service.nameSpan, filePath, offset)) return { markdown: serviceHover(project, service), range: service.nameSpan };
  }
  for (const app of project.applications) {
    if (spanContains(app.type?.span, filePath, offset)) return { markdown: typeHover(app.type, project), range: app.type.span };
    const relationship = app.relationships.find((r) => spanContains(r.span, filePath, offset));
    if (relationship) return { markdown: relationshipHover(project, app, relationship), range: relationship.span };
  }
  return undefined;
}

const STATUS_TEXT = {
  supported: 'supported',
  deprecated: 'deprecated: still deploys, but will be retired',
  retired: 'retired: still deploys, but frozen with no security updates until it is decommissioned',
  decommissioned: 'decommissioned: no longer deploys',
} as const;

function typeHover(type: Field<string>, project: ProjectModel, service?: ServiceDecl): string {
  const { typeName: imageName, version } = splitType(type.value);
  const platform = project.platform;
  const image = findImage(imageName, platform);
  if (!image) return `${markdownCode(type.value)}: ${markdownCode(imageName)} is not in ${PLATFORM_NAMES[platform]}'s image registry.`;
  const lines = [`**${image.name}** ${markdownCode(type.value)} (${image.kind === 'service' ? 'service' : 'runtime'})`, ''];
  const known = version === undefined ? undefined : findVersion(image.type, version, platform);
  const newest = newestSupported(image.type, platform);
  if (version === undefined) lines.push('No version given: write `type: ' + `${image.type}:${newest?.version ?? '<version>'}` + '`.');
  else if (!known) lines.push(`Version ${markdownText(version)} is not in ${PLATFORM_NAMES[platform]}'s registry: it cannot be deployed as a new service.`);
  else lines.push(`Version ${markdownText(version)}: ${STATUS_TEXT[known.status]}.`);
  if (newest && newest.version !== version) lines.push('', `Newest supported: \`${image.type}:${newest.version}\`.`);
  const deployable = recommendedVersions(image.type, platform).map((v) => (v.status === 'deprecated' ? `${v.version} (deprecated)` : v.version));
  if (deployable.length > 0) lines.push('', `Versions that deploy: ${deployable.join(', ')}.`);
  const endpoints = service ? serviceEndpoints(project, service) : [];
  if (endpoints.length > 0) {
    lines.push('', '| Endpoint | Port | Scheme |', '|:---|:---|:---|');
    for (const e of endpoints) lines.push(`| ${markdownCode(e.name, { tableCell: true })}${e.isDefault ? ' (default)' : ''} | ${markdownText(String(e.port ?? ''))} | ${markdownText(e.scheme ?? '')} |`);
  }
  const minDisk = known?.minDiskMb ?? newest?.minDiskMb;
  if (image.needDisk) lines.push('', `Keeps data on disk${minDisk ? ` (at least ${minDisk} MB)` : ''}.`);
  if (image.docsUrl) lines.push('', `[${image.name} documentation](${image.docsUrl})`);
  return lines.join('\n');
}

function users(project: ProjectModel, service: string): ApplicationDecl[] {
  return project.applications.filter((a) => a.relationships.some((r) => r.service === service));
}

function serviceHover(project: ProjectModel, service: ServiceDecl): string {
  const lines = [`**Service ${markdownCode(service.name)}**: ${markdownCode(service.type?.value ?? 'no type')}`];
  const apps = users(project, service.name);
  lines.push('', apps.length > 0 ? `Used by: ${apps.map((a) => markdownCode(a.name)).join(', ')}.` : 'No application has a relationship to it.');
  return lines.join('\n');
}

function relationshipHover(project: ProjectModel, app: ApplicationDecl, relationship: RelationshipDecl): string {
  const service = findService(project, relationship.service);
  const header = `**Relationship ${markdownCode(relationship.name)}** of ${markdownCode(app.name || 'this application')}`;
  if (!relationship.service) return `${header}\n\nIts value is not a relationship: write ${markdownCode(`${relationship.name}:`)}, or \`{ service: <name>, endpoint: <name> }\`.`;
  if (!service) return `${header}\n\nService ${markdownCode(relationship.service)} is not declared.`;
  const endpoint = relationshipEndpoint(project, service, relationship);
  const entry = relationshipEntry(project, service, relationship);
  const lines = [
    header,
    '',
    `To service ${markdownCode(service.name)} (${markdownCode(service.type?.value ?? 'no type')}), endpoint ${markdownCode(endpoint.name)}${endpoint.port ? ` on port ${markdownText(String(endpoint.port))}` : ''}.`,
    '',
    'Environment variables in the application container (values marked "e.g." are examples: only the platform knows them):',
    '',
    '| Variable | Value | Meaning |',
    '|:---|:---|:---|',
    ...relationshipVariables(relationship.name, entry).map((v) => `| ${markdownCode(v.name, { tableCell: true })} | ${v.example ? 'e.g. ' : ''}${markdownCode(v.value, { tableCell: true })} | ${v.meaning} |`),
    '',
    'Its entry in `PLATFORM_RELATIONSHIPS` (base64 JSON, decoded; `ip`, `hostname` and `cluster` are examples):',
    '',
    markdownCodeBlock(platformRelationshipsExample(relationship.name, entry), 'json'),
  ];
  return lines.join('\n');
}
