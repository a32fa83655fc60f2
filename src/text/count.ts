// "1 message", "10,000 messages", "2 matches": counts in the words users read, with their
// digits grouped the same way in every view, tree, message and terminal.

/**
 * `1234567` → `1,234,567`: thousands separated by commas, whatever the machine's locale, so
 * what tests, logs and scripts read does not move with it. `value`: a number (a fraction
 * keeps its digits: `1234.5` → `1,234.5`), a bigint, or a decimal string such as an offset or
 * a lag (exact beyond 2^53, where `Number` would round). Anything else (`NaN`, `1e+21`,
 * `abc`) comes back as written.
 */
export function groupDigits(value: number | bigint | string): string {
  const text = typeof value === 'string' ? value.trim() : String(value);
  const number = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!number) return typeof value === 'string' ? value : text;
  const [, sign, whole, fraction = ''] = number;
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction}`;
}

/** `many`: the plural when it is not `noun` + s. */
export function plural(count: number | bigint, noun: string, many = `${noun}s`): string {
  return `${groupDigits(count)} ${count === 1 || count === 1n ? noun : many}`;
}
