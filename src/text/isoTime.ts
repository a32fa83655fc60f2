// Times a person types (CLI options, the message view's range, a group reset): ISO 8601 with
// at least a date. Date.parse alone takes "1" or "May 5", and rolls 2026-02-30 over to
// March 2nd; a reset to the wrong day would commit offsets nobody asked for.

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
