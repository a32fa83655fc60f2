// What a peek may start on before the cluster's fresh metadata arrives (src/kafka/peekRouting.ts):
// the cached routing is kept only while a fresh answer routes alike. The real-broker checks
// (a topic grown, recreated, deleted after it was cached) are in test/kafka/peekMoving.test.ts.

import * as assert from 'assert';
import { RoutingCache } from '../../src/kafka/peekRouting';
import type { RawTopicMetadata } from '../../src/kafka/kafkajs/types';
import { sameRouting } from '../../src/kafka/metadata';

/** `topic` with partition i led by leaders[i]. */
const topic = (name: string, leaders: number[]): RawTopicMetadata => ({
  topicErrorCode: 0,
  topic: name,
  partitionMetadata: leaders.map((leader, partitionId) => ({ partitionErrorCode: 0, partitionId, leader, replicas: [leader], isr: [leader] })),
});

describe('routing cache', () => {
  it('routes alike only with the same partitions and the same leader for each', () => {
    const cached = topic('t', [1, 2, 3]);
    assert.strictEqual(sameRouting(cached, topic('t', [1, 2, 3])), true);
    // Replicas and in-sync replicas may change; the requests still go to the same brokers.
    assert.strictEqual(sameRouting(cached, { ...topic('t', [1, 2, 3]), partitionMetadata: topic('t', [1, 2, 3]).partitionMetadata.map((p) => ({ ...p, isr: [] })) }), true);
    assert.strictEqual(sameRouting(cached, topic('t', [1, 2, 3, 1])), false, 'a partition added');
    assert.strictEqual(sameRouting(cached, topic('t', [1, 2])), false, 'fewer partitions (recreated)');
    assert.strictEqual(sameRouting(cached, topic('t', [1, 3, 3])), false, 'a leader moved');
    assert.strictEqual(sameRouting(cached, topic('t', [1, 2, -1])), false, 'a partition without a leader');
    assert.strictEqual(sameRouting(cached, topic('u', [1, 2, 3])), false, 'another topic');
    assert.strictEqual(sameRouting(cached, undefined), false, 'the topic is gone');
    const renumbered = { ...cached, partitionMetadata: cached.partitionMetadata.map((p) => ({ ...p, partitionId: p.partitionId + 1 })) };
    assert.strictEqual(sameRouting(cached, renumbered), false, 'other partition numbers');
  });

  it('keeps the 256 topics peeked last, each under its name, and forgets one on request', () => {
    const cache = new RoutingCache();
    for (let i = 0; i < 300; i++) cache.set(topic(`t${i}`, [1]));
    // Setting an entry again makes it the newest.
    cache.set(topic('t50', [2]));
    cache.set(topic('t300', [1]));
    const kept = Array.from({ length: 301 }, (_, i) => `t${i}`).filter((name) => cache.get(name) !== undefined);
    assert.strictEqual(kept.length, 256);
    // t0 to t43 went as t256 to t299 came; t300 pushed out t44, the oldest then, not t50.
    assert.deepStrictEqual(kept.slice(0, 2), ['t45', 't46']);
    assert.ok(kept.includes('t50'));
    assert.deepStrictEqual(cache.get('t50')?.partitionMetadata.map((p) => p.leader), [2]);
    cache.delete('t300');
    assert.strictEqual(cache.get('t300'), undefined);
  });
});
