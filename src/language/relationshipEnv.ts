// What an application gets in its container from one relationship: the `<NAME>_*` variables
// and its entry in the base64 JSON `PLATFORM_RELATIONSHIPS`. Values that only the platform
// knows (addresses, cluster ids) are shown as examples.

export interface RelationshipTarget {
  readonly relationship: string;
  readonly service: string;
  /** `kafka:4.1` as declared, when known. */
  readonly type?: string;
  readonly endpoint?: string;
  readonly port?: number;
  readonly scheme?: string;
}

export interface EnvVariable {
  readonly name: string;
  readonly value: string;
  readonly meaning: string;
}

/** `events` → `EVENTS`, `my-queue` → `MY_QUEUE`: the platform upper-cases and turns other characters into `_`. */
export function envPrefix(relationship: string): string {
  return relationship.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** One relationship's entry: the fields, in the order the platform prints them. */
export function relationshipEntry(target: RelationshipTarget): Record<string, string | number> {
  return {
    service: target.service,
    ip: '169.254.17.123',
    hostname: `abcdefgh1234567.${target.service}.service._.eu-3.platformsh.site`,
    cluster: 'abcdefgh1234567-main-bvxea6i',
    host: `${target.relationship}.internal`,
    rel: target.endpoint ?? target.service,
    scheme: target.scheme ?? '',
    type: target.type ?? '',
    port: target.port ?? 0,
  };
}

const MEANINGS: Readonly<Record<string, string>> = {
  host: 'Host name to connect to inside the project',
  port: 'Port of the endpoint',
  scheme: 'Protocol of the endpoint',
  ip: 'Internal IP address of the service (changes on redeploy)',
  hostname: 'Fully qualified host name of the service',
  cluster: 'The environment\'s cluster id',
  rel: 'The endpoint used',
  service: 'The service\'s name',
  type: 'The service\'s `type:` (image and version)',
};

export function relationshipVariables(target: RelationshipTarget): EnvVariable[] {
  const entry = relationshipEntry(target);
  const prefix = envPrefix(target.relationship);
  const order = ['host', 'port', 'scheme', 'ip', 'hostname', 'cluster', 'rel', 'service', 'type'];
  return order.map((field) => ({ name: `${prefix}_${field.toUpperCase()}`, value: String(entry[field]), meaning: MEANINGS[field] }));
}

/** The decoded `PLATFORM_RELATIONSHIPS` with just this relationship, as pretty JSON. */
export function platformRelationshipsExample(target: RelationshipTarget): string {
  return JSON.stringify({ [target.relationship]: [relationshipEntry(target)] }, null, 2);
}
