// The CLI as an npm package: the tarball `npm pack` makes holds only built files, and once
// installed into an empty prefix, or run through npx, `upsun-kafka lint` works with nothing else
// (the bundles have no runtime dependencies, so this needs no registry).

import * as assert from 'assert';
import { mkdtempSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../harness/paths';
import { expectStatus } from './helpers';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'lint');

describe('npm package', () => {
  let tarball: string;
  let tmp: string;
  /** A cache of its own, so nothing comes from packages installed before. */
  let npmEnv: NodeJS.ProcessEnv;

  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-npm-'));
    npmEnv = { ...process.env, npm_config_cache: path.join(tmp, 'cache'), npm_config_update_notifier: 'false' };
    const packed = expectStatus(0, 'npm', ['pack', '--json', '--pack-destination', tmp], { cwd: REPO_ROOT, env: npmEnv });
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(tmp, info.filename);
  });

  it('holds exactly the CLI bundles, the matching thread, the manifest and its documents', () => {
    // .npmignore decides the tarball, .vscodeignore the VSIX: no extension bundle, webview,
    // media, schema, source, test or map.
    const listed = expectStatus(0, 'tar', ['-tzf', tarball]).stdout.trim().split('\n').sort();
    assert.deepStrictEqual(listed, [
      'package/CHANGELOG.md',
      'package/LICENSE',
      'package/README.md',
      'package/dist/cli-kafka.js',
      'package/dist/cli-main.js',
      'package/dist/cli.js',
      'package/dist/matchWorker.js',
      'package/package.json',
    ]);
  });

  it('installs into an empty prefix and lints a project from there', () => {
    const prefix = path.join(tmp, 'prefix');
    expectStatus(0, 'npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { env: npmEnv });
    const bin = path.join(prefix, 'bin', 'upsun-kafka');
    const broken = expectStatus(1, bin, ['lint', 'broken'], { cwd: FIXTURES });
    assert.match(broken.stdout, /^broken\/\.upsun\/config\.yaml:4:5: error unknown-key: /m);
    const clean = expectStatus(0, bin, ['lint', 'clean'], { cwd: FIXTURES });
    assert.strictEqual(clean.stdout, 'No problems in 1 config file.\n');
    assert.match(expectStatus(0, bin, ['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('runs through npx -p, as the CI recipes call it', () => {
    const ran = expectStatus(1, 'npx', ['--yes', '--offline', '-p', tarball, 'upsun-kafka', 'lint', '--format', 'codeclimate', 'broken'], { cwd: FIXTURES, env: npmEnv });
    const issues = JSON.parse(ran.stdout) as { check_name: string }[];
    assert.ok(issues.some((i) => i.check_name === 'unknown-key'), ran.stdout);
  });
});
