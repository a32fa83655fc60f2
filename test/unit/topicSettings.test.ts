import * as assert from 'assert';
import { editableValue, parseSettingInput, parseSize } from '../../src/kafka/topicSettings/input';
import { durationWords, parseDuration } from '../../src/text/duration';
import { logConfigLine } from '../../src/kafka/topicSettings/specs';
import type { TopicConfigEntry } from '../../src/kafka/types';
import { addPartitionsWarning, defaultAfterReset, orderedSettings, partitionCountProblem, planSettingEdit, planSettingReset } from '../../src/kafka/topicSettings/edit';
import { readableSize, readableValue, settingSpec } from '../../src/kafka/topicSettings/specs';

describe('topic settings: values in units a person reads', () => {
  const cases: [name: string, raw: string, shown: string][] = [
    ['retention.ms', '604800000', '7 days'],
    ['retention.ms', '86400000', '1 day'],
    ['retention.ms', '-1', 'unlimited'],
    ['retention.ms', '90061001', '1 day 1 hour 1 minute 1 second 1 ms'],
    ['segment.jitter.ms', '0', '0 ms'],
    ['message.timestamp.before.max.ms', '9223372036854775807', 'unlimited'],
    ['flush.ms', '9223372036854775807', 'never (left to the OS)'],
    ['flush.messages', '9223372036854775807', 'never (left to the OS)'],
    ['flush.messages', '10000', '10,000'],
    ['local.retention.ms', '-2', 'same as retention.ms'],
    ['local.retention.bytes', '-2', 'same as retention.bytes'],
    ['max.message.bytes', '1048588', '1 MiB + 12 bytes'],
    ['segment.bytes', '1073741824', '1 GiB'],
    ['segment.index.bytes', '10485760', '10 MiB'],
    ['index.interval.bytes', '4096', '4 KiB'],
    ['index.interval.bytes', '1536', '1.5 KiB'],
    ['index.interval.bytes', '1000', '1,000 bytes'],
    ['index.interval.bytes', '1', '1 byte'],
    ['retention.bytes', '-1', 'unlimited'],
    ['retention.bytes', '1500000', '≈ 1.43 MiB'],
    ['retention.bytes', '5497558138880', '5 TiB'],
    ['min.cleanable.dirty.ratio', '0.5', '50%'],
    ['min.cleanable.dirty.ratio', '0.15', '15%'],
    ['min.insync.replicas', '1', '1 replica'],
    ['min.insync.replicas', '2', '2 replicas'],
    ['cleanup.policy', 'compact,delete', 'compact, delete'],
    ['cleanup.policy', '', '(none)'],
    ['leader.replication.throttled.replicas', '', '(none)'],
    ['compression.gzip.level', '-1', 'codec default'],
    ['compression.type', 'producer', 'producer'],
    ['preallocate', 'false', 'false'],
  ];
  for (const [name, raw, shown] of cases) it(`${name} ${raw} → ${shown}`, () => assert.strictEqual(readableValue(name, raw), shown));

  it('a value that does not parse as its unit comes back unchanged', () => {
    assert.strictEqual(readableValue('retention.ms', 'soon'), 'soon');
    assert.strictEqual(readableValue('segment.bytes', '1.5'), '1.5');
  });
  it('sensitive and missing values', () => {
    assert.strictEqual(readableValue('some.password', null, { sensitive: true }), '(hidden)');
    assert.strictEqual(readableValue('retention.ms', null), '(none)');
  });
  it("a setting the table does not know takes the broker's type and the name's suffix", () => {
    assert.strictEqual(readableValue('future.lag.ms', '3600000', { type: 'long' }), '1 hour');
    assert.strictEqual(readableValue('future.buffer.bytes', '2097152', { type: 'int' }), '2 MiB');
    assert.strictEqual(readableValue('future.count', '12345', { type: 'int' }), '12,345');
    assert.strictEqual(settingSpec('future.name', 'string').unit, 'text');
  });
  it('negative durations and sizes keep their sign', () => {
    assert.strictEqual(durationWords(-1500n), '-1 second 500 ms');
    assert.strictEqual(readableSize(-2048n), '-2 KiB');
  });
});

describe('topic settings: what a person types, checked before it is sent', () => {
  const accepted: [name: string, typed: string, sent: string][] = [
    ['retention.ms', '7d', '604800000'],
    ['retention.ms', '12h', '43200000'],
    ['retention.ms', '1h30m', '5400000'],
    ['retention.ms', '1d 12h', '129600000'],
    ['retention.ms', '500ms', '500'],
    ['retention.ms', '604800000', '604800000'],
    ['retention.ms', 'unlimited', '-1'],
    ['retention.ms', '-1', '-1'],
    ['retention.bytes', 'unlimited', '-1'],
    ['retention.bytes', '10GiB', '10737418240'],
    ['max.message.bytes', '1MiB', '1048576'],
    ['max.message.bytes', '1 MB', '1000000'],
    ['max.message.bytes', '0.5 KB', '500'],
    ['max.message.bytes', '2m', '2097152'],
    ['segment.bytes', '1.5 MiB', '1572864'],
    ['cleanup.policy', 'delete', 'delete'],
    ['cleanup.policy', 'compact', 'compact'],
    ['cleanup.policy', 'delete,compact', 'delete,compact'],
    ['cleanup.policy', ' Compact , delete ', 'compact,delete'],
    ['min.insync.replicas', '2', '2'],
    ['min.cleanable.dirty.ratio', '0.1', '0.1'],
    ['min.cleanable.dirty.ratio', '25%', '0.25'],
    ['compression.type', 'ZSTD', 'zstd'],
    ['message.timestamp.type', 'logappendtime', 'LogAppendTime'],
    ['unclean.leader.election.enable', 'TRUE', 'true'],
    ['leader.replication.throttled.replicas', '0:1, 1:2', '0:1,1:2'],
    ['leader.replication.throttled.replicas', '*', '*'],
    ['compression.zstd.level', '-5', '-5'],
  ];
  for (const [name, typed, sent] of accepted) it(`${name} "${typed}" → ${sent}`, () => assert.deepStrictEqual(parseSettingInput(name, typed), { value: sent }));

  const refused: [name: string, typed: string, problem: string][] = [
    ['cleanup.policy', 'bogus', 'cleanup.policy is delete, or compact, or both (delete,compact); "bogus" is not one of delete, compact.'],
    ['cleanup.policy', '', 'cleanup.policy is delete, or compact, or both (delete,compact).'],
    ['cleanup.policy', 'delete,delete', 'cleanup.policy names each of delete, compact at most once.'],
    ['min.insync.replicas', '0', 'min.insync.replicas is at least 1 (1 replica).'],
    ['min.insync.replicas', 'two', 'min.insync.replicas is a whole number.'],
    ['retention.ms', '-5', 'retention.ms is at least -1 (unlimited).'],
    ['retention.ms', '7 weeks', 'retention.ms is a duration: a number of milliseconds, or with a unit such as 7d, 12h, 30m, 45s, 500ms, or "unlimited".'],
    ['segment.ms', '0', 'segment.ms is at least 1 (1 ms).'],
    ['max.message.bytes', '3GiB', 'max.message.bytes is at most 2147483647 (≈ 2 GiB).'],
    ['max.message.bytes', 'unlimited', 'max.message.bytes is a size in bytes: a number, or with a unit such as 512KiB, 1MiB, 1GiB.'],
    ['min.cleanable.dirty.ratio', '1.5', 'min.cleanable.dirty.ratio is a ratio from 0 to 1 (or 0% to 100%).'],
    ['compression.type', 'brotli', 'compression.type is one of uncompressed, zstd, lz4, snappy, gzip, producer.'],
    ['preallocate', 'yes', 'preallocate is true or false.'],
    ['compression.gzip.level', '10', 'compression.gzip.level is at most 9 (9).'],
    ['leader.replication.throttled.replicas', '0-1', 'leader.replication.throttled.replicas is "*" or a list partition:broker, such as 0:101,1:102.'],
  ];
  for (const [name, typed, problem] of refused) it(`${name} "${typed}" is refused`, () => assert.deepStrictEqual(parseSettingInput(name, typed), { problem }));

  it('holds segment.bytes to the limit of the broker\'s Kafka: 1 MiB since 4.0, 14 bytes before (LogConfig of 4.3.1 and 3.7.2)', () => {
    assert.deepStrictEqual(parseSettingInput('segment.bytes', '512KiB'), { problem: 'segment.bytes is at least 1048576 (1 MiB).' });
    assert.deepStrictEqual(parseSettingInput('segment.bytes', '512KiB', 'int', 'kafka-3'), { value: '524288' });
    assert.deepStrictEqual(parseSettingInput('segment.bytes', '13', 'int', 'kafka-3'), { problem: 'segment.bytes is at least 14 (14 bytes).' });
    assert.deepStrictEqual(parseSettingInput('segment.bytes', '1MiB'), { value: '1048576' });
    assert.strictEqual(logConfigLine(['cleanup.policy', 'message.format.version', 'segment.bytes']), 'kafka-3');
    assert.strictEqual(logConfigLine(['cleanup.policy', 'segment.bytes']), 'kafka-4');
  });

  it('parses durations and sizes exactly, and nothing else', () => {
    assert.strictEqual(parseDuration('2d3h4m5s6ms'), 183845006n);
    assert.strictEqual(parseDuration('7x'), undefined);
    assert.strictEqual(parseDuration('d'), undefined);
    assert.strictEqual(parseSize('1.25KiB'), 1280n);
    assert.strictEqual(parseSize('1.3 B'), undefined);
  });
});

describe('topic settings: what an edit box pre-fills', () => {
  const cases: [name: string, raw: string | null, typed: string][] = [
    ['retention.ms', '604800000', '7d'],
    ['retention.ms', '5400000', '1h 30m'],
    ['retention.ms', '90061001', '1d 1h 1m 1s 1ms'],
    ['retention.ms', '-1', 'unlimited'],
    ['segment.jitter.ms', '0', '0'],
    ['retention.bytes', '-1', 'unlimited'],
    ['segment.bytes', '1073741824', '1 GiB'],
    ['max.message.bytes', '1048588', '1048588'],
    ['segment.index.bytes', '10485760', '10 MiB'],
    ['min.cleanable.dirty.ratio', '0.5', '50%'],
    ['cleanup.policy', 'compact,delete', 'compact, delete'],
    ['min.insync.replicas', '2', '2'],
    ['compression.type', 'producer', 'producer'],
    ['retention.ms', null, ''],
  ];
  for (const [name, raw, typed] of cases) {
    it(`${name} ${raw} → "${typed}", which reads back as ${raw}`, () => {
      assert.strictEqual(editableValue(name, raw), typed);
      if (raw !== null) assert.deepStrictEqual(parseSettingInput(name, typed), { value: raw });
    });
  }
});

describe('topic settings: the default a reset brings back', () => {
  const entry = (synonyms: TopicConfigEntry['synonyms']): TopicConfigEntry => ({
    name: 'retention.ms', value: '86400000', source: 'topic', readOnly: false, sensitive: false, type: 'long', documentation: null, synonyms,
  });
  it('reads a broker synonym in hours or minutes as the duration it stands for', () => {
    assert.strictEqual(defaultAfterReset(entry([{ name: 'retention.ms', value: '86400000', source: 'topic' }, { name: 'log.retention.hours', value: '168', source: 'default' }])), "7 days (Kafka's built-in default: log.retention.hours)");
    assert.strictEqual(defaultAfterReset(entry([{ name: 'log.retention.minutes', value: '90', source: 'static-broker' }])), "1 hour 30 minutes (the broker's default, from its server.properties: log.retention.minutes)");
    assert.strictEqual(defaultAfterReset(entry([{ name: 'log.retention.ms', value: '-1', source: 'dynamic-default-broker' }])), "unlimited (the brokers' default, set at run time for every broker: log.retention.ms)");
    assert.strictEqual(defaultAfterReset(entry([{ name: 'retention.ms', value: '1', source: 'topic' }])), undefined);
  });
  it('orders set-on-topic first, and plans resets only of those', () => {
    const defaults = { ...entry([]), name: 'segment.ms', value: '604800000', source: 'default' as const };
    assert.deepStrictEqual(orderedSettings([defaults, entry([])]).map((e) => e.name), ['retention.ms', 'segment.ms']);
    assert.deepStrictEqual(planSettingReset([defaults], 'segment.ms'), { problem: "segment.ms is not set on this topic; it already has Kafka's built-in default (7 days)." });
    assert.deepStrictEqual(planSettingReset([entry([])], 'retention.ms'), { change: { name: 'retention.ms', value: null } });
    assert.deepStrictEqual(planSettingEdit([{ ...defaults, readOnly: true }], 'segment.ms', '1d'), { problem: 'segment.ms is read-only: the broker does not let it be changed on a topic.' });
  });
  it('checks a new partition count and warns that keyed messages move', () => {
    assert.strictEqual(partitionCountProblem(3, '4'), undefined);
    assert.strictEqual(partitionCountProblem(3, '3'), 'The topic has 3 partitions; the new count must be larger. Kafka cannot remove partitions.');
    assert.strictEqual(partitionCountProblem(1, 'x'), 'The new partition count is a whole number.');
    assert.match(addPartitionsWarning('orders', 3, 6), /^"orders" goes from 3 partitions to 6\. A keyed message goes to partition hash\(key\) % partition count.*cannot be decreased afterwards\.$/);
  });
});
