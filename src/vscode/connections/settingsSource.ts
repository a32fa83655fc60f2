// Source (a): a connection the user set for the service in `upsunKafka.connections`, with its
// SASL password from SecretStorage (asked for and stored when missing). The password goes
// only where it was given for: when the brokers, mechanism, user or TLS choices changed since
// it was stored (settings can come from the repository), and before SASL PLAIN sends it in
// clear text to a host outside loopback, the user is asked first, naming what and where.

import type { ConnectionSourceProvider, SourceAnswer } from '../../upsun/resolve';
import type { Prompter } from '../prompter';
import { connectionOptions, ServiceConnectionSetting } from '../../connections/serviceConnection';
import { bindingChanges, cleartextPasswordHosts, secretBinding } from '../../connections/secretBinding';
import { readServiceConnection, workspaceFolderOf } from '../settings';
import { serviceKey } from '../../config/projectKeys';
import type { ServiceRef } from '../../config/model';
import { PasswordWithheld, ServiceSecrets } from './serviceSecrets';

export const SEND_PASSWORD = 'Send Password';
export const SEND_UNENCRYPTED = 'Send Unencrypted';

export function settingsSource({ project, service }: ServiceRef, secrets: ServiceSecrets, prompter: Prompter): ConnectionSourceProvider {
  return {
    source: 'settings',
    async resolve(serviceName: string): Promise<SourceAnswer> {
      const setting = readServiceConnection(project.root, serviceName);
      if (!setting) return { missing: `no connection is set for "${serviceName}" in upsunKafka.connections` };
      // A connection the user meant to use but wrote wrong is an error, not a reason to try elsewhere.
      if ('problem' in setting) throw new Error(`${setting.problem} Fix it in settings, or run "Upsun Kafka: Set Connection for Service…".`);
      let password: string | undefined;
      if (setting.sasl) {
        password = await passwordFor(serviceKey(project, service), serviceName, setting, secrets, prompter);
        if (password === undefined) return { missing: 'no SASL password was given' };
      }
      return { serviceName, source: 'settings', options: connectionOptions(setting, password, workspaceFolderOf(project.root)), description: 'settings (upsunKafka.connections)' };
    },
  };
}

/**
 * The password to send with `setting` (which has `sasl`): the stored one once its binding
 * matches or the user agreed to the change, else one the user types now (stored, bound to
 * `setting`). Undefined when the user gave none; throws PasswordWithheld when the user said no.
 */
async function passwordFor(key: string, serviceName: string, setting: ServiceConnectionSetting, secrets: ServiceSecrets, prompter: Prompter): Promise<string | undefined> {
  const binding = secretBinding(setting);
  const sasl = setting.sasl;
  if (!binding || !sasl) return undefined;
  const brokers = setting.brokers.join(', ');
  const stored = await secrets.read(key);
  let password = stored?.password;
  const changes = stored ? bindingChanges(stored.boundTo, binding) : [];
  if (stored && changes.length > 0) {
    const send = await prompter.confirm(
      `Send the stored SASL password of "${sasl.username}" for Kafka service "${serviceName}" to ${brokers}?`,
      `Its connection changed since the password was stored: ${changes.join('; ')}. Settings can come from the workspace (.vscode/settings.json), which a repository can change. Send it only if you made this change.`,
      SEND_PASSWORD,
    );
    if (!send) throw new PasswordWithheld(`The stored SASL password for "${serviceName}" was not sent: its connection changed (${changes.join('; ')}). Run "Upsun Kafka: Set Connection for Service…" to set it again.`);
  }
  if (password === undefined) {
    password = await prompter.input({
      title: `SASL password for ${sasl.username} on ${serviceName}`,
      prompt: `Sent to ${brokers}. Kept in VS Code's secret storage, not in settings.`,
      password: true,
    });
    if (password === undefined) return undefined;
  }
  for (const host of cleartextPasswordHosts(setting).filter((h) => !secrets.cleartextAllowed(h))) {
    const send = await prompter.confirm(
      `Send the SASL PLAIN password of "${sasl.username}" unencrypted to ${host}?`,
      `Kafka service "${serviceName}" is set to SASL PLAIN without TLS, so the password crosses the network as it is and anyone on the path to ${host} can read it. Turn on TLS, or use SCRAM, to avoid this. You are asked once per host.`,
      SEND_UNENCRYPTED,
    );
    if (!send) throw new PasswordWithheld(`The SASL password for "${serviceName}" was not sent to ${host} unencrypted. Turn on TLS for it with "Upsun Kafka: Set Connection for Service…".`);
    await secrets.allowCleartext(host);
  }
  if (!stored || changes.length > 0) await secrets.store(key, password, binding);
  return password;
}
