import * as assert from 'assert';
import fc from 'fast-check';
import { buildProjectModel } from '../../../src/config/buildModel';
import { completionsAt } from '../../../src/language/completions';
import { cursorContext } from '../../../src/language/cursorContext';
import { definitionAt, referencesAt } from '../../../src/language/definitions';
import { hoverAt } from '../../../src/language/hovers';
import { CONFIG } from './cursor';

const SAMPLE = `services:
  stream:
    type: kafka:4.1
  db:
    type: mariadb:11.8
    configuration:
      endpoints:
        admin: {}
applications:
  shop:
    type: 'php:8.4'
    relationships:
      stream:
      orders: { service: stream, endpoint: kafka }
      old: "db:admin"
`;

/** Edits a sample: `typed` inserted at `at`, then everything after `cut` dropped. */
function edited(at: number, cut: number, typed: string): string {
  return (SAMPLE.slice(0, at) + typed + SAMPLE.slice(at)).slice(0, Math.max(cut, at + typed.length));
}

/** Pieces people type, half-finished, so the text passes through every broken state. */
const TYPED = [':', ' ', '\n', '  ', '- ', '{', '}', '"', "'", ',', '#', 'kafka:', 'type: ', '&a ', '*a', '!include ', '[', 'service: ', '\t'];

describe('language: never throws on text being typed', () => {
  it('answers completion, hover and navigation at any offset of any edit of a real config', () => {
    fc.assert(
      fc.property(fc.nat(SAMPLE.length), fc.nat(SAMPLE.length), fc.constantFrom(...TYPED), fc.nat(SAMPLE.length), (at, cut, typed, cursor) => {
        const text = edited(at, cut, typed);
        const project = buildProjectModel('/p', [{ path: CONFIG, kind: 'upsun', text }]);
        const offset = Math.min(cursor, text.length);
        const completions = completionsAt(project, CONFIG, offset);
        hoverAt(project, CONFIG, offset);
        definitionAt(project, CONFIG, offset);
        referencesAt(project, CONFIG, offset, true);
        for (const c of completions) {
          assert.ok(c.replace.start <= offset && offset <= c.replace.end, `replace range around the cursor for ${c.label}`);
          assert.ok(!text.slice(c.replace.start, c.replace.end).includes('\n'), 'replace range on one line');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads the same context from the entry around the cursor as from the whole file', () => {
    const comparable = (c: ReturnType<typeof cursorContext>) =>
      c && { path: c.path, position: c.position, replace: c.replace, prefix: c.prefix, indent: c.indent, siblings: [...c.siblings], slot: c.slot };
    fc.assert(
      fc.property(fc.nat(SAMPLE.length), fc.nat(SAMPLE.length), fc.constantFrom(...TYPED), fc.nat(SAMPLE.length), (at, cut, typed, cursor) => {
        const text = edited(at, cut, typed);
        const project = buildProjectModel('/p', [{ path: CONFIG, kind: 'upsun', text }]);
        const offset = Math.min(cursor, text.length);
        assert.deepStrictEqual(comparable(cursorContext(project, CONFIG, offset)), comparable(cursorContext(project, CONFIG, offset, true)));
      }),
      { numRuns: 500 },
    );
  });
});
