// Builders shared by the checks, so every Problem carries the same source and shape.

import type { OffsetRange, Problem, ProblemData, Severity, SourceSpan } from '../config/model';
import { isControlCharacter } from '../config/parseFile';
import type { ProblemCode } from './codes';

export function problem(span: SourceSpan, severity: Severity, code: ProblemCode, message: string, data?: ProblemData): Problem {
  // A control character a message would show raw (a NUL inside a type) is written `\u0000`.
  const shown = Array.from(message, (c) => (isControlCharacter(c.charCodeAt(0)) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
  return data ? { span, severity, code, message: shown, data } : { span, severity, code, message: shown };
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

/** `a service`, `an application runtime`: the article English wants before a noun phrase. */
export function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/**
 * Where a declaration written over `decl` (key to end of value, in `text`) takes a value whose
 * span `value` lies outside it: the merge key `<<` it inherits through, or the alias it is
 * (`b: *svc`). `written` is that use as written (`<<: *appdef`, `*svc`); undefined when the
 * value is the declaration's own, or sits in another file.
 */
export function inheritedUse(text: string, decl: SourceSpan, value: SourceSpan): { span: SourceSpan; written: string } | undefined {
  if (value.file !== decl.file || (value.start >= decl.start && value.end <= decl.end)) return undefined;
  const own = text.slice(decl.start, decl.end);
  const merge = /(^|\s)(<<)[ \t]*:[ \t]*([^\n#]*)/.exec(own);
  const at = (range: OffsetRange, written: string) => ({ span: { file: decl.file, start: decl.start + range.start, end: decl.start + range.end }, written });
  if (merge) {
    const start = merge.index + merge[1].length;
    return at({ start, end: start + 2 }, `<<: ${merge[3].trim()}`);
  }
  const alias = /\*[^\s,\]}]+/.exec(own);
  return alias ? at({ start: alias.index, end: alias.index + alias[0].length }, alias[0]) : undefined;
}
