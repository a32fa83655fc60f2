// The few promise-returning file calls the config loader and the CLI use, built on fs's
// callback API: `fs.promises` loads Node's whole internal promise layer on first use, which
// costs `upsun-kafka lint` about a tenth of a `node -e 0` at start (bench/lint.ts).

import {
  close as closeCallback,
  constants,
  fstat as fstatCallback,
  open as openCallback,
  read as readCallback,
  readdir as readdirCallback,
  readFile as readFileCallback,
  realpath as realpathCallback,
  stat as statCallback,
} from 'fs';
import * as path from 'path';
import { promisify } from 'util';

/** `fs.promises.readFile`; with an encoding, resolves with the text. */
export const readFile = promisify(readFileCallback);
/** `fs.promises.readdir`, with `{ withFileTypes: true }` too. */
export const readdir = promisify(readdirCallback);
/** `fs.promises.stat`. */
export const stat = promisify(statCallback);

const open = promisify(openCallback);
const fstat = promisify(fstatCallback);
const read = promisify(readCallback);
const close = promisify(closeCallback);
const realpath = promisify(realpathCallback);

/** Why a file named by input that may come from anyone was not read. */
export type FileRefusal = 'outside' | 'not-regular' | 'too-large';

export class FileRefusedError extends Error {
  constructor(readonly refusal: FileRefusal, message: string) {
    super(message);
  }
}

/**
 * The bytes of `file`, which must be a regular file of at most `maxBytes` bytes. It is
 * opened non-blocking, so a FIFO cannot hold the caller, and its type and size are checked on
 * the open descriptor, so nothing swapped in after a check is read; at most `maxBytes + 1`
 * bytes are read, so a file that grows while read is refused too, and `/dev/zero` never is
 * read at all. Throws FileRefusedError (`not-regular`, `too-large`), or fs's own error
 * (ENOENT, EACCES…) as it is.
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<Buffer> {
  // O_NONBLOCK is undefined on Windows, where opening a pipe does not wait for a writer.
  const fd = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await fstat(fd);
    if (!info.isFile()) throw new FileRefusedError('not-regular', `${file} is not a regular file`);
    if (info.size > maxBytes) throw new FileRefusedError('too-large', `${file} is ${info.size} bytes, over the limit of ${maxBytes}`);
    // Room for one byte past the size fstat gave, to see a file that grew; the whole limit only then.
    let buffer = Buffer.alloc(info.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(maxBytes + 1 - length)]);
      const { bytesRead } = await read(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw new FileRefusedError('too-large', `${file} grew past the limit of ${maxBytes} bytes while it was read`);
    }
    return buffer.subarray(0, length);
  } finally {
    await close(fd);
  }
}

/**
 * `file`'s real path (symbolic links resolved) when it lies inside `folder`'s, else a
 * FileRefusedError (`outside`); fs's own error when either does not exist. A path outside
 * `folder` as written is refused before anything is looked up, so whether a file exists out
 * there never shows.
 */
export async function realPathInside(file: string, folder: string): Promise<string> {
  const outside = new FileRefusedError('outside', `${file} is outside ${folder}`);
  if (!isInside(path.resolve(file), path.resolve(folder))) throw outside;
  const [real, realFolder] = await Promise.all([realpath(file), realpath(folder)]);
  if (!isInside(real, realFolder)) throw outside;
  return real;
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * The text (UTF-8) of `file`, a regular file of at most `maxBytes` bytes (readRegularFile);
 * undefined when it does not exist. Throws FileRefusedError, or fs's own error (EACCES…).
 */
export async function readTextFile(file: string, maxBytes: number): Promise<string | undefined> {
  try {
    return (await readRegularFile(file, maxBytes)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The text (UTF-8) of `file`, a path relative to `folder` that must stay inside it once
 * symbolic links are resolved, as readTextFile reads it. Undefined when it does not exist.
 * Throws FileRefusedError (`outside`, `not-regular`, `too-large`), or fs's own error (EACCES…).
 */
export async function readTextInside(folder: string, file: string, maxBytes: number): Promise<string | undefined> {
  let real: string;
  try {
    real = await realPathInside(path.resolve(folder, file), folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return readTextFile(real, maxBytes);
}
