// SASL passwords per service in VS Code's SecretStorage, never in settings.

import type * as vscode from 'vscode';

export class ServiceSecrets {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  password(key: string): Thenable<string | undefined> {
    return this.secrets.get(secretName(key));
  }

  storePassword(key: string, password: string): Thenable<void> {
    return this.secrets.store(secretName(key), password);
  }

  deletePassword(key: string): Thenable<void> {
    return this.secrets.delete(secretName(key));
  }
}

function secretName(key: string): string {
  return `upsunKafka.sasl.password:${key}`;
}
