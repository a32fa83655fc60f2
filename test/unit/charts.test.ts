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
    assert.match(html, /<tr><td>06:00:30<\/td><td>3,700<\/td><td><\/td><td>200 msg\/s<\/td><td>80 msg\/s<\/td><\/tr>/);
    assert.match(html, /No lag in time to draw yet/);
  });

  it('lag in time over the samples: a line per topic, a gap where a sample had none, and the table\'s "behind" column', () => {
    const timed = (seconds: number, high: number, committed: number, timeLagMs: number | null): LagSample => ({ ...sample(seconds, high, committed), timeLagMs: { orders: timeLagMs } });
    const samples = [timed(0, 100, 0, 90_000), timed(30, 6_100, 2_400, null), timed(60, 12_100, 4_800, 150_000)];
    assert.deepStrictEqual(lagPoints(samples).map((p) => p.timeByTopic.get('orders')), [90_000, null, 150_000]);
    const html = lagChartPage('billing', samples, 'n');
    assert.strictEqual(html.match(/<svg width="640" height="240"/g)?.length, 2);
    assert.match(html, />2 min 30 s<\/text>/);
    assert.match(html, /lag in time per topic \(the age of the first record not consumed\), over the last 1 min/);
    // Two points only: the sample without a figure is left out of the line, not drawn as 0.
    const lines = [...html.matchAll(/<polyline class="s0" points="([^"]*)"/g)].map((m) => m[1].split(' ').length);
    assert.deepStrictEqual(lines, [3, 2]);
    assert.match(html, /<th scope="col">orders behind<\/th>/);
    assert.match(html, /<tr><td>06:00:00<\/td><td>100<\/td><td>1 min 30 s<\/td><td><\/td><td><\/td><\/tr>/);
    assert.match(html, /<tr><td>06:00:30<\/td><td>3,700<\/td><td><\/td><td>200 msg\/s<\/td><td>80 msg\/s<\/td><\/tr>/);
  });

  it('says when there are not enough samples to draw', () => {
    assert.match(lagChartPage('g', [sample(0, 1, 0)], 'n'), /Not enough samples yet/);
  });

  it('partition skew: messages, share and bytes per partition', () => {
    const html = skewChartPage('orders', [{ partition: 0, messages: 300, bytes: 1024 }, { partition: 1, messages: 100, bytes: null }], 'n');
    assert.match(html, /<tr><td>0<\/td><td>300<\/td><td>75%<\/td><td>1 KiB<\/td><td><\/td><\/tr><tr><td>1<\/td><td>100<\/td><td>25%<\/td><td>unknown<\/td><td><\/td><\/tr>/);
    assert.match(html, /<p>Produce rate: not known yet; it needs two listings of the topic at least a second apart/);
  });

  it('partition skew with each partition\'s produce rate and the topic\'s, over the samples\' span', () => {
    const html = skewChartPage('orders', [{ partition: 0, messages: 300, bytes: 1024, producedPerSecond: 150 }, { partition: 1, messages: 100, bytes: null, producedPerSecond: 50 }], 'n', 90_000);
    assert.match(html, /<p>Produced: 200 msg\/s over the last 1 min 30 s, from the explorer's listings of the topic\.<\/p>/);
    assert.match(html, /<tr><td>0<\/td><td>300<\/td><td>75%<\/td><td>1 KiB<\/td><td>150 msg\/s<\/td><\/tr><tr><td>1<\/td><td>100<\/td><td>25%<\/td><td>unknown<\/td><td>50 msg\/s<\/td><\/tr>/);
  });
});
