// "Upsun Kafka: Set Connection for Service…": brokers, TLS and SASL for one declared service,
// saved to settings, with the SASL password in SecretStorage.

import { brokerListProblem, parseBrokerList } from '../../kafka/brokerAddress';
import { secretBinding } from '../../connections/secretBinding';
import type { Prompter } from '../prompter';
import { readServiceConnection, ServiceConnectionSetting, writeServiceConnection } from '../settings';
import type { ConnectionManager } from './connectionManager';
import { pickService } from './servicePick';
import type { ServiceSecrets } from './serviceSecrets';

export const SET_CONNECTION_COMMAND = 'upsunKafka.setConnection';

type Security = Pick<ServiceConnectionSetting, 'tls' | 'tlsAllowUntrusted'>;
type Mechanism = NonNullable<ServiceConnectionSetting['sasl']>['mechanism'] | 'none';

export async function setConnection(connections: ConnectionManager, secrets: ServiceSecrets, prompter: Prompter, argument?: unknown): Promise<boolean> {
  const target = await pickService(connections, prompter, argument, 'Set connection for which Kafka service?');
  if (!target) return false;
  const { project, service, key } = target;
  const found = readServiceConnection(project.root, service.name);
  const current = found && !('problem' in found) ? found : undefined;
  const title = `Connection for "${service.name}"`;
  const brokerText = await prompter.input({
    title: `${title}: brokers`,
    prompt: 'Bootstrap brokers as host:port, comma-separated.',
    placeholder: '127.0.0.1:9092',
    value: current?.brokers.join(', '),
    validate: brokerListProblem,
  });
  if (brokerText === undefined) return false;
  const security = await prompter.pick<Security>(
    [
      { label: 'Plaintext', description: 'no TLS', value: {} },
      { label: 'TLS', description: 'verify the broker\'s certificate', value: { tls: true } },
      { label: 'TLS, accept any certificate', description: 'self-signed or through a tunnel', value: { tls: true, tlsAllowUntrusted: true } },
    ],
    { title: `${title}: security`, placeholder: 'How to reach the brokers' },
  );
  if (!security) return false;
  const mechanism = await prompter.pick<Mechanism>(
    [
      { label: 'No authentication', value: 'none' },
      { label: 'SASL PLAIN', value: 'plain' },
      { label: 'SASL SCRAM-SHA-256', value: 'scram-sha-256' },
      { label: 'SASL SCRAM-SHA-512', value: 'scram-sha-512' },
    ],
    { title: `${title}: authentication`, placeholder: 'How to authenticate' },
  );
  if (!mechanism) return false;
  let sasl: ServiceConnectionSetting['sasl'];
  let password: string | undefined;
  if (mechanism !== 'none') {
    const username = await prompter.input({ title: `${title}: SASL user name`, value: current?.sasl?.username, validate: (t) => (t.trim() ? undefined : 'Enter the user name.') });
    if (username === undefined) return false;
    password = await prompter.input({ title: `${title}: SASL password`, prompt: 'Kept in VS Code\'s secret storage, not in settings.', password: true });
    if (password === undefined) return false;
    sasl = { mechanism, username: username.trim() };
  }
  const setting: ServiceConnectionSetting = { brokers: parseBrokerList(brokerText), ...security, ...(sasl ? { sasl } : {}) };
  // The password is bound to exactly this connection: a later change to it asks before sending.
  const binding = secretBinding(setting);
  if (binding && password !== undefined) await secrets.store(key, password, binding);
  else await secrets.delete(key);
  await writeServiceConnection(project.root, service.name, setting);
  // The next use connects with what was just set.
  await connections.disconnect(key);
  return true;
}
