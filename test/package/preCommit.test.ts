// The pre-commit hook (.pre-commit-hooks.yaml) run by Debian's pre-commit on a temporary git
// repository, with this checkout as the hook repository (a git copy of the working tree, so
// uncommitted changes are what is tested). pre-commit builds the hook's environment as it does
// for users: npm install in the hook repository (the `dependencies` script builds dist/), then
// npm pack and a global install of the tarball.

import * as assert from 'assert';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../harness/paths';
import { expectStatus, run } from './helpers';

const GIT_USER = ['-c', 'user.email=tests@example.invalid', '-c', 'user.name=tests'];

/** A git repository holding this checkout's files as they are now; returns its HEAD. */
function hookRepository(dir: string): string {
  const files = expectStatus(0, 'git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO_ROOT }).stdout.split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    // A file listed but deleted in the working tree is not part of it.
    try {
      cpSync(path.join(REPO_ROOT, file), path.join(dir, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  expectStatus(0, 'git', ['init', '-q'], { cwd: dir });
  expectStatus(0, 'git', ['add', '-A'], { cwd: dir });
  expectStatus(0, 'git', [...GIT_USER, 'commit', '-q', '-m', 'hook repository'], { cwd: dir });
  return expectStatus(0, 'git', ['rev-parse', 'HEAD'], { cwd: dir }).stdout.trim();
}

describe('pre-commit hook', () => {
  let project: string;
  let env: NodeJS.ProcessEnv;

  before(function () {
    const version = run('pre-commit', ['--version']);
    assert.strictEqual(version.status, 0, 'pre-commit is not installed: apt-get install pre-commit (.ci/run does)');
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-pre-commit-'));
    const hooks = path.join(tmp, 'hooks');
    mkdirSync(hooks);
    const rev = hookRepository(hooks);
    project = path.join(tmp, 'project');
    mkdirSync(path.join(project, '.upsun'), { recursive: true });
    mkdirSync(path.join(project, 'config'));
    expectStatus(0, 'git', ['init', '-q'], { cwd: project });
    writeFileSync(path.join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: file://${hooks}\n    rev: ${rev}\n    hooks:\n      - id: upsun-kafka-lint\n`);
    // A Symfony file of the same name as Platform.sh's: the hook must not be given it.
    writeFileSync(path.join(project, 'config', 'services.yaml'), 'services:\n  _defaults: { autowire: true }\n');
    env = { ...process.env, PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home'), npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };
  });

  function commitAttempt(config: string) {
    writeFileSync(path.join(project, '.upsun', 'config.yaml'), config);
    expectStatus(0, 'git', ['add', '-A'], { cwd: project });
    return run('pre-commit', ['run', '--all-files'], { cwd: project, env });
  }

  it('fails a commit whose config has an error, naming file, position and code', () => {
    const ran = commitAttempt('applications:\n  app:\n    type: "nodejs:24"\n    relationshps: {}\n');
    assert.strictEqual(ran.status, 1, ran.stdout + ran.stderr);
    assert.match(ran.stdout, /upsun-kafka lint\.+Failed/);
    assert.match(ran.stdout, /^\.upsun\/config\.yaml:4:5: error unknown-key: Unknown key "relationshps"/m);
    assert.doesNotMatch(ran.stdout, /config\/services\.yaml/);
  });

  it('passes a commit whose config is clean', () => {
    const ran = commitAttempt('applications:\n  app:\n    type: "nodejs:24"\n');
    assert.strictEqual(ran.status, 0, ran.stdout + ran.stderr);
    assert.match(ran.stdout, /upsun-kafka lint\.+Passed/);
  });
});
