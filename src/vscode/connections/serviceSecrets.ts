// SASL passwords per service in VS Code's SecretStorage, never in settings, each with the
// connection it was given for (src/connections/secretBinding); and the hosts the user agreed to send
// a SASL PLAIN password to without TLS (globalState: a machine-wide answer, not the workspace's).

import type * as vscode from 'vscode';
import { decodeStoredSecret, encodeStoredSecret, SecretBinding, StoredSecret } from '../../connections/secretBinding';

/** globalState key: lower-case host names confirmed for SASL PLAIN without TLS. */
const CLEARTEXT_HOSTS_KEY = 'upsunKafka.saslPlainCleartextHosts';

export class ServiceSecrets {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly globalState: vscode.Memento,
  ) {}

  /** The service's password and what it is bound to; undefined when none is stored. */
  async read(key: string): Promise<StoredSecret | undefined> {
    const raw = await this.secrets.get(secretName(key));
    return raw === undefined ? undefined : decodeStoredSecret(raw);
  }

  /** Stores a password for the connection `boundTo` describes, replacing any other. */
  store(key: string, password: string, boundTo: SecretBinding): Thenable<void> {
    return this.secrets.store(secretName(key), encodeStoredSecret({ password, boundTo }));
  }

  delete(key: string): Thenable<void> {
    return this.secrets.delete(secretName(key));
  }

  /** True when the user already agreed to send a PLAIN password in clear text to `host`. */
  cleartextAllowed(host: string): boolean {
    return this.cleartextHosts().includes(host.toLowerCase());
  }

  allowCleartext(host: string): Thenable<void> {
    return this.globalState.update(CLEARTEXT_HOSTS_KEY, [...new Set([...this.cleartextHosts(), host.toLowerCase()])]);
  }

  private cleartextHosts(): string[] {
    const hosts = this.globalState.get<unknown>(CLEARTEXT_HOSTS_KEY);
    return Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string') : [];
  }
}

/** The user declined to send the password: the connection stops there, with no error row and no offer to retry. */
export class PasswordWithheld extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PasswordWithheld';
  }
}

function secretName(key: string): string {
  return `upsunKafka.sasl.password:${key}`;
}
