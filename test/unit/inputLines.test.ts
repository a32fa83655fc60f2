import * as assert from 'assert';
import fc from 'fast-check';
import { inputLineChunks } from '../../src/cli/inputLines';

async function lines(chunks: (Buffer | string)[], maxLineBytes = 1024): Promise<(Buffer | { tooLong: number })[]> {
  const out: (Buffer | { tooLong: number })[] = [];
  for await (const chunk of inputLineChunks((async function* () { yield* chunks; })(), maxLineBytes)) {
    for (const l of chunk) {
      if ('tooLong' in l) out.push(l);
      else if ('empty' in l) continue;
      else l.starts.forEach((start, i) => out.push(Buffer.from(l.bytes.subarray(start, l.ends[i]))));
    }
  }
  return out;
}

describe('produce: messages from standard input', () => {
  it('keeps bytes as given, CR and non-UTF-8 included, skips empty lines, sends a last unterminated line', async () => {
    const got = await lines([Buffer.from('caf\xe9\r\n\n\nsecond\nla', 'latin1'), 'st']);
    assert.deepStrictEqual(got, [Buffer.from('caf\xe9\r', 'latin1'), Buffer.from('second'), Buffer.from('last')]);
  });

  it('splits the same whatever the chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 60 }), fc.array(fc.nat(60)), async (bytes, cuts) => {
        const data = Buffer.from(bytes);
        const points = [...new Set(cuts.map((c) => Math.min(c, data.length)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((from, i) => data.subarray(from, [...points, data.length][i]));
        const expected = data.toString('latin1').split('\n').filter((l) => l.length > 0).map((l) => Buffer.from(l, 'latin1'));
        assert.deepStrictEqual(await lines(chunks), expected);
      }),
    );
  });

  it('gives a line past the budget as its length, whatever the chunks, and goes on with the next', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(12), { maxLength: 8 }), fc.array(fc.nat(80)), async (lengths, cuts) => {
        const data = Buffer.from(lengths.map((n, i) => String.fromCharCode(97 + i).repeat(n)).join('\n'));
        const points = [...new Set(cuts.map((c) => Math.min(c, data.length)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((from, i) => data.subarray(from, [...points, data.length][i]));
        const expected = lengths.map((n, i) => (n > 8 ? { tooLong: n } : String.fromCharCode(97 + i).repeat(n))).filter((l) => l !== '');
        const got = await lines(chunks, 8);
        assert.deepStrictEqual(got.map((l) => (Buffer.isBuffer(l) ? l.toString() : l)), expected);
      }),
    );
  });

  it('counts empty lines in place, so every line, message or not, has its number', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('', 'a', 'bb', 'x'.repeat(10)), { maxLength: 12 }), fc.array(fc.nat(80)), async (texts, cuts) => {
        const data = Buffer.from(texts.join('\n'));
        const points = [...new Set(cuts.map((c) => Math.min(c, data.length)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((from, i) => data.subarray(from, [...points, data.length][i]));
        // Each line as its number and what it became; the last line, when empty, is no line.
        const numbered: string[] = [];
        let line = 0;
        for await (const chunk of inputLineChunks((async function* () { yield* chunks; })(), 8)) {
          for (const l of chunk) {
            if ('empty' in l) line += l.empty;
            else if ('tooLong' in l) numbered.push(`${++line}: ${l.tooLong} bytes`);
            else l.starts.forEach((start, i) => numbered.push(`${++line}: ${l.bytes.subarray(start, l.ends[i]).toString()}`));
          }
        }
        const expected = texts.map((t, i) => (t === '' ? '' : `${i + 1}: ${t.length > 8 ? `${t.length} bytes` : t}`)).filter(Boolean);
        assert.deepStrictEqual(numbered, expected);
      }),
    );
  });
});
