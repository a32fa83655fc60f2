// JSON as text: whether a value is strict JSON, why not, and the same JSON re-indented
// without changing a digit of it.

import { applyEdits, format } from 'jsonc-parser';
import { describeError } from './error';

/**
 * Why `text` is not strict JSON (JSON.parse's message, RFC 8259 as V8 reads it), or undefined
 * when it is. JSON.parse decides, not jsonc-parser, which also takes comments and trailing
 * commas that the consumers of a topic would refuse.
 */
export function strictJsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

/** Whether `text`, trimmed, starts as an object or an array does: what a person means as JSON. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

/**
 * An object or array in strict JSON re-indented by two spaces from its tokens, so every
 * number keeps its digits (12345678901234567890, 1.10) and every key stays, repeated ones
 * too; parsing and printing again would change both. Undefined for anything else.
 */
export function prettyJson(text: string): string | undefined {
  if (!looksLikeJson(text) || strictJsonProblem(text) !== undefined) return undefined;
  return applyEdits(text, format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' })).trim();
}
