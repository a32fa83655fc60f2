// Times a person types (CLI options, the message view's range, a group reset): ISO 8601 with
// at least a date. Date.parse alone takes "1" or "May 5", and rolls 2026-02-30 over to
// March 2nd; a reset to the wrong day would commit offsets nobody asked for. And times
// written the same way, fast enough for millions of decoded records.

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])/;

/**
 * ms since the epoch for `text` (`2026-01-31`, `2026-01-31T12:00:00Z`, `…+01:00`; no zone
 * means local time, as Date.parse reads it). A time before 1970 gives 0: Kafka's timestamps
 * start there, and ListOffsets takes negative times as its own codes (-1 latest, -2
 * earliest), so "from 1900" means from the oldest message. Anything else gives the problem,
 * in words that do not name where it was typed; a day the month does not have included.
 */
export function parseIsoTime(text: string): { readonly ms: number } | { readonly problem: string } {
  const trimmed = text.trim();
  const date = DATE.exec(trimmed);
  const ms = date ? Date.parse(trimmed) : NaN;
  if (!date || Number.isNaN(ms)) return { problem: `"${text}" is not an ISO 8601 time such as 2026-01-31T12:00:00Z` };
  const [year, month, day] = date.slice(1).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return { problem: `"${text}" names a day that does not exist (${date[0]})` };
  return { ms: Math.max(0, ms) };
}

const DAY_MS = 86_400_000;
/** The furthest from the epoch a Date may be (ECMA-262, "Time Values and Time Range"). */
const MAX_DATE_MS = 8.64e15;
/** The last day formatted, as `YYYY-MM-DDT`: consecutive times in a topic mostly share their day. */
let lastDay = Number.NaN;
let lastDayText = '';

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `ms` (since the epoch, UTC) as Date#toISOString writes it (`2026-01-31T12:34:56.789Z`,
 * extended years as `+275760-…`), three times faster on times that share a day: decoding
 * millions of Avro timestamps for a search spent most of its time there. Throws RangeError
 * past ±8.64e15 ms, as Date does.
 */
export function isoTimeOfMs(ms: number): string {
  // Fractions, NaN and times past Date's range (which throw) go to Date itself.
  if (!Number.isInteger(ms) || Math.abs(ms) > MAX_DATE_MS) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay) {
    const iso = new Date(ms).toISOString();
    lastDay = day;
    lastDayText = iso.slice(0, iso.indexOf('T') + 1);
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${lastDayText}${two(hours)}:${two(minutes)}:${two(seconds)}.${three(rest - seconds * 1000)}Z`;
}
