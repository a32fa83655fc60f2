// The CLI as npm ships it (dist/, from `npm run build`): `lint` loads no Kafka code, and the
// code cache that keeps it fast is written, reused and survives a damaged file, and is only
// ever read from the user's own cache folder: a cache file is code that runs.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../harness/paths';

const DIST = path.join(REPO_ROOT, 'dist');
const LINT_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'lint');

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

function inputsOf(output: string): string[] {
  const file = path.join(REPO_ROOT, 'out', 'esbuild-meta.json');
  assert.ok(existsSync(file), `${file} is missing: run npm run build first`);
  const meta = JSON.parse(readFileSync(file, 'utf8')) as Metafile;
  const entry = meta.outputs[output];
  assert.ok(entry, `${output} is not in the build`);
  return Object.keys(entry.inputs);
}

/** The CLI with `tmp` as its temp folder and `tmp`/cache as its cache folder (XDG_CACHE_HOME). */
function runCli(args: string[], tmp: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], {
    cwd: LINT_FIXTURES,
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: tmp, XDG_CACHE_HOME: path.join(tmp, 'cache'), NODE_DISABLE_COMPILE_CACHE: '', ...env },
  });
}

/** The sha1 of dist/cli-main.js that names its cache file, as the build wrote it into dist/cli.js. */
function bundleKey(): string {
  return /upsun-kafka-cli-main:([0-9a-f]{40})/.exec(readFileSync(path.join(DIST, 'cli.js'), 'utf8'))![1];
}

/**
 * What another local user could plant: a V8 code cache of code of the bundle's length that
 * prints PLANTED and exits 7 (V8 checks only the source's length). Made by a fresh `node`, whose
 * flags match the CLI's.
 */
function plantCache(file: string): void {
  const craft = `
    const { readFileSync, writeFileSync } = require('fs');
    const { Module } = require('module');
    const { Script } = require('vm');
    const [bundle, out] = process.argv.slice(1);
    const length = readFileSync(bundle, 'utf8').length;
    let fake = "if (globalThis.craft) return; require('fs').writeSync(1, 'PLANTED\\\\n'); process.exit(7);";
    fake += '//' + 'x'.repeat(length - fake.length - 2);
    const script = new Script(Module.wrap(fake), { filename: bundle });
    globalThis.craft = true;
    script.runInThisContext()();
    writeFileSync(out, script.createCachedData(), { mode: 0o600 });`;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const run = spawnSync(process.execPath, ['-e', craft, path.join(DIST, 'cli-main.js'), file], { encoding: 'utf8' });
  assert.strictEqual(run.status, 0, run.stderr);
}

/** Lint ran as itself, not as planted code. */
function assertLinted(run: ReturnType<typeof runCli>, what: string): void {
  assert.doesNotMatch(run.stdout, /PLANTED/, `${what}: the planted cache ran`);
  assert.strictEqual(run.status, 1, `${what}: ${run.stderr}`);
  assert.match(run.stdout, /unknown-key/, what);
}

describe('CLI bundle', () => {
  it('keeps kafkajs and the Kafka access layer out of the bundle every command loads', () => {
    const main = inputsOf('dist/cli-main.js');
    assert.ok(main.includes('src/cli/lint.ts'), 'lint is in dist/cli-main.js');
    // The search's budget bounds (constants, for --match-budget's help) are the one piece of src/kafka it may hold.
    assert.deepStrictEqual(main.filter((f) => f.includes('node_modules/kafkajs') || f.startsWith('src/kafka/') || f.startsWith('src/cli/kafka/')), ['src/kafka/matchProtocol.ts']);
    const kafka = inputsOf('dist/cli-kafka.js');
    assert.ok(kafka.some((f) => f.startsWith('node_modules/kafkajs/')), 'kafkajs is in dist/cli-kafka.js');
    assert.deepStrictEqual(inputsOf('dist/cli.js'), ['src/cli/launch.ts']);
  });

  it('keeps the search\'s matching thread (dist/matchWorker.js) to the matcher and the record reader', () => {
    // Every search starts it, in the editor and the CLI: no Kafka client, nothing of the editor.
    // wire/compression.ts for the record reader's DecompressionLimitError alone: the codecs load their libraries when used;
    // wire/primitives.ts is the reader the record reader reads with; src/text is the leaf of plain
    // helpers every layer shares (digit grouping, sizes, error text).
    assert.deepStrictEqual(inputsOf('dist/matchWorker.js').sort(), [
      'src/kafka/matchProtocol.ts',
      'src/kafka/matchWorker.ts',
      'src/kafka/searchQuery.ts',
      'src/kafka/types.ts',
      'src/kafka/wire/compression.ts',
      'src/kafka/wire/primitives.ts',
      'src/kafka/wire/recordBatch.ts',
      'src/text/bytes.ts',
      'src/text/count.ts',
      'src/text/error.ts',
    ]);
  });

  it('writes a code cache on the first run, reuses it, and runs on past a damaged one', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-cache-'));
    const cacheDir = path.join(tmp, 'cache', 'upsun-kafka');
    const first = runCli(['lint', 'broken'], tmp);
    assert.strictEqual(first.status, 1, first.stderr);
    assert.match(first.stdout, /unknown-key/);
    const files = readdirSync(cacheDir);
    assert.deepStrictEqual(files, [`${bundleKey()}.bin`]);
    // The user's alone: the folder 0700, the file 0600.
    assert.strictEqual(statSync(cacheDir).mode & 0o777, 0o700);
    assert.strictEqual(statSync(path.join(cacheDir, files[0])).mode & 0o777, 0o600);
    assert.ok(!existsSync(path.join(tmp, 'upsun-kafka-compile-cache')), 'nothing is written to the shared temp folder');

    const second = runCli(['lint', 'broken'], tmp);
    assert.strictEqual(second.status, 1, second.stderr);
    assert.strictEqual(second.stdout, first.stdout);

    writeFileSync(path.join(cacheDir, files[0]), 'not a code cache');
    const damaged = runCli(['lint', 'broken'], tmp);
    assert.strictEqual(damaged.status, 1, damaged.stderr);
    assert.strictEqual(damaged.stdout, first.stdout);
    assert.ok(readFileSync(path.join(cacheDir, files[0])).length > 1000, 'the damaged cache was written anew');
  });

  it('keeps the cache in ~/.cache/upsun-kafka without XDG_CACHE_HOME, or with a relative one', () => {
    for (const XDG_CACHE_HOME of ['', 'relative/cache']) {
      const home = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-home-'));
      assertLinted(runCli(['lint', 'broken'], home, { HOME: home, XDG_CACHE_HOME }), `XDG_CACHE_HOME=${XDG_CACHE_HOME}`);
      assert.deepStrictEqual(readdirSync(path.join(home, '.cache', 'upsun-kafka')), [`${bundleKey()}.bin`]);
    }
  });

  it('ignores a cache planted in the shared temp folder, where it used to be', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-cache-'));
    plantCache(path.join(tmp, 'upsun-kafka-compile-cache', `${bundleKey()}.bin`));
    assertLinted(runCli(['lint', 'broken'], tmp), 'planted in <tmpdir>');
  });

  it('reads a planted cache only from a folder and a file that are the user\'s alone, and follows no link', function () {
    if (process.getuid?.() !== 0) {
      console.log('    skipped: handing a file to another user needs root (CI runs as root)');
      this.skip();
    }
    const key = `${bundleKey()}.bin`;
    const cases: [string, (dir: string) => void][] = [
      ['the test itself: a planted cache in a good folder runs', () => undefined],
      ['folder writable by others', (dir) => chmodSync(dir, 0o777)],
      ['folder writable by its group', (dir) => chmodSync(dir, 0o770)],
      ['folder owned by another user', (dir) => chownSync(dir, 4242, 4242)],
      ['file writable by others', (dir) => chmodSync(path.join(dir, key), 0o666)],
      ['file owned by another user', (dir) => chownSync(path.join(dir, key), 4242, 4242)],
    ];
    for (const [what, spoil] of cases) {
      const tmp = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-cache-'));
      const dir = path.join(tmp, 'cache', 'upsun-kafka');
      plantCache(path.join(dir, key));
      spoil(dir);
      const run = runCli(['lint', 'broken'], tmp);
      if (what.startsWith('the test itself')) assert.strictEqual(run.stdout, 'PLANTED\n', `${what}: the planted cache should run from a good folder`);
      else assertLinted(run, what);
    }

    // A link in the cache folder, to a cache that would run: not followed, and not written through.
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-cache-'));
    const dir = path.join(tmp, 'cache', 'upsun-kafka');
    const elsewhere = path.join(tmp, 'elsewhere.bin');
    plantCache(elsewhere);
    const planted = readFileSync(elsewhere);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    symlinkSync(elsewhere, path.join(dir, key));
    assertLinted(runCli(['lint', 'broken'], tmp), 'a link to a planted cache');
    assert.deepStrictEqual(readFileSync(elsewhere), planted, 'the link\'s target was written through');
    assert.ok(lstatSync(path.join(dir, key)).isFile(), 'the link was replaced by a cache file of our own');

    // The folder itself a link to a folder of the right owner and mode.
    const linked = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-cache-'));
    plantCache(path.join(linked, 'target', key));
    mkdirSync(path.join(linked, 'cache'));
    symlinkSync(path.join(linked, 'target'), path.join(linked, 'cache', 'upsun-kafka'));
    assertLinted(runCli(['lint', 'broken'], linked), 'the cache folder a link');
  });

  it('loads no Node module that lint does not use: crypto, child_process, fs/promises, streams', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-cache-'));
    // Written with writeSync: process.stderr would itself load the streams looked for.
    const preload = path.join(tmp, 'loaded.js');
    writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(2, JSON.stringify(process.moduleLoadList)));");
    for (const env of [{ NODE_DISABLE_COMPILE_CACHE: '' }, { NODE_DISABLE_COMPILE_CACHE: '1' }]) {
      const run = spawnSync(process.execPath, ['-r', preload, path.join(DIST, 'cli.js'), 'lint', 'broken'], { cwd: LINT_FIXTURES, encoding: 'utf8', env: { ...process.env, TMPDIR: tmp, XDG_CACHE_HOME: path.join(tmp, 'cache'), ...env } });
      assert.strictEqual(run.status, 1, run.stderr);
      assert.match(run.stdout, /unknown-key/);
      const loaded = JSON.parse(run.stderr) as string[];
      const unwanted = loaded.filter((m) => /^NativeModule (crypto|child_process|internal\/fs\/promises|stream|net|tty)$/.test(m));
      assert.deepStrictEqual(unwanted, [], `with ${JSON.stringify(env)}`);
    }
  });

  it('loads the Kafka side when a Kafka command runs', () => {
    const run = runCli(['peek', '--brokers', '127.0.0.1:1', '--topic', 't', '--timeout', '1'], mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-cache-')));
    assert.strictEqual(run.status, 1, run.stderr);
    assert.match(run.stderr, /nothing accepts connections at 127\.0\.0\.1:1/);
  });
});
