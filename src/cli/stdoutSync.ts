// Writes to standard output straight to file descriptor 1. `process.stdout` builds a stream on
// first use, which loads Node's stream modules: about a tenth of a `node -e 0` at the start of
// `upsun-kafka lint` (bench/lint.ts), for one write of a few lines. On Windows a console needs
// the conversion `process.stdout` makes, so it is used there.

import { writeSync } from 'fs';

const STDOUT = 1;

/**
 * Writes all of `text` (UTF-8) before returning, as `process.stdout.write` does for files and
 * pipes on POSIX; a pipe that is full and non-blocking is waited for. Throws what `write(2)`
 * reports otherwise (EPIPE when the reader has gone).
 */
export function writeStdout(text: string): void {
  if (process.platform === 'win32') {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(STDOUT, bytes, written, bytes.length - written);
    } catch (error) {
      // A non-blocking pipe that is full: its reader will drain it.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}
