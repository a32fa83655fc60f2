import * as assert from 'assert';
import fc from 'fast-check';
import { inputLines } from '../../src/cli/inputLines';

async function lines(chunks: (Buffer | string)[]): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const line of inputLines((async function* () { yield* chunks; })())) out.push(Buffer.from(line));
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
});
