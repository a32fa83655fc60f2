import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { parseJsonSchema, validateJson } from '../../src/schemas/jsonSchema';
import { REPO_ROOT } from '../mochaRun';
import { initialDocument, landedText, NOTIFICATION_LINE_CHARS, parseProduceDocument, remember, sendTitle, sentNotice } from '../../src/kafka/produceDocument';

/** The problems of `text` as `line:column message`. */
function problems(text: string, budget?: { documentBytes: number; messages: number }): string[] {
  return parseProduceDocument(text, budget).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

describe('produce document', () => {
  it('reads one message object with key, JSON value (digits kept), headers and partition', () => {
    const text = '{\n  "key": "order-1",\n  "value": {"id": 12345678901234567890, "price": 1.10},\n  "headers": [{"key": "trace", "value": "abc"}, {"key": "empty", "value": null}],\n  "partition": 2\n}';
    const parsed = parseProduceDocument(text);
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.messages.map(({ source: _s, ...m }) => m), [
      { key: 'order-1', value: '{"id": 12345678901234567890, "price": 1.10}', headers: [{ key: 'trace', value: 'abc' }, { key: 'empty', value: null }], partition: 2 },
    ]);
    assert.strictEqual(parsed.messages[0].source, text);
  });

  it('reads a list of messages in order: a string value as is, null key and value, no headers', () => {
    const parsed = parseProduceDocument('[{"value": "plain \\"text\\""}, {"key": null, "value": null}, {"key": "k", "value": [1, 2]}]');
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.messages.map(({ source: _s, ...m }) => m), [
      { key: null, value: 'plain "text"', headers: [], partition: undefined },
      { key: null, value: null, headers: [], partition: undefined },
      { key: 'k', value: '[1, 2]', headers: [], partition: undefined },
    ]);
    assert.strictEqual(sendTitle(parsed, 'orders', 'kafka'), 'Send to "orders" on "kafka" (3 messages)');
  });

  it('names broken JSON by its exact line and column, and sends nothing', () => {
    const text = '[\n  {"key": "a", "value": {"id": 1}},\n  {"key": "b", "value": {"id": 2}\n]';
    assert.deepStrictEqual(problems(text), ['4:1 A comma is expected.']);
    assert.deepStrictEqual(parseProduceDocument(text).messages, []);
    assert.deepStrictEqual(problems('{"value": 1,}'), ['1:13 A property name in double quotes is expected (no trailing commas in JSON).']);
    assert.deepStrictEqual(problems('{"value": 1} // note'), ['1:14 JSON has no comments.']);
    assert.deepStrictEqual(problems('{"value": 1}\n{"value": 2}'), ['2:1 The document should end here: put several messages in one list [ … ].']);
    assert.deepStrictEqual(problems('  \n'), ['1:1 The document is empty: write a message such as {"key": "order-1", "value": {"id": 1}}.']);
  });

  it('refuses wrong shapes, each at its place', () => {
    assert.deepStrictEqual(problems('{"value": 1, "headers": {"trace": "abc"}}'), [
      '1:25 The message\'s "headers" is an object: write a list such as [{"key": "trace-id", "value": "abc"}].',
    ]);
    assert.deepStrictEqual(problems('[{"value": 1, "partition": -1}, {"value": 1, "partition": 1.5}, {"value": 1, "partition": "0"}, {"value": 1, "partition": 1e2}]'), [
      '1:28 Message 1\'s "partition" is the number -1: write a partition number (0, 1, …), or leave it out to let the key choose.',
      '1:59 Message 2\'s "partition" is the number 1.5: write a partition number (0, 1, …), or leave it out to let the key choose.',
      '1:91 Message 3\'s "partition" is a string: write a partition number (0, 1, …), or leave it out to let the key choose.',
      '1:123 Message 4\'s "partition" is the number 100: write a partition number (0, 1, …), or leave it out to let the key choose.',
    ]);
    assert.deepStrictEqual(problems('{\n  "value": 1,\n  "topic": "other"\n}'), [
      '3:3 The message has an unknown field "topic": a message has "key", "value", "headers" and "partition".',
    ]);
    assert.deepStrictEqual(problems('[{"key": 7, "value": 1}, {"key": "k"}, "text", {"value": 1, "value": 2}]'), [
      '1:10 Message 1\'s "key" is the number 7: write a string, or null for no key.',
      '1:26 Message 2 has no "value": write "value": followed by any JSON, a string, or null for a tombstone.',
      '1:40 Message 3 is a string: write an object with "value" and optionally "key", "headers" and "partition".',
      '1:61 Message 4 has "value" twice: keep one.',
    ]);
    assert.deepStrictEqual(problems('{"value": 1, "headers": [{"key": "", "value": "x"}, {"value": "y"}, {"key": "a", "value": 3}, "h"]}'), [
      '1:34 The message\'s header 1: its "key" must be a non-empty string.',
      '1:53 The message\'s header 2 has no "key": write a list such as [{"key": "trace-id", "value": "abc"}].',
      '1:91 The message\'s header 3: its "value" must be a string or null.',
      '1:95 The message\'s header 4 is a string: write a list such as [{"key": "trace-id", "value": "abc"}].',
    ]);
    assert.deepStrictEqual(problems('[]'), ['1:1 The list holds no message: add one such as {"key": "order-1", "value": {"id": 1}}.']);
    assert.strictEqual(sendTitle(parseProduceDocument('[{"key": 1}]'), 'orders', 'kafka'), 'Fix 2 problems before sending to "orders"');
  });

  it('refuses a document over its byte or message budget', () => {
    const big = JSON.stringify({ value: 'é'.repeat(600) });
    assert.deepStrictEqual(problems(big, { documentBytes: 1_000, messages: 10 }), ['1:1 The document is 1212 bytes, over the 1000-byte budget: send it in smaller documents.']);
    assert.deepStrictEqual(problems(JSON.stringify([{ value: 1 }, { value: 2 }, { value: 3 }]), { documentBytes: 1_000, messages: 2 }), ['1:26 The document holds 3 messages, over the budget of 2: send the rest in another document.']);
    assert.strictEqual(parseProduceDocument(JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ value: i })))).messages.length, 500);
    assert.strictEqual(parseProduceDocument(JSON.stringify(Array.from({ length: 501 }, (_, i) => ({ value: i })))).messages.length, 0);
  });

  it('opens with the last message sent, re-indented, or a small example that parses', () => {
    const example = parseProduceDocument(initialDocument(undefined));
    assert.deepStrictEqual(example.problems, []);
    assert.strictEqual(example.messages.length, 1);
    assert.strictEqual(initialDocument('{"key": "a", "value": {"n": 1.10}}'), '[\n  {\n    "key": "a",\n    "value": {\n      "n": 1.10\n    }\n  }\n]\n');
  });

  it('remembers the last message per topic within its budget, dropping the oldest topic first', () => {
    const budget = { bytesPerTopic: 10, topics: 2 };
    let memory = remember({}, 'a', '{"v":1}', budget);
    memory = remember(memory, 'b', '{"v":2}', budget);
    memory = remember(memory, 'a', '{"v":3}', budget);
    assert.deepStrictEqual(Object.entries(memory), [['b', '{"v":2}'], ['a', '{"v":3}']]);
    memory = remember(memory, 'c', '{"v":4}', budget);
    assert.deepStrictEqual(Object.keys(memory), ['a', 'c']);
    assert.deepStrictEqual(remember(memory, 'a', '{"value":"too long"}', budget), { c: '{"v":4}' });
  });

  it('agrees with the shipped JSON Schema (syntaxes/kafka-produce.schema.json) that VS Code checks as you type', () => {
    const schema = parseJsonSchema(readFileSync(path.join(REPO_ROOT, 'syntaxes', 'kafka-produce.schema.json'), 'utf8'));
    const documents = [
      '{"value": 1}',
      '[{"key": "k", "value": {"a": [1]}, "headers": [{"key": "h", "value": null}], "partition": 0}, {"key": null, "value": "s"}]',
      initialDocument(undefined),
      '{"value": 1, "topic": "x"}',
      '{"key": "k"}',
      '{"value": 1, "headers": {"h": "1"}}',
      '{"value": 1, "partition": -1}',
      '{"value": 1, "partition": 1.5}',
      '{"value": 1, "headers": [{"value": "v"}]}',
      '[{"value": 1}, 7]',
      '[]',
    ];
    for (const text of documents) {
      const readerAccepts = parseProduceDocument(text).problems.length === 0;
      const schemaAccepts = validateJson(JSON.parse(text), schema).length === 0;
      assert.strictEqual(schemaAccepts, readerAccepts, text);
    }
  });

  it('says where sent messages landed in one short line: offsets in runs per partition', () => {
    const sent = (partition: number, offsets: number[]) => offsets.map((o) => ({ topic: 'orders', partition, offset: String(o) }));
    assert.strictEqual(landedText(sent(0, [0, 1])), 'partition 0, offsets 0–1');
    assert.strictEqual(landedText(sent(1, [7])), 'partition 1, offset 7');
    assert.strictEqual(landedText([...sent(0, [3, 4, 5, 9]), ...sent(2, [12])]), 'partition 0, offsets 3–5, 9; partition 2, offset 12');
    // Offsets past 2^53 keep every digit.
    assert.strictEqual(landedText([{ topic: 'orders', partition: 0, offset: '9223372036854775806' }, { topic: 'orders', partition: 0, offset: '9223372036854775807' }]), 'partition 0, offsets 9223372036854775806–9223372036854775807');
    // 200 messages over 6 partitions: still one line a notification shows whole.
    const many = Array.from({ length: 200 }, (_, i) => ({ topic: 'orders', partition: i % 6, offset: String(100 + Math.floor(i / 6)) }));
    const text = landedText(many);
    assert.strictEqual(text, 'partition 0, offsets 100–133; partition 1, offsets 100–133; partition 2, offsets 100–132 and 3 more partitions');
    assert.ok(text.length <= 120, `${text.length} characters`);
  });

  it('keeps the notification after a send to one line a toast shows whole, the rest for the status bar', () => {
    const two = [{ topic: 'produce-tab-mxd8i0xh', partition: 0, offset: '0' }, { topic: 'produce-tab-mxd8i0xh', partition: 0, offset: '1' }];
    // The reviewer's case: cut at "partition 0, o…" in the toast.
    assert.deepStrictEqual(sentNotice('produce-tab-mxd8i0xh', two), { full: 'Sent 2 messages to "produce-tab-mxd8i0xh": partition 0, offsets 0–1.', notification: 'Sent 2 messages to "produce-tab-mxd8i0xh".' });
    assert.deepStrictEqual(sentNotice('orders', two.slice(0, 1)), { full: 'Sent a message to "orders": partition 0, offset 0.', notification: 'Sent a message to "orders": partition 0, offset 0.' });
    for (const topic of ['o', 'orders', 'orders-eu-west-1', 'a-topic-name-of-thirty-chars-x']) {
      const { notification } = sentNotice(topic, two);
      assert.ok(notification.length <= NOTIFICATION_LINE_CHARS || notification === `Sent 2 messages to "${topic}".`, notification);
    }
  });
});
