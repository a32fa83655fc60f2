// The relationships JSON the platform gives apps (`PLATFORM_RELATIONSHIPS`, base64) and the
// CLI's `tunnel:info --encode` prints (same shape, host, ip and port replaced by the local end
// of the tunnel): its one type, its reader, and the endpoints of one service in it.

import { formatHostPort } from '../kafka/brokerAddress';
import { ANY_ADVERTISED } from '../kafka/types';

export const PLATFORM_RELATIONSHIPS = 'PLATFORM_RELATIONSHIPS';

/**
 * One entry of `PLATFORM_RELATIONSHIPS[<relationship>]`, every field as the platform writes it
 * (platformsh-docs add-services/*.md, "Relationship reference"; `tunnel:info` rewrites `host`,
 * `ip` and `port` to the tunnel's local end).
 */
export interface RelationshipEntry {
  /** The service's name. */
  readonly service: string;
  /** The endpoint used. */
  readonly rel: string;
  readonly scheme: string;
  /** `<relationship>.internal` inside the project. */
  readonly host: string;
  /** Fully qualified host name of the service: what a Kafka broker advertises. */
  readonly hostname: string;
  readonly ip: string;
  readonly port: number;
  /** The environment's cluster id. */
  readonly cluster: string;
  /** The service's `type:` (image and version). */
  readonly type: string;
  readonly url: string;
  readonly public: boolean;
  readonly host_mapped: boolean;
  readonly username: string | null;
  readonly password: string | null;
  readonly path: string | null;
  readonly fragment: string | null;
  readonly query: Readonly<Record<string, unknown>>;
}

/**
 * An entry as read from text someone else wrote: `host` and `port` checked (a host name, a
 * port 1–65535), every other field as it came, when it came (older platforms leave `service` out).
 */
export type RelationshipEndpoint = Pick<RelationshipEntry, 'host' | 'port'> & Partial<Omit<RelationshipEntry, 'host' | 'port'>>;

/** Relationship name (`kafka`) to its endpoints. */
export type Relationships = Readonly<Record<string, readonly RelationshipEndpoint[]>>;

/** Decodes base64 (or plain) JSON; throws an Error saying what is wrong with it. */
export function parseRelationships(text: string, what = PLATFORM_RELATIONSHIPS): Relationships {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error(`${what} is empty.`);
  const json = trimmed.startsWith('{') ? trimmed : Buffer.from(trimmed, 'base64').toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error(`${what} is neither JSON nor base64-encoded JSON.`);
  }
  if (!isObject(data)) throw new Error(`${what} is not a JSON object of relationships.`);
  const result: Record<string, RelationshipEndpoint[]> = {};
  for (const [name, value] of Object.entries(data)) {
    // PHP writes a list with gaps as an object keyed by index; both mean the same endpoints.
    const entries = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [];
    result[name] = entries.filter(isEndpoint).map((e) => ({ ...e, port: Number(e.port) }));
  }
  return result;
}

/**
 * The endpoints that belong to `serviceName`: those whose `service` names it, else those of a
 * relationship with that name (older platforms leave `service` out).
 */
export function endpointsOf(relationships: Relationships, serviceName: string): { relationship: string; endpoints: RelationshipEndpoint[] } | undefined {
  for (const [relationship, endpoints] of Object.entries(relationships)) {
    const own = endpoints.filter((e) => e.service === serviceName);
    if (own.length > 0) return { relationship, endpoints: own };
  }
  const named = relationships[serviceName];
  return named && named.length > 0 ? { relationship: serviceName, endpoints: [...named] } : undefined;
}

/** `host:port` of each endpoint (an IPv6 host in brackets), without repeats. */
export function brokerAddresses(endpoints: readonly RelationshipEndpoint[]): string[] {
  return [...new Set(endpoints.map(formatHostPort))];
}

/**
 * For a tunnel: the broker advertises its internal name, which `tunnel:info` no longer shows.
 * One local address then takes every advertised address; with several, each endpoint's own
 * `hostname` (what the broker may advertise) is mapped when present.
 */
export function tunnelAddressMap(endpoints: readonly RelationshipEndpoint[], internalPort = 9092): Record<string, string> {
  const local = brokerAddresses(endpoints);
  if (local.length === 1) return { [ANY_ADVERTISED]: local[0] };
  const map: Record<string, string> = {};
  for (const e of endpoints) if (e.hostname) map[formatHostPort({ host: e.hostname, port: internalPort })] = formatHostPort(e);
  return map;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEndpoint(value: unknown): value is RelationshipEndpoint {
  return isObject(value) && typeof value.host === 'string' && value.host !== '' && Number.isInteger(Number(value.port)) && Number(value.port) > 0 && Number(value.port) <= 65_535;
}
