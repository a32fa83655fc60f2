// Durations in every vocabulary the tools speak, from one table of units: lag in time ("5 min
// behind"), a topic setting in words ("7 days"), what a person types for one ("7d", "1h 30m"),
// and a round width ("15 s" per bar of the message view's histogram).

import { groupDigits } from './count';

/** Lengths of the units, in ms. */
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

interface DurationUnit {
  /** Its length in ms. */
  readonly ms: number;
  /** After a number in short text: `5 min`, `2 h`. */
  readonly symbol: string;
  /** In words: `1 day`, `7 days`. */
  readonly one: string;
  readonly many: string;
  /** What a person types after a number: `7d`, `30m`. */
  readonly typed: string;
}

/** Largest first. A week or a month has no fixed length in Kafka's settings (all in ms), so days are the largest. */
const UNITS: readonly DurationUnit[] = [
  { ms: DAY, symbol: 'd', one: 'day', many: 'days', typed: 'd' },
  { ms: HOUR, symbol: 'h', one: 'hour', many: 'hours', typed: 'h' },
  { ms: MINUTE, symbol: 'min', one: 'minute', many: 'minutes', typed: 'm' },
  { ms: SECOND, symbol: 's', one: 'second', many: 'seconds', typed: 's' },
  { ms: 1, symbol: 'ms', one: 'ms', many: 'ms', typed: 'ms' },
];
const [DAYS, HOURS, MINUTES, SECONDS] = UNITS;

const inWords = (count: number | bigint, unit: DurationUnit) => `${groupDigits(count)} ${count === 1 || count === 1n ? unit.one : unit.many}`;
const inSymbols = (count: number, unit: DurationUnit) => `${count} ${unit.symbol}`;

/**
 * A duration in ms, rounded down to its two largest units: `0 s`, `45 s`, `5 min`,
 * `5 min 12 s` (under an hour, seconds only below 10 min), `2 h 10 min`, `3 days 4 h` (a day
 * in words: `3 d` reads as a typo in a sentence). Negative is `0 s`.
 */
export function durationText(ms: number): string {
  const total = Math.max(0, Math.floor(ms));
  const count = (unit: DurationUnit, within = Infinity) => Math.floor((total % within) / unit.ms);
  if (total < MINUTE) return inSymbols(count(SECONDS), SECONDS);
  if (total < HOUR) {
    const minutes = count(MINUTES);
    const seconds = count(SECONDS, MINUTE);
    return minutes < 10 && seconds > 0 ? `${inSymbols(minutes, MINUTES)} ${inSymbols(seconds, SECONDS)}` : inSymbols(minutes, MINUTES);
  }
  if (total < DAY) {
    const minutes = count(MINUTES, HOUR);
    return minutes > 0 ? `${inSymbols(count(HOURS), HOURS)} ${inSymbols(minutes, MINUTES)}` : inSymbols(count(HOURS), HOURS);
  }
  const hours = count(HOURS, DAY);
  return hours > 0 ? `${inWords(count(DAYS), DAYS)} ${inSymbols(hours, HOURS)}` : inWords(count(DAYS), DAYS);
}

/** `5 min behind`; empty for null (no lag, or no timestamp to tell). */
export function behindText(timeLagMs: number | null): string {
  return timeLagMs === null ? '' : `${durationText(timeLagMs)} behind`;
}

/** The whole units of `ms` (not negative), largest first, with their counts; none for 0. */
function parts(ms: bigint): [bigint, DurationUnit][] {
  const out: [bigint, DurationUnit][] = [];
  let rest = ms;
  for (const unit of UNITS) {
    const count = rest / BigInt(unit.ms);
    rest %= BigInt(unit.ms);
    if (count > 0n) out.push([count, unit]);
  }
  return out;
}

/**
 * `90061000` → `1 day 1 hour 1 minute 1 second`, `-1500` → `-1 second 500 ms`: every part,
 * so the words are exact (a topic setting's value). `ms` as a bigint: settings are longs.
 */
export function durationWords(ms: bigint): string {
  if (ms === 0n) return '0 ms';
  return (ms < 0n ? '-' : '') + parts(ms < 0n ? -ms : ms).map(([count, unit]) => inWords(count, unit)).join(' ');
}

/** `604800000` → `7d`, `5400000` → `1h 30m`: what a person would type, read back exactly by parseDuration. Empty for 0 or less. */
export function typedDuration(ms: bigint): string {
  return parts(ms > 0n ? ms : 0n).map(([count, unit]) => `${count}${unit.typed}`).join(' ');
}

// Longest first, so `ms` is not read as minutes and then an `s`.
const TYPED_PART = new RegExp(`(\\d+)(${[...UNITS].sort((a, b) => b.typed.length - a.typed.length).map((u) => u.typed).join('|')})`, 'gy');

/**
 * What a person types for a duration: `7d`, `12h`, `1h30m`, `2d 3h`, `500ms`, `45s` (spaces
 * and case ignored), or a plain number of ms (signed: a setting's `-1`). In ms, exactly;
 * undefined when it is neither.
 */
export function parseDuration(text: string): bigint | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^-?\d+$/.test(trimmed)) return BigInt(trimmed);
  const compact = trimmed.replace(/\s+/g, '');
  let total = 0n;
  let at = 0;
  TYPED_PART.lastIndex = 0;
  for (let match = TYPED_PART.exec(compact); match; match = TYPED_PART.exec(compact)) {
    total += BigInt(match[1]) * BigInt(UNITS.find((u) => u.typed === match[2])!.ms);
    at = TYPED_PART.lastIndex;
  }
  return at === compact.length && at > 0 ? total : undefined;
}

/** `500 ms`, `1 s`, `5 min`, `1 h`, `2 d`: a round width in the largest unit it reaches (`90 s` → `1.5 min`). */
export function durationLabel(ms: number): string {
  const unit = UNITS.find((u) => ms >= u.ms) ?? UNITS[UNITS.length - 1];
  return inSymbols(ms / unit.ms, unit);
}
