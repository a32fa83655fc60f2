// The charts of a group's lag over the samples and a topic's messages and bytes per partition
// (skew), as a whole HTML page for a webview: an SVG drawn in VS Code's theme colours (the
// `--vscode-charts-*` variables, so light, dark and high-contrast themes each get their own),
// and the same figures as a table, which is what a screen reader reads (the SVG is hidden from
// it). No script runs in the page. Pure: the editor only shows the string.

import { bytesText } from '../text/bytes';
import { rateText } from './approximate';
import type { LagSample } from './lagTrend';
import { groupDigits } from '../text/count';
import { durationText } from '../text/duration';

/** The theme's chart colours, one per series in turn. */
const COLOURS = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];
/** The most series drawn; the table still lists every one. */
const MAX_SERIES = COLOURS.length;
const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 64, right: 16, top: 16, bottom: 32 };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A lag per topic at each sample time. */
export interface LagPoint {
  readonly atMs: number;
  readonly byTopic: ReadonlyMap<string, number>;
  /** Each topic's lag in time (ms): the age of its first unconsumed record; null when not known. */
  readonly timeByTopic: ReadonlyMap<string, number | null>;
  /** Production and consumption since the previous sample, messages per second (null for the first). */
  readonly producedPerSecond: number | null;
  readonly consumedPerSecond: number | null;
}

/** Per sample, each topic's lag (past-the-end counting 0) and the rates since the sample before. */
export function lagPoints(samples: readonly LagSample[]): LagPoint[] {
  return samples.map((s, i) => {
    const byTopic = new Map<string, number>();
    for (const p of s.partitions) byTopic.set(p.topic, (byTopic.get(p.topic) ?? 0) + Math.max(0, Number(BigInt(p.high) - BigInt(p.committed))));
    const before = samples[i - 1];
    const seconds = before ? (s.atMs - before.atMs) / 1_000 : 0;
    const sum = (x: LagSample, f: 'high' | 'committed') => x.partitions.reduce((t, p) => t + Number(p[f]), 0);
    const timeByTopic = new Map([...byTopic.keys()].map((topic) => [topic, s.timeLagMs?.[topic] ?? null] as const));
    return {
      atMs: s.atMs,
      byTopic,
      timeByTopic,
      producedPerSecond: before && seconds > 0 ? (sum(s, 'high') - sum(before, 'high')) / seconds : null,
      consumedPerSecond: before && seconds > 0 ? (sum(s, 'committed') - sum(before, 'committed')) / seconds : null,
    };
  });
}

function page(title: string, nonce: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}';">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px; }
svg text { fill: var(--vscode-descriptionForeground); font-size: 11px; }
.axis { stroke: var(--vscode-editorWidget-border, var(--vscode-descriptionForeground)); }
table { border-collapse: collapse; margin-top: 12px; }
th, td { border-bottom: 1px solid var(--vscode-editorWidget-border, transparent); padding: 2px 10px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.legend span { margin-right: 16px; }
polyline { fill: none !important; stroke-width: 2; }
${COLOURS.map((c, i) => `.s${i} { stroke: var(${c}); fill: var(${c}); }`).join('\n')}
</style></head><body>${body}</body></html>`;
}

/** A line per series over time; y from 0, its top labelled with `format`. */
function lineSvg(series: readonly { name: string; points: readonly { x: number; y: number }[] }[], label: string, format: (y: number) => string = (y) => groupDigits(Math.round(y))): string {
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const y1 = Math.max(1, ...ys);
  const px = (x: number) => PAD.left + (x1 === x0 ? 0 : ((x - x0) / (x1 - x0)) * (WIDTH - PAD.left - PAD.right));
  const py = (y: number) => HEIGHT - PAD.bottom - (y / y1) * (HEIGHT - PAD.top - PAD.bottom);
  const lines = series.slice(0, MAX_SERIES).map((s, i) => `<polyline class="s${i}" points="${s.points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ')}"/>`);
  const minutes = (x1 - x0) / 60_000;
  return `<svg width="${WIDTH}" height="${HEIGHT}" aria-hidden="true" role="presentation">
<line class="axis" x1="${PAD.left}" y1="${HEIGHT - PAD.bottom}" x2="${WIDTH - PAD.right}" y2="${HEIGHT - PAD.bottom}"/>
<line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${HEIGHT - PAD.bottom}"/>
<text x="4" y="${PAD.top + 4}">${escapeHtml(format(y1))}</text><text x="4" y="${HEIGHT - PAD.bottom}">0</text>
<text x="${PAD.left}" y="${HEIGHT - 8}">${escapeHtml(label)}, over the last ${minutes < 1 ? `${Math.round(minutes * 60)} s` : `${Math.round(minutes)} min`}</text>
${lines.join('\n')}</svg>`;
}

function legend(names: readonly string[]): string {
  return `<p class="legend" aria-hidden="true">${names.slice(0, MAX_SERIES).map((n, i) => `<span><svg width="12" height="12"><rect class="s${i}" width="12" height="12"/></svg> ${escapeHtml(n)}</span>`).join('')}</p>`;
}

/** The page of a group's lag over `samples` (one series, oldest first): chart and table. */
export function lagChartPage(groupId: string, samples: readonly LagSample[], nonce: string): string {
  const points = lagPoints(samples);
  const topics = [...new Set(points.flatMap((p) => [...p.byTopic.keys()]))].sort();
  const title = `Lag of ${groupId}`;
  if (points.length < 2) return page(title, nonce, `<h2>${escapeHtml(title)}</h2><p>Not enough samples yet: the explorer samples the group's lag while it is visible (upsunKafka.health.sampleIntervalSeconds).</p>`);
  const series = topics.map((topic) => ({ name: topic, points: points.map((p) => ({ x: p.atMs, y: p.byTopic.get(topic) ?? 0 })) }));
  // In time, a sample without a figure for a topic (no timestamp on its record) leaves a gap in its line rather than a false 0.
  const inTime = topics.map((topic) => ({ name: topic, points: points.flatMap((p) => (p.timeByTopic.get(topic) ?? null) === null ? [] : [{ x: p.atMs, y: p.timeByTopic.get(topic)! }]) }));
  const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);
  const rate = (r: number | null) => (r === null ? '' : rateText(r));
  const behind = (ms: number | null | undefined) => (ms === null || ms === undefined ? '' : durationText(ms));
  const rows = points.map((p) => `<tr><td>${time(p.atMs)}</td>${topics.map((t) => `<td>${groupDigits(p.byTopic.get(t) ?? 0)}</td><td>${behind(p.timeByTopic.get(t))}</td>`).join('')}<td>${rate(p.producedPerSecond)}</td><td>${rate(p.consumedPerSecond)}</td></tr>`);
  const timeChart = inTime.some((s) => s.points.length > 1)
    ? lineSvg(inTime, 'lag in time per topic (the age of the first record not consumed)', durationText)
    : '<p>No lag in time to draw yet: it needs two samples where the first unconsumed record has a timestamp.</p>';
  return page(title, nonce, `<h2>${escapeHtml(title)}</h2>
${lineSvg(series, 'lag in messages per topic')}
${timeChart}
${legend(topics)}
<table><caption>Lag in messages and in time per topic at each sample (UTC), and production and consumption since the sample before</caption>
<thead><tr><th scope="col">time (UTC)</th>${topics.map((t) => `<th scope="col">${escapeHtml(t)}</th><th scope="col">${escapeHtml(t)} behind</th>`).join('')}<th scope="col">produced</th><th scope="col">consumed</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>`);
}

/** One partition of a topic for the skew chart: messages (high - low watermark) and bytes on disk (null when unknown). */
export interface PartitionShare {
  readonly partition: number;
  readonly messages: number;
  readonly bytes: number | null;
  /** Messages produced per second over the explorer's samples (monitor.ts produceRatesOf); null when not known yet. */
  readonly producedPerSecond?: number | null;
}

/**
 * The page of a topic's messages and bytes per partition: bars and table, with each
 * partition's produce rate over the last `rateSpanMs` (ms) when the explorer has sampled it.
 */
export function skewChartPage(topic: string, partitions: readonly PartitionShare[], nonce: string, rateSpanMs?: number): string {
  const title = `Partitions of ${topic}`;
  const max = Math.max(1, ...partitions.map((p) => p.messages));
  const total = partitions.reduce((s, p) => s + p.messages, 0);
  const barHeight = 18;
  const height = PAD.top + partitions.length * (barHeight + 6);
  const bars = partitions.map((p, i) => {
    const y = PAD.top + i * (barHeight + 6);
    const w = (p.messages / max) * (WIDTH - PAD.left - PAD.right);
    return `<text x="4" y="${y + 13}">P${p.partition}</text><rect class="s0" x="${PAD.left}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}"/>`;
  });
  const share = (n: number) => (total > 0 ? `${Math.round((n / total) * 100)}%` : '');
  const rated = rateSpanMs !== undefined && partitions.some((p) => p.producedPerSecond !== undefined && p.producedPerSecond !== null);
  const produced = (p: PartitionShare) => (p.producedPerSecond === undefined || p.producedPerSecond === null ? '' : rateText(p.producedPerSecond));
  const producedTotal = partitions.reduce((sum, p) => sum + (p.producedPerSecond ?? 0), 0);
  const over = rateSpanMs === undefined ? '' : durationText(rateSpanMs);
  const rateLine = rated
    ? `<p>Produced: ${rateText(producedTotal)} over the last ${over}, from the explorer's listings of the topic.</p>`
    : '<p>Produce rate: not known yet; it needs two listings of the topic at least a second apart (the explorer lists topics while it is visible).</p>';
  const rows = partitions.map((p) => `<tr><td>${p.partition}</td><td>${groupDigits(p.messages)}</td><td>${share(p.messages)}</td><td>${p.bytes === null ? 'unknown' : bytesText(p.bytes)}</td><td>${produced(p)}</td></tr>`);
  return page(title, nonce, `<h2>${escapeHtml(title)}</h2>
<svg width="${WIDTH}" height="${height}" aria-hidden="true" role="presentation">${bars.join('')}</svg>
${rateLine}
<table><caption>Messages (high minus low watermark), bytes on disk and messages produced per second${rated ? ` over the last ${over}` : ''}, per partition</caption>
<thead><tr><th scope="col">partition</th><th scope="col">messages</th><th scope="col">share</th><th scope="col">on disk</th><th scope="col">produced</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>`);
}
