// The chart pages: theme colours only, no script, names escaped, and the same figures as a
// table for screen readers (the drawing is hidden from them).

import * as assert from 'assert';
import { lagChartPage, lagPoints, skewChartPage } from '../../src/health/charts';
import type { LagSample } from '../../src/health/lagTrend';

const T0 = Date.UTC(2026, 11, 7, 6, 0, 0);
const sample = (seconds: number, high: number, committed: number, topic = 'orders'): LagSample => ({ atMs: T0 + seconds * 1_000, partitions: [{ topic, partition: 0, high: String(high), committed: String(committed) }] });

describe('chart pages', () => {
  it('lag over the samples: per topic, with the rates between samples, as a table too', () => {
    const samples = [sample(0, 100, 0), sample(30, 6_100, 2_400), sample(60, 12_100, 4_800)];
    assert.deepStrictEqual(lagPoints(samples).map((p) => [p.byTopic.get('orders'), p.producedPerSecond, p.consumedPerSecond]), [[100, null, null], [3_700, 200, 80], [7_300, 200, 80]]);
    const html = lagChartPage('<billing>', samples, 'n0nce');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'nonce-n0nce';"/);
    assert.doesNotMatch(html, /<script|#[0-9a-f]{3,6}\b|rgb\(/i, 'no script, no colour of our own');
    assert.match(html, /var\(--vscode-charts-blue\)/);
    assert.match(html, /<h2>Lag of &#60;billing&#62;<\/h2>/);
    assert.match(html, /<svg [^>]*aria-hidden="true"/);
    assert.match(html, /<tr><td>06:00:30<\/td><td>3,700<\/td><td>200 msg\/s<\/td><td>80 msg\/s<\/td><\/tr>/);
  });

  it('says when there are not enough samples to draw', () => {
    assert.match(lagChartPage('g', [sample(0, 1, 0)], 'n'), /Not enough samples yet/);
  });

  it('partition skew: messages, share and bytes per partition', () => {
    const html = skewChartPage('orders', [{ partition: 0, messages: 300, bytes: 1024 }, { partition: 1, messages: 100, bytes: null }], 'n');
    assert.match(html, /<tr><td>0<\/td><td>300<\/td><td>75%<\/td><td>1 KiB<\/td><\/tr><tr><td>1<\/td><td>100<\/td><td>25%<\/td><td>unknown<\/td><\/tr>/);
  });
});
