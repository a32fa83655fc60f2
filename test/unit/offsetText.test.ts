import * as assert from 'assert';
import { MAX_OFFSET, offsetFromText, offsetRangeText } from '../../src/text/offsets';

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

describe('offsetRangeText', () => {
  it('names the stored offsets, last included, and the next one', () => {
    assert.strictEqual(offsetRangeText('0', '306'), 'offsets 0–305 · next 306');
    assert.strictEqual(offsetRangeText('2000', '14000'), 'offsets 2,000–13,999 · next 14,000');
    assert.strictEqual(offsetRangeText('0', '1'), 'offsets 0–0 · next 1');
    assert.strictEqual(offsetRangeText('0', '9223372036854775807'), 'offsets 0–9,223,372,036,854,775,806 · next 9,223,372,036,854,775,807');
  });

  it('says empty when nothing is stored, with the next offset once records were', () => {
    assert.strictEqual(offsetRangeText('0', '0'), 'empty');
    assert.strictEqual(offsetRangeText('306', '306'), 'empty · next 306');
  });
});
