// The histogram of message counts over time for the loaded messages. Dragging across bars
// selects a span, and so do the keys: ←/→ move, Shift+←/→ widen, Home/End, Escape clears.
// The selection narrows the table to the messages in that span.

import { bucketSpan, histogram, timeTicks, type Histogram, type TimeSpan } from './histogram';
import { durationLabel } from '../../text/duration';
import { formatTimestamp } from '../../text/timeFormat';
import type { TimeZoneChoice } from '../../messageView/protocol';
import { plural } from '../../text/count';
import { el } from './dom';

const SVG = 'http://www.w3.org/2000/svg';
const MAX_BUCKETS = 60;
/** Height of the tallest bar in the viewBox's units. */
const HEIGHT = 100;
/** Room per axis label, px: a date and a time with milliseconds fit. */
const TICK_SPACING_PX = 170;

export class HistogramView {
  private data: Histogram | undefined;
  private span: TimeSpan | undefined;
  /** Bucket where a drag or a Shift+arrow selection started, and the one it reaches now. */
  private anchor = 0;
  private cursor = 0;
  private zone: TimeZoneChoice = 'utc';
  private readonly svg: SVGSVGElement;
  private readonly caption: HTMLElement;
  private readonly clear: HTMLButtonElement;
  /** Time labels under the bars, at round times. */
  private readonly axis: HTMLElement;

  constructor(private readonly root: HTMLElement, private readonly onSelect: (span: TimeSpan | undefined) => void) {
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('preserveAspectRatio', 'none');
    this.svg.setAttribute('tabindex', '0');
    this.svg.setAttribute('role', 'img');
    this.caption = el('span', 'caption');
    this.caption.id = 'histogramCaption';
    this.caption.setAttribute('aria-live', 'polite');
    this.clear = el('button', 'link', 'Show all');
    this.clear.id = 'histogramClear';
    this.clear.hidden = true;
    const line = el('div', 'histogram-caption');
    line.append(this.caption, this.clear);
    this.axis = el('div', 'histogram-axis');
    this.axis.setAttribute('aria-hidden', 'true');
    root.append(this.svg, this.axis, line);
    this.svg.setAttribute('aria-describedby', this.caption.id);
    this.clear.addEventListener('click', () => this.select(undefined));
    this.svg.addEventListener('pointerdown', (event) => this.pointerDown(event));
    this.svg.addEventListener('keydown', (event) => this.keydown(event));
    // The axis holds as many labels as its width allows: a resized view draws them again.
    new ResizeObserver(() => this.data && this.drawAxis(this.data)).observe(this.svg);
  }

  /**
   * Counts `times` (ms; undefined for a message without a date); keeps a selected span. Hidden
   * while the messages fit in one bar: a single bar tells nothing about time.
   */
  update(times: readonly (number | undefined)[], zone: TimeZoneChoice): void {
    this.zone = zone;
    const data = histogram(times, MAX_BUCKETS);
    this.data = data && data.counts.length > 1 ? data : undefined;
    this.root.hidden = !this.data;
    if (!this.data && this.span) this.select(undefined);
    this.draw();
  }

  private draw(): void {
    const data = this.data;
    if (!data) return;
    const max = Math.max(...data.counts);
    this.svg.setAttribute('viewBox', `0 0 ${data.counts.length} ${HEIGHT}`);
    this.svg.setAttribute('aria-label', `Messages over time: ${data.counts.length} bars of ${durationLabel(data.bucketMs)}, at most ${max} in one. Drag or use arrow keys with Shift to select a span.`);
    const bars = data.counts.map((count, i) => {
      const span = bucketSpan(data, i, i);
      const bar = document.createElementNS(SVG, 'rect');
      const height = count === 0 ? 0 : Math.max(2, (count / max) * HEIGHT);
      bar.setAttribute('x', String(i + 0.1));
      bar.setAttribute('width', '0.8');
      bar.setAttribute('y', String(HEIGHT - height));
      bar.setAttribute('height', String(height));
      bar.setAttribute('class', this.span && span.fromMs < this.span.toMs && span.toMs > this.span.fromMs ? 'bar selected' : 'bar');
      bar.dataset.count = String(count);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${this.time(span.fromMs)} – ${this.time(span.toMs)}: ${count}`;
      bar.appendChild(title);
      return bar;
    });
    // A full-height backdrop per bucket, so a drag or click lands on empty buckets too.
    const hit = document.createElementNS(SVG, 'rect');
    hit.setAttribute('class', 'backdrop');
    hit.setAttribute('width', String(data.counts.length));
    hit.setAttribute('height', String(HEIGHT));
    this.svg.replaceChildren(hit, ...bars);
    this.svg.classList.toggle('has-selection', !!this.span);
    this.drawAxis(data);
    const total = data.counts.reduce((a, b) => a + b, 0);
    const range = `${this.time(data.startMs)} – ${this.time(data.startMs + data.counts.length * data.bucketMs)}`;
    const undated = data.undated > 0 ? ` · ${data.undated} without a timestamp` : '';
    this.caption.textContent = this.span
      ? `Showing ${this.time(this.span.fromMs)} – ${this.time(this.span.toMs)} of ${range}${undated}`
      : `${plural(total, 'message')}, ${range}, ${durationLabel(data.bucketMs)} per bar${undated}`;
    this.clear.hidden = !this.span;
  }

  /** Round time labels (histogram.ts `timeTicks`), as many as the bars' width holds without crowding. */
  private drawAxis(data: Histogram): void {
    const endMs = data.startMs + data.counts.length * data.bucketMs;
    const width = this.svg.getBoundingClientRect().width;
    const ticks = timeTicks(data.startMs, endMs, Math.max(2, Math.floor(width / TICK_SPACING_PX)), this.zone).map(({ ms, label }) => {
      const at = (ms - data.startMs) / (endMs - data.startMs);
      // A label that would cross an edge centred over its mark stands inside it (about 7 px a character).
      const half = (label.length * 3.5) / Math.max(1, width);
      const tick = el('span', at < half ? 'tick start' : at > 1 - half ? 'tick end' : 'tick', label);
      tick.style.left = `${at * 100}%`;
      return tick;
    });
    this.axis.replaceChildren(...ticks);
  }

  private time(ms: number): string {
    return formatTimestamp(ms, this.zone) ?? String(ms);
  }

  private select(span: TimeSpan | undefined): void {
    this.span = span;
    this.draw();
    this.onSelect(span);
  }

  private selectBuckets(): void {
    if (this.data) this.select(bucketSpan(this.data, this.anchor, this.cursor));
  }

  private bucketAt(clientX: number): number {
    const box = this.svg.getBoundingClientRect();
    const n = this.data?.counts.length ?? 1;
    return Math.min(n - 1, Math.max(0, Math.floor(((clientX - box.left) / box.width) * n)));
  }

  private pointerDown(event: PointerEvent): void {
    if (!this.data || event.button !== 0) return;
    this.svg.setPointerCapture(event.pointerId);
    this.anchor = this.cursor = this.bucketAt(event.clientX);
    const move = (e: PointerEvent) => {
      this.cursor = this.bucketAt(e.clientX);
      this.span = this.data && bucketSpan(this.data, this.anchor, this.cursor);
      this.draw();
    };
    const up = (e: PointerEvent) => {
      move(e);
      this.svg.removeEventListener('pointermove', move);
      this.svg.removeEventListener('pointerup', up);
      this.selectBuckets();
    };
    this.svg.addEventListener('pointermove', move);
    this.svg.addEventListener('pointerup', up);
  }

  private keydown(event: KeyboardEvent): void {
    const n = this.data?.counts.length;
    if (!n) return;
    const step = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
    if (step !== 0) {
      // The first arrow selects the first or last bar; later ones move or, with Shift, widen.
      this.cursor = this.span ? Math.min(n - 1, Math.max(0, this.cursor + step)) : step > 0 ? 0 : n - 1;
      if (!event.shiftKey || !this.span) this.anchor = this.cursor;
      this.selectBuckets();
    } else if (event.key === 'Home' || event.key === 'End') {
      this.cursor = event.key === 'Home' ? 0 : n - 1;
      if (!event.shiftKey) this.anchor = this.cursor;
      this.selectBuckets();
    } else if (event.key === 'Escape') {
      this.select(undefined);
    } else {
      return;
    }
    event.preventDefault();
  }
}
