#!/usr/bin/env node
// Entry of dist/cli.js, the `upsun-kafka` command: runs the CLI bundle (dist/cli-main.js) with
// a V8 code cache. A cold start spends most of its time compiling the bundle and the functions
// a lint calls (yaml's parser above all); with the cache, `lint` starts within 1.5× of
// `node -e 0` (bench/lint.ts). The cache is written after the first run has executed, so it
// holds the functions that run compiled, which Node's own compile cache (Node 22+, written
// when a module is compiled) and v8-compile-cache do not. A missing, stale or unwritable cache
// costs time, never the run.
//
// Files: <tmpdir>/upsun-kafka-compile-cache/<sha1 of the bundle>.bin. V8 checks its own version
// and flags but only the length of the source, so the key is the bundle's content. The build
// (esbuild.mjs) writes that sha1 into BUNDLE_KEY below: hashing at run time would load
// `crypto`, which alone costs a tenth of `node -e 0`. A build that wrote no key runs without
// a cache. NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's own.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { createRequire, Module } from 'module';
import { tmpdir } from 'os';
import * as path from 'path';
import { Script } from 'vm';

const BUNDLE = path.join(__dirname, 'cli-main.js');
/** `upsun-kafka-cli-main:` and the sha1 of dist/cli-main.js, written by esbuild.mjs; zeros until then. */
const BUNDLE_KEY = 'upsun-kafka-cli-main:0000000000000000000000000000000000000000';
const UNBUILT = /:0{40}$/;

function run(): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE || UNBUILT.test(BUNDLE_KEY)) {
    // The bundle's path is only known at run time, so it cannot be an import.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(BUNDLE);
    return;
  }
  const source = readFileSync(BUNDLE, 'utf8');
  const dir = path.join(tmpdir(), 'upsun-kafka-compile-cache');
  const cacheFile = path.join(dir, `${BUNDLE_KEY.slice(BUNDLE_KEY.lastIndexOf(':') + 1)}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // first run of this bundle: compile, and write the cache at exit
  }
  const script = new Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        mkdirSync(dir, { recursive: true });
        // Renamed into place so that a run starting meanwhile never reads half a file.
        const partial = `${cacheFile}.${process.pid}`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
      } catch {
        // read-only or full temp folder: the next run compiles again
      }
    });
  }
  const module = { exports: {}, filename: BUNDLE, id: BUNDLE, loaded: false };
  const wrapped = script.runInThisContext() as (...args: unknown[]) => void;
  wrapped.call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, __dirname);
}

run();
