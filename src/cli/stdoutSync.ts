// Writes to standard output straight to file descriptor 1. `process.stdout` builds a stream on
// first use, which loads Node's stream modules: about a tenth of a `node -e 0` at the start of
// `upsun-kafka lint` (bench/lint.ts), for one write of a few lines. On Windows a console needs
// the conversion `process.stdout` makes, so it is used there.

import { writeSync } from 'fs';

const STDOUT = 1;
let readerGone = false;

/**
 * Writes all of `text` (UTF-8; a Buffer as its bytes) before returning, as `process.stdout.write` does for files and
 * pipes on POSIX; a pipe that is full and non-blocking is waited for. Throws what `write(2)`
 * reports otherwise. A reader that has gone (EPIPE: `upsun-kafka lint | head`) gets nothing
 * more, and the command still ends with its own status.
 */
export function writeStdout(text: string | Buffer): void {
  if (process.platform === 'win32') {
    // A stream may write later: a Buffer its caller reuses is copied first.
    process.stdout.write(typeof text === 'string' ? text : Buffer.from(text));
    return;
  }
  if (readerGone) return;
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(STDOUT, bytes, written, bytes.length - written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        readerGone = true;
        return;
      }
      // A non-blocking pipe that is full: its reader will drain it.
      if (code !== 'EAGAIN') throw error;
    }
  }
}
