// "1 message", "10,000 messages", "2 matches": counts in the words users read.

/** `many`: the plural when it is not `noun` + s. */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? noun : many}`;
}
