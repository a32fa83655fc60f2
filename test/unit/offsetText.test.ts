import * as assert from 'assert';
import { MAX_OFFSET, offsetFromText } from '../../src/live/offsetText';

describe('offsetFromText', () => {
  it('reads whole numbers from 0 to 2^63 - 1 as canonical digits, without losing any', () => {
    assert.strictEqual(offsetFromText('0'), '0');
    assert.strictEqual(offsetFromText(' 007 '), '7');
    assert.strictEqual(offsetFromText('9007199254740993'), '9007199254740993');
    assert.strictEqual(offsetFromText(MAX_OFFSET.toString()), '9223372036854775807');
  });

  it('refuses what Kafka cannot hold or is not a whole number', () => {
    for (const text of ['', '-1', '1.5', '1e3', '9223372036854775808', '99999999999999999999999', 'ten', '+5']) {
      assert.strictEqual(offsetFromText(text), undefined, text);
    }
  });
});
