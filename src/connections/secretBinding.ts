// A stored SASL password is bound to the connection it was given for: the bootstrap servers,
// the mechanism, the user name and the TLS choices. Settings can come from the workspace
// (`.vscode/settings.json`, often committed), so a pulled commit can point a service at
// another host; the editor compares the binding stored beside the password with the
// connection about to use it, and asks before sending the password anywhere else.
// Also here: the cleartext rule (SASL PLAIN without TLS to a host outside loopback).

import * as net from 'net';
import { parseHostPort } from '../kafka/brokerAddress';
import type { ServiceConnectionSetting } from './serviceConnection';

/** What a password was given for. Plain values, not secret: the question names what changed. */
export interface SecretBinding {
  /** `host:port`, lower case, sorted: the order of bootstrap servers does not change where the password goes. */
  readonly brokers: readonly string[];
  readonly mechanism: string;
  readonly username: string;
  readonly tls: boolean;
  /** With `tls`: any certificate is accepted (`tlsAllowUntrusted`). */
  readonly tlsAllowUntrusted: boolean;
  /** With `tls` and a checked certificate: the CA file's path, `''` for the system's CAs. */
  readonly tlsCaFile: string;
}

/** A password as kept in SecretStorage, with the connection it may go to. */
export interface StoredSecret {
  readonly password: string;
  /** Absent for a password stored before passwords were bound (or stored unreadably). */
  readonly boundTo?: SecretBinding;
}

/** The binding of a connection that authenticates; undefined without `sasl`. */
export function secretBinding(setting: ServiceConnectionSetting): SecretBinding | undefined {
  if (!setting.sasl) return undefined;
  const tls = setting.tls === true;
  const tlsAllowUntrusted = tls && setting.tlsAllowUntrusted === true;
  return {
    brokers: [...new Set(setting.brokers.map((b) => b.trim().toLowerCase()))].sort(),
    mechanism: setting.sasl.mechanism,
    username: setting.sasl.username,
    tls,
    tlsAllowUntrusted,
    // `connectionOptions` ignores the CA file when any certificate is accepted.
    tlsCaFile: tls && !tlsAllowUntrusted ? (setting.tlsCaFile ?? '') : '',
  };
}

/**
 * What differs between the binding a password was stored with and the connection about to
 * use it, one phrase each (`bootstrap servers: a:9092 → b:9092`); empty when nothing does.
 * A password stored without a binding counts as changed.
 */
export function bindingChanges(stored: SecretBinding | undefined, current: SecretBinding): string[] {
  if (!stored) return ['the password was stored before passwords were bound to their brokers'];
  const onOff = (value: boolean) => (value ? 'on' : 'off');
  const changes: string[] = [];
  const was = stored.brokers.join(', ');
  const now = current.brokers.join(', ');
  if (was !== now) changes.push(`bootstrap servers: ${was} → ${now}`);
  if (stored.mechanism !== current.mechanism) changes.push(`SASL mechanism: ${stored.mechanism.toUpperCase()} → ${current.mechanism.toUpperCase()}`);
  if (stored.username !== current.username) changes.push(`user name: ${stored.username} → ${current.username}`);
  if (stored.tls !== current.tls) changes.push(`TLS: ${onOff(stored.tls)} → ${onOff(current.tls)}`);
  if (stored.tlsAllowUntrusted !== current.tlsAllowUntrusted) changes.push(`certificate check: ${onOff(!stored.tlsAllowUntrusted)} → ${onOff(!current.tlsAllowUntrusted)}`);
  if (stored.tlsCaFile !== current.tlsCaFile) changes.push(`CA file: ${stored.tlsCaFile || 'system CAs'} → ${current.tlsCaFile || 'system CAs'}`);
  return changes;
}

/** Marks the JSON form, so a password stored before (any text) still reads as a password. */
const FORMAT = 'upsunKafka.secret/1';

/** The SecretStorage value for a password and its binding. */
export function encodeStoredSecret(secret: StoredSecret): string {
  return JSON.stringify({ format: FORMAT, password: secret.password, ...(secret.boundTo ? { boundTo: secret.boundTo } : {}) });
}

/**
 * Reads a SecretStorage value: the JSON form `encodeStoredSecret` writes, or any other text as
 * a password stored before bindings existed (so it has none, and its first use asks).
 */
export function decodeStoredSecret(raw: string): StoredSecret {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { password: raw };
  }
  const record = value as { format?: unknown; password?: unknown; boundTo?: unknown } | null;
  if (typeof record !== 'object' || record === null || record.format !== FORMAT || typeof record.password !== 'string') return { password: raw };
  return isBinding(record.boundTo) ? { password: record.password, boundTo: record.boundTo } : { password: record.password };
}

function isBinding(value: unknown): value is SecretBinding {
  const b = value as Record<string, unknown> | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    Array.isArray(b.brokers) &&
    b.brokers.every((x) => typeof x === 'string') &&
    typeof b.mechanism === 'string' &&
    typeof b.username === 'string' &&
    typeof b.tls === 'boolean' &&
    typeof b.tlsAllowUntrusted === 'boolean' &&
    typeof b.tlsCaFile === 'string'
  );
}

/**
 * True for a host that stays on this machine: `localhost`, 127.0.0.0/8, `::1` and
 * IPv4-mapped 127.x (`::ffff:127.0.0.1`). Any other name may resolve anywhere.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (!net.isIPv6(h)) return false;
  const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) return mapped[1].startsWith('127.');
  // ::1 in any of its spellings (0:0:0:0:0:0:0:1, ::0:1).
  return /^[0:]*:0*1$/.test(h);
}

/**
 * The hosts (lower case, once each) a connection would send a SASL PLAIN password to in
 * clear text: PLAIN puts the password itself on the wire (RFC 4616), so without TLS anyone
 * on the path reads it. Empty for SCRAM, with TLS, or when every broker is on loopback.
 */
export function cleartextPasswordHosts(setting: ServiceConnectionSetting): string[] {
  if (setting.sasl?.mechanism !== 'plain' || setting.tls) return [];
  const hosts = setting.brokers.map((b) => parseHostPort(b)?.host.toLowerCase() ?? b.trim().toLowerCase());
  return [...new Set(hosts.filter((h) => !isLoopbackHost(h)))];
}
