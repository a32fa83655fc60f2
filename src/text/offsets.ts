// Offsets a person types (the CLI's --from-offset, the message view's offset box, a group
// reset to an offset). Kafka's offsets are signed 64-bit, so a number is read as a string
// and a BigInt: a JavaScript number above 2^53 loses digits (99999999999999999999999 reads
// back as 1e+23).

import { groupDigits } from './count';

/** The largest offset Kafka can hold: 2^63 - 1. */
export const MAX_OFFSET = 2n ** 63n - 1n;

/** `text` as an offset in canonical digits (`"007"` → `"7"`), or undefined when it is not a whole number from 0 to 2^63 - 1. */
export function offsetFromText(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,19}$/.test(trimmed) || BigInt(trimmed) > MAX_OFFSET) return undefined;
  return BigInt(trimmed).toString();
}

/**
 * The offsets a partition holds, from its watermarks (decimal strings): `offsets 0–305 · next
 * 306` for low 0 and high 306 (the high watermark is the offset the next record gets, not one
 * stored), `empty` for 0 and 0, `empty · next 306` when every record up to 306 is gone.
 * Numbers are grouped (`1,200`); watermarks that are not whole numbers are shown as given.
 */
export function offsetRangeText(low: string, high: string): string {
  let lowN: bigint;
  let highN: bigint;
  try {
    lowN = BigInt(low);
    highN = BigInt(high);
  } catch {
    return `offsets ${low}–${high}`;
  }
  if (highN <= lowN) return highN === 0n ? 'empty' : `empty · next ${groupDigits(highN)}`;
  return `offsets ${groupDigits(lowN)}–${groupDigits(highN - 1n)} · next ${groupDigits(highN)}`;
}
