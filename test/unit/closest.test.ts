import * as assert from 'assert';
import { closest } from '../../src/validation/closest';

describe('closest word', () => {
  it('finds typos: a dropped letter, a swapped pair, another case', () => {
    assert.strictEqual(closest('relationshps', ['relationships', 'resources']), 'relationships');
    assert.strictEqual(closest('kafak', ['kafka', 'mariadb']), 'kafka');
    assert.strictEqual(closest('Disk', ['disk', 'size']), 'disk');
  });

  it('suggests nothing when no candidate is near enough to be a typo', () => {
    assert.strictEqual(closest('zzzzzzzz', ['type', 'configuration']), undefined);
    assert.strictEqual(closest('db', ['kafka']), undefined);
    assert.strictEqual(closest('x', []), undefined);
  });

  it('prefers the nearest of several', () => {
    assert.strictEqual(closest('redis-persistant', ['redis', 'redis-persistent', 'valkey-persistent']), 'redis-persistent');
  });
});
