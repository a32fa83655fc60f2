// Numbers from a few samples, said no more precisely than they are known: "about 3 days",
// "120 msg/s". Estimates round to one or two significant figures; exact counts stay in src/text.

import { groupDigits } from '../text/count';
import { DAY, HOUR, MINUTE } from '../text/duration';

/**
 * A forecast duration (ms) rounded to one unit and at most two significant figures:
 * `less than a minute`, `about 4 min`, `about 35 min`, `about 5 hours`, `about 3 days`,
 * `about 40 days`; past a year, `more than a year`.
 */
export function aboutText(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  if (ms > 365 * DAY) return 'more than a year';
  const [value, unit, units] = ms < 90 * MINUTE ? [ms / MINUTE, 'min', 'min'] : ms < 36 * HOUR ? [ms / HOUR, 'hour', 'hours'] : [ms / DAY, 'day', 'days'];
  const rounded = roundSignificant(value, value < 10 ? 1 : 2);
  return `about ${rounded} ${rounded === 1 ? unit : units}`;
}

/** `value` rounded to `figures` significant figures (at least 1). */
export function roundSignificant(value: number, figures: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const scale = 10 ** (figures - 1 - Math.floor(Math.log10(Math.abs(value))));
  return Math.max(1, Math.round(value * scale) / scale);
}

/** A rate in messages per second, two significant figures: `120 msg/s`, `4.5 msg/s`, `0.2 msg/s`; below 0.1/s, per minute. */
export function rateText(perSecond: number): string {
  const rate = Math.abs(perSecond);
  if (rate < 0.1) return `${roundSignificant(rate * 60, 2)} msg/min`;
  const rounded = Number(rate.toPrecision(2));
  return `${groupDigits(rounded)} msg/s`;
}
