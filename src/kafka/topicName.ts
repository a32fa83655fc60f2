// Checks what the user types when creating or deleting a topic, with Kafka's own rules, so
// the broker never has to refuse it.

/** Kafka's `Topic.validate`: at most 249 characters of [a-zA-Z0-9._-], and not `.` or `..`. */
const LEGAL = /^[a-zA-Z0-9._-]{1,249}$/;

/** Why `name` cannot be a topic name, or undefined when it can. */
export function topicNameProblem(name: string, existing: readonly string[] = []): string | undefined {
  if (name.length === 0) return 'Enter a topic name.';
  if (name.length > 249) return `A topic name has at most 249 characters; this one has ${name.length}.`;
  if (name === '.' || name === '..') return 'A topic cannot be named "." or "..".';
  if (!LEGAL.test(name)) return 'A topic name may contain only letters a–z and A–Z, digits, ".", "_" and "-".';
  if (existing.includes(name)) return `Topic "${name}" already exists.`;
  // Kafka refuses names that differ only in "." versus "_": they share metric names.
  const collides = existing.find((t) => t.replace(/\./g, '_') === name.replace(/\./g, '_'));
  if (collides) return `"${name}" collides with topic "${collides}": Kafka treats "." and "_" alike in metric names.`;
  return undefined;
}

/** Why `text` is not a whole number of at least 1 (partitions, replication factor). */
export function positiveIntegerProblem(text: string, what: string): string | undefined {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) return `The ${what} is a whole number of at least 1.`;
  if (Number(text) > 1_000_000) return `The ${what} is too large.`;
  return undefined;
}
