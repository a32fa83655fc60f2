import * as assert from 'assert';
import { RefreshSchedule, ScheduleClock } from '../../src/text/refreshSchedule';

/** A clock moved by hand: `advance` runs the timers that fall due, in order. */
class FakeClock implements ScheduleClock {
  now = 0;
  private next = 1;
  private readonly timers = new Map<number, { at: number; run: () => void }>();

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.now);
  }

  /** Moves time on by `ms`, running each timer due and letting the promises it starts settle. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].run();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    this.now = end;
  }
}

/** A schedule whose runs answer from `answers` in turn (true: worked), recording when each ran. */
function schedule(answers: (boolean | Error)[], intervalMs = 10_000, maxBackoffMs = 60_000) {
  const clock = new FakeClock();
  const runs: number[] = [];
  const refresh = new RefreshSchedule(
    async () => {
      runs.push(clock.now);
      const answer = answers.shift() ?? true;
      if (answer instanceof Error) throw answer;
      return answer;
    },
    { intervalMs, maxBackoffMs, clock },
  );
  return { clock, runs, refresh };
}

describe('refresh schedule: every N seconds while visible, backing off on errors', () => {
  it('runs nothing until visible, at once when shown, then every interval', async () => {
    const { clock, runs, refresh } = schedule([]);
    await clock.advance(100_000);
    assert.deepStrictEqual(runs, []);
    refresh.setVisible(true);
    await clock.advance(35_000);
    assert.deepStrictEqual(runs, [100_000, 110_000, 120_000, 130_000]);
  });

  it('pauses while hidden and runs at once when shown again', async () => {
    const { clock, runs, refresh } = schedule([]);
    refresh.setVisible(true);
    await clock.advance(15_000);
    refresh.setVisible(false);
    assert.deepStrictEqual(clock.pending, []);
    await clock.advance(60_000);
    assert.deepStrictEqual(runs, [0, 10_000]);
    refresh.setVisible(true);
    await clock.advance(0);
    assert.deepStrictEqual(runs, [0, 10_000, 75_000]);
    assert.deepStrictEqual(clock.pending, [10_000]);
  });

  it('takes a new interval from now, and 0 stops it', async () => {
    const { clock, runs, refresh } = schedule([]);
    refresh.setVisible(true);
    await clock.advance(1_000);
    refresh.setInterval(3_000);
    await clock.advance(7_000);
    assert.deepStrictEqual(runs, [0, 4_000, 7_000]);
    refresh.setInterval(0);
    assert.strictEqual(refresh.nextDelayMs, undefined);
    await clock.advance(100_000);
    assert.deepStrictEqual(runs, [0, 4_000, 7_000]);
    refresh.setInterval(5_000);
    await clock.advance(5_000);
    assert.deepStrictEqual(runs, [0, 4_000, 7_000, 113_000]);
  });

  it('doubles the wait after each failure in a row, up to the cap, and a throw counts as one', async () => {
    const { clock, runs, refresh } = schedule([false, new Error('refused'), false, false, false, false]);
    refresh.setVisible(true);
    await clock.advance(0);
    assert.deepStrictEqual([refresh.failuresInARow, refresh.nextDelayMs], [1, 20_000]);
    await clock.advance(300_000);
    // Waits 20, 40, then 60 (the cap) three times; the sixth failure's wait is capped too.
    const gaps = runs.slice(1).map((t, i) => t - runs[i]);
    assert.deepStrictEqual(gaps.slice(0, 6), [20_000, 40_000, 60_000, 60_000, 60_000, 60_000]);
  });

  it('goes back to the interval after the first success', async () => {
    const { clock, runs, refresh } = schedule([false, false, true, false]);
    refresh.setVisible(true);
    await clock.advance(0);
    await clock.advance(60_000);
    assert.deepStrictEqual(runs, [0, 20_000, 60_000]);
    assert.deepStrictEqual([refresh.failuresInARow, refresh.nextDelayMs], [0, 10_000]);
    await clock.advance(10_000);
    assert.deepStrictEqual([refresh.failuresInARow, refresh.nextDelayMs], [1, 20_000]);
  });

  it('never overlaps runs: the next wait starts when a slow run ends', async () => {
    const clock = new FakeClock();
    let finish: ((ok: boolean) => void) | undefined;
    let runs = 0;
    const refresh = new RefreshSchedule(() => new Promise<boolean>((resolve) => ((finish = resolve), runs++)), { intervalMs: 1_000, maxBackoffMs: 8_000, clock });
    refresh.setVisible(true);
    await clock.advance(0);
    refresh.setVisible(false);
    refresh.setVisible(true);
    await clock.advance(5_000);
    assert.strictEqual(runs, 1);
    assert.deepStrictEqual(clock.pending, []);
    finish!(true);
    for (let i = 0; i < 10; i++) await Promise.resolve();
    assert.deepStrictEqual(clock.pending, [1_000]);
    refresh.dispose();
    assert.deepStrictEqual(clock.pending, []);
  });
});
