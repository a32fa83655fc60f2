// The linter's machine-read reports checked against what reads them: SARIF 2.1.0 against the
// OASIS JSON Schema (the copy in @microsoft/jest-sarif, the SARIF team's own package), and the
// GitLab Code Quality report against the fields GitLab documents for custom tools.

import * as assert from 'assert';
import Ajv from 'ajv-draft-04';
import Ajv2020 from 'ajv';
import addFormats from 'ajv-formats';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LintFormat, runLint } from '../../src/cli/lint';
import { plainMessage } from '../../src/validation/problem';
import { REPO_ROOT } from '../harness/paths';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'lint');
const SARIF_SCHEMA = path.join(REPO_ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

async function report(format: LintFormat, paths: string[], cwd = FIXTURES): Promise<string> {
  let out = '';
  await runLint(paths, format, { cwd, out: (t) => (out += t), err: () => undefined });
  return out;
}

/** A project with the same problem twice in one file (two apps on a deprecated runtime). */
function repeatedProblemProject(lineAbove = false): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-reports-'));
  mkdirSync(path.join(dir, '.upsun'));
  const text = `${lineAbove ? '# a comment that moves every line down\n' : ''}applications:
  a:
    type: "nodejs:22"
  b:
    type: "nodejs:22"
    relationshps: {}
`;
  writeFileSync(path.join(dir, '.upsun', 'config.yaml'), text);
  return dir;
}

function sarifValidator() {
  // Not unicode regexps: the schema's `language` pattern has a stray `]` that only the
  // non-unicode reading of ECMA-262, which JSON Schema draft 4 names, accepts.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
}

/** GitLab's table under "Implement a custom tool", as a schema: every row required. */
const GITLAB_CODE_QUALITY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          // "The relative path to the file".
          path: { type: 'string', minLength: 1, not: { pattern: '^(/|[A-Za-z]:)' } },
          lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } },
        },
      },
    },
  },
};

describe('lint reports', () => {
  it('SARIF is valid against the SARIF 2.1.0 schema, with results and without', async () => {
    const validate = sarifValidator();
    for (const [paths, cwd] of [[['broken'], FIXTURES], [['clean'], FIXTURES], [[], path.join(FIXTURES, 'platform')], [[], repeatedProblemProject()]] as const) {
      const log = JSON.parse(await report('sarif', [...paths], cwd));
      assert.ok(validate(log), `${paths.join(' ') || cwd}: ${JSON.stringify(validate.errors, null, 1)}`);
    }
  });

  it('the SARIF schema check catches what code scanning would reject', async () => {
    const validate = sarifValidator();
    const log = JSON.parse(await report('sarif', ['broken']));
    log.runs[0].results[0].level = 'fatal';
    assert.strictEqual(validate(log), false);
    assert.ok(validate.errors?.some((e) => e.instancePath === '/runs/0/results/0/level'), JSON.stringify(validate.errors));
  });

  it('the Code Quality report has the fields GitLab documents, one fingerprint per finding', async () => {
    const validate = new Ajv2020({ allErrors: true }).compile(GITLAB_CODE_QUALITY_SCHEMA);
    const text = await report('codeclimate', ['broken']);
    assert.notStrictEqual(text.charCodeAt(0), 0xfeff, 'GitLab rejects a byte order mark');
    const issues = JSON.parse(text) as { check_name: string; severity: string; fingerprint: string }[];
    assert.ok(validate(issues), JSON.stringify(validate.errors));
    assert.strictEqual(issues.length, 6);
    assert.deepStrictEqual(issues.find((i) => i.check_name === 'unknown-key'), {
      type: 'issue',
      description: 'Unknown key `relationshps` in `applications.app`. Did you mean `relationships`?',
      check_name: 'unknown-key',
      fingerprint: issues.find((i) => i.check_name === 'unknown-key')!.fingerprint,
      severity: 'major',
      location: { path: 'broken/.upsun/config.yaml', lines: { begin: 4, end: 4 } },
    });
    assert.deepStrictEqual(
      issues.map((i) => [i.check_name, i.severity]),
      [['deprecated-version', 'minor'], ['unknown-key', 'major'], ['relationship-legacy', 'info'], ['relationship-unknown-service', 'major'], ['unused-service', 'info'], ['unsupported-version', 'major']],
    );
    assert.deepStrictEqual(JSON.parse(await report('codeclimate', ['clean'])), []);
  });

  it('Code Quality fingerprints differ for a repeated problem and survive lines moving', async () => {
    type Issue = { check_name: string; fingerprint: string; location: { lines: { begin: number } } };
    const before = JSON.parse(await report('codeclimate', [], repeatedProblemProject())) as Issue[];
    const after = JSON.parse(await report('codeclimate', [], repeatedProblemProject(true))) as Issue[];
    const deprecated = before.filter((i) => i.check_name === 'deprecated-version');
    assert.strictEqual(deprecated.length, 2);
    assert.notStrictEqual(deprecated[0].fingerprint, deprecated[1].fingerprint);
    assert.strictEqual(new Set(before.map((i) => i.fingerprint)).size, before.length);
    assert.deepStrictEqual(after.map((i) => i.location.lines.begin), before.map((i) => i.location.lines.begin + 1));
    assert.deepStrictEqual(after.map((i) => i.fingerprint), before.map((i) => i.fingerprint));
  });

  it('text shows names in plain quotes; JSON, SARIF and Code Quality keep the message as written', async () => {
    const written = 'Unknown key `relationshps` in `applications.app`. Did you mean `relationships`?';
    const plain = 'Unknown key "relationshps" in "applications.app". Did you mean "relationships"?';
    assert.ok((await report('text', ['broken'])).split('\n').includes(`broken/.upsun/config.yaml:4:5: error unknown-key: ${plain}`));
    const json = JSON.parse(await report('json', ['broken'])) as { code: string; message: string }[];
    assert.strictEqual(json.find((f) => f.code === 'unknown-key')?.message, written);
    const sarif = JSON.parse(await report('sarif', ['broken'])) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] };
    assert.strictEqual(sarif.runs[0].results.find((r) => r.ruleId === 'unknown-key')?.message.text, written);
    const quality = JSON.parse(await report('codeclimate', ['broken'])) as { check_name: string; description: string }[];
    assert.strictEqual(quality.find((q) => q.check_name === 'unknown-key')?.description, written);
  });

  it('plainMessage turns each backticked name into a quoted one and leaves the rest', () => {
    assert.strictEqual(plainMessage('Relationship `events` names service `kafak`. Did you mean `kafka`?'), 'Relationship "events" names service "kafak". Did you mean "kafka"?');
    assert.strictEqual(plainMessage('Write it as `{ service: queue, endpoint: kafka }`.'), 'Write it as "{ service: queue, endpoint: kafka }".');
    assert.strictEqual(plainMessage('No backticks, "already quoted".'), 'No backticks, "already quoted".');
    assert.strictEqual(plainMessage('An odd ` stays'), 'An odd ` stays');
  });
});
