import * as assert from 'assert';
import { filterPatterns, nameFilter } from '../../../src/explorer/nameFilter';

const NAMES = ['orders', 'orders.created', 'orders.cancelled', 'payments-v2', '__consumer_offsets', '.hidden', 'Orders.Audit'];

const pass = (filter: string) => NAMES.filter(nameFilter(filter));

describe('explorer: topic and group name filter', () => {
  it('matches globs with * and ?, ignoring case', () => {
    assert.deepStrictEqual(pass('orders.*'), ['orders.created', 'orders.cancelled', 'Orders.Audit']);
    assert.deepStrictEqual(pass('payments-v?'), ['payments-v2']);
    assert.deepStrictEqual(pass('orders'), ['orders']);
  });

  it('lets * match names that start with a dot or underscore', () => {
    assert.deepStrictEqual(pass('_*'), ['__consumer_offsets']);
    assert.deepStrictEqual(pass('.*'), ['.hidden']);
  });

  it('takes several patterns separated by commas or spaces, and ! to leave names out', () => {
    assert.deepStrictEqual(pass('orders.c*, payments-*'), ['orders.created', 'orders.cancelled', 'payments-v2']);
    assert.deepStrictEqual(pass('orders* !*cancelled'), ['orders', 'orders.created', 'Orders.Audit']);
    assert.deepStrictEqual(pass('!_*'), NAMES.filter((n) => n !== '__consumer_offsets'));
  });

  it('lets everything through when empty', () => {
    assert.deepStrictEqual(pass(''), NAMES);
    assert.deepStrictEqual(pass('  , '), NAMES);
    assert.deepStrictEqual(filterPatterns(' a,b  c '), ['a', 'b', 'c']);
  });

  it('matches character classes and braces', () => {
    assert.deepStrictEqual(pass('orders.[cC]*'), ['orders.created', 'orders.cancelled']);
    assert.deepStrictEqual(pass('{orders,payments-v2}'), ['orders', 'payments-v2']);
  });
});
