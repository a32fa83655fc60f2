// The endpoints a declared service offers to relationships and routes: the one place that works
// them out, for validation, completion, hovers and the explorer alike.
//
// The image's endpoints come from the platform's registry (upsun/meta resources/image/registry.json,
// each version's `manifest.endpoints`; platformsh-docs shared/data/registry.json). They are the
// image's default configuration: PostgreSQL's carry the same `privileges` and
// `default_database` a user writes under `configuration.endpoints`, so a service that defines
// its own endpoints there (MariaDB, PostgreSQL, Solr, Vault…) offers those instead ("If either
// schemas or endpoints are defined, no default is applied", add-services/mysql).

import { defaultEndpoint, endpointsOf, findImage } from './catalog';
import type { ProjectModel, ServiceDecl } from '../config/model';
import { get, entries } from '../config/yamlNodes';

export interface EndpointInfo {
  readonly name: string;
  readonly port?: number;
  readonly scheme?: string;
  /** What a relationship without `endpoint:` gets. */
  readonly isDefault: boolean;
}

/**
 * Images whose endpoints also exist with a `-replica` suffix, reaching a read replica on the
 * same port: both platforms' docs, "Restrict access to database replicas only" in
 * add-services/redis.md, valkey.md, mysql/_index.md and postgresql/_index.md
 * (platformsh/platformsh-docs); the registry lists `postgresql-replica` on 5432, PostgreSQL's
 * own port, from PostgreSQL 16 on Upsun. Platform.sh offers replicas on Dedicated Gen 3, which
 * the YAML cannot tell apart, so they are never refused there either.
 */
const REPLICA_IMAGES = new Set(['redis', 'redis-persistent', 'valkey', 'valkey-persistent', 'mariadb', 'mysql', 'postgresql']);
const REPLICA_SUFFIX = '-replica';

/**
 * The endpoints `service` offers, in the order written (its own) or the registry's, with port
 * and scheme; its own endpoints speak the image's protocol on its port (the default
 * endpoint's). Empty when they cannot be known: an image the project's platform does not
 * list and no endpoints of its own, or an image with none listed.
 */
export function serviceEndpoints(project: Pick<ProjectModel, 'files' | 'platform'>, service: ServiceDecl): EndpointInfo[] {
  const own = ownEndpoints(project, service);
  if (!service.typeName || (own.length === 0 && !findImage(service.typeName, project.platform))) return own.map((name) => ({ name, isDefault: false }));
  const catalog = endpointsOf(service.typeName, service.version, project.platform);
  const fallback = defaultEndpoint(service.typeName, service.version, project.platform);
  if (own.length > 0) {
    const base = fallback ? catalog[fallback] : undefined;
    return own.map((name) => ({ name, port: base?.port, scheme: base?.scheme, isDefault: name === fallback }));
  }
  return Object.entries(catalog).map(([name, e]) => ({ name, port: e.port, scheme: e.scheme, isDefault: name === fallback }));
}

/**
 * The endpoint named `name` among `endpoints` (serviceEndpoints of `service`): one of them, or
 * `<endpoint>-replica` of one on an image with read replicas, on that endpoint's port.
 * Undefined when the service offers no such endpoint.
 */
export function findEndpoint(service: ServiceDecl, endpoints: readonly EndpointInfo[], name: string): EndpointInfo | undefined {
  const found = endpoints.find((e) => e.name === name);
  if (found || !name.endsWith(REPLICA_SUFFIX) || !REPLICA_IMAGES.has(service.typeName ?? '')) return found;
  const primary = endpoints.find((e) => e.name === name.slice(0, -REPLICA_SUFFIX.length));
  return primary && { ...primary, name, isDefault: false };
}

function ownEndpoints(project: Pick<ProjectModel, 'files'>, service: ServiceDecl): string[] {
  const file = project.files.find((f) => f.path === service.span.file);
  if (!file || !service.configuration) return [];
  const endpoints = get(file.document, service.configuration, 'endpoints');
  return endpoints ? entries(file.document, endpoints.value).map((e) => e.key) : [];
}

/** Each declared service once, the first declaration winning as the platform's merge does. */
export function declaredServices(project: ProjectModel): ServiceDecl[] {
  const seen = new Set<string>();
  return project.services.filter((s) => !seen.has(s.name) && seen.add(s.name));
}

/** The first declaration of service `name`, as the platform's merge keeps it. */
export function findService(project: ProjectModel, name: string | undefined): ServiceDecl | undefined {
  return name === undefined ? undefined : project.services.find((s) => s.name === name);
}
