import * as assert from 'assert';
import fc from 'fast-check';
import { positiveIntegerProblem, topicNameProblem } from '../../../src/kafka/topicName';

describe('explorer: topic input', () => {
  it('accepts names Kafka accepts', () => {
    for (const name of ['orders', 'orders.created', 'a_b-c.9', 'x'.repeat(249)]) assert.strictEqual(topicNameProblem(name), undefined, name);
  });

  it('refuses empty, too long, ".", "..", and other characters, saying why', () => {
    assert.match(topicNameProblem('')!, /Enter a topic name/);
    assert.match(topicNameProblem('x'.repeat(250))!, /at most 249 characters; this one has 250/);
    assert.match(topicNameProblem('..')!, /cannot be named/);
    assert.match(topicNameProblem('orders/created')!, /only letters/);
    assert.match(topicNameProblem('ordres créés')!, /only letters/);
  });

  it('refuses an existing name and one that collides in "." versus "_"', () => {
    assert.match(topicNameProblem('orders', ['orders'])!, /already exists/);
    assert.match(topicNameProblem('orders_created', ['orders.created'])!, /collides with topic "orders.created"/);
  });

  it('agrees with Kafka\'s character rule on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        const legal = /^[a-zA-Z0-9._-]{1,249}$/.test(name) && name !== '.' && name !== '..';
        assert.strictEqual(topicNameProblem(name) === undefined, legal);
      }),
    );
  });

  it('takes partitions and replication factor as whole numbers of at least 1', () => {
    assert.strictEqual(positiveIntegerProblem('3', 'partition count'), undefined);
    for (const bad of ['0', '-1', '1.5', 'two', '']) assert.match(positiveIntegerProblem(bad, 'partition count')!, /whole number of at least 1/);
  });
});
