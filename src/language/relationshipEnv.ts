// What an application gets in its container from one relationship: the `<REL>_*` variables
// and its entry in the base64 JSON `PLATFORM_RELATIONSHIPS`. The one place that works them
// out, for the hover and the explorer alike. Values only the platform knows (addresses,
// cluster ids) are examples, in the form of the docs' relationship reference
// (platformsh-docs add-services/*.md, "Relationship reference").

import type { ProjectModel, RelationshipDecl, ServiceDecl } from '../config/model';
import type { RelationshipEntry } from '../upsun/relationships';
import { findEndpoint, serviceEndpoints } from '../catalog/serviceEndpoints';

export interface RelationshipVariable {
  readonly name: string;
  /** The value the container gets, or (with `example`) one of its form. */
  readonly value: string;
  /** True when only the platform knows the value (IP, host name, cluster id): `value` is an example. */
  readonly example: boolean;
  readonly meaning: string;
}

/** A variable's value for display: `e.g. 169.254.36.172` when it is an example. */
export function variableValueText(variable: RelationshipVariable): string {
  return variable.example ? `e.g. ${variable.value}` : variable.value;
}

/** `events-bus` gives `EVENTS_BUS_HOST`: the platform upper-cases and turns every character outside [A-Z0-9_] into `_`. */
export function variablePrefix(relationship: string): string {
  return relationship.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/**
 * The endpoint a relationship reaches: the one it names, else the service's default, with
 * port and scheme from the service's own endpoints or the catalog of the project's platform.
 */
export function relationshipEndpoint(project: ProjectModel, service: ServiceDecl, relationship: RelationshipDecl): { name: string; port?: number; scheme?: string } {
  const endpoints = serviceEndpoints(project, service);
  const found = relationship.endpoint !== undefined ? findEndpoint(service, endpoints, relationship.endpoint) : endpoints.find((e) => e.isDefault) ?? endpoints[0];
  return { name: found?.name ?? relationship.endpoint ?? service.typeName ?? '?', port: found?.port, scheme: found?.scheme };
}

export function relationshipEntry(project: ProjectModel, service: ServiceDecl, relationship: RelationshipDecl): RelationshipEntry {
  const endpoint = relationshipEndpoint(project, service, relationship);
  const scheme = endpoint.scheme ?? endpoint.name;
  const port = endpoint.port ?? 0;
  const host = `${relationship.name}.internal`;
  return {
    service: service.name,
    rel: endpoint.name,
    scheme,
    host,
    hostname: `abcdefgh1234567.${service.name}.service._.eu-1.platformsh.site`,
    ip: '169.254.36.172',
    port,
    cluster: 'abcdefgh1234567-main-bvxea6i',
    type: service.type?.value ?? service.typeName ?? 'unknown',
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

/** The entry's fields that are plain values, as variables carry them. */
type ScalarField = { [K in keyof RelationshipEntry]: RelationshipEntry[K] extends string | number | boolean | null ? K : never }[keyof RelationshipEntry];

/** Each variable, its field of the entry, whether only the platform knows its value, and what it means. */
const VARIABLES: readonly [suffix: string, field: ScalarField, example: boolean, meaning: string][] = [
  ['HOST', 'host', false, 'Host name to connect to inside the project'],
  ['PORT', 'port', false, 'Port of the endpoint'],
  ['SCHEME', 'scheme', false, 'Protocol of the endpoint'],
  ['IP', 'ip', true, 'Internal IP address of the service (changes on redeploy)'],
  ['HOSTNAME', 'hostname', true, 'Fully qualified host name of the service'],
  ['CLUSTER', 'cluster', true, "The environment's cluster id"],
  ['REL', 'rel', false, 'The endpoint used'],
  ['SERVICE', 'service', false, "The service's name"],
  ['TYPE', 'type', false, "The service's `type:` (image and version)"],
];

/** The variables the platform sets from the entry, in the order people look for them. */
export function relationshipVariables(relationshipName: string, entry: RelationshipEntry): RelationshipVariable[] {
  const prefix = variablePrefix(relationshipName);
  return VARIABLES.map(([suffix, field, example, meaning]) => ({ name: `${prefix}_${suffix}`, value: String(entry[field]), example, meaning }));
}

/** The decoded `PLATFORM_RELATIONSHIPS` with just this relationship, as pretty JSON. */
export function platformRelationshipsExample(relationshipName: string, entry: RelationshipEntry): string {
  return JSON.stringify({ [relationshipName]: [entry] }, null, 2);
}
