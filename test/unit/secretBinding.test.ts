import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { mergeConfirmPatterns } from '../../src/upsun/productionGuard';
import { bindingChanges, cleartextPasswordHosts, decodeStoredSecret, encodeStoredSecret, isLoopbackHost, secretBinding, SecretBinding } from '../../src/connections/secretBinding';
import type { ServiceConnectionSetting } from '../../src/connections/serviceConnection';

const given: ServiceConnectionSetting = { brokers: ['B1.example.com:9093', 'b2.example.com:9093'], tls: true, sasl: { mechanism: 'scram-sha-512', username: 'app' } };

function bound(setting: ServiceConnectionSetting): SecretBinding {
  const binding = secretBinding(setting);
  assert.ok(binding);
  return binding;
}

describe('secrets: a stored password is bound to its connection', () => {
  it('has no binding without SASL', () => {
    assert.strictEqual(secretBinding({ brokers: ['h:1'] }), undefined);
  });

  it('sees nothing changed when only the order or case of the bootstrap servers differs', () => {
    assert.deepStrictEqual(bindingChanges(bound(given), bound({ ...given, brokers: ['b2.example.com:9093', 'b1.example.com:9093'] })), []);
  });

  it('names each change: servers, mechanism, user, TLS, certificate check, CA file', () => {
    const stored = bound({ ...given, tlsCaFile: '/etc/kafka/ca.pem' });
    const hostile = bound({ brokers: ['evil.example.net:9092'], tls: false, sasl: { mechanism: 'plain', username: 'root' } });
    assert.deepStrictEqual(bindingChanges(stored, hostile), [
      'bootstrap servers: b1.example.com:9093, b2.example.com:9093 → evil.example.net:9092',
      'SASL mechanism: SCRAM-SHA-512 → PLAIN',
      'user name: app → root',
      'TLS: on → off',
      'CA file: /etc/kafka/ca.pem → system CAs',
    ]);
    assert.deepStrictEqual(bindingChanges(bound(given), bound({ ...given, tlsAllowUntrusted: true })), ['certificate check: on → off']);
    assert.deepStrictEqual(bindingChanges(bound(given), bound({ ...given, tlsCaFile: '/tmp/planted.pem' })), ['CA file: system CAs → /tmp/planted.pem']);
    assert.deepStrictEqual(bindingChanges(bound(given), bound({ ...given, brokers: [...given.brokers, 'b3.example.com:9093'] })), [
      'bootstrap servers: b1.example.com:9093, b2.example.com:9093 → b1.example.com:9093, b2.example.com:9093, b3.example.com:9093',
    ]);
  });

  it('treats a password stored before bindings as changed', () => {
    assert.deepStrictEqual(bindingChanges(undefined, bound(given)), ['the password was stored before passwords were bound to their brokers']);
  });

  it('keeps TLS details that do not apply out of the binding', () => {
    // Without TLS the CA file and the certificate check are never used, so they bind nothing.
    assert.deepStrictEqual(bindingChanges(bound({ ...given, tls: false }), bound({ ...given, tls: false, tlsCaFile: '/x.pem', tlsAllowUntrusted: true })), []);
  });

  it('round-trips a password with its binding, and reads an old plain password as unbound', () => {
    const secret = { password: 'p"{}\n', boundTo: bound(given) };
    assert.deepStrictEqual(decodeStoredSecret(encodeStoredSecret(secret)), secret);
    assert.deepStrictEqual(decodeStoredSecret('hunter2'), { password: 'hunter2' });
    // A password that happens to be JSON is still a password.
    assert.deepStrictEqual(decodeStoredSecret('{"password":"x"}'), { password: '{"password":"x"}' });
    assert.deepStrictEqual(decodeStoredSecret('null'), { password: 'null' });
    // A binding damaged in storage binds nothing, so the next use asks.
    const damaged = JSON.stringify({ format: 'upsunKafka.secret/1', password: 'p', boundTo: { brokers: 'evil:1' } });
    assert.deepStrictEqual(decodeStoredSecret(damaged), { password: 'p' });
  });
});

describe('secrets: SASL PLAIN in clear text', () => {
  it('knows loopback hosts', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['10.0.0.1', '128.0.0.1', 'kafka.internal', 'localhost.evil.com', '::2', '::ffff:10.0.0.1', '1.127.0.0', '']) assert.ok(!isLoopbackHost(host), host);
  });

  it('names each host outside loopback that PLAIN without TLS would send the password to', () => {
    const plain = { mechanism: 'plain' as const, username: 'u' };
    assert.deepStrictEqual(cleartextPasswordHosts({ brokers: ['Kafka.Example.com:9092', '127.0.0.1:9092', 'kafka.example.com:9093', '[fd00::1]:9092'], sasl: plain }), ['kafka.example.com', 'fd00::1']);
    assert.deepStrictEqual(cleartextPasswordHosts({ brokers: ['localhost:9092', '[::1]:9092'], sasl: plain }), []);
    assert.deepStrictEqual(cleartextPasswordHosts({ brokers: ['kafka.example.com:9092'], tls: true, sasl: plain }), []);
    assert.deepStrictEqual(cleartextPasswordHosts({ brokers: ['kafka.example.com:9092'], sasl: { mechanism: 'scram-sha-256', username: 'u' } }), []);
    assert.deepStrictEqual(cleartextPasswordHosts({ brokers: ['kafka.example.com:9092'] }), []);
  });
});

describe('production guard: the workspace adds patterns, never removes the user\'s', () => {
  const defaultValue = ['*prod*', '*production*', '*live*', 'main'];

  it('keeps the defaults when a workspace empties the list', () => {
    assert.deepStrictEqual(mergeConfirmPatterns({ defaultValue, workspaceValue: [] }), defaultValue);
    assert.deepStrictEqual(mergeConfirmPatterns({ defaultValue, workspaceValue: [], workspaceFolderValue: [] }), defaultValue);
  });

  it('keeps the user\'s patterns and adds the workspace\'s after them', () => {
    assert.deepStrictEqual(mergeConfirmPatterns({ defaultValue, globalValue: ['*stage*'], workspaceValue: ['orders-*', '*stage*'], workspaceFolderValue: ['eu-*'] }), ['*stage*', 'orders-*', 'eu-*']);
    assert.deepStrictEqual(mergeConfirmPatterns({ defaultValue, workspaceValue: ['acme-*'] }), [...defaultValue, 'acme-*']);
  });

  it('lets only the user turn the guard off', () => {
    assert.deepStrictEqual(mergeConfirmPatterns({ defaultValue, globalValue: [] }), []);
    assert.deepStrictEqual(mergeConfirmPatterns({ defaultValue, globalValue: [], workspaceValue: ['x'] }), ['x']);
  });

  it('ignores a hand-edited level that is not a list of strings', () => {
    const broken = 'prod' as unknown as string[];
    assert.deepStrictEqual(mergeConfirmPatterns({ defaultValue, workspaceValue: broken }), defaultValue);
    assert.deepStrictEqual(mergeConfirmPatterns({ defaultValue, globalValue: broken }), defaultValue);
    assert.deepStrictEqual(mergeConfirmPatterns({ defaultValue, workspaceValue: [1, 'x', null] as unknown as string[] }), [...defaultValue, 'x']);
  });
});

describe('manifest: what a workspace may set', () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { supported: unknown; description?: string; restrictedConfigurations: string[] } };
    contributes: { configuration: { properties: Record<string, { scope?: string }> } };
  };
  const settings = manifest.contributes.configuration.properties;

  it('reads the CLI path from the user\'s settings only (machine scope)', () => {
    assert.strictEqual(settings['upsunKafka.cli.path'].scope, 'machine');
  });

  it('declares limited support for untrusted workspaces, restricting every setting that connects, runs or reads files', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.strictEqual(trust.supported, 'limited');
    assert.ok(trust.description);
    assert.deepStrictEqual([...trust.restrictedConfigurations].sort(), ['upsunKafka.cli.path', 'upsunKafka.connection.autoConnect', 'upsunKafka.connections', 'upsunKafka.schemaRegistries', 'upsunKafka.schemas']);
    for (const name of trust.restrictedConfigurations) assert.ok(settings[name], `${name} is not a setting`);
  });
});
