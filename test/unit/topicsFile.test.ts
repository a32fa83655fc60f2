import * as assert from 'assert';
import { parseTopicsFile, resolveTopics, type TopicsFile } from '../../src/topicsFile/file';
import { planTopics, planText, type LiveTopic } from '../../src/topicsFile/plan';
import { compareClusters, differencesText, sideText } from '../../src/topicsFile/compare';
import { exportTopicsFile } from '../../src/topicsFile/export';
import { topicsFileSchema } from '../../src/topicsFile/schema';
import Ajv from 'ajv';
import { parse } from 'yaml';

const FILE = `services:
  kafka:
    topics:
      orders:
        partitions: 12
        replication_factor: 1
        config:
          retention.ms: 7d
          max.message.bytes: 2MiB
          cleanup.policy: compact, delete
        environments:
          development:
            partitions: 3
            config:
              retention.ms: 1d
              max.message.bytes: ~
      audit:
        partitions: 1
`;

const KAFKA = new Map([['kafka', '4.3']]);

function problemsOf(file: TopicsFile, text: string): string[] {
  return file.problems.map((p) => `${p.code} ${JSON.stringify(text.slice(p.start, p.end))}`);
}

function live(name: string, partitions: number, config: Record<string, string> = {}, replicationFactor = 1): LiveTopic {
  return { name, partitions, replicationFactor, config, effective: { 'retention.ms': '604800000', 'cleanup.policy': 'delete', ...config } };
}

describe('topics file', () => {
  it('reads topics with their settings in Kafka units, and the overrides of an environment type', () => {
    const file = parseTopicsFile(FILE, KAFKA);
    assert.deepStrictEqual(file.problems, []);
    const [service] = file.services;
    assert.deepStrictEqual(resolveTopics(service, 'production'), [
      { name: 'orders', partitions: 12, replicationFactor: 1, config: { 'retention.ms': '604800000', 'max.message.bytes': '2097152', 'cleanup.policy': 'compact,delete' } },
      { name: 'audit', partitions: 1, config: {} },
    ]);
    assert.deepStrictEqual(resolveTopics(service, 'development')[0], { name: 'orders', partitions: 3, replicationFactor: 1, config: { 'retention.ms': '86400000', 'cleanup.policy': 'compact,delete' } });
  });

  it('marks each fault at its characters with its own code', () => {
    const text = `services:
  kafka:
    topics:
      bad name:
        partitions: 0
        config:
          retention.msx: 7d
          retention.bytes: soon
        environments:
          prod:
            partitions: 2
      nopartitions:
        config: {}
  kafak:
    topics: {}
colour: blue
`;
    assert.deepStrictEqual(problemsOf(parseTopicsFile(text, KAFKA), text), [
      'topics-invalid-topic-name "bad name"',
      'topics-invalid-count "0"',
      'topics-unknown-setting "retention.msx"',
      'topics-invalid-value "soon"',
      'topics-unknown-environment-type "prod"',
      'topics-missing-partitions "nopartitions"',
      'topics-unknown-service "kafak"',
      'topics-unknown-key "colour"',
    ]);
    const messages = parseTopicsFile(text, KAFKA).problems.map((p) => p.message);
    assert.ok(messages.includes('`retention.msx` is not a topic setting Kafka knows; did you mean `retention.ms`?'), messages.join('\n'));
    assert.ok(messages.includes("No Kafka service `kafak` is declared in this project; did you mean `kafka`?"), messages.join('\n'));
    assert.ok(messages.includes("`prod` is not an environment type; Upsun's are production, staging, development (did you mean `production`?)."), messages.join('\n'));
  });

  it("checks a value against the limits of the service's own Kafka version", () => {
    const text = 'services:\n  kafka:\n    topics:\n      t:\n        partitions: 1\n        config:\n          segment.bytes: 1000\n';
    assert.deepStrictEqual(problemsOf(parseTopicsFile(text, new Map([['kafka', '4.1']])), text), ['topics-invalid-value "1000"']);
    assert.deepStrictEqual(problemsOf(parseTopicsFile(text, new Map([['kafka', '3.7']])), text), []);
  });

  it("accepts only the settings of the service's own Kafka line, saying which Kafka lacks the others", () => {
    const fileWith = (settings: string[]) => `services:\n  kafka:\n    topics:\n      t:\n        partitions: 1\n        config:\n${settings.map((s) => `          ${s}\n`).join('')}`;
    const messages = (text: string, version: string) => parseTopicsFile(text, new Map([['kafka', version]])).problems.map((p) => `${p.code} ${p.message}`);
    const removed = fileWith(['message.timestamp.difference.max.ms: 1h', 'message.downconversion.enable: false', 'message.format.version: 3.0-IV1']);
    assert.deepStrictEqual(messages(removed, '4.3'), [
      'topics-unknown-setting `message.timestamp.difference.max.ms` is not a topic setting of Kafka 4.3: Kafka 4.0 removed it.',
      'topics-unknown-setting `message.downconversion.enable` is not a topic setting of Kafka 4.3: Kafka 4.0 removed it.',
      'topics-unknown-setting `message.format.version` is not a topic setting of Kafka 4.3: Kafka 4.0 removed it.',
    ]);
    assert.deepStrictEqual(messages(removed, '3.7'), []);
    const added = fileWith(['remote.log.copy.disable: true', 'remote.log.delete.on.disable: true', 'compression.zstd.level: 5']);
    assert.deepStrictEqual(messages(added, '4.1'), []);
    assert.deepStrictEqual(messages(added, '3.7'), [
      'topics-unknown-setting `remote.log.copy.disable` is not a topic setting of Kafka 3.7: a later Kafka added it.',
      'topics-unknown-setting `remote.log.delete.on.disable` is not a topic setting of Kafka 3.7: a later Kafka added it.',
      'topics-unknown-setting `compression.zstd.level` is not a topic setting of Kafka 3.7: a later Kafka added it.',
    ]);
  });

  it("holds counts to Kafka's wire types and reads longs past 2^53 digit for digit", () => {
    const topic = (lines: string) => `services:\n  kafka:\n    topics:\n      t:\n${lines}`;
    const messages = (text: string) => parseTopicsFile(text, KAFKA).problems.map((p) => `${p.code} ${JSON.stringify(text.slice(p.start, p.end))} ${p.message}`);
    assert.deepStrictEqual(messages(topic('        partitions: 1\n        replication_factor: 40000\n')), ['topics-invalid-count "40000" The replication factor is a whole number from 1 to 32,767.']);
    assert.deepStrictEqual(messages(topic('        partitions: 1\n        replication_factor: 32767\n')), []);
    assert.deepStrictEqual(messages(topic('        partitions: 2147483648\n')), ['topics-invalid-count "2147483648" The number of partitions is a whole number from 1 to 100,000.']);
    for (const [written, shown] of [['"3"', '"\\"3\\""'], ['0', '"0"'], ['-1', '"-1"'], ['1.5', '"1.5"']]) {
      const quoted = written.startsWith('"') ? ', written without quotes' : '';
      assert.deepStrictEqual(messages(topic(`        partitions: ${written}\n`)), [`topics-invalid-count ${shown} The number of partitions is a whole number from 1 to 100,000${quoted}.`]);
    }
    const longs = parseTopicsFile(topic('        partitions: 1\n        config:\n          segment.ms: 9223372036854775807\n          flush.messages: 9223372036854775807\n          retention.ms: 9223372036854775807\n          retention.bytes: 9007199254740993\n'), KAFKA);
    assert.deepStrictEqual([longs.problems, longs.services[0].topics[0].base.config], [[], {
      'segment.ms': '9223372036854775807',
      'flush.messages': '9223372036854775807',
      'retention.ms': '9223372036854775807',
      'retention.bytes': '9007199254740993',
    }]);
    assert.deepStrictEqual(messages(topic('        partitions: 1\n        config:\n          segment.ms: 9223372036854775808\n')), ['topics-invalid-value "9223372036854775808" segment.ms is at most 9223372036854775807 (unlimited).']);
  });

  it('follows aliases and applies merge keys as YAML defines them, with anchors kept under an x- key', () => {
    const text = `x-defaults:
  retained: &retained
    partitions: 3
    config:
      retention.ms: 1d
services:
  kafka:
    topics:
      a2: *retained
      a3:
        <<: *retained
        partitions: 6
        environments:
          development: { <<: *retained }
`;
    const file = parseTopicsFile(text, KAFKA);
    assert.deepStrictEqual(file.problems, []);
    assert.deepStrictEqual(resolveTopics(file.services[0], 'development'), [
      { name: 'a2', partitions: 3, config: { 'retention.ms': '86400000' } },
      { name: 'a3', partitions: 3, config: { 'retention.ms': '86400000' } },
    ]);
    assert.deepStrictEqual(resolveTopics(file.services[0]).map((t) => t.partitions), [3, 6]);
    const other = 'defaults: 1\nservices: {}\n';
    assert.deepStrictEqual(parseTopicsFile(other, KAFKA).problems.map((p) => p.message), ['Unknown key `defaults`: the topics file has one top-level key, `services`, and `x-` keys to hold YAML anchors.']);
  });

  it('warns when min.insync.replicas is above the replication factor, in the base or an environment type', () => {
    const text = 'services:\n  kafka:\n    topics:\n      t:\n        partitions: 1\n        replication_factor: 2\n        config:\n          min.insync.replicas: 2\n        environments:\n          development:\n            replication_factor: 1\n';
    assert.deepStrictEqual(parseTopicsFile(text, KAFKA).problems.map((p) => `${p.severity} ${p.code} ${JSON.stringify(text.slice(p.start, p.end))} ${p.message}`), [
      'warning topics-min-insync-above-replication "t" Topic `t` in development environments has min.insync.replicas 2 above its replication factor 1: producers with acks=all could never write to it (NOT_ENOUGH_REPLICAS). Lower min.insync.replicas or raise replication_factor.',
    ]);
  });

  it('reports a YAML syntax error and reads nothing else', () => {
    const text = 'services:\n  kafka: [\n';
    const file = parseTopicsFile(text, KAFKA);
    assert.deepStrictEqual(file.services, []);
    assert.deepStrictEqual(file.problems.map((p) => p.code), ['topics-yaml-error']);
    assert.strictEqual(file.lineCounter.linePos(file.problems[0].start).line, 3);
  });
});

describe('topics plan', () => {
  const declared = resolveTopics(parseTopicsFile(FILE, KAFKA).services[0], 'production');

  it('creates what is missing, grows partitions, sets and resets settings, and keeps undeclared topics', () => {
    const plan = planTopics(declared, [
      live('orders', 6, { 'retention.ms': '86400000', 'cleanup.policy': 'delete,compact', 'segment.ms': '3600000' }),
      live('legacy', 1),
    ]);
    assert.deepStrictEqual(plan.changes, [
      { kind: 'create', topic: 'audit', partitions: 1, config: {} },
      { kind: 'add-partitions', topic: 'orders', from: 6, to: 12 },
      { kind: 'set', topic: 'orders', name: 'retention.ms', from: '86400000', to: '604800000' },
      { kind: 'set', topic: 'orders', name: 'max.message.bytes', from: null, to: '2097152' },
      { kind: 'reset', topic: 'orders', name: 'segment.ms', from: '3600000' },
    ]);
    assert.deepStrictEqual(plan.undeclared, ['legacy']);
    assert.strictEqual(planText(plan, 'kafka on staging'), [
      '+ audit: create, 1 partition',
      '~ orders: partitions 6 → 12',
      '~ orders: retention.ms 1 day → 7 days',
      '~ orders: max.message.bytes (unset) → 2 MiB',
      "~ orders: segment.ms 1 hour → Kafka's default",
      '  not declared, kept: legacy (--prune deletes them)',
      'kafka on staging: 1 topic to create, 1 topic to change.',
    ].join('\n'));
  });

  it('deletes undeclared topics only with prune', () => {
    const plan = planTopics([], [live('legacy', 1)], { prune: true });
    assert.deepStrictEqual(plan.changes, [{ kind: 'delete', topic: 'legacy' }]);
  });

  it('reports fewer partitions and another replication factor as impossible, never as a change', () => {
    const plan = planTopics([{ name: 'orders', partitions: 3, replicationFactor: 3, config: {} }], [live('orders', 12, {}, 1)]);
    assert.deepStrictEqual(plan.changes, []);
    assert.deepStrictEqual(plan.impossible.map((i) => i.topic), ['orders', 'orders']);
    assert.match(plan.impossible[0].reason, /Kafka cannot remove partitions/);
    assert.match(plan.impossible[1].reason, /partition reassignment/);
    assert.match(planText(plan, 'kafka'), /kafka: nothing to do; 2 declarations Kafka cannot carry out\.$/);
  });

  it('has nothing to do when the cluster matches, a list in another order included', () => {
    const plan = planTopics(declared, [
      live('orders', 12, { 'retention.ms': '604800000', 'max.message.bytes': '2097152', 'cleanup.policy': 'delete,compact' }),
      live('audit', 1),
    ]);
    assert.deepStrictEqual(plan.changes, []);
    assert.strictEqual(planText(plan, 'kafka'), 'kafka: nothing to do; the topics match the file.');
  });
});

describe('topics export and compare', () => {
  it('exports a file that reads back as the same topics', () => {
    const topics = [live('orders', 12, { 'retention.ms': '604800000', 'max.message.bytes': '2097152', 'cleanup.policy': 'compact,delete', 'min.cleanable.dirty.ratio': '0.25' }), live('audit', 1)];
    const text = exportTopicsFile('kafka', topics, '4.3');
    assert.match(text, /retention\.ms: 7d\n/);
    assert.match(text, /max\.message\.bytes: 2 MiB\n/);
    const file = parseTopicsFile(text, KAFKA);
    assert.deepStrictEqual(file.problems, []);
    assert.deepStrictEqual(planTopics(resolveTopics(file.services[0]), topics).changes, []);
  });

  it('lists topics, partitions, settings and groups that differ between two environments', () => {
    const left = { label: 'main', topics: [live('orders', 12, { 'retention.ms': '604800000' }), live('audit', 1)], groups: ['billing', 'mailer'] };
    const right = { label: 'staging', topics: [live('orders', 3, { 'retention.ms': '86400000' }), live('scratch', 1)], groups: ['billing'] };
    const differences = compareClusters(left, right);
    assert.strictEqual(differencesText(left, right, differences), [
      'topic orders: partitions 12 on main, 3 on staging',
      'topic orders: retention.ms 7 days on main, 1 day on staging',
      'topic audit: only on main',
      'topic scratch: only on staging',
      'consumer group mailer: only on main',
    ].join('\n'));
  });

  it('shows each side for the diff editor with settings as a topics file writes them', () => {
    const side = { label: 'staging', topics: [live('orders', 3, { 'retention.ms': '86400000', 'max.message.bytes': '2097152' })], groups: ['billing'] };
    assert.strictEqual(sideText(side), '# staging\ntopics:\n  orders:\n    partitions: 3\n    replication_factor: 1\n    config:\n      max.message.bytes: 2 MiB\n      retention.ms: 1d\nconsumer_groups:\n  - billing\n');
  });
});

describe('topics file schema', () => {
  it('is a valid draft-07 schema that accepts a file the extension accepts', () => {
    const validate = new Ajv({ strict: false }).compile(topicsFileSchema());
    assert.strictEqual(validate(parse(FILE)), true, JSON.stringify(validate.errors));
    assert.strictEqual(validate(parse('services:\n  kafka:\n    topics:\n      t:\n        partitions: zero\n')), false);
  });
});
