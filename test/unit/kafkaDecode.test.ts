// How message bytes are shown: JSON pretty, text as it is, binary in hex, huge values cut.

import * as assert from 'assert';
import * as fc from 'fast-check';
import { decodeBytes, decodeHeaders, DISPLAY_LIMIT, timestampFields, timestampText } from '../../src/kafka/decode';

describe('decoding message bytes for display', () => {
  it('pretty-prints JSON objects and arrays, and leaves other text as it is', () => {
    assert.deepStrictEqual(decodeBytes(Buffer.from('{"a":[1,2]}')), { kind: 'json', text: '{\n  "a": [\n    1,\n    2\n  ]\n}', size: 11, truncated: false, base64: Buffer.from('{"a":[1,2]}').toString('base64') });
    assert.strictEqual(decodeBytes(Buffer.from('42'))?.kind, 'text');
    assert.strictEqual(decodeBytes(Buffer.from('{not json'))?.kind, 'text');
    assert.deepStrictEqual(decodeBytes(Buffer.from('héllo\twörld\n'))?.text, 'héllo\twörld\n');
    assert.strictEqual(decodeBytes(null), null);
    assert.deepStrictEqual(decodeBytes(Buffer.alloc(0)), { kind: 'text', text: '', size: 0, truncated: false, base64: '' });
  });

  it('shows invalid UTF-8 and control bytes as spaced hex', () => {
    assert.deepStrictEqual(decodeBytes(Buffer.from([0xc3, 0x28])), { kind: 'binary', text: 'c3 28', size: 2, truncated: false, base64: 'wyg=' });
    assert.strictEqual(decodeBytes(Buffer.from('a\u0000b'))?.text, '61 00 62');
  });

  it('cuts what is shown of a huge value and keeps all of its bytes', () => {
    const text = decodeBytes(Buffer.alloc(1024 * 1024, 'y'))!;
    assert.deepStrictEqual([text.kind, text.text.length, text.truncated, text.size], ['text', DISPLAY_LIMIT, true, 1024 * 1024]);
    const binary = decodeBytes(Buffer.alloc(1024 * 1024, 0))!;
    assert.ok(binary.truncated && binary.text.length <= DISPLAY_LIMIT, `${binary.text.length}`);
    assert.strictEqual(Buffer.from(binary.base64, 'base64').length, 1024 * 1024);
  });

  it('always keeps the exact bytes in base64, whatever they are', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const decoded = decodeBytes(Buffer.from(bytes))!;
        assert.ok(Buffer.from(decoded.base64, 'base64').equals(Buffer.from(bytes)));
        assert.strictEqual(decoded.size, bytes.length);
      }),
    );
  });

  it('decodes header values like keys and values, in wire order, null and binary included', () => {
    const headers = decodeHeaders([
      { key: 'a', value: Buffer.from('1') },
      { key: 'b', value: Buffer.from([0, 0, 0, 42]) },
      { key: 'a', value: null },
      { key: 'a', value: Buffer.from('3') },
    ]);
    assert.deepStrictEqual(
      headers.map((h) => [h.key, h.value?.kind, h.value?.text]),
      [
        ['a', 'text', '1'],
        ['b', 'binary', '00 00 00 2a'],
        ['a', undefined, undefined],
        ['a', 'text', '3'],
      ],
    );
  });

  it('re-indents JSON without changing a number or dropping a repeated key', () => {
    const raw = '{"id": 12345678901234567890, "price": 1.10, "dup": 1, "dup": 2, "e": 1E+400, "s": "a\\u00e9"}';
    const decoded = decodeBytes(Buffer.from(raw))!;
    assert.strictEqual(decoded.kind, 'json');
    assert.strictEqual(decoded.text, '{\n  "id": 12345678901234567890,\n  "price": 1.10,\n  "dup": 1,\n  "dup": 2,\n  "e": 1E+400,\n  "s": "a\\u00e9"\n}');
    assert.strictEqual(decodeBytes(Buffer.from('[]'))?.text, '[]');
    // Strict JSON only: comments and trailing commas are text.
    assert.strictEqual(decodeBytes(Buffer.from('{"a": 1, // x\n}'))?.kind, 'text');
  });

  it('keeps every token of any JSON it pretty-prints', () => {
    const tokens = (text: string) => text.replace(/\s+/g, '');
    fc.assert(
      fc.property(fc.json(), (text) => {
        const decoded = decodeBytes(Buffer.from(text))!;
        if (decoded.kind === 'json') assert.strictEqual(tokens(decoded.text), tokens(text));
      }),
    );
  });

  it('shows timestamps as dates, "no timestamp" for -1, and the number for what no date holds', () => {
    assert.deepStrictEqual(timestampFields(0n), { timestamp: '1970-01-01T00:00:00.000Z', timestampMs: '0' });
    assert.deepStrictEqual(timestampFields(-1n), { timestamp: null, timestampMs: '-1' });
    assert.strictEqual(timestampText(timestampFields(-1n)), 'no timestamp');
    assert.strictEqual(timestampText(timestampFields(9_000_000_000_000_000n)), '9000000000000000 ms (not a date)');
    assert.strictEqual(timestampText(timestampFields(-2n)), '1969-12-31T23:59:59.998Z');
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (ms) => {
        const fields = timestampFields(ms);
        assert.strictEqual(fields.timestampMs, ms.toString());
        assert.ok(timestampText(fields).length > 0);
      }),
    );
  });
});
