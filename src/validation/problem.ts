// Builders shared by the checks, so every Problem carries the same source and shape.

import type { Problem, ProblemData, Severity, SourceSpan } from '../config/model';
import type { ProblemCode } from './codes';

export function problem(span: SourceSpan, severity: Severity, code: ProblemCode, message: string, data?: ProblemData): Problem {
  return data ? { span, severity, code, message, data } : { span, severity, code, message };
}

/** `a`, `a or b`, `a, b or c`, each in backticks. */
export function listOf(items: readonly string[], conjunction = 'or'): string {
  const quoted = items.map((i) => `\`${i}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}

/**
 * A message as plain text, for places that show no Markdown (the Problems panel, a terminal):
 * each backticked name becomes a double-quoted one, `` `kafka` `` → `"kafka"`. Hovers, JSON,
 * SARIF and Code Climate keep the message as written.
 */
export function plainMessage(message: string): string {
  return message.replace(/`([^`\n]*)`/g, '"$1"');
}

/** A name in backticks for a message; an empty one (a key written `""`) is said in words. */
export function quoted(name: string | undefined): string {
  return name ? `\`${name}\`` : 'with an empty name';
}
