// Navigation between relationships and the services they name, and from a route's
// `upstream` to the application (or service) it sends requests to, across merged files.

import { splitColonPair } from '../config/colonPair';
import type { ProjectModel, RelationshipDecl, SourceSpan } from '../config/model';
import { spanContains } from './spans';

/** Where a relationship names its service: the key of the short form, else the `service:` value or legacy string. */
function serviceReference(relationship: RelationshipDecl): SourceSpan | undefined {
  if (relationship.form === 'default') return relationship.nameSpan;
  return relationship.serviceSpan;
}

function relationshipAt(project: ProjectModel, filePath: string, offset: number): RelationshipDecl | undefined {
  return project.applications
    .flatMap((a) => a.relationships)
    .find((r) => spanContains(serviceReference(r), filePath, offset) || (r.form === 'legacy' && spanContains(r.valueSpan, filePath, offset)));
}

/** The declarations of the service a relationship at the offset names (more than one when it is declared twice). */
export function definitionAt(project: ProjectModel, filePath: string, offset: number): SourceSpan[] {
  const route = project.routes.find((r) => spanContains(r.upstream?.span, filePath, offset));
  if (route?.upstream) {
    const name = splitColonPair(route.upstream.value).name;
    const apps = project.applications.filter((a) => a.name === name).map((a) => a.nameSpan);
    return apps.length > 0 ? apps : project.services.filter((s) => s.name === name).map((s) => s.nameSpan);
  }
  const relationship = relationshipAt(project, filePath, offset);
  if (!relationship?.service) return [];
  return project.services.filter((s) => s.name === relationship.service).map((s) => s.nameSpan);
}

/** Every relationship naming the service at the offset (its name, or a relationship to it). */
export function referencesAt(project: ProjectModel, filePath: string, offset: number, includeDeclaration: boolean): SourceSpan[] {
  const name =
    project.services.find((s) => spanContains(s.nameSpan, filePath, offset))?.name ?? relationshipAt(project, filePath, offset)?.service;
  if (name === undefined) return [];
  const uses = project.applications
    .flatMap((a) => a.relationships)
    .filter((r) => r.service === name)
    .map((r) => serviceReference(r) ?? r.nameSpan);
  const declarations = includeDeclaration ? project.services.filter((s) => s.name === name).map((s) => s.nameSpan) : [];
  return [...declarations, ...uses];
}
