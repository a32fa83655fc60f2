import * as assert from 'assert';
import { brokerAddressProblem, brokerListProblem, parseBrokerList } from '../../src/kafka/brokerAddress';
import { connectionOptions, parseServiceConnection, ServiceConnectionSetting } from '../../src/connections/serviceConnection';

describe('live Kafka input: broker addresses', () => {
  it('accepts host:port, IPv4, IPv6 in brackets and internal names', () => {
    for (const ok of ['127.0.0.1:9092', 'localhost:30000', 'kafka.internal:9092', '[::1]:9092', ' broker-1.example.com:19092 ']) {
      assert.strictEqual(brokerAddressProblem(ok), undefined, ok);
    }
  });

  it('says what is wrong with a bad address', () => {
    assert.match(brokerAddressProblem('')!, /host:port/);
    assert.match(brokerAddressProblem('localhost')!, /is not host:port/);
    assert.match(brokerAddressProblem('localhost:abc')!, /is not host:port/);
    assert.match(brokerAddressProblem('kafka://host:9092')!, /is not host:port/);
    assert.match(brokerAddressProblem('host:0')!, /out of range/);
    assert.match(brokerAddressProblem('host:70000')!, /out of range/);
  });

  it('reads a comma-separated list and names its first bad entry', () => {
    assert.deepStrictEqual(parseBrokerList(' a:1, b:2 ,,'), ['a:1', 'b:2']);
    assert.strictEqual(brokerListProblem('a:1, b:2'), undefined);
    assert.match(brokerListProblem('a:1, b')!, /"b" is not host:port/);
    assert.match(brokerListProblem(' , ')!, /Enter a broker address/);
  });
});

describe('live Kafka input: a service connection from settings', () => {
  const where = 'upsunKafka.connections.kafka';

  it('reads brokers, TLS and SASL user, and builds the connection options with the secret', () => {
    const setting = parseServiceConnection({ brokers: [' b1:9093 ', 'b2:9093'], tls: true, sasl: { mechanism: 'scram-sha-512', username: 'app' } }, where);
    assert.deepStrictEqual(setting, { brokers: ['b1:9093', 'b2:9093'], tls: true, tlsAllowUntrusted: undefined, sasl: { mechanism: 'scram-sha-512', username: 'app' } });
    assert.deepStrictEqual(connectionOptions(setting as ServiceConnectionSetting, 's3cret', '/work/shop'), {
      brokers: ['b1:9093', 'b2:9093'],
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'app', password: 's3cret' },
    });
    assert.deepStrictEqual(connectionOptions({ brokers: ['h:1'], tls: true, tlsAllowUntrusted: true }, undefined, '/work/shop'), { brokers: ['h:1'], ssl: { rejectUnauthorized: false }, sasl: undefined });
    assert.deepStrictEqual(connectionOptions({ brokers: ['h:1'] }, undefined, '/work/shop'), { brokers: ['h:1'], ssl: undefined, sasl: undefined });
    const withCa = parseServiceConnection({ brokers: ['h:1'], tls: true, tlsCaFile: '/etc/kafka/ca.pem' }, where);
    assert.deepStrictEqual(connectionOptions(withCa as ServiceConnectionSetting, undefined, '/work/shop'), { brokers: ['h:1'], ssl: { caFile: '/etc/kafka/ca.pem' }, sasl: undefined });
  });

  it('reads a relative tlsCaFile against the workspace folder, not the editor\'s working folder', () => {
    const withCa = parseServiceConnection({ brokers: ['h:1'], tls: true, tlsCaFile: 'certs/ca.pem' }, where) as ServiceConnectionSetting;
    assert.deepStrictEqual(connectionOptions(withCa, undefined, '/work/shop').ssl, { caFile: '/work/shop/certs/ca.pem' });
    assert.deepStrictEqual(connectionOptions({ ...withCa, tlsCaFile: '../ca.pem' }, undefined, '/work/shop').ssl, { caFile: '/work/ca.pem' });
  });

  it('names the field that is wrong in a hand-edited connection', () => {
    const problem = (raw: unknown) => (parseServiceConnection(raw, where) as { problem: string }).problem;
    assert.match(problem('127.0.0.1:9092'), /must be an object/);
    assert.match(problem({ brokers: '127.0.0.1:9092' }), /brokers must be a list/);
    assert.match(problem({ brokers: [] }), /brokers must be a list/);
    assert.match(problem({ brokers: ['nohost'] }), /brokers: "nohost" is not host:port/);
    assert.match(problem({ brokers: ['h:1'], tls: 'yes' }), /tls must be true or false/);
    assert.match(problem({ brokers: ['h:1'], tls: true, tlsCaFile: '' }), /tlsCaFile must be the path of a PEM file/);
    assert.match(problem({ brokers: ['h:1'], sasl: { mechanism: 'gssapi', username: 'u' } }), /sasl.mechanism must be one of plain/);
    assert.match(problem({ brokers: ['h:1'], sasl: { mechanism: 'plain' } }), /sasl.username/);
    assert.match(problem({ brokers: ['h:1'], sasl: null }), /sasl.mechanism/);
  });
});
