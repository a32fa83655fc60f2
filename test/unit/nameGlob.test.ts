import * as assert from 'assert';
import { nameMatcher } from '../../src/live/nameGlob';
import { nameFilter } from '../../src/explorer/nameFilter';
import { matchProductionPattern } from '../../src/live/productionGuard';

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

  it('matches nothing with no pattern or only blank ones', () => {
    assert.strictEqual(nameMatcher([])('prod'), false);
    assert.strictEqual(nameMatcher(['', '  '])('prod'), false);
  });

  it('guards on a broker address written with a class or braces', () => {
    assert.deepStrictEqual(matchProductionPattern({ service: 'kafka', brokers: ['10.0.3.7:9092'] }, ['10.0.[0-9].*:9092']), { pattern: '10.0.[0-9].*:9092', matched: '10.0.3.7:9092' });
    assert.deepStrictEqual(matchProductionPattern({ service: 'kafka', context: ['shop', 'live'], brokers: [] }, ['{main,live}']), { pattern: '{main,live}', matched: 'live' });
  });
});
