// kafkajs' private modules (kafkajs/src/…) are reached from src/kafka/kafkajs alone: everything
// else sees our own types. A require of one anywhere else, comments aside, fails here.

import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { REPO_ROOT } from '../harness/paths';

const SRC = path.join(REPO_ROOT, 'src');
const ADAPTER = path.join(SRC, 'kafka', 'kafkajs');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The modules inside kafkajs (`kafkajs/…`) that `text` imports or requires, as the compiler's pre-processor finds them. */
function privateKafkajsModules(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName).filter((name) => name.startsWith('kafkajs/'));
}

describe('the kafkajs adapter (src/kafka/kafkajs)', () => {
  it('finds a private module named in code, and not in a comment', () => {
    assert.deepStrictEqual(privateKafkajsModules("// require('kafkajs/src/a')\nconst x = require('kafkajs/src/cluster'); import 'kafkajs';"), ['kafkajs/src/cluster']);
  });

  it('is the only folder of src that requires kafkajs\' private modules', () => {
    const outside = sourceFiles(SRC)
      .filter((file) => !file.startsWith(ADAPTER + path.sep))
      .flatMap((file) => privateKafkajsModules(readFileSync(file, 'utf8')).map((m) => `${path.relative(REPO_ROOT, file)}: ${m}`));
    assert.deepStrictEqual(outside, []);
    assert.ok(sourceFiles(ADAPTER).some((file) => privateKafkajsModules(readFileSync(file, 'utf8')).length > 0), 'the adapter requires them');
  });
});
