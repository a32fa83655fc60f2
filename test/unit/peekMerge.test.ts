import * as assert from 'assert';
import { mergeRuns } from '../../src/kafka/peek';

/** A partition's run: [offset, timestamp] pairs in offset order. */
const run = (partition: number, records: [number, number][]) => records.map(([offset, timestamp]) => ({ partition, record: { offset: BigInt(offset), timestamp: BigInt(timestamp) } }));
const picked = (records: ReturnType<typeof run>) => records.map((r) => `${r.partition}@${r.record.offset}`);

describe('peek: merging partitions whose timestamps are out of order', () => {
  // Partition 0 from its offsetsForTimes position 10 (time 100): then a record stamped 50, older than the start time.
  // Partition 1 from offset 3 (time 120), then 130.
  const runs = [run(0, [[10, 100], [11, 50], [12, 200]]), run(1, [[3, 120], [4, 130]])];

  it('from a time or an offset: a run from each partition\'s start, merged by the next record\'s time', () => {
    // Sorting everything by time would take 0@11 (time 50) first and drop 0@10, the record at the start.
    assert.deepStrictEqual(picked(mergeRuns(runs, 1)), ['0@10']);
    assert.deepStrictEqual(picked(mergeRuns(runs, 2)), ['0@10', '0@11']);
    assert.deepStrictEqual(picked(mergeRuns(runs, 4)), ['0@10', '0@11', '1@3', '1@4']);
    assert.deepStrictEqual(picked(mergeRuns(runs, 9)), ['0@10', '0@11', '1@3', '1@4', '0@12']);
  });

  it('breaks ties by the lower partition, and stops when every run is spent', () => {
    const tied = [run(1, [[0, 5]]), run(0, [[7, 5]])];
    assert.deepStrictEqual(picked(mergeRuns(tied, 1)), ['0@7']);
    assert.deepStrictEqual(mergeRuns([[], []], 3), []);
  });
});
