// `npm run catalog -- --check`: the committed catalog, key tables and YAML schemas are what the
// generators make of shared/reference; a stale or missing file, or a missing reference folder,
// fails the run with exit 1 and a message naming it. The script runs as `npm run catalog` runs
// it (after the compile `npm test` has already done), in this checkout and in a copy of it.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compactJson } from '../../scripts/generatedFiles';
import { referenceDir, REPO_ROOT } from '../../scripts/referenceDir';

const GENERATED = [
  'src/catalog/images.generated.json',
  'src/catalog/configShapes.generated.json',
  'syntaxes/platform-app.schema.json',
  'syntaxes/platform-applications.schema.json',
  'syntaxes/platform-routes.schema.json',
  'syntaxes/platform-services.schema.json',
  'syntaxes/upsun-config.schema.json',
  'syntaxes/kafka-topics.schema.json',
];

function check(repo: string) {
  return spawnSync(process.execPath, [path.join(repo, 'out', 'scripts', 'catalog.js'), '--check'], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
}

describe('npm run catalog -- --check', () => {
  it('passes on this checkout: the committed generated files match shared/reference', () => {
    const run = check(REPO_ROOT);
    assert.strictEqual(run.status, 0, run.stderr);
    assert.match(run.stdout, /are current/);
  });

  describe('in a copy of the checkout', () => {
    let dir: string;
    let repo: string;
    beforeEach(() => {
      // <dir>/repo with the compiled scripts and the generated files; <dir>/shared/reference
      // beside it, where CI puts shared/.
      dir = mkdtempSync(path.join(os.tmpdir(), 'catalog-check-'));
      repo = path.join(dir, 'repo');
      for (const sub of ['out/scripts', 'out/src']) cpSync(path.join(REPO_ROOT, sub), path.join(repo, sub), { recursive: true });
      for (const file of GENERATED) {
        mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
        cpSync(path.join(REPO_ROOT, file), path.join(repo, file));
      }
      // The generators load what the extension does (yaml for the topics file's schema).
      symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(repo, 'node_modules'));
      mkdirSync(path.join(dir, 'shared'));
      symlinkSync(referenceDir(), path.join(dir, 'shared', 'reference'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('passes when nothing changed', () => {
      const run = check(repo);
      assert.strictEqual(run.status, 0, run.stderr);
    });

    it('fails, naming the file and what to run, when one version\'s status differs', () => {
      const file = path.join(repo, 'src/catalog/images.generated.json');
      const text = readFileSync(file, 'utf8');
      const edited = text.replace('{"version":"4.1","status":"supported"', '{"version":"4.1","status":"deprecated"');
      assert.notStrictEqual(edited, text);
      writeFileSync(file, edited);
      const run = check(repo);
      assert.strictEqual(run.status, 1);
      assert.strictEqual(run.stderr, 'src/catalog/images.generated.json is stale: it differs from what its generator makes of shared/reference. Run `npm run catalog` and commit the result.\n');
    });

    it('fails on a missing schema and on a key table reformatted by hand', () => {
      rmSync(path.join(repo, 'syntaxes/platform-routes.schema.json'));
      const shapes = path.join(repo, 'src/catalog/configShapes.generated.json');
      writeFileSync(shapes, JSON.stringify(JSON.parse(readFileSync(shapes, 'utf8')), null, 2));
      const run = check(repo);
      assert.strictEqual(run.status, 1);
      assert.deepStrictEqual(run.stderr.trim().split('\n'), [
        'src/catalog/configShapes.generated.json is stale: it differs from what its generator makes of shared/reference. Run `npm run catalog` and commit the result.',
        'syntaxes/platform-routes.schema.json is missing: run `npm run catalog` and commit it.',
      ]);
    });

    it('fails loudly, not skipping, when shared/reference is missing', () => {
      rmSync(path.join(dir, 'shared'), { recursive: true });
      const run = check(repo);
      assert.strictEqual(run.status, 1);
      assert.match(run.stderr, /^npm run catalog -- --check failed: The platforms' reference data \(shared\/reference\) is missing: looked for README\.md in .*shared\/reference/);
    });
  });
});

describe('compactJson', () => {
  it('keeps a value on one line when it fits in 120 characters, else one member a line, in the given key order', () => {
    const version = { version: '4.1', status: 'supported', endpoints: { kafka: { port: 9092, scheme: 'kafka' } } };
    const image = { type: 'kafka', name: 'Kafka', description: 'x'.repeat(100), versions: [version, { ...version, version: '3.7' }] };
    assert.strictEqual(
      compactJson({ z: 1, images: [image] }),
      [
        '{',
        ' "z": 1,',
        ' "images": [',
        '  {',
        '   "type": "kafka",',
        '   "name": "Kafka",',
        `   "description": "${'x'.repeat(100)}",`,
        '   "versions": [',
        '    {"version":"4.1","status":"supported","endpoints":{"kafka":{"port":9092,"scheme":"kafka"}}},',
        '    {"version":"3.7","status":"supported","endpoints":{"kafka":{"port":9092,"scheme":"kafka"}}}',
        '   ]',
        '  }',
        ' ]',
        '}',
      ].join('\n'),
    );
  });

  it('reads back as the same value, and breaks every line it can that is over 120 characters', () => {
    for (const file of GENERATED.filter((f) => f.startsWith('src/'))) {
      const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      const value: unknown = JSON.parse(text);
      assert.strictEqual(compactJson(value) + '\n', text, file);
      const long = text.split('\n').filter((line) => line.length > 120 && /[[{]./.test(line.replace(/"(?:[^"\\]|\\.)*"/g, '""')));
      assert.deepStrictEqual(long, [], `${file}: a long line holding an object or list`);
    }
  });
});
