import * as assert from 'assert';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { nameMatcher } from '../../src/text/nameGlob';
import { nameFilter } from '../../src/explorer/nameFilter';
import { matchProductionPattern } from '../../src/upsun/productionGuard';

describe('name globs: one dialect for the topic filter and the production guard', () => {
  const cases: [pattern: string, matches: string[], misses: string[]][] = [
    ['prod-[0-9]*', ['prod-1', 'prod-42-eu', 'PROD-7'], ['prod-x', 'preprod-1', 'prod-']],
    ['{prod,live}*', ['prod', 'production', 'live-eu', 'LIVE'], ['staging', 'my-prod']],
    ['*prod*', ['prod', 'kafka-prod', 'feature/prod-fix', 'x/y/prod'], ['pr0d', 'staging']],
    ['kafka?', ['kafka1', 'kafkaX'], ['kafka', 'kafka12']],
    ['*.internal:9092', ['kafka.internal:9092', 'a.b.internal:9092'], ['kafka.internal:9093', 'kafkaXinternal:9092']],
    ['feature/*', ['feature/prod', 'feature/a/b'], ['features/x', 'feature']],
    ['_*', ['__consumer_offsets', '_schemas'], ['schemas']],
  ];
  for (const [pattern, matches, misses] of cases) {
    it(`"${pattern}" matches ${matches.join(', ')} and not ${misses.join(', ')}`, () => {
      const match = nameMatcher(pattern);
      for (const name of matches) assert.strictEqual(match(name), true, name);
      for (const name of misses) assert.strictEqual(match(name), false, name);
      // The same pattern means the same in the explorer's filter and in the guard.
      for (const name of matches) assert.strictEqual(nameFilter(pattern)(name), true, `filter: ${name}`);
      for (const name of misses) assert.strictEqual(nameFilter(pattern)(name), false, `filter: ${name}`);
      for (const name of matches) assert.deepStrictEqual(matchProductionPattern({ service: name, brokers: [] }, [pattern]), { pattern, matched: name });
      for (const name of misses) assert.strictEqual(matchProductionPattern({ service: name, brokers: [] }, [pattern]), undefined, `guard: ${name}`);
    });
  }

  it('negates a class with ! as the shells do (picomatch read [!a] as "! or a")', () => {
    assert.deepStrictEqual(['a', 'b', '!', '7'].map(nameMatcher('[!a]')), [false, true, true, true]);
    assert.deepStrictEqual(['prod-x', 'prod-1'].map(nameMatcher('prod-[!0-9]')), [true, false]);
  });

  it('matches nothing with no pattern or only blank ones', () => {
    assert.strictEqual(nameMatcher([])('prod'), false);
    assert.strictEqual(nameMatcher(['', '  '])('prod'), false);
  });

  it('guards on a broker address written with a class or braces', () => {
    assert.deepStrictEqual(matchProductionPattern({ service: 'kafka', brokers: ['10.0.3.7:9092'] }, ['10.0.[0-9].*:9092']), { pattern: '10.0.[0-9].*:9092', matched: '10.0.3.7:9092' });
    assert.deepStrictEqual(matchProductionPattern({ service: 'kafka', context: ['shop', 'live'], brokers: [] }, ['{main,live}']), { pattern: '{main,live}', matched: 'live' });
  });

  it('means what picomatch means by the same glob (its dialect before this matcher), `/` being a plain character', () => {
    const glob = fc.array(fc.constantFrom('a', 'b', 'B', '.', '-', '/', '*', '?', '[ab]', '[^a]', '[a-c]', '[A-C]', '{a,b}', '{ab,b*,}', '{x,{a,b}c}', '\\*'), { maxLength: 7 }).map((parts) => parts.join(''));
    const name = fc.array(fc.constantFrom('a', 'b', 'c', 'A', 'B', '.', '-', '/', '*'), { minLength: 1, maxLength: 9 }).map((parts) => parts.join(''))
      // picomatch's * skips the path segments "." and "..", which Kafka refuses as topic names.
      .filter((n) => n !== '.' && n !== '..');
    // picomatch stops * and ? at "/"; what was matched before traded "/" for a character nothing else means.
    const plain = (s: string) => s.replace(/\//g, '\uE02F');
    fc.assert(
      fc.property(glob.filter((g) => g.trim().length > 0), name, (g, n) => {
        assert.strictEqual(nameMatcher(g)(n), picomatch(plain(g), { dot: true, nocase: true })(plain(n)), `${g} against ${n}`);
      }),
      { numRuns: 2_000 },
    );
  });

  it('takes time in proportion to name and pattern, where a regular expression backtracks', () => {
    // As picomatch compiled it, this took 80 s against 60 a's, and doubles-and-more with each one.
    assert.strictEqual(nameMatcher(`${'*a'.repeat(12)}*b`)('a'.repeat(249)), false);
    assert.strictEqual(nameMatcher(`${'*a'.repeat(12)}*b`)(`${'a'.repeat(248)}b`), true);
    // Braces that multiply past the bound are text, not a million alternatives.
    const braces = '{a,b}'.repeat(20);
    assert.strictEqual(nameMatcher(braces)('a'.repeat(20)), false);
    assert.strictEqual(nameMatcher(braces)(braces), true);
  });
});
