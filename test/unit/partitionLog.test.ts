// Peek's, search's and lag in time's windowing against a partition log in memory
// (test/harness/memoryLog.ts): compaction gaps, aborted transactions and their markers, an open
// transaction holding the last stable offset, a low watermark that moves during the read,
// empty partitions, and a start time. The broker suites (test/kafka/peekMoving, readCommitted,
// readVolume, search) check the same against Kafka itself.

import * as assert from 'assert';
import { readHeld } from '../../src/kafka/lagTime';
import { peek } from '../../src/kafka/peek';
import { emptyPeekStats } from '../../src/kafka/peekStats';
import { searchTopic } from '../../src/kafka/search';
import type { PeekedMessage } from '../../src/kafka/types';
import { MemoryLog } from '../harness/memoryLog';

const offsets = (messages: readonly PeekedMessage[]) => messages.map((m) => `${m.partition}@${m.offset}`);
const values = (messages: readonly PeekedMessage[]) => messages.map((m) => m.value?.text);
const range = (n: number, name = 'v') => Array.from({ length: n }, (_, i) => `${name}${i}`);

describe('peek and search over a partition log', () => {
  it('steps back over a compaction gap in few fetches, doubling the window after an empty one', async () => {
    const log = new MemoryLog('t', 1);
    log.append(0, range(1000));
    // The cleaner kept every 100th offset and the last three.
    log.compact(0, (offset) => offset % 100n === 0n || offset >= 997n);
    const stats = emptyPeekStats();
    const shown = await peek(log, { topic: 't', limit: 5 }, undefined, stats);
    assert.deepStrictEqual(offsets(shown), ['0@999', '0@998', '0@997', '0@900', '0@800']);
    // A window per fetch: 5 offsets (3 messages), then as many as are still needed (2), doubling
    // after each empty one until 900 is found in [869, 933); then 1 needed, doubling again to 800.
    assert.deepStrictEqual(log.fetches.map((f) => f.fetchOffset), [995n, 993n, 989n, 981n, 965n, 933n, 869n, 868n, 866n, 862n, 854n, 838n, 806n, 742n]);
    assert.strictEqual(stats.fetches, 14);
  });

  it('hides aborted transactions and their markers, backwards and forwards', async () => {
    const log = new MemoryLog('t', 1);
    log.append(0, range(10, 'c')); // 0-9
    log.transaction(0, 7n, range(5, 'aborted'), 'abort'); // 10-14, marker 15
    log.transaction(0, 8n, ['t0', 't1'], 'commit'); // 16-17, marker 18
    log.append(0, ['late']); // 19
    assert.deepStrictEqual(values(await peek(log, { topic: 't', limit: 4 })), ['late', 't1', 't0', 'c9']);
    assert.deepStrictEqual(values(await peek(log, { topic: 't', limit: 3, partition: 0, fromOffset: '9' })), ['t1', 't0', 'c9']);
    assert.deepStrictEqual(values(await peek(log, { topic: 't', limit: 2, before: { 0: '16' } })), ['c9', 'c8']);
  });

  it('stops at the last stable offset while a transaction is open, and says what it holds back', async () => {
    const log = new MemoryLog('t', 1);
    log.append(0, range(5)); // 0-4
    log.transaction(0, 9n, ['open0', 'open1'], 'open'); // 5-6
    log.append(0, ['after']); // 7: past the last stable offset
    const stats = emptyPeekStats();
    assert.deepStrictEqual(values(await peek(log, { topic: 't', limit: 10 }, undefined, stats)), ['v4', 'v3', 'v2', 'v1', 'v0']);
    assert.deepStrictEqual(stats.ends.get(0), { high: '8', lastStable: '5' });
    // A group standing at the last stable offset waits for the open transaction's first record.
    assert.deepStrictEqual(await readHeld(log, { topic: 't', partition: 0, committed: '5', lastStable: '5' }), { offset: '5', timestampMs: Number(log.now + 5n) });
    log.end(0, 9n, 'commit');
    assert.deepStrictEqual(values(await peek(log, { topic: 't', limit: 3 })), ['after', 'open1', 'open0']);
  });

  it('follows a low watermark that retention moves while it reads', async () => {
    const log = new MemoryLog('t', 1);
    log.append(0, range(100));
    log.beforeFetch = (request) => request === 0 && log.deleteBefore(0, 95n);
    assert.deepStrictEqual(values(await peek(log, { topic: 't', limit: 10 })), ['v99', 'v98', 'v97', 'v96', 'v95']);

    const forward = new MemoryLog('t', 1);
    forward.append(0, range(100));
    forward.beforeFetch = (request) => request === 0 && forward.deleteBefore(0, 50n);
    assert.deepStrictEqual(values(await peek(forward, { topic: 't', limit: 2, partition: 0, fromOffset: '0' })), ['v51', 'v50']);
  });

  it('asks nothing of empty partitions, and reads the others', async () => {
    const log = new MemoryLog('t', 3);
    assert.deepStrictEqual(await peek(log, { topic: 't', limit: 5 }), []);
    assert.strictEqual(log.requests, 0);
    log.append(1, ['only']);
    assert.deepStrictEqual(offsets(await peek(log, { topic: 't', limit: 5 })), ['1@0']);
    assert.deepStrictEqual(log.fetches.map((f) => f.partition), [1]);
  });

  it('starts at the first message at or after a time', async () => {
    const log = new MemoryLog('t', 2);
    log.append(0, range(10), { timestamps: range(10).map((_, i) => 1_000 + 10 * i) });
    log.append(1, ['p1'], { timestamps: [2_000] });
    assert.deepStrictEqual(offsets(await peek(log, { topic: 't', limit: 3, fromTimestamp: 1_055 })), ['0@8', '0@7', '0@6']);
    // Partition 0's last message is at 1,090: from 1,095 only partition 1 has one.
    assert.deepStrictEqual(offsets(await peek(log, { topic: 't', limit: 2, fromTimestamp: 1_095 })), ['1@0']);
  });

  it('searches past compaction gaps and aborted transactions, and on from a low watermark that moved', async () => {
    const log = new MemoryLog('t', 2);
    log.append(0, range(50, 'needle'));
    log.compact(0, (offset) => offset % 10n === 3n);
    log.transaction(1, 4n, ['needle-aborted'], 'abort');
    log.append(1, ['hay', 'needle-kept']);
    log.beforeFetch = (request) => request === 0 && log.deleteBefore(0, 20n);
    const result = await searchTopic(log, { topic: 't', pattern: 'needle' });
    assert.deepStrictEqual(values(result.messages).sort(), ['needle-kept', 'needle23', 'needle33', 'needle43']);
    assert.strictEqual(result.stopped, 'end');
  });
});
