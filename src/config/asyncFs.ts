// The few promise-returning file calls the config loader and the CLI use, built on fs's
// callback API: `fs.promises` loads Node's whole internal promise layer on first use, which
// costs `upsun-kafka lint` about a tenth of a `node -e 0` at start (bench/lint.ts).

import { readdir as readdirCallback, readFile as readFileCallback, stat as statCallback } from 'fs';
import { promisify } from 'util';

/** `fs.promises.readFile`; with an encoding, resolves with the text. */
export const readFile = promisify(readFileCallback);
/** `fs.promises.readdir`, with `{ withFileTypes: true }` too. */
export const readdir = promisify(readdirCallback);
/** `fs.promises.stat`. */
export const stat = promisify(statCallback);
