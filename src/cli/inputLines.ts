// Messages from standard input, one per line, with kcat's rules (kcat -P, its default
// delimiter): lines end at a line feed (byte 0x0A); every other byte is kept as given, a
// carriage return and bytes that are not UTF-8 included; an empty line is no message; a last
// line without a line feed is a message.

const LINE_FEED = 0x0a;

/** Each non-empty line of `input`, as the bytes it holds, without its line feed. */
export async function* inputLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of input) {
    const data = rest.length > 0 ? Buffer.concat([rest, Buffer.from(chunk)]) : Buffer.from(chunk);
    let start = 0;
    for (let end = data.indexOf(LINE_FEED); end >= 0; end = data.indexOf(LINE_FEED, start)) {
      if (end > start) yield data.subarray(start, end);
      start = end + 1;
    }
    rest = data.subarray(start);
  }
  if (rest.length > 0) yield rest;
}
