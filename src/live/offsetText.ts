// Offsets a person types (the CLI's --from-offset, the message view's offset box, a group
// reset to an offset). Kafka's offsets are signed 64-bit, so a number is read as a string
// and a BigInt: a JavaScript number above 2^53 loses digits (99999999999999999999999 reads
// back as 1e+23).

/** The largest offset Kafka can hold: 2^63 - 1. */
export const MAX_OFFSET = 2n ** 63n - 1n;

/** `text` as an offset in canonical digits (`"007"` → `"7"`), or undefined when it is not a whole number from 0 to 2^63 - 1. */
export function offsetFromText(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,19}$/.test(trimmed) || BigInt(trimmed) > MAX_OFFSET) return undefined;
  return BigInt(trimmed).toString();
}
