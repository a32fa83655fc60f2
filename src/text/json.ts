// Checks a value the user is about to send when it looks like JSON, so a missing brace is
// caught before it lands on a topic that consumers parse.

/** Why `text` is broken JSON, or undefined when it parses or does not look like JSON. */
export function jsonProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return undefined;
  try {
    JSON.parse(trimmed);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
