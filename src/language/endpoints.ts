// The endpoints a declared service offers to relationships: the ones it defines itself under
// `configuration.endpoints` (MariaDB, Solr, Vault…) or else the catalog's for its image.

import { defaultEndpoint, endpointsOf } from '../catalog/catalog';
import type { ProjectModel, ServiceDecl } from '../config/model';
import { entries } from '../config/yamlNodes';

export interface EndpointInfo {
  readonly name: string;
  readonly port?: number;
  readonly scheme?: string;
  /** What a relationship without `endpoint:` gets. */
  readonly isDefault: boolean;
}

export function serviceEndpoints(project: ProjectModel, service: ServiceDecl): EndpointInfo[] {
  if (!service.typeName) return [];
  const catalog = endpointsOf(service.typeName, service.version, project.platform);
  const fallback = defaultEndpoint(service.typeName, service.version, project.platform);
  const own = ownEndpoints(project, service);
  if (own.length > 0) {
    // Self-defined endpoints speak the image's protocol on its port (MariaDB's `mysql`).
    const base = fallback ? catalog[fallback] : undefined;
    return own.map((name) => ({ name, port: base?.port, scheme: base?.scheme, isDefault: name === fallback }));
  }
  return Object.entries(catalog).map(([name, e]) => ({ name, port: e.port, scheme: e.scheme, isDefault: name === fallback }));
}

function ownEndpoints(project: ProjectModel, service: ServiceDecl): string[] {
  const file = project.files.find((f) => f.path === service.span.file);
  if (!file || !service.configuration) return [];
  const endpoints = entries(file.document, service.configuration).find((e) => e.key === 'endpoints');
  return endpoints ? entries(file.document, endpoints.value).map((e) => e.key) : [];
}

/** Each declared service once, the first declaration winning as the platform's merge does. */
export function declaredServices(project: ProjectModel): ServiceDecl[] {
  const seen = new Set<string>();
  return project.services.filter((s) => !seen.has(s.name) && seen.add(s.name));
}

export function findService(project: ProjectModel, name: string | undefined): ServiceDecl | undefined {
  return name === undefined ? undefined : project.services.find((s) => s.name === name);
}
