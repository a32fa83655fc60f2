// "While the view is visible, every N seconds, backing off on errors": the timing of a refresh
// that runs by itself (the explorer's live rows, lag sampling), apart from what it refreshes.
// Pure: the clock is passed in, so tests drive it by hand.

/** The timer functions the schedule uses; Node's and the browser's fit. */
export interface ScheduleClock {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_CLOCK: ScheduleClock = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RefreshScheduleOptions {
  /** Time between the end of one successful run and the start of the next, ms; 0 or less: never. */
  readonly intervalMs: number;
  /** The longest wait after failures, ms: each failure in a row doubles the wait up to here. */
  readonly maxBackoffMs: number;
  readonly clock?: ScheduleClock;
}

/**
 * Runs `run` every `intervalMs` while visible. `run` resolves true when it worked, false (or
 * rejects) when it failed: after n failures in a row the next run waits
 * `min(intervalMs × 2ⁿ, maxBackoffMs)`, and the first success brings it back to `intervalMs`.
 * Runs never overlap (the next wait starts when a run ends). Hidden, nothing runs; shown
 * again, it runs at once, since what the view shows may be stale by then.
 */
export class RefreshSchedule {
  private visible = false;
  private timer: unknown;
  private running = false;
  private failures = 0;
  private disposed = false;
  private intervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly clock: ScheduleClock;

  constructor(
    private readonly run: () => Promise<boolean>,
    options: RefreshScheduleOptions,
  ) {
    this.intervalMs = options.intervalMs;
    this.maxBackoffMs = options.maxBackoffMs;
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  /** The wait before the next run, ms, from the failures in a row so far; undefined when off. */
  get nextDelayMs(): number | undefined {
    if (this.intervalMs <= 0) return undefined;
    // Bounded exponent: 2 ** 1000 is Infinity, which Math.min handles, but keep it readable.
    return Math.min(this.intervalMs * 2 ** Math.min(this.failures, 30), Math.max(this.maxBackoffMs, this.intervalMs));
  }

  /** Failed runs in a row since the last success. */
  get failuresInARow(): number {
    return this.failures;
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    this.cancel();
    if (visible) this.plan(0);
  }

  /** A new interval (from settings) applies from now; 0 or less stops the schedule. */
  setInterval(intervalMs: number): void {
    if (intervalMs === this.intervalMs) return;
    this.intervalMs = intervalMs;
    this.cancel();
    this.plan(this.nextDelayMs);
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private plan(delayMs: number | undefined): void {
    if (!this.visible || this.disposed || this.running || delayMs === undefined || this.intervalMs <= 0) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      // runOnce takes run's failures itself; nothing else in it throws.
      this.runOnce().catch(() => undefined);
    }, delayMs);
  }

  private async runOnce(): Promise<void> {
    this.running = true;
    let ok: boolean;
    try {
      ok = await this.run();
    } catch {
      ok = false;
    }
    this.running = false;
    this.failures = ok ? 0 : this.failures + 1;
    this.plan(this.nextDelayMs);
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
