import * as assert from 'assert';
import { heldOffsets, heldPartitionsText, heldPartitionText, heldText, lagHeld } from '../../src/kafka/openTransaction';

describe('open transactions: what the last stable offset holds back', () => {
  it('counts the offsets from the last stable offset (or a later start) to the high watermark', () => {
    assert.strictEqual(heldOffsets({ high: '5', lastStable: '2' }), 3n);
    assert.strictEqual(heldOffsets({ high: '5', lastStable: '2' }, '2'), 3n);
    assert.strictEqual(heldOffsets({ high: '5', lastStable: '2' }, '0'), 3n);
    assert.strictEqual(heldOffsets({ high: '5', lastStable: '2' }, '4'), 1n);
    assert.strictEqual(heldOffsets({ high: '5', lastStable: '2' }, '5'), 0n);
    assert.strictEqual(heldOffsets({ high: '5', lastStable: '5' }), 0n);
    assert.strictEqual(heldOffsets({ high: '9223372036854775807', lastStable: '9223372036854775000' }), 807n);
  });

  it('sums a lag\'s held part over the partitions with a committed offset', () => {
    assert.strictEqual(lagHeld([
      { committed: '2', high: '5', lastStable: '2' },
      { committed: null, high: '9', lastStable: '1' },
      { committed: '3', high: '4', lastStable: '4' },
      { committed: '7', high: '10', lastStable: '6' },
    ]), 6n);
  });

  it('says it in words, one record or many', () => {
    assert.strictEqual(heldText(3n), '3 held by an open transaction');
    assert.strictEqual(heldText(0n), '');
    assert.strictEqual(heldPartitionText(0, { high: '5', lastStable: '2' }), 'partition 0 is held at offset 2 by an open transaction: 3 records (offsets 2 to 4) wait until it commits or aborts');
    assert.strictEqual(heldPartitionText(3, { high: 1001n, lastStable: 1000n }), 'partition 3 is held at offset 1,000 by an open transaction: 1 record (offset 1,000) waits until it commits or aborts');
    assert.strictEqual(heldPartitionText(1, { high: '4', lastStable: '4' }), '');
    assert.strictEqual(
      heldPartitionsText([{ partition: 0, high: '5', lastStable: '2' }, { partition: 1, high: '3', lastStable: '3' }, { partition: 2, high: '8', lastStable: '6' }]),
      'partition 0 is held at offset 2 by an open transaction: 3 records (offsets 2 to 4) wait until it commits or aborts; partition 2 is held at offset 6 by an open transaction: 2 records (offsets 6 to 7) wait until it commits or aborts',
    );
  });
});
