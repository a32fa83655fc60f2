import * as assert from 'assert';
import { filterPatterns, nameFilter } from '../../../src/explorer/nameFilter';

const NAMES = ['orders', 'orders.created', 'orders.cancelled', 'payments-v2', '__consumer_offsets', '.hidden', 'Orders.Audit'];

const pass = (filter: string) => NAMES.filter(nameFilter(filter));

describe('explorer: topic and group name filter', () => {
  it('matches globs with * and ?, ignoring case', () => {
    assert.deepStrictEqual(pass('orders.*'), ['orders.created', 'orders.cancelled', 'Orders.Audit']);
    assert.deepStrictEqual(pass('payments-v?'), ['payments-v2']);
  });

  it('matches plain text (no * ? [ ] { }) as a part of the name, ignoring case', () => {
    assert.deepStrictEqual(pass('ord'), ['orders', 'orders.created', 'orders.cancelled', 'Orders.Audit']);
    assert.deepStrictEqual(pass('ORDERS'), ['orders', 'orders.created', 'orders.cancelled', 'Orders.Audit']);
    assert.deepStrictEqual(pass('.c'), ['orders.created', 'orders.cancelled']);
    assert.deepStrictEqual(pass('audit'), ['Orders.Audit']);
    assert.deepStrictEqual(pass('consumer_off'), ['__consumer_offsets']);
    assert.deepStrictEqual(pass('nothing'), []);
    // A pattern with a glob character matches the whole name.
    assert.deepStrictEqual(pass('ord*'), ['orders', 'orders.created', 'orders.cancelled', 'Orders.Audit']);
    assert.deepStrictEqual(pass('*ord'), []);
    assert.deepStrictEqual(pass('order?'), ['orders']);
    assert.deepStrictEqual(pass('[o]rders'), ['orders']);
    assert.deepStrictEqual(pass('{orders}'), []);
  });

  it('mixes plain text and globs pattern by pattern, leaving out by either', () => {
    assert.deepStrictEqual(pass('ord !cancel'), ['orders', 'orders.created', 'Orders.Audit']);
    assert.deepStrictEqual(pass('pay, *.audit'), ['payments-v2', 'Orders.Audit']);
    assert.deepStrictEqual(pass('!.'), ['orders', 'payments-v2', '__consumer_offsets']);
    assert.deepStrictEqual(pass('!_*'), NAMES.filter((n) => n !== '__consumer_offsets'));
  });

  it('lets * match names that start with a dot or underscore', () => {
    assert.deepStrictEqual(pass('_*'), ['__consumer_offsets']);
    assert.deepStrictEqual(pass('.*'), ['.hidden']);
  });

  it('takes several patterns separated by commas or spaces, and ! to leave names out', () => {
    assert.deepStrictEqual(pass('orders.c*, payments-*'), ['orders.created', 'orders.cancelled', 'payments-v2']);
    assert.deepStrictEqual(pass('orders* !*cancelled'), ['orders', 'orders.created', 'Orders.Audit']);
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
