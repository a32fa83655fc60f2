// Messages from standard input, one per line, with kcat's rules (kcat -P, its default
// delimiter): lines end at a line feed (byte 0x0A); every other byte is kept as given, a
// carriage return and bytes that are not UTF-8 included; an empty line is no message; a last
// line without a line feed is a message. A line longer than its budget is not kept: its bytes
// are counted and dropped as they come, so a runaway stream without line feeds stops nothing
// and fills no memory.

const LINE_FEED = 0x0a;

/** A line past the budget, in place of its bytes. */
export interface LongLine {
  readonly tooLong: number;
}

/** Lines of one buffer: line i is `bytes` from byte `starts[i]` to byte `ends[i]` (exclusive), its line feed left out. */
export interface Lines {
  readonly bytes: Buffer;
  readonly starts: number[];
  readonly ends: number[];
}

/** Empty lines, in place: no message, but counted, so a message names the line it came from. */
export interface EmptyLines {
  empty: number;
}

export type InputLine = Lines | LongLine | EmptyLines;

/**
 * The lines of `input`, each chunk's at once (what a produce of a million lines needs: no
 * await per line, and no Buffer per line), in order: runs of lines as bounds in the chunk
 * that holds them, a line that ran over chunks as a buffer of its own, a line of more than
 * `maxLineBytes` as its length instead, and empty lines as their count.
 */
export async function* inputLineChunks(input: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<InputLine[]> {
  // The start of a line that runs over chunks, or only its length once past the budget.
  let parts: Buffer[] = [];
  let partBytes = 0;
  const finish = (piece: Buffer, out: InputLine[]) => {
    const length = partBytes + piece.length;
    if (length > maxLineBytes) out.push({ tooLong: length });
    else if (length > 0) {
      const bytes = Buffer.concat([...parts, piece], length);
      out.push({ bytes, starts: [0], ends: [length] });
    }
    parts = [];
    partBytes = 0;
  };
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    const out: InputLine[] = [];
    let start = 0;
    let end = chunk.indexOf(LINE_FEED);
    if (partBytes > 0 && end >= 0) {
      finish(chunk.subarray(0, end), out);
      start = end + 1;
      end = chunk.indexOf(LINE_FEED, start);
    }
    let run: Lines | undefined;
    for (; end >= 0; end = chunk.indexOf(LINE_FEED, start)) {
      if (end - start > maxLineBytes) {
        out.push({ tooLong: end - start });
        run = undefined;
      } else if (end === start) {
        const last = out[out.length - 1];
        if (last !== undefined && 'empty' in last) last.empty++;
        else out.push({ empty: 1 });
        run = undefined;
      } else {
        if (run === undefined) {
          run = { bytes: chunk, starts: [], ends: [] };
          out.push(run);
        }
        run.starts.push(start);
        run.ends.push(end);
      }
      start = end + 1;
    }
    if (start < chunk.length) {
      partBytes += chunk.length - start;
      if (partBytes <= maxLineBytes) parts.push(chunk.subarray(start));
      else parts = [];
    }
    if (out.length > 0) yield out;
  }
  if (partBytes > 0) {
    const out: InputLine[] = [];
    finish(Buffer.alloc(0), out);
    yield out;
  }
}
