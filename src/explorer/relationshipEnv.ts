// What a relationship gives its app at run time: the `<REL>_*` environment variables and
// the matching `PLATFORM_RELATIONSHIPS` entry, with example values where only the platform
// knows the real ones (addresses, cluster ids).

import { endpointsOf } from '../catalog/catalog';
import type { RelationshipDecl, ServiceDecl } from '../config/model';

/** One entry of `PLATFORM_RELATIONSHIPS[<relationship>]`, as the platform writes it. */
export interface RelationshipEntry {
  readonly service: string;
  readonly rel: string;
  readonly scheme: string;
  readonly host: string;
  readonly hostname: string;
  readonly ip: string;
  readonly port: number;
  readonly cluster: string;
  readonly type: string;
  readonly url: string;
  readonly public: false;
  readonly host_mapped: false;
  readonly username: null;
  readonly password: null;
  readonly path: null;
  readonly fragment: null;
  readonly query: Record<string, never>;
}

export interface RelationshipVariable {
  readonly name: string;
  readonly example: string;
}

/** Kafka's listener port, for a service whose version the catalog does not know. */
const FALLBACK_PORT = 9092;

/** `events-bus` gives `EVENTS_BUS_HOST`: the platform upper-cases and keeps only [A-Z0-9_]. */
export function variablePrefix(relationship: string): string {
  return relationship.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

export function relationshipEntry(service: ServiceDecl, relationship: RelationshipDecl, endpoint: string): RelationshipEntry {
  const known = service.typeName ? endpointsOf(service.typeName, service.version)[endpoint] : undefined;
  const scheme = known?.scheme ?? service.typeName ?? endpoint;
  const port = known?.port ?? FALLBACK_PORT;
  const host = `${relationship.name}.internal`;
  return {
    service: service.name,
    rel: endpoint,
    scheme,
    host,
    hostname: `abcdefgh1234567.${service.name}.service._.eu-1.platformsh.site`,
    ip: '169.254.36.172',
    port,
    cluster: 'abcdefgh1234567-main-bvxea6i',
    type: service.type?.value ?? `${service.typeName ?? 'unknown'}`,
    url: `${scheme}://${host}:${port}`,
    public: false,
    host_mapped: false,
    username: null,
    password: null,
    path: null,
    fragment: null,
    query: {},
  };
}

/** The variables the platform sets from the entry, in the order people look for them. */
export function relationshipVariables(relationshipName: string, entry: RelationshipEntry): RelationshipVariable[] {
  const prefix = variablePrefix(relationshipName);
  const values: [string, string | number][] = [
    ['HOST', entry.host],
    ['PORT', entry.port],
    ['SCHEME', entry.scheme],
    ['IP', entry.ip],
    ['HOSTNAME', entry.hostname],
    ['CLUSTER', entry.cluster],
    ['REL', entry.rel],
    ['SERVICE', entry.service],
    ['TYPE', entry.type],
  ];
  return values.map(([suffix, value]) => ({ name: `${prefix}_${suffix}`, example: String(value) }));
}
