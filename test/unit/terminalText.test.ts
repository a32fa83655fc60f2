import * as assert from 'assert';
import fc from 'fast-check';
import { terminalJson, terminalText } from '../../src/cli/terminalText';
import { formatText } from '../../src/cli/lint/formatText';

/** Every character that must never reach a terminal raw: C0 (but tab), DEL, C1, and the bidi controls. */
const UNSAFE = [
  ...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => c !== 0x09),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
].map((c) => String.fromCharCode(c));

describe('terminal text: what the CLI prints from brokers, records and files', () => {
  it('escapes ESC, C1 controls and every bidirectional control, and keeps other text', () => {
    assert.strictEqual(terminalText('a\u001b]0;pwned\u0007b'), 'a\\x1b]0;pwned\\x07b');
    assert.strictEqual(terminalText('\u009b31m red \u0085 \u0080\u009f'), '\\x9b31m red \\x85 \\x80\\x9f');
    assert.strictEqual(
      terminalText('x\u202ey\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061cz'),
      'x\\u202ey\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061cz',
    );
    assert.strictEqual(terminalText('café ☕ مرحبا\tend'), 'café ☕ مرحبا\tend');
    assert.strictEqual(terminalText('one\ntwo\r'), 'one\\x0atwo\\x0d');
    assert.strictEqual(terminalText('one\ntwo\r', { keepNewlines: true }), 'one\ntwo\\x0d');
    for (const c of UNSAFE) assert.ok(!terminalText(`a${c}b`).includes(c), `U+${c.charCodeAt(0).toString(16)}`);
  });

  it('writes JSON whose strings hold no raw control or bidi character, and that parses back to the same value', () => {
    assert.strictEqual(
      terminalJson({ groupId: 'g\u001b[2J\u009b\u202e', clientId: ['\u0085', '\u061c\u2066'] }),
      '{"groupId":"g\\u001b[2J\\u009b\\u202e","clientId":["\\u0085","\\u061c\\u2066"]}',
    );
    assert.strictEqual(terminalJson({ a: 'é\u007f' }, 2), '{\n  "a": "é\\u007f"\n}');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom(...UNSAFE, 'a', '"', '\\', 'é', '\n') }), { maxLength: 4 }), (strings) => {
        const json = terminalJson({ strings });
        for (const c of UNSAFE) assert.ok(!json.includes(c), `U+${c.charCodeAt(0).toString(16)} in ${json}`);
        assert.deepStrictEqual(JSON.parse(json), { strings });
      }),
    );
  });

  it('lint text output escapes a file name and a message taken from a repository', () => {
    const finding = { file: '.upsun/\u001b]0;x\u0007.yaml', line: 1, column: 2, endLine: 1, endColumn: 3, severity: 'error' as const, code: 'unknown-key', message: 'Unknown key `a\u202eb\u009b`.' };
    assert.strictEqual(formatText([finding], 1), '.upsun/\\x1b]0;x\\x07.yaml:1:2: error unknown-key: Unknown key "a\\u202eb\\x9b".\n1 error(s), 0 warning(s), 0 note(s) in 1 config file.\n');
  });
});
