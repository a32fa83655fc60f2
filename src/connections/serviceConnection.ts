// A service's connection as the user writes it in settings (`upsunKafka.connections`), and
// how it becomes the Kafka layer's options. The password is never part of the setting.

import * as path from 'path';
import type { ConnectionOptions } from '../kafka/types';
import { brokerAddressProblem } from '../kafka/brokerAddress';

export interface ServiceConnectionSetting {
  readonly brokers: readonly string[];
  /** Connect with TLS. */
  readonly tls?: boolean;
  /** With `tls`, accept a certificate the system does not trust (self-signed, tunnels). */
  readonly tlsAllowUntrusted?: boolean;
  /** With `tls`, a PEM file of the certificate authority that signed the brokers' certificates. */
  readonly tlsCaFile?: string;
  /** SASL user; the password lives in SecretStorage. */
  readonly sasl?: { readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; readonly username: string };
}

/**
 * The options to connect with; `password` comes from secret storage. A relative `tlsCaFile`
 * is read against `workspaceFolder` (absolute), the folder whose settings hold it, not the
 * editor's working folder.
 */
export function connectionOptions(setting: ServiceConnectionSetting, password: string | undefined, workspaceFolder: string): ConnectionOptions {
  return {
    brokers: setting.brokers,
    ssl: setting.tls ? tlsOptions(setting, workspaceFolder) : undefined,
    sasl: setting.sasl ? { mechanism: setting.sasl.mechanism, username: setting.sasl.username, password: password ?? '' } : undefined,
  };
}

function tlsOptions(setting: ServiceConnectionSetting, workspaceFolder: string): ConnectionOptions['ssl'] {
  if (setting.tlsAllowUntrusted) return { rejectUnauthorized: false };
  return setting.tlsCaFile ? { caFile: path.resolve(workspaceFolder, setting.tlsCaFile) } : true;
}

const MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/**
 * Checks a connection as found in settings, which the user may have edited by hand; the
 * problem names the field and what to write instead.
 */
export function parseServiceConnection(raw: unknown, where: string): ServiceConnectionSetting | { readonly problem: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problem: `${where} must be an object with "brokers".` };
  const value = raw as Record<string, unknown>;
  const brokers = value.brokers;
  if (!Array.isArray(brokers) || brokers.length === 0 || !brokers.every((b) => typeof b === 'string')) {
    return { problem: `${where}.brokers must be a list of "host:port" strings, e.g. ["127.0.0.1:9092"].` };
  }
  const bad = brokers.map((b: string) => brokerAddressProblem(b)).find(Boolean);
  if (bad) return { problem: `${where}.brokers: ${bad}` };
  for (const flag of ['tls', 'tlsAllowUntrusted'] as const) {
    if (value[flag] !== undefined && typeof value[flag] !== 'boolean') return { problem: `${where}.${flag} must be true or false.` };
  }
  if (value.tlsCaFile !== undefined && (typeof value.tlsCaFile !== 'string' || !value.tlsCaFile.trim())) {
    return { problem: `${where}.tlsCaFile must be the path of a PEM file.` };
  }
  let sasl: ServiceConnectionSetting['sasl'];
  if (value.sasl !== undefined) {
    const s = value.sasl as Record<string, unknown> | null;
    const mechanism = MECHANISMS.find((m) => m === s?.mechanism);
    if (!mechanism) return { problem: `${where}.sasl.mechanism must be one of ${MECHANISMS.join(', ')}.` };
    if (typeof s?.username !== 'string' || !s.username.trim()) return { problem: `${where}.sasl.username must name the SASL user.` };
    sasl = { mechanism, username: s.username };
  }
  return { brokers: brokers.map((b: string) => b.trim()), tls: value.tls as boolean | undefined, tlsAllowUntrusted: value.tlsAllowUntrusted as boolean | undefined, ...(value.tlsCaFile ? { tlsCaFile: value.tlsCaFile } : {}), ...(sasl ? { sasl } : {}) };
}
