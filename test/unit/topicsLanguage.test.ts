import * as assert from 'assert';
import { settingHover, settingNamesFor, settingValueExamples, topicsCursorAt } from '../../src/topicsFile/language';

/** The text with `|` removed, and the cursor's offset where it was. */
function at(marked: string): [string, number] {
  const offset = marked.indexOf('|');
  return [marked.slice(0, offset) + marked.slice(offset + 1), offset];
}

const HEAD = `services:
  kafka:
    topics:
      orders:
        partitions: 3
`;

describe('topics file cursor', () => {
  it('a half-typed key under a topic\'s config is a setting name, its word the range', () => {
    const [text, offset] = at(`${HEAD}        config:\n          ret|\n`);
    const cursor = topicsCursorAt(text, offset);
    assert.strictEqual(cursor?.kind, 'setting-name');
    assert.strictEqual(text.slice(cursor.range.start, cursor.range.end), 'ret');
    assert.strictEqual(cursor.service, 'kafka');
  });

  it('an empty line under an override\'s config is a setting name too', () => {
    const [text, offset] = at(`${HEAD}        environments:\n          production:\n            config:\n              |\n`);
    assert.strictEqual(topicsCursorAt(text, offset)?.kind, 'setting-name');
  });

  it('after the colon is the setting\'s value; on the key, the setting itself', () => {
    const [text, offset] = at(`${HEAD}        config:\n          retention.ms: 7|d   # a week\n`);
    const value = topicsCursorAt(text, offset);
    assert.deepStrictEqual(value && value.kind === 'setting-value' && [value.setting, text.slice(value.range.start, value.range.end)], ['retention.ms', '7d  ']);
    const [keyText, keyOffset] = at(`${HEAD}        config:\n          reten|tion.ms: 7d\n`);
    const key = topicsCursorAt(keyText, keyOffset);
    assert.deepStrictEqual(key && key.kind === 'setting-key' && [key.setting, keyText.slice(key.range.start, key.range.end)], ['retention.ms', 'retention.ms']);
  });

  it('a service\'s name is a service; a topic\'s key or partitions are nothing here', () => {
    const [text, offset] = at('services:\n  kaf|ka:\n    topics: {}\n');
    const cursor = topicsCursorAt(text, offset);
    assert.deepStrictEqual(cursor && cursor.kind === 'service' && [cursor.service, text.slice(cursor.range.start, cursor.range.end)], ['kafka', 'kafka']);
    assert.strictEqual(topicsCursorAt(...at(`${HEAD.replace('orders:', 'ord|ers:')}`)), undefined);
    assert.strictEqual(topicsCursorAt(...at(`${HEAD.replace('partitions: 3', 'partitions: |3')}`)), undefined);
    // A `config` key elsewhere (under services.kafka) is not a topic's settings.
    assert.strictEqual(topicsCursorAt(...at('services:\n  kafka:\n    config:\n      |\n')), undefined);
  });

  it('offers a setting\'s words and examples in its unit', () => {
    assert.deepStrictEqual(settingValueExamples('cleanup.policy'), ['delete', 'compact', 'delete,compact']);
    assert.deepStrictEqual(settingValueExamples('message.downconversion.enable'), ['true', 'false']);
    assert.ok(settingValueExamples('retention.ms').includes('7d'));
  });

  it('offers the settings of the service\'s Kafka version, each with that version\'s limits', () => {
    const names = (version?: string) => settingNamesFor(version).map((s) => s.name);
    // Kafka 4.0 removed message.format.version (KIP-724); 3.8 added the compression levels.
    assert.ok(!names('4.3').includes('message.format.version') && names('4.3').includes('compression.zstd.level'));
    assert.ok(names('3.7').includes('message.format.version') && !names('3.7').includes('compression.zstd.level'));
    assert.deepStrictEqual(names(undefined), names('4.1'));
    assert.strictEqual(settingNamesFor('3.7').find((s) => s.name === 'segment.bytes')?.spec.min, 14n);
    assert.strictEqual(settingNamesFor('4.3').find((s) => s.name === 'segment.bytes')?.spec.min, 1_048_576n);
    assert.deepStrictEqual(names('4.3'), [...names('4.3')].sort());
  });

  it('a hover gives the unit and the limits of the service\'s Kafka version', () => {
    assert.match(settingHover('segment.bytes', '4.3'), /A size.*\n\nKafka 4 accepts from 1 MiB up to/s);
    assert.match(settingHover('segment.bytes', '3.7'), /Kafka 3 accepts from 14 bytes up to/);
    assert.match(settingHover('retention.ms', undefined), /Kafka 4 accepts from `-1` \(unlimited\) up to `9223372036854775807` \(unlimited\)\./);
  });

  it('a hover gives Kafka\'s default for the service\'s version, as a topics file writes it', () => {
    const defaultLine = (name: string, version?: string) => settingHover(name, version).split('\n').find((l) => l.startsWith('Kafka\'s default'));
    assert.strictEqual(defaultLine('retention.ms', '4.3'), "Kafka's default: `7d` (7 days), unless the service's brokers set another.");
    // One hour since Kafka 4.0; unlimited on Platform.sh's kafka:3.7.
    assert.strictEqual(defaultLine('message.timestamp.after.max.ms', '4.1'), "Kafka's default: `1h` (1 hour), unless the service's brokers set another.");
    assert.strictEqual(defaultLine('message.timestamp.after.max.ms', '3.7'), "Kafka's default: `unlimited`, unless the service's brokers set another.");
    assert.strictEqual(defaultLine('max.message.bytes'), "Kafka's default: `1048588` (1 MiB + 12 bytes), unless the service's brokers set another.");
    assert.strictEqual(defaultLine('leader.replication.throttled.replicas'), "Kafka's default: none, unless the service's brokers set another.");
    assert.strictEqual(defaultLine('message.downconversion.enable', '4.3'), undefined);
  });
});
