import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runLint, LintFormat } from '../../src/cli/lint';
import { CODE_DOCS } from '../../src/validation/codeDocs';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'lint');
const CLI = path.resolve(__dirname, '..', '..', 'src', 'cli', 'main.js');

async function lint(paths: string[], format: LintFormat = 'text', cwd = FIXTURES): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await runLint(paths, format, { cwd, out: (t) => (out += t), err: (t) => (err += t) });
  return { status, out, err };
}

describe('CLI lint', () => {
  it('exits 0 on a clean project and says so', async () => {
    const r = await lint(['clean']);
    assert.strictEqual(r.status, 0);
    assert.strictEqual(r.out, 'No problems in 1 config file.\n');
  });

  it('exits 2 when it finds no config file to check, saying where it looked', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-lint-empty-'));
    try {
      for (const [paths, where] of [[[], empty], [['.'], '.']] as const) {
        const r = await lint([...paths], 'text', empty);
        assert.deepStrictEqual([r.status, r.out], [2, '']);
        assert.strictEqual(r.err, `upsun-kafka lint: no Upsun or Platform.sh config file in ${where}: lint looks for .upsun/*.yaml, .platform/*.yaml and .platform.app.yaml below it. Run it in the project's root folder, or name that folder.\n`);
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('exits 1 with file:line:column lines when it finds errors', async () => {
    const r = await lint(['broken']);
    assert.strictEqual(r.status, 1);
    assert.match(r.out, /^broken\/\.upsun\/config\.yaml:4:5: error unknown-key: Unknown key "relationshps" in "applications\.app"\. Did you mean "relationships"\?$/m);
    assert.match(r.out, /^broken\/\.upsun\/config\.yaml:10:11: error unsupported-version: /m);
    assert.match(r.out, /3 error\(s\), 1 warning\(s\), 2 note\(s\) in 1 config file\.\n$/);
  });

  it('exits 1 on a config file too large to check, so CI does not pass what it never read', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-lint-big-'));
    try {
      mkdirSync(path.join(root, '.upsun'));
      writeFileSync(path.join(root, '.upsun', 'config.yaml'), `applications:\n  app:\n    type: php:8.4\n# ${'x'.repeat(16 * 1024 * 1024)}\n`);
      const r = await lint(['.'], 'text', root);
      assert.strictEqual(r.status, 1);
      assert.strictEqual(r.out, '.upsun/config.yaml:1:1: error file-too-large: This file is over 16 MiB, more than any platform config needs, so it was not read and nothing in it is checked. Split it, or check that it is the file you meant.\n1 error(s), 0 warning(s), 0 note(s) in 1 config file.\n');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('finds config files below the working folder when given no path, and skips look-alikes', async () => {
    const r = await lint([], 'json', path.join(FIXTURES, 'platform'));
    assert.strictEqual(r.status, 0, 'information only');
    const findings = JSON.parse(r.out) as { file: string; code: string }[];
    assert.deepStrictEqual(findings.map((f) => [f.file, f.code]), [['api/.platform.app.yaml', 'relationship-legacy']]);
  });

  it('checks a named file within its project, reporting only that file', async () => {
    const r = await lint(['platform/api/.platform.app.yaml'], 'json');
    const findings = JSON.parse(r.out) as { code: string }[];
    assert.ok(!findings.some((f) => f.code === 'relationship-unknown-service'), 'services.yaml of the project was read');
    assert.strictEqual(findings.length, 1);
  });

  it('prints JSON records with 1-based positions', async () => {
    const r = await lint(['broken'], 'json');
    const findings = JSON.parse(r.out) as Record<string, unknown>[];
    const unknown = findings.find((f) => f.code === 'unknown-key');
    assert.deepStrictEqual(unknown, {
      file: 'broken/.upsun/config.yaml',
      line: 4,
      column: 5,
      endLine: 4,
      endColumn: 17,
      severity: 'error',
      code: 'unknown-key',
      message: 'Unknown key `relationshps` in `applications.app`. Did you mean `relationships`?',
    });
  });

  it('prints SARIF 2.1.0 with a rule per code and relative locations', async () => {
    const r = await lint(['broken'], 'sarif');
    assert.strictEqual(r.status, 1);
    const log = JSON.parse(r.out);
    assert.strictEqual(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.strictEqual(log.runs.length, 1);
    const run = log.runs[0];
    assert.strictEqual(run.tool.driver.name, 'upsun-kafka');
    const ruleIds = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    assert.deepStrictEqual(ruleIds, Object.keys(CODE_DOCS));
    for (const rule of run.tool.driver.rules) assert.ok(rule.shortDescription.text && rule.help.text, rule.id);
    assert.strictEqual(run.results.length, 6);
    for (const result of run.results) {
      assert.ok(ruleIds.includes(result.ruleId));
      assert.strictEqual(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.ok(result.message.text);
      const loc = result.locations[0].physicalLocation;
      assert.strictEqual(loc.artifactLocation.uri, 'broken/.upsun/config.yaml');
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    }
  });

  it('exits 2 on a path that does not exist or is not config', async () => {
    const missing = await lint(['nope']);
    assert.strictEqual(missing.status, 2);
    assert.match(missing.err, /nope: no such file or folder/);
    const notConfig = await lint(['platform/config/services.yaml']);
    assert.strictEqual(notConfig.status, 2);
    assert.match(notConfig.err, /not an Upsun or Platform\.sh config file/);
  });

  it('runs as a command: exit status 1 on errors, 2 on an unknown format', () => {
    const found = spawnSync(process.execPath, [CLI, 'lint', 'broken'], { cwd: FIXTURES, encoding: 'utf8' });
    assert.strictEqual(found.status, 1, found.stderr);
    assert.match(found.stdout, /unknown-key/);
    const bad = spawnSync(process.execPath, [CLI, 'lint', '--format', 'xml'], { cwd: FIXTURES, encoding: 'utf8' });
    assert.strictEqual(bad.status, 2);
    assert.match(bad.stderr, /Allowed choices are text, json, sarif, codeclimate/);
  });
});
