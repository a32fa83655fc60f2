// `name:rest` values split at their first colon: an image and its version (`type: kafka:4.1`),
// and an application or service with one of its endpoints (a route's `upstream: "backend:http"`,
// the legacy relationship string `"db:mysql"`). The one place that splits them, so the model,
// the checks, hovers, completion and navigation read the same parts from the same text.

import type { SourceSpan } from './model';

export interface ColonPair {
  /** Before the first colon (all of the text when there is none), as written. */
  readonly name: string;
  /** After the first colon, as written; undefined when there is no colon. */
  readonly rest?: string;
}

export function splitColonPair(text: string): ColonPair {
  const colon = text.indexOf(':');
  return colon < 0 ? { name: text } : { name: text.slice(0, colon), rest: text.slice(colon + 1) };
}

/** Splits `kafka:4.1` into its image name and version, each trimmed. */
export function splitType(type: string): { typeName: string; version?: string } {
  const { name, rest } = splitColonPair(type);
  return rest === undefined ? { typeName: name.trim() } : { typeName: name.trim(), version: rest.trim() };
}

/**
 * Where each part of a `name:rest` scalar written at `span` lies in its file's text
 * (`fileText`): past an opening quote, exact for values without escapes (names and endpoints
 * hold none). `rest` is the empty span just past the name when there is no colon.
 */
export function colonPairSpans(value: string, span: SourceSpan, fileText: string): { readonly name: SourceSpan; readonly rest: SourceSpan } {
  const { name, rest } = splitColonPair(value);
  const quote = /^["']/.test(fileText.slice(span.start, span.start + 1)) ? 1 : 0;
  const start = span.start + quote;
  const restStart = start + name.length + 1;
  return { name: { file: span.file, start, end: start + name.length }, rest: { file: span.file, start: restStart, end: restStart + (rest?.length ?? 0) } };
}
