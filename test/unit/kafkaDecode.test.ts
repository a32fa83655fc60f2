// How message bytes are shown: JSON pretty, text as it is, binary in hex, huge values cut.

import * as assert from 'assert';
import * as fc from 'fast-check';
import { decodeBytes, decodeHeaders, DISPLAY_LIMIT } from '../../src/kafka/decode';

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

  it('lists every header value, repeated keys included', () => {
    assert.deepStrictEqual(decodeHeaders({ a: Buffer.from('1'), b: [Buffer.from('2'), Buffer.from('3')], c: undefined }), [
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
      { key: 'b', value: '3' },
    ]);
  });
});
