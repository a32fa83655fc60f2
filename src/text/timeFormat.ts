// Message timestamps as the message view prints them, in UTC or in the machine's local time.

/** How the message view prints timestamps; remembered for the user across views and sessions. */
export type TimeZoneChoice = 'utc' | 'local';

/**
 * `2026-01-31 12:00:00.000` in UTC, or the same in local time followed by the offset from UTC
 * (`2026-01-31 13:00:00.000 +01:00`). `ms`: milliseconds since the epoch; NaN or out of a
 * Date's range gives undefined (the caller shows the record's own text).
 */
export function formatTimestamp(ms: number, zone: TimeZoneChoice): string | undefined {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return undefined;
  if (zone === 'utc') return date.toISOString().replace('T', ' ').replace('Z', '');
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
  return `${day} ${time} ${utcOffset(date)}`;
}

/** `+01:00`, `-05:30`, `+00:00`: the local offset from UTC at `date`. */
export function utcOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The timestamp column's heading: `Timestamp (UTC)` or `Timestamp (local)`. */
export function timeHeading(zone: TimeZoneChoice): string {
  return zone === 'utc' ? 'Timestamp (UTC)' : 'Timestamp (local)';
}
