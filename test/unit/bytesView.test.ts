import * as assert from 'assert';
import { base64Of, cellBytes, hexDump, showBytesAs } from '../../src/text/bytesView';

describe('bytes view (show as)', () => {
  it('dumps bytes 16 a line with offsets and an ASCII column, non-printables as dots', () => {
    const bytes = Uint8Array.from([...Buffer.from('Hello, Kafka!'), 0, 1, 0x7f, 0x80, 0xff, 0x41]);
    assert.strictEqual(
      hexDump(bytes),
      '00000000  48 65 6c 6c 6f 2c 20 4b  61 66 6b 61 21 00 01 7f  |Hello, Kafka!...|\n' +
        '00000010  80 ff 41                                          |..A|',
    );
    assert.strictEqual(hexDump(new Uint8Array()), '');
  });

  it('base64 matches Node\'s for every padding length', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', '\u00ff\u0000x']) {
      const bytes = Buffer.from(text, 'latin1');
      assert.strictEqual(base64Of(Uint8Array.from(bytes)), bytes.toString('base64'), JSON.stringify(text));
    }
  });

  it('reads binary cells from their hex pairs and text cells as UTF-8', () => {
    assert.deepStrictEqual([...cellBytes('binary', '00 01 7f ff')], [0, 1, 127, 255]);
    assert.deepStrictEqual([...cellBytes('text', 'é')], [0xc3, 0xa9]);
  });

  it('shows as text, hex, base64 or JSON, and says why when it cannot', () => {
    assert.deepStrictEqual(showBytesAs('binary', '7b 22 61 22 3a 31 7d', 'json'), { text: '{\n  "a": 1\n}' });
    assert.deepStrictEqual(showBytesAs('binary', '7b 22 61 22 3a 31 7d', 'text'), { text: '{"a":1}' });
    assert.deepStrictEqual(showBytesAs('text', 'hi', 'base64'), { text: 'aGk=' });
    assert.match((showBytesAs('binary', 'ff fe', 'text') as { problem: string }).problem, /not UTF-8/);
    assert.match((showBytesAs('text', 'hello', 'json') as { problem: string }).problem, /^Not JSON/);
    // A JSON value keeps its lossless print.
    assert.deepStrictEqual(showBytesAs('json', '{"id": 12345678901234567890}', 'json'), { text: '{"id": 12345678901234567890}' });
  });
});
