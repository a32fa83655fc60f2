import * as assert from 'assert';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { DecodedBytes, PeekedMessage } from '../../src/kafka/types';
import { decodeBytes } from '../../src/kafka/decode';
import { messageAsJson, messagesAsJson } from '../../src/kafka/messageJson';
import { messagesAsCsv } from '../../src/messageView/export';
import { changeQuestion, matchProductionPattern } from '../../src/upsun/productionGuard';
import { mergeMessages, withOlderPage } from '../../src/messageView/window';
import { MAX_CELL_CHARS, peekRow } from '../../src/messageView/rows';

function bytes(text: string, kind: DecodedBytes['kind'] = 'text'): DecodedBytes {
  const raw = Buffer.from(text, kind === 'binary' ? 'hex' : 'utf8');
  return { kind, text, size: raw.length, truncated: false, base64: raw.toString('base64') };
}

function message(partition: number, offset: number, time: number, value: DecodedBytes | null = bytes(`v${offset}`)): PeekedMessage {
  return { topic: 't', partition, offset: String(offset), timestamp: new Date(time).toISOString(), timestampMs: String(time), key: null, value, headers: [] };
}

/**
 * Reads CSV back with csv-parse as spreadsheets and Python's csv module do: outside quotes, a
 * CR, an LF or a CRLF ends a record (csv-parse would otherwise guess one from the first line).
 */
function parseCsv(text: string): string[][] {
  return parse(text, { record_delimiter: ['\r\n', '\n', '\r'] });
}

describe('live Kafka: export of shown messages', () => {
  const shown: PeekedMessage[] = [
    {
      topic: 'orders',
      partition: 1,
      offset: '42',
      timestamp: '2026-01-02T03:04:05.000Z',
      timestampMs: String(Date.parse('2026-01-02T03:04:05.000Z')),
      key: bytes('order-1'),
      value: bytes('{\n  "id": 1,\n  "note": "a, \\"b\\""\n}', 'json'),
      headers: [
        { key: 'trace', value: bytes('x') },
        { key: 'type', value: bytes('created') },
        { key: 'trace', value: null },
        { key: 'n', value: bytes('0000002a', 'binary') },
      ],
    },
    { ...message(0, 7, 0, bytes('00ff10', 'binary')), topic: 'orders' },
  ];

  it('JSON keeps JSON values as JSON, text as text, binary as base64', () => {
    const rows = JSON.parse(messagesAsJson(shown));
    assert.deepStrictEqual(rows[0], {
      topic: 'orders',
      partition: 1,
      offset: '42',
      timestamp: '2026-01-02T03:04:05.000Z',
      key: 'order-1',
      value: { id: 1, note: 'a, "b"' },
      timestampMs: '1767323045000',
      headers: [
        { key: 'trace', value: 'x' },
        { key: 'type', value: 'created' },
        { key: 'trace', value: null },
        { key: 'n', value: 'AAAAKg==', encoding: 'base64' },
      ],
    });
    assert.deepStrictEqual(rows[1].value, { base64: Buffer.from([0, 255, 16]).toString('base64') });
    assert.strictEqual(rows[1].key, null);
  });

  it('JSON export and Copy keep every digit and repeated key of a JSON value', () => {
    const value = decodeBytes(Buffer.from('{"id": 12345678901234567890, "price": 1.10, "dup": 1, "dup": 2, "nested": {"a": [1.0]}}'))!;
    const copied = messageAsJson({ ...message(0, 1, 0, value), topic: 'orders' });
    const copiedValue = '\n  "value": {\n    "id": 12345678901234567890,\n    "price": 1.10,\n    "dup": 1,\n    "dup": 2,\n    "nested": {\n      "a": [\n        1.0\n      ]\n    }\n  },\n';
    assert.ok(copied.includes(copiedValue), copied);
    const exported = messagesAsJson([message(0, 1, 0, value), message(0, 2, 0, bytes('[1e400]', 'json'))]);
    assert.match(exported, /"id": 12345678901234567890/);
    assert.ok(exported.includes('"value": [\n      1e400\n    ]'), exported);
    assert.strictEqual(JSON.parse(exported).length, 2);
  });

  it('CSV quotes commas, quotes and line breaks, and has a header row', () => {
    const table = parseCsv(messagesAsCsv(shown));
    assert.deepStrictEqual(table[0], ['topic', 'partition', 'offset', 'timestamp', 'key', 'value', 'headers']);
    assert.strictEqual(table[1][5], '{\n  "id": 1,\n  "note": "a, \\"b\\""\n}');
    assert.strictEqual(table[1][6], 'trace=x\ntype=created\ntrace=\nn=base64:AAAAKg==');
    assert.strictEqual(table[2][5], 'base64:AP8Q');
    assert.strictEqual(table.length, 3);
  });

  /** One message with `key`, `value` and one header value as given, as CSV. */
  const csvOf = (key: string, value: string, header: string) =>
    parseCsv(messagesAsCsv([{ ...message(0, 7, 0), key: bytes(key), value: bytes(value), headers: [{ key: 'h', value: bytes(header) }] }]))[1];

  it('CSV keeps one row per message when keys, values and headers hold line breaks', () => {
    const many = Array.from({ length: 20 }, (_, i): PeekedMessage => ({
      ...message(i % 3, i, 1_700_000_000_000 + i),
      key: bytes(`key ${i}\nsecond line`),
      value: bytes(`line one\nline two, "quoted"\r\nline three\r${i}`),
      headers: [
        { key: 'trace', value: bytes(`a\nb${i}`) },
        { key: 'type', value: bytes('created\r') },
      ],
    }));
    const table = parseCsv(messagesAsCsv(many));
    assert.strictEqual(table.length, 21);
    table.slice(1).forEach((row, i) => {
      assert.deepStrictEqual(row, [
        't',
        String(i % 3),
        String(i),
        new Date(1_700_000_000_000 + i).toISOString(),
        `key ${i}\nsecond line`,
        `line one\nline two, "quoted"\r\nline three\r${i}`,
        `trace=a\nb${i}\ntype=created\r`,
      ]);
    });
  });

  it('CSV fields round-trip whatever they hold', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '=', '-', '\t') }), { minLength: 3, maxLength: 3 }), ([key, value, header]) => {
        // The generated text holds no quote mark of its own, so every `'` at a line's start is a guard.
        const unguard = (cell: string) => cell.replace(/(^|\r\n|\r|\n)'/g, '$1');
        const row = csvOf(key, value, header);
        assert.strictEqual(row.length, 7);
        assert.deepStrictEqual([unguard(row[4]), unguard(row[5]), unguard(row[6])], [key, value, `h=${header}`]);
      }),
    );
  });

  it('CSV guards a formula at the start of every line of a multi-line cell', () => {
    const attack = "line one\n=cmd|' /C calc'!A0";
    const text = messagesAsCsv([{ ...message(0, 7, 0), key: bytes(attack), value: bytes(attack), headers: [{ key: 'h', value: bytes(attack) }] }]);
    const row = parseCsv(text)[1];
    assert.deepStrictEqual(row.slice(4), ["line one\n'=cmd|' /C calc'!A0", "line one\n'=cmd|' /C calc'!A0", "h=line one\n'=cmd|' /C calc'!A0"]);
    for (const [cell, expected] of [
      ['a\r\n+1\r-2\n@3\n\t4', "a\r\n'+1\r'-2\n'@3\n'\t4"],
      ['\r=1', "'\r'=1"],
      ['a\n\uFF1D1', "a\n'\uFF1D1"],
      ['a\n x=1\nb-c', 'a\n x=1\nb-c'],
    ]) {
      assert.strictEqual(csvOf('k', cell, 'x')[5], expected, JSON.stringify(cell));
    }
    // Every physical line of the file starts with text, a quote or a guard, never with a formula.
    for (const line of text.split(/\r\n|\r|\n/)) assert.doesNotMatch(line, /^[=+\-@\t\uFF1D\uFF0B\uFF0D\uFF20]/, line);
  });

  it('CSV writes a cell that a spreadsheet would run as a formula as text, with a leading quote', () => {
    // OWASP's list: =, +, -, @, tab and carriage return; spreadsheets read the full-width forms too.
    for (const formula of ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r1', '\uFF1D1+1']) {
      const row = csvOf(formula, formula, 'x');
      assert.strictEqual(row[4], `'${formula}`, JSON.stringify(formula));
      assert.strictEqual(row[5], `'${formula}`, JSON.stringify(formula));
    }
    assert.strictEqual(csvOf('k', 'v', '=cmd')[6], 'h==cmd');
    const headerFirst = parseCsv(messagesAsCsv([{ ...message(0, 7, 0), headers: [{ key: '=cmd', value: bytes('x') }] }]))[1];
    assert.strictEqual(headerFirst[6], "'=cmd=x");
    // Text that merely contains such a character is left alone.
    assert.deepStrictEqual(csvOf('a=b', 'x-1', 'y@z').slice(4), ['a=b', 'x-1', 'h=y@z']);
  });
});

describe('live Kafka: production confirmation patterns', () => {
  const patterns = ['*prod*', '*production*', '*live*', 'main'];

  it('asks one question that states what goes and why the cluster looks like production', () => {
    const deleteGroup = { what: 'Delete consumer group "billing"', action: 'Delete', consequence: 'Its committed offsets go with it.' };
    const match = { pattern: '*prod*', matched: 'kafka-prod' };
    assert.deepStrictEqual(changeQuestion(deleteGroup, 'kafka-prod', ['10.0.0.1:9092', '10.0.0.2:9092'], match), {
      message: 'Delete consumer group "billing" on "kafka-prod"? This looks like production.',
      detail: 'Its committed offsets go with it. "kafka-prod" matches the pattern "*prod*" in the setting upsunKafka.produce.confirmPatterns. Brokers: 10.0.0.1:9092, 10.0.0.2:9092.',
    });
    // Not production: a change that states a consequence still asks, once; one that does not, not at all.
    assert.deepStrictEqual(changeQuestion(deleteGroup, 'kafka', ['127.0.0.1:9092'], undefined), { message: 'Delete consumer group "billing" on "kafka"?', detail: 'Its committed offsets go with it.' });
    assert.strictEqual(changeQuestion({ what: 'Create topic "orders"', action: 'Create' }, 'kafka', ['127.0.0.1:9092'], undefined), undefined);
    assert.deepStrictEqual(changeQuestion({ what: 'Create topic "orders"', action: 'Create' }, 'kafka', ['127.0.0.1:30001'], { pattern: 'type: production', matched: 'shop-eu', byEnvironmentType: true }), {
      message: 'Create topic "orders" on "kafka"? This looks like production.',
      detail: 'The Upsun environment "shop-eu" is of type production. Brokers: 127.0.0.1:30001.',
    });
  });

  it('matches the service name, a context name or a broker, case-insensitively', () => {
    assert.deepStrictEqual(matchProductionPattern({ service: 'kafka-PROD', brokers: ['127.0.0.1:9092'] }, patterns), { pattern: '*prod*', matched: 'kafka-PROD' });
    assert.deepStrictEqual(matchProductionPattern({ service: 'kafka', context: ['shop', 'main'], brokers: [] }, patterns), { pattern: 'main', matched: 'main' });
    assert.deepStrictEqual(matchProductionPattern({ service: 'kafka', brokers: ['kafka.live.example.com:9092'] }, patterns)?.matched, 'kafka.live.example.com:9092');
  });

  it('always asks for an Upsun environment of type production, whatever its name and the patterns', () => {
    const environment = { id: 'shop-eu', type: 'production' };
    assert.deepStrictEqual(matchProductionPattern({ service: 'kafka', brokers: ['127.0.0.1:30001'], environment }, []), { pattern: 'type: production', matched: 'shop-eu', byEnvironmentType: true });
    assert.strictEqual(matchProductionPattern({ service: 'kafka', brokers: ['127.0.0.1:30001'], environment: { id: 'shop-eu', type: 'staging' } }, []), undefined);
    assert.deepStrictEqual(matchProductionPattern({ service: 'kafka', context: ['main'], brokers: [], environment: { id: 'main', type: 'development' } }, patterns), { pattern: 'main', matched: 'main' });
  });

  it('matches whole names only and ignores empty patterns', () => {
    assert.strictEqual(matchProductionPattern({ service: 'kafka', context: ['maintenance'], brokers: ['127.0.0.1:9092'] }, patterns), undefined);
    assert.strictEqual(matchProductionPattern({ service: 'kafka', brokers: [] }, ['', '  ']), undefined);
    assert.ok(matchProductionPattern({ service: 'kafka1', brokers: [] }, ['kafka?']));
    assert.ok(matchProductionPattern({ service: 'kafka.x', brokers: [] }, ['kafka?x']));
  });

  it('treats regex characters in a pattern literally', () => {
    assert.strictEqual(matchProductionPattern({ service: 'kafkaXinternal', brokers: [] }, ['kafka.internal']), undefined);
    assert.ok(matchProductionPattern({ service: 'kafka.internal', brokers: [] }, ['kafka.internal']));
    assert.ok(matchProductionPattern({ service: 'a(b)+', brokers: [] }, ['a(b)+']));
  });
});

describe('live Kafka: the window of shown messages', () => {
  it('merges newest first, once each, capped', () => {
    const merged = mergeMessages([message(0, 1, 1000), message(1, 5, 3000)], [message(0, 1, 1000), message(0, 2, 2000), message(1, 4, 3000)], 3);
    assert.deepStrictEqual(
      merged.map((m) => `${m.partition}:${m.offset}`),
      ['1:5', '1:4', '0:2'],
    );
  });
});

describe('live Kafka: loading older past the cap', () => {
  it('keeps the older page and drops the newest, saying how many', () => {
    const shown = [message(0, 9, 9000), message(0, 8, 8000), message(0, 7, 7000)];
    const page = [message(0, 6, 6000), message(0, 5, 5000)];
    const { messages, dropped } = withOlderPage(shown, page, 4);
    assert.deepStrictEqual(messages.map((m) => m.offset), ['8', '7', '6', '5']);
    assert.strictEqual(dropped, 1);
    assert.deepStrictEqual(withOlderPage(shown, page, 10).dropped, 0);
  });
});

describe('live Kafka: rows for the message view', () => {
  it('carries display text only, cut to a size the view renders at once', () => {
    const large = bytes('y'.repeat(MAX_CELL_CHARS * 3));
    const row = peekRow({ ...message(2, 9, 0, large), key: bytes('k'), headers: [{ key: 'h', value: bytes('v') }, { key: 'h', value: null }] });
    assert.strictEqual(row.id, '2:9');
    assert.strictEqual(row.value?.text.length, MAX_CELL_CHARS);
    assert.strictEqual(row.value?.truncated, true);
    assert.strictEqual(row.value?.size, MAX_CELL_CHARS * 3);
    assert.deepStrictEqual(row.key, { kind: 'text', text: 'k', size: 1, truncated: false });
    assert.ok(!('base64' in (row.value ?? {})), 'raw bytes stay on the extension side');
    assert.deepStrictEqual(row.headers, [
      { key: 'h', value: { kind: 'text', text: 'v', size: 1, truncated: false } },
      { key: 'h', value: null },
    ]);
  });

  it('keeps a null key or value null', () => {
    const row = peekRow(message(0, 1, 0, null));
    assert.strictEqual(row.key, null);
    assert.strictEqual(row.value, null);
  });
});
