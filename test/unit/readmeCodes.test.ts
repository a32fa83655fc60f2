import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { CODE_DOCS } from '../../src/validation/codeDocs';
import { CODES } from '../../src/validation/codes';

const README = path.resolve(__dirname, '..', '..', '..', 'docs', 'diagnostics.md');

/** The rows of the diagnostics table in docs/diagnostics.md: code, severity, meaning, what to do. */
function readmeRows(): string[][] {
  const lines = readFileSync(README, 'utf8').split('\n');
  const header = lines.indexOf('| code | severity | meaning | what to do |');
  assert.ok(header >= 0, 'docs/diagnostics.md has the diagnostics table header');
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
  }
  return rows;
}

describe('docs/diagnostics.md diagnostics table', () => {
  it('lists every code the engine reports, in codes.ts order, with its docs', () => {
    const expected = Object.values(CODES).map((code) => [`\`${code}\``, CODE_DOCS[code].severity, CODE_DOCS[code].summary, CODE_DOCS[code].help]);
    assert.deepStrictEqual(readmeRows(), expected);
  });
});
