// The one-pass composer of plain block YAML against `yaml`'s own parse: where it gives a
// document, every node must be the one `yaml` makes (kind, value, source, style, format,
// range) and `yaml` must find no error or warning in the text; everything else it must leave
// to `yaml` (undefined).

import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { composePlainYaml, YAML_OPTIONS } from '../../src/config/plainYaml';
import { parseConfigFile } from '../../src/config/parseFile';
import { sharedDir } from '../../scripts/referenceDir';

const corpusDir = () => sharedDir('corpus', 'expected-errors.txt', 'The public corpus');

function kind(node: unknown): string {
  if (node === null || node === undefined) return 'none';
  if (isPair(node)) return 'pair';
  if (isScalar(node)) return 'scalar';
  if (isMap(node)) return 'map';
  if (isSeq(node)) return 'seq';
  return 'other';
}

/** Where `ours` differs from `theirs`, as `path: what`, depth first. */
function differences(theirs: unknown, ours: unknown, at: string, out: string[]): void {
  if (kind(theirs) !== kind(ours)) {
    out.push(`${at}: ${kind(theirs)} vs ${kind(ours)}`);
    return;
  }
  if (isPair(theirs) && isPair(ours)) {
    differences(theirs.key, ours.key, `${at}.key`, out);
    differences(theirs.value, ours.value, `${at}.value`, out);
    return;
  }
  const a = theirs as Record<string, unknown>;
  const b = ours as Record<string, unknown>;
  for (const field of ['range', 'flow', 'tag', 'anchor', 'type', 'format', 'minFractionDigits', 'source']) {
    if (JSON.stringify(a?.[field]) !== JSON.stringify(b?.[field])) out.push(`${at}: ${field} ${JSON.stringify(a?.[field])} vs ${JSON.stringify(b?.[field])}`);
  }
  if (isScalar(theirs) && isScalar(ours)) {
    if (!Object.is(theirs.value, ours.value)) out.push(`${at}: value ${String(theirs.value)} vs ${String(ours.value)}`);
    return;
  }
  const left = (a?.items ?? []) as unknown[];
  const right = (b?.items ?? []) as unknown[];
  if (left.length !== right.length) out.push(`${at}: ${left.length} items vs ${right.length}`);
  else left.forEach((item, i) => differences(item, right[i], `${at}[${i}]`, out));
}

/** Undefined when the composer leaves `text` to `yaml`; else every difference from `yaml`'s parse (none expected). */
function compare(text: string): string[] | undefined {
  const ourLines = new LineCounter();
  const ours = composePlainYaml(text, ourLines);
  if (!ours) return undefined;
  const theirLines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: theirLines, ...YAML_OPTIONS });
  const list = Array.isArray(documents) ? documents : [documents];
  const out: string[] = [];
  if (list.length !== 1) return [`yaml finds ${list.length} documents`];
  const [theirs] = list;
  out.push(...[...theirs.errors, ...theirs.warnings].map((e) => `yaml reports ${e.code}: ${e.message.split('\n')[0]}`));
  differences(theirs.contents, ours.contents, '$', out);
  if (JSON.stringify(theirs.range) !== JSON.stringify(ours.range)) out.push(`document range ${JSON.stringify(theirs.range)} vs ${JSON.stringify(ours.range)}`);
  if (JSON.stringify(theirLines.lineStarts) !== JSON.stringify(ourLines.lineStarts)) out.push('line starts differ');
  return out;
}

const PLAIN = `# A project in plain block style
applications:
  "app one":
    type: 'php:8.4'
    size: 1.5
    ratio: 2.50
    count: -3
    on: yes
    off: ~
    n: null
    t: True
    hex: 0x1F
    oct: 0o17
    inf: .inf
    nan: .NaN
    exp: 1e3
    'it''s': 'a''b'
    url: http://example.com:8080/x#frag
    k:v: a:b
    list:
    - a
    - b: 1
      c: [x, "y", 2]
    - {a: 1, "b": "c", d: }
    empty: []
    emptymap: {}
    nested:
        deep: 1   # trailing
    after: 1
# comment at 0

services:
  db:
    type: postgresql:17
  x:
routes:
  "https://{default}/": { type: upstream, upstream: "app:http" }
  "https://www.{default}/":
    type: redirect
    to: "https://{default}/"
last: end`;

/** One text per construct the composer leaves to `yaml`, each otherwise plain. */
const LEFT_TO_YAML: Record<string, string> = {
  'a tag': 'app: !include app.yaml\n',
  'an anchor and an alias': 'a: &x 1\nb: *x\n',
  'a merge key': 'a: {x: 1}\nb:\n  <<: {x: 2}\n',
  'a block scalar': 'hooks:\n  build: |\n    make\n',
  'a multi-line plain scalar': 'a: one\n  two\n',
  'a multi-line quoted scalar': 'a: "one\n  two"\n',
  'a tab': 'a:\tb\n',
  'a carriage return': 'a: b\r\nc: d\r\n',
  'a NUL': 'a: b\0\n',
  'invalid UTF-8 (U+FFFD)': 'a: b\ufffd\n',
  'an escape': 'a: "b\\n"\n',
  'a document marker': '---\na: b\n',
  'a directive': '%YAML 1.2\n---\na: b\n',
  'a second document': 'a: b\n---\nc: d\n',
  'an explicit key': '? a\n: b\n',
  'a comment after an empty value': 'a: # none\nb: 1\n',
  'a comment line after an empty value': 'a:\n  # none\nb: 1\n',
  'a comment more indented than the next line': 'a:\n  b: 1\n  # c\nd: 1\n',
  'a comment more indented at the end': 'a:\n  b: 1\n  # c\n',
  'a nested mapping on one line (an error)': 'a: b: c\n',
  'bad indentation (an error)': 'a: 1\n b: 2\n',
  'an unclosed quote (an error)': 'a: "b\n',
  'a key without a value (an error)': 'a: 1\nb\n',
  'a flow collection over lines': 'a: [1,\n  2]\n',
  'a nested flow collection': 'a: [[1]]\n',
  'a trailing comma': 'a: [1, 2, ]\n',
  'an empty sequence item': 'a:\n  -\n  - 1\n',
  'a key of 1,001 characters': `${'k'.repeat(1001)}: 1\n`,
  'an empty file': '',
  'a comment-only file': '# nothing\n',
  'a scalar document': 'just text\n',
};

/** Fragments a mutation inserts: the characters and constructs that change how YAML reads a line. */
const FRAGMENTS = [' ', '  ', ':', ': ', '-', '- ', '#', ' #', '"', "'", '\n', '\n  ', '[', ']', '{', '}', ',', '&a', '*a', '!', '|', '>', '?', '0x1F', '1e3', '.inf', '~', 'null', 'True', '0o17', '<<', '---', '%', ' : ', '\t', '\r\n', 'x', '1', '-1', '...', "''", '`', '@', '\\'];

describe('plain block YAML without the parser', function () {
  this.timeout(120_000);

  it('gives yaml\'s own nodes and ranges for every plain construct', () => {
    assert.deepStrictEqual(compare(PLAIN), []);
    assert.deepStrictEqual(compare(`${PLAIN}\n`), []);
  });

  it('keeps each range as yaml\'s array to read, write and clone', () => {
    const doc = composePlainYaml('a:\n  b: 1\n', new LineCounter());
    const map = doc?.contents;
    assert.ok(isMap(map));
    const inner = map.items[0].value;
    assert.ok(isMap(inner));
    assert.deepStrictEqual([map.range, inner.range, (inner.items[0].value as { range: unknown }).range], [[0, 10, 10], [5, 10, 10], [8, 9, 10]]);
    const copy = inner.clone();
    inner.range = [1, 2, 3];
    assert.deepStrictEqual([inner.range, copy.range], [[1, 2, 3], [5, 10, 10]]);
  });

  it('leaves every other construct, and every YAML error, to yaml', () => {
    const taken = Object.entries(LEFT_TO_YAML).filter(([, text]) => compare(text) !== undefined).map(([name]) => name);
    assert.deepStrictEqual(taken, []);
  });

  it('agrees with yaml on every corpus file it takes, and takes most plain ones', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.ya?ml$/.test(name)) files.push(file);
      }
    };
    walk(path.join(corpusDir(), 'projects'));
    const results = files.map((file) => [path.relative(corpusDir(), file), compare(readFileSync(file, 'utf8'))] as const);
    assert.deepStrictEqual(results.filter(([, out]) => out && out.length > 0), []);
    // 89 of the corpus's 264 YAML files are plain block YAML; the rest use block scalars, tags or comments `yaml` files on nodes.
    assert.ok(results.filter(([, out]) => out).length >= 80, `${results.filter(([, out]) => out).length} corpus files taken`);
  });

  it('whenever it takes a mutated text, yaml finds no error in it and makes the same nodes', () => {
    const seeds = [PLAIN, 'routes:\n  "https://r0.{default}/":\n    type: upstream\n    upstream: "app:http"\n    cache:\n      enabled: true\n      headers: [ "Accept", "Accept-Language" ]\n'];
    const mutation = fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.option(fc.constantFrom(...FRAGMENTS), { nil: '' }));
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 3 }), (seed, mutations) => {
        let text = seed;
        for (const [at, remove, insert] of mutations) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + remove);
        }
        const out = compare(text);
        assert.deepStrictEqual(out ?? [], [], JSON.stringify(text));
      }),
      { numRuns: 3000, seed: 24 },
    );
  });

  it('a config file parsed either way gives the same problems', () => {
    const text = `${PLAIN.replace('type: redirect', 'type: redirect\n    type: upstream')}\nlast: again\n`;
    const problems = parseConfigFile('/p/.upsun/config.yaml', 'upsun', text).problems.map((p) => [p.code, p.span.start, p.span.end]);
    assert.ok(composePlainYaml(text, new LineCounter()), 'the text is plain');
    // Duplicate keys are found on the nodes, after either parse: the two here, at yaml's positions.
    const second = text.indexOf('    type: upstream\n    to:') + 4;
    assert.deepStrictEqual(problems, [
      ['duplicate-key', text.lastIndexOf('last'), text.lastIndexOf('last') + 4],
      ['duplicate-key', second, second + 4],
    ]);
  });
});
