// What a topic search looks for, compiled once into a test on a record's bytes.
//
// Everything is matched as text: keys, values and header values as their UTF-8 decoding, so a
// binary value (invalid UTF-8) is matched with each invalid byte read as U+FFFD, the way a
// UTF-8 text tool reads it; its hex display is not searched. Header names are text already.
// For plain text (not a regular expression) a batch whose decompressed bytes hold no match at
// all cannot hold a record that does (a field's valid UTF-8 characters are the same bytes in
// the batch), so its records are not decoded: that is what makes a scan fast. A key or value
// read with a schema is matched as its decoded JSON instead, so its batch gets no shortcut.

import { KafkaAccessError, SearchField, SearchQuery } from './types';
import { groupDigits } from '../text/count';

export const SEARCH_FIELDS: readonly SearchField[] = ['key', 'value', 'headers'];

/** A record's parts as bytes (or, for a key or value decoded with a schema, its JSON text); header values may be null. */
export interface RecordParts {
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
  /** Read only when the query looks in headers. */
  headers(): readonly { readonly key: string; readonly value: Buffer | null }[];
}

export interface CompiledQuery {
  readonly fields: ReadonlySet<SearchField>;
  /**
   * False when no record in `body` (a batch's decompressed records section) can match, so the
   * batch need not be decoded; true when it may (always for regular expressions).
   */
  mayMatch(body: Buffer): boolean;
  matches(record: RecordParts): boolean;
}

const REPLACEMENT = '\ufffd';

/** Throws a KafkaAccessError ('invalid-request') for empty text, a bad regular expression or no fields. */
export function compileQuery(query: SearchQuery): CompiledQuery {
  const regex = query.regex ?? false;
  if (query.pattern.length === 0) throw invalid(regex ? 'the regular expression is empty' : 'the text to find is empty');
  const fields = new Set(query.fields ?? SEARCH_FIELDS);
  if (fields.size === 0) throw invalid('no field to search: choose key, value or headers');
  for (const field of fields) if (!SEARCH_FIELDS.includes(field)) throw invalid(`"${String(field)}" is not a field to search (key, value or headers)`);
  const caseSensitive = query.caseSensitive ?? regex;
  const expression = regex ? compileRegex(query.pattern, caseSensitive) : new RegExp(escapeRegex(query.pattern), caseSensitive ? 'u' : 'iu');
  const test = (part: Buffer | string | null) => part !== null && expression.test(typeof part === 'string' ? part : part.toString('utf8'));

  const mayMatch = (!regex && bytesMayHold(query.pattern, caseSensitive)) || (() => true);
  return {
    fields,
    mayMatch,
    matches(record) {
      if (fields.has('value') && test(record.value)) return true;
      if (fields.has('key') && test(record.key)) return true;
      if (fields.has('headers')) return record.headers().some((h) => expression.test(h.key) || test(h.value));
      return false;
    },
  };
}

/**
 * A test on bytes, false only when their UTF-8 text (each invalid byte read as U+FFFD) cannot
 * hold `text` as compileQuery matches plain text (case-insensitive: RegExp's `iu`, Unicode
 * simple case folding). Sound because a valid character of that text is the same bytes in the
 * input. Undefined for `text` holding U+FFFD, which any invalid byte's text holds.
 */
export function bytesMayHold(text: string, caseSensitive: boolean): ((bytes: Buffer) => boolean) | undefined {
  if (text.includes(REPLACEMENT)) return undefined;
  if (caseSensitive) {
    const needle = Buffer.from(text, 'utf8');
    return (bytes) => bytes.includes(needle);
  }
  const expression = new RegExp(escapeRegex(text), 'iu');
  return (bytes) => expression.test(bytes.toString('utf8'));
}

/**
 * JavaScript syntax, with the `u` flag when the pattern allows it (code points, not UTF-16
 * halves); patterns only valid without it (`\-` outside a class) are taken as written.
 */
function compileRegex(pattern: string, caseSensitive: boolean): RegExp {
  const flags = caseSensitive ? '' : 'i';
  try {
    return new RegExp(pattern, `${flags}u`);
  } catch {
    try {
      return new RegExp(pattern, flags);
    } catch (error) {
      const why = (error as Error).message.replace(/^Invalid regular expression: /, '').split(pattern).join(shownPattern(pattern));
      throw invalid(`"${shownPattern(pattern)}" is not a regular expression: ${why}`);
    }
  }
}

/** Past this many characters a pattern is cut where a message quotes it. */
const SHOWN_PATTERN_LENGTH = 100;

/**
 * `pattern` as a message quotes it: whole up to 100 characters, else its start, `…` and its
 * length, so that a pattern of 100,000 characters does not fill the terminal or the view.
 */
export function shownPattern(pattern: string): string {
  return pattern.length <= SHOWN_PATTERN_LENGTH ? pattern : `${pattern.slice(0, SHOWN_PATTERN_LENGTH)}… (${groupDigits(pattern.length)} characters)`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function invalid(why: string): KafkaAccessError {
  return new KafkaAccessError(`Could not search: ${why}.`, 'invalid-request');
}
