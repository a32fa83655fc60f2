// The CLI as npm ships it (dist/, from `npm run build`): `lint` loads no Kafka code, and the
// code cache that keeps it fast is written, reused and survives a damaged file.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
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

function runCli(args: string[], tmp: string) {
  return spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd: LINT_FIXTURES, encoding: 'utf8', env: { ...process.env, TMPDIR: tmp, NODE_DISABLE_COMPILE_CACHE: '' } });
}

describe('CLI bundle', () => {
  it('keeps kafkajs and the Kafka access layer out of the bundle every command loads', () => {
    const main = inputsOf('dist/cli-main.js');
    assert.ok(main.includes('src/cli/lint.ts'), 'lint is in dist/cli-main.js');
    assert.deepStrictEqual(main.filter((f) => f.includes('node_modules/kafkajs') || f.startsWith('src/kafka/') || f.startsWith('src/cli/kafka/')), []);
    const kafka = inputsOf('dist/cli-kafka.js');
    assert.ok(kafka.some((f) => f.startsWith('node_modules/kafkajs/')), 'kafkajs is in dist/cli-kafka.js');
    assert.deepStrictEqual(inputsOf('dist/cli.js'), ['src/cli/launch.ts']);
  });

  it('keeps the search\'s matching thread (dist/matchWorker.js) to the matcher and the record reader', () => {
    // Every search starts it, in the editor and the CLI: no Kafka client, nothing of the editor.
    assert.deepStrictEqual(inputsOf('dist/matchWorker.js').sort(), ['src/kafka/matchProtocol.ts', 'src/kafka/matchWorker.ts', 'src/kafka/recordBatch.ts', 'src/kafka/searchQuery.ts', 'src/kafka/types.ts']);
  });

  it('writes a code cache on the first run, reuses it, and runs on past a damaged one', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-cache-'));
    const cacheDir = path.join(tmp, 'upsun-kafka-compile-cache');
    const first = runCli(['lint', 'broken'], tmp);
    assert.strictEqual(first.status, 1, first.stderr);
    assert.match(first.stdout, /unknown-key/);
    const files = readdirSync(cacheDir);
    assert.strictEqual(files.length, 1);
    assert.match(files[0], /^[0-9a-f]{40}\.bin$/);

    const second = runCli(['lint', 'broken'], tmp);
    assert.strictEqual(second.status, 1, second.stderr);
    assert.strictEqual(second.stdout, first.stdout);

    writeFileSync(path.join(cacheDir, files[0]), 'not a code cache');
    const damaged = runCli(['lint', 'broken'], tmp);
    assert.strictEqual(damaged.status, 1, damaged.stderr);
    assert.strictEqual(damaged.stdout, first.stdout);
    assert.ok(readFileSync(path.join(cacheDir, files[0])).length > 1000, 'the damaged cache was written anew');
  });

  it('loads no Node module that lint does not use: crypto, child_process, fs/promises, streams', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-cache-'));
    // Written with writeSync: process.stderr would itself load the streams looked for.
    const preload = path.join(tmp, 'loaded.js');
    writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(2, JSON.stringify(process.moduleLoadList)));");
    for (const env of [{ NODE_DISABLE_COMPILE_CACHE: '' }, { NODE_DISABLE_COMPILE_CACHE: '1' }]) {
      const run = spawnSync(process.execPath, ['-r', preload, path.join(DIST, 'cli.js'), 'lint', 'broken'], { cwd: LINT_FIXTURES, encoding: 'utf8', env: { ...process.env, TMPDIR: tmp, ...env } });
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
