#!/usr/bin/env node
// Entry of dist/cli.js, the `upsun-kafka` command: runs the CLI bundle (dist/cli-main.js) with
// a V8 code cache. A cold start spends most of its time compiling the bundle and the functions
// a lint calls (yaml's parser above all); with the cache, `lint` starts within 1.5× of
// `node -e 0` (bench/lint.ts). The cache is written after the first run has executed, so it
// holds the functions that run compiled, which Node's own compile cache (Node 22+, written
// when a module is compiled) and v8-compile-cache do not. A missing, stale or unwritable cache
// costs time, never the run.
//
// Files: <cache folder>/upsun-kafka/<sha1 of the bundle>.bin, the cache folder being the
// user's own: $XDG_CACHE_HOME (when a full path) or ~/.cache, ~/Library/Caches on macOS,
// %LOCALAPPDATA% on Windows. Never the shared temp folder: V8 checks its own version and flags
// but only the length of the source, so a cache file is code that runs, and another local user
// could plant one there. Our folder is created 0700 and used only while it is a directory owned
// by this user that no one else can write to; a cache file is read only when it is a regular
// file (no link followed) owned by this user and writable by no one else, and written to a new
// file (O_EXCL, no link followed) renamed into place. The key is the bundle's content. The
// build (esbuild.mjs) writes that sha1 into BUNDLE_KEY below: hashing at run time would load
// `crypto`, which alone costs a tenth of `node -e 0`. A build that wrote no key runs without
// a cache. NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's own.

import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, Stats, writeSync } from 'fs';
import { createRequire, Module } from 'module';
import { homedir } from 'os';
import * as path from 'path';
import { Script } from 'vm';

const BUNDLE = path.join(__dirname, 'cli-main.js');
/** `upsun-kafka-cli-main:` and the sha1 of dist/cli-main.js, written by esbuild.mjs; zeros until then. */
const BUNDLE_KEY = 'upsun-kafka-cli-main:0000000000000000000000000000000000000000';
const UNBUILT = /:0{40}$/;
/** A code cache of the bundle is a few MB; anything far larger is not one. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** 0 where the system has no such flag (Windows, where the folder's ACL is the user's alone). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** `upsun-kafka` in the user's cache folder; undefined when the system names none we can trust. */
function cacheFolder(): string | undefined {
  const { XDG_CACHE_HOME, LOCALAPPDATA } = process.env;
  if (process.platform === 'win32') return LOCALAPPDATA && path.win32.isAbsolute(LOCALAPPDATA) ? path.join(LOCALAPPDATA, 'upsun-kafka') : undefined;
  const home = homedir();
  // The XDG spec: a relative $XDG_CACHE_HOME is invalid and is ignored.
  const base = process.platform === 'darwin' ? path.join(home, 'Library', 'Caches') : XDG_CACHE_HOME && path.isAbsolute(XDG_CACHE_HOME) ? XDG_CACHE_HOME : path.join(home, '.cache');
  return path.isAbsolute(base) ? path.join(base, 'upsun-kafka') : undefined;
}

/** Owned by this user and writable by no one else (POSIX; Windows has no uid to compare). */
function ours(stats: Stats): boolean {
  return process.getuid === undefined || (stats.uid === process.getuid() && (stats.mode & 0o022) === 0);
}

/** A directory itself (not a link to one), and ours. */
function privateFolder(dir: string): boolean {
  const stats = lstatSync(dir, { throwIfNoEntry: false });
  return stats !== undefined && stats.isDirectory() && ours(stats);
}

function readCache(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | NO_FOLLOW);
    const stats = fstatSync(fd);
    return stats.isFile() && ours(stats) && stats.size <= MAX_CACHE_BYTES ? readFileSync(fd) : undefined;
  } catch {
    // missing (first run of this bundle) or a link: compile, and write the cache at exit
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeCache(dir: string, file: string, data: Buffer): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!privateFolder(dir)) return;
  // A new file of our own, renamed into place: a run starting meanwhile never reads half a
  // file, and a link planted under either name is never written through.
  const partial = `${file}.${process.pid}.tmp`;
  const fd = openSync(partial, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, 0o600);
  try {
    writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
}

function run(): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE || UNBUILT.test(BUNDLE_KEY)) {
    // The bundle's path is only known at run time, so it cannot be an import.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(BUNDLE);
    return;
  }
  const source = readFileSync(BUNDLE, 'utf8');
  const dir = cacheFolder();
  const cacheFile = dir && path.join(dir, `${BUNDLE_KEY.slice(BUNDLE_KEY.lastIndexOf(':') + 1)}.bin`);
  const cachedData = dir && cacheFile && privateFolder(dir) ? readCache(cacheFile) : undefined;
  const script = new Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  if (dir && cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
    process.once('exit', () => {
      try {
        writeCache(dir, cacheFile, script.createCachedData());
      } catch {
        // read-only or full cache folder: the next run compiles again
      }
    });
  }
  const module = { exports: {}, filename: BUNDLE, id: BUNDLE, loaded: false };
  const wrapped = script.runInThisContext() as (...args: unknown[]) => void;
  wrapped.call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, __dirname);
}

run();
