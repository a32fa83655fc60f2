// Source (a): a connection the user set for the service in `upsunKafka.connections`, with its
// SASL password from SecretStorage (asked for and stored when missing).

import type { ConnectionSourceProvider, SourceAnswer } from '../../kafka/resolve';
import type { Prompter } from '../prompter';
import { connectionOptions } from '../../live/serviceConnection';
import { readServiceConnection, workspaceFolderOf } from '../settings';
import { serviceKey } from '../../config/projectKeys';
import type { ServiceRef } from './brokerSource';
import type { ServiceSecrets } from './serviceSecrets';

export function settingsSource({ project, service }: ServiceRef, secrets: ServiceSecrets, prompter: Prompter): ConnectionSourceProvider {
  return {
    source: 'settings',
    async resolve(serviceName: string): Promise<SourceAnswer> {
      const setting = readServiceConnection(project.root, serviceName);
      if (!setting) return { missing: `no connection is set for "${serviceName}" in upsunKafka.connections` };
      // A connection the user meant to use but wrote wrong is an error, not a reason to try elsewhere.
      if ('problem' in setting) throw new Error(`${setting.problem} Fix it in settings, or run "Upsun Kafka: Set Connection for Service…".`);
      const key = serviceKey(project, service);
      let password: string | undefined;
      if (setting.sasl) {
        password = await secrets.password(key);
        if (password === undefined) {
          password = await prompter.input({
            title: `SASL password for ${setting.sasl.username} on ${serviceName}`,
            prompt: 'Kept in VS Code\'s secret storage, not in settings.',
            password: true,
          });
          if (password === undefined) return { missing: 'no SASL password was given' };
          await secrets.storePassword(key, password);
        }
      }
      return { serviceName, source: 'settings', options: connectionOptions(setting, password, workspaceFolderOf(project.root)), description: 'settings (upsunKafka.connections)' };
    },
  };
}
