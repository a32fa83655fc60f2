import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkCorpus, compareWithExpected, formatCorpusDetails, formatCorpusTables, parseExpectedErrors } from '../../scripts/check-corpus';
import { sharedDir } from '../../scripts/referenceDir';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'lint');
const SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'check-corpus.js');

describe('check:corpus', () => {
  it('counts the findings of each project folder by severity, as the lint CLI does', async () => {
    const report = await checkCorpus(FIXTURES);
    assert.deepStrictEqual(
      report.projects.map((p) => [p.project, p.files, p.counts]),
      [
        ['broken', 1, { error: 3, warning: 1, information: 1, hint: 1 }],
        ['clean', 1, { error: 0, warning: 0, information: 0, hint: 0 }],
        // config/services.yaml is not a config file: only .platform/ and the app's file count
        ['platform', 3, { error: 0, warning: 0, information: 1, hint: 0 }],
      ],
    );
    assert.deepStrictEqual(report.totals, { error: 3, warning: 1, information: 2, hint: 1, files: 5, findings: 7 });
    assert.deepStrictEqual(report.byCode['relationship-legacy'], { error: 0, warning: 0, information: 2, hint: 0 });
    assert.deepStrictEqual(report.byCode['unknown-key'], { error: 1, warning: 0, information: 0, hint: 0 });
  });

  it('gives each finding its code, file relative to the project, line and message', async () => {
    const report = await checkCorpus(FIXTURES);
    const broken = report.projects.find((p) => p.project === 'broken');
    const unknown = broken?.findings.find((f) => f.code === 'unknown-key');
    assert.deepStrictEqual(unknown && [unknown.file, unknown.line, unknown.column, unknown.severity, unknown.message], [
      '.upsun/config.yaml',
      4,
      5,
      'error',
      'Unknown key `relationshps` in `applications.app`. Did you mean `relationships`?',
    ]);
    const details = formatCorpusDetails(report).trimEnd().split('\n');
    assert.strictEqual(details.length, 7);
    assert.ok(details.includes('broken/.upsun/config.yaml:4:5: error unknown-key: Unknown key `relationshps` in `applications.app`. Did you mean `relationships`?'));
    assert.ok(details.includes('platform/api/.platform.app.yaml:5:10: information relationship-legacy: Relationship `kafka` uses the legacy "service:endpoint" string. Write it as `{ service: kafka, endpoint: kafka }`.'));
  });

  it('prints a row per project, the total and a row per code', async () => {
    const tables = formatCorpusTables(await checkCorpus(FIXTURES)).split('\n');
    assert.ok(tables.includes('| broken | 1 | 3 | 1 | 1 | 1 |'));
    assert.ok(tables.includes('| **total** (3 projects) | 5 | 3 | 1 | 2 | 1 |'));
    assert.ok(tables.includes('| unused-service | 0 | 0 | 0 | 1 |'));
  });

  it('lists a folder without config as 0 files and skips hidden folders', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'check-corpus-'));
    try {
      await fs.cp(path.join(FIXTURES, 'clean'), path.join(dir, 'clean'), { recursive: true });
      await fs.mkdir(path.join(dir, 'no-config'));
      await fs.cp(path.join(FIXTURES, 'broken'), path.join(dir, '.hidden'), { recursive: true });
      const report = await checkCorpus(dir);
      assert.deepStrictEqual(report.projects.map((p) => [p.project, p.files, p.findings.length]), [['clean', 1, 0], ['no-config', 0, 0]]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('runs as a script: JSON with --json, exit 2 on a folder that does not exist', () => {
    const ok = spawnSync(process.execPath, [SCRIPT, FIXTURES, '--json'], { encoding: 'utf8' });
    assert.strictEqual(ok.status, 0, ok.stderr);
    assert.strictEqual(JSON.parse(ok.stdout).totals.findings, 7);
    const missing = spawnSync(process.execPath, [SCRIPT, path.join(FIXTURES, 'nope')], { encoding: 'utf8' });
    assert.strictEqual(missing.status, 2);
    assert.match(missing.stderr, /^check:corpus: cannot read .*nope/);
  });

  it('fails on an error the expected list lacks, and only on errors', async () => {
    const report = await checkCorpus(FIXTURES);
    const all = parseExpectedErrors('# hand-checked\nbroken|.upsun/config.yaml:4|unknown-key\n\nclean|.upsun/config.yaml:1|wrong-type\n');
    const brokenErrors = report.projects.find((p) => p.project === 'broken')!.findings.filter((f) => f.severity === 'error');
    for (const f of brokenErrors) all.add(`broken|${f.file}:${f.line}|${f.code}`);
    const ok = compareWithExpected(report, all);
    assert.deepStrictEqual([ok.unexpected, ok.notReported, ok.failedProjects], [[], ['clean|.upsun/config.yaml:1|wrong-type'], []]);
    const verdict = compareWithExpected(report, parseExpectedErrors('broken|.upsun/config.yaml:4|unknown-key'));
    assert.deepStrictEqual(verdict.failedProjects, ['broken']);
    assert.strictEqual(verdict.unexpected.length, 2);
    assert.ok(!verdict.unexpected.some((u) => u.includes('relationshps')), 'the listed error is not unexpected');
  });

  it('--expected: exit 1 and the false errors printed when the list lacks one', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'check-corpus-'));
    try {
      const list = path.join(dir, 'expected-errors.txt');
      await fs.writeFile(list, 'broken|.upsun/config.yaml:4|unknown-key\n');
      const run = spawnSync(process.execPath, [SCRIPT, FIXTURES, '--expected', list], { encoding: 'utf8' });
      assert.strictEqual(run.status, 1, run.stderr);
      assert.match(run.stdout, /^2 error\(s\) not in the expected list/m);
      const missing = spawnSync(process.execPath, [SCRIPT, FIXTURES, '--expected', path.join(dir, 'nope.txt')], { encoding: 'utf8' });
      assert.strictEqual(missing.status, 2);
      assert.match(missing.stderr, /^check:corpus: cannot read .*nope\.txt/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('a missing shared/ folder fails loudly, naming where it looked', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'check-corpus-'));
    try {
      await fs.mkdir(path.join(dir, 'repo'));
      assert.throws(() => sharedDir('corpus', 'expected-errors.txt', 'The public corpus', path.join(dir, 'repo')), {
        message: `The public corpus (shared/corpus) is missing: looked for expected-errors.txt in ${path.join(dir, 'shared', 'corpus')}. Put a copy of shared/ beside the repository.`,
      });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
