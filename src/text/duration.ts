// Lag in time in the words an on-call person reads: "5 min behind", "2 h 10 min behind".

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration in ms, rounded down to its two largest units: `0 s`, `45 s`, `5 min`,
 * `5 min 12 s` (under an hour, seconds only below 10 min), `2 h 10 min`, `3 days 4 h`.
 */
export function durationText(ms: number): string {
  const total = Math.max(0, Math.floor(ms));
  if (total < MINUTE) return `${Math.floor(total / SECOND)} s`;
  if (total < HOUR) {
    const minutes = Math.floor(total / MINUTE);
    const seconds = Math.floor((total % MINUTE) / SECOND);
    return minutes < 10 && seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
  }
  if (total < DAY) {
    const hours = Math.floor(total / HOUR);
    const minutes = Math.floor((total % HOUR) / MINUTE);
    return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  const dayText = `${days.toLocaleString('en-US')} ${days === 1 ? 'day' : 'days'}`;
  return hours > 0 ? `${dayText} ${hours} h` : dayText;
}

/** `5 min behind`; empty for null (no lag, or no timestamp to tell). */
export function behindText(timeLagMs: number | null): string {
  return timeLagMs === null ? '' : `${durationText(timeLagMs)} behind`;
}
