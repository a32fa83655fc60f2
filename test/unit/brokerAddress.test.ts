import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { mapAddress } from '../../src/kafka/addressMap';
import { brokerAddressProblem, brokerListProblem, formatHostPort, parseBrokerAddress } from '../../src/kafka/brokerAddress';
import { EXIT_USAGE } from '../../src/cli/exitCodes';
import { parseServiceConnection } from '../../src/connections/serviceConnection';

const CLI = path.resolve(__dirname, '..', '..', 'src', 'cli', 'main.js');

describe('broker addresses: one parser for settings, CLI, prompt and address map', () => {
  it('reads host:port, IPv4, internal names and IPv6 in brackets, ports 1 to 65535', () => {
    assert.deepStrictEqual(parseBrokerAddress('127.0.0.1:9092'), { host: '127.0.0.1', port: 9092 });
    assert.deepStrictEqual(parseBrokerAddress(' kafka.internal:1 '), { host: 'kafka.internal', port: 1 });
    assert.deepStrictEqual(parseBrokerAddress('broker_1.example.com:65535'), { host: 'broker_1.example.com', port: 65535 });
    assert.deepStrictEqual(parseBrokerAddress('[::1]:9092'), { host: '::1', port: 9092 });
    assert.deepStrictEqual(parseBrokerAddress('[2001:db8::7]:30000'), { host: '2001:db8::7', port: 30000 });
  });

  it('says plainly what is wrong, quoting the input', () => {
    const problems: [string, RegExp][] = [
      ['127.0.0.1:99999', /"127\.0\.0\.1:99999": port 99999 is out of range; use 1 to 65535/],
      ['host:65536', /port 65536 is out of range/],
      ['host:0', /port 0 is out of range/],
      ['host:-1', /the port must be a number/],
      ['host:90 92', /is not host:port/],
      ['host', /"host" is not host:port/],
      ['host:', /the port must be a number/],
      [':9092', /is not host:port/],
      ['::1:9092', /put an IPv6 address in brackets, as in \[::1\]:9092/],
      ['2001:db8::7', /put an IPv6 address in brackets/],
      ['[kafka.internal]:9092', /only an IPv6 address goes in brackets/],
      ['kafka://host:9092', /is not host:port/],
      ['', /Enter a broker address as host:port/],
    ];
    for (const [text, problem] of problems) assert.match(brokerAddressProblem(text) ?? 'accepted', problem, text);
  });

  it('names the first bad entry of a list', () => {
    assert.match(brokerListProblem('a:1, b:99999, c')!, /"b:99999": port 99999 is out of range/);
    assert.strictEqual(brokerListProblem('a:1,[::1]:2'), undefined);
  });

  it('writes an IPv6 host back in brackets', () => {
    assert.strictEqual(formatHostPort({ host: '::1', port: 9092 }), '[::1]:9092');
    assert.strictEqual(formatHostPort({ host: 'kafka.internal', port: 9092 }), 'kafka.internal:9092');
  });

  it('settings: a connection with port 99999 is a problem that names the setting', () => {
    const parsed = parseServiceConnection({ brokers: ['127.0.0.1:99999'] }, 'upsunKafka.connections.kafka');
    assert.ok('problem' in parsed);
    assert.match(parsed.problem, /^upsunKafka\.connections\.kafka\.brokers: "127\.0\.0\.1:99999": port 99999 is out of range/);
  });

  it('address map: an IPv6 advertised address is looked up in brackets; a bad target is ignored', () => {
    assert.deepStrictEqual(mapAddress({ host: '::1', port: 9092 }, [], { '[::1]:9092': '127.0.0.1:30001' }), { host: '127.0.0.1', port: 30001 });
    assert.deepStrictEqual(mapAddress({ host: 'kafka.internal', port: 9092 }, [], { 'kafka.internal:9092': '127.0.0.1:99999' }), { host: 'kafka.internal', port: 9092 });
  });

  for (const command of [['peek', '--topic', 't'], ['produce', '--topic', 't', '--value', 'v']]) {
    it(`CLI ${command[0]} --brokers 127.0.0.1:99999 exits 2 with the parser's message, without connecting`, () => {
      const run = spawnSync(process.execPath, [CLI, ...command, '--brokers', '127.0.0.1:99999', '--timeout', '30'], { encoding: 'utf8', timeout: 20_000 });
      assert.strictEqual(run.status, EXIT_USAGE, run.stderr);
      assert.strictEqual(run.stderr, 'upsun-kafka: --brokers takes host:port[,host:port…]: "127.0.0.1:99999": port 99999 is out of range; use 1 to 65535.\n');
      assert.strictEqual(run.stdout, '');
    });
  }
});
