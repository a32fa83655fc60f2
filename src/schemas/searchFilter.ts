// Which records a search need not decode: a test on a key's or value's raw bytes, derived once
// per schema and query, that is false only when the record's decoded JSON text cannot hold the
// text searched for. Decoding is most of a search with a schema; most records hold no match.
//
// Why it is sound. The text is printed JSON (JSON.stringify's escapes, two spaces deep). Text
// searched for with no `"` lies in one string's contents or wholly outside strings; with none
// of JSON's escapes' characters and control characters, it holds no escape except the tail of
// one it starts in (`\n`, `\u001c`: "customer" may start with the "c" of `\u001c`), so past
// that tail (`verbatim` below) it is the string's own characters. Outside strings are
// brackets, `:`, `,`, spaces, numbers, true, false and null. Strings the schema writes rather
// than the bytes (field names, enum symbols, bytes as base64, logical types as dates and
// digits, "NaN") are checked against the text itself. What is left can only be inside a
// string read from the bytes, whose characters are the same UTF-8 bytes in the record (an
// invalid byte reads as U+FFFD, never part of the text), so the record's bytes hold it. The
// whole record's bytes are tested, not the payload alone: one that cannot be decoded is
// matched as its bytes' text, framing included. test/unit/schemasSearchFilter.test.ts checks
// the filtered search finds what decoding everything finds, on random schemas and needles.

import * as avro from 'avsc';
import { bytesMayHold } from '../kafka/searchQuery';
import type { SearchQuery } from '../kafka/types';
import type { AvroSchema } from './avro';

/** What a schema's printed JSON may hold in its strings besides characters read from the bytes. */
export interface SchemaStrings {
  /** Field names, enum symbols and other fixed strings, as printed. */
  readonly literals: readonly string[];
  /** Each a set of characters some printed string may be any run of (base64, a date's). */
  readonly alphabets: readonly string[];
}

/** Characters of printed JSON outside strings: structure, the two spaces' indent, numbers, true, false, null. */
const OUTSIDE_STRINGS = '{}[]:, \n0123456789.-+eEtruefalsn';
/** Bytes and fixed as base64. */
export const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
/** Dates, times, timestamps (years past 9999 with `+`) and decimals as text. */
const TIME_ALPHABET = '0123456789-+:.TZ';
/** Non-finite floats and doubles, printed as strings. */
const NON_FINITE = ['NaN', 'Infinity', '-Infinity'];

/**
 * JSON.stringify's escapes past their backslash: `\"` and `\\` (whose characters the text
 * cannot hold), `\b` `\f` `\n` `\r` `\t`, and `\u00xx` for the other control characters. Lone
 * surrogates, which it writes as `\udxxx` too, are never in text read as UTF-8.
 */
const ESCAPE_TAILS = [
  ...'bfnrt',
  ...Array.from({ length: 0x20 }, (_, code) => code)
    .filter((code) => !'\b\f\n\r\t'.includes(String.fromCharCode(code)))
    .map((code) => `u${code.toString(16).padStart(4, '0')}`),
];

/**
 * The part of `text` (the plain text a search looks for) that a printed JSON text of a schema
 * writing `strings` can hold only as characters read from the record's bytes; undefined when
 * it may match elsewhere (then every record is decoded). `caseSensitive` false: matched as
 * RegExp's `iu` matches, where only `ſ` (U+017F) and the Kelvin sign (U+212A) fold to ASCII.
 */
export function verbatimPart(text: string, caseSensitive: boolean, strings: SchemaStrings): string | undefined {
  // JSON's quote, backslash and control characters (C1's too, to be safe), U+FFFD (an invalid byte's text) and lone surrogates.
  if (text.length === 0 || /["\\\ufffd]|\p{Cc}|\p{Cs}/u.test(text)) return undefined;
  const fold = caseSensitive ? (s: string) => s : (s: string) => s.replace(/[A-Z\u017f\u212a]/g, (c) => (c === '\u017f' ? 's' : c === '\u212a' ? 'k' : c.toLowerCase()));
  const folded = fold(text);
  const only = (alphabet: string) => {
    const allowed = new Set(fold(alphabet));
    return [...folded].every((c) => allowed.has(c));
  };
  if (only(OUTSIDE_STRINGS) || strings.alphabets.some(only)) return undefined;
  if (strings.literals.some((literal) => fold(literal).includes(folded))) return undefined;
  let lead = 0;
  for (const tail of ESCAPE_TAILS) {
    for (let from = 0; from < tail.length; from++) {
      const rest = tail.slice(from);
      // Wholly inside an escape, or starting in one: its characters there are not the bytes'.
      if (rest.startsWith(folded)) return undefined;
      if (folded.startsWith(rest)) lead = Math.max(lead, rest.length);
    }
  }
  // The tails and the characters that fold onto them are one UTF-16 unit each.
  return text.slice(lead);
}

/** The strings the printed JSON of an Avro type writes besides those read from the bytes; undefined for a type printed some other way. */
export function avroSchemaStrings(type: avro.Type): SchemaStrings | undefined {
  const literals = new Set<string>();
  const alphabets = new Set<string>();
  const seen = new Set<avro.Type>();
  const walk = (t: avro.Type): boolean => {
    if (seen.has(t)) return true;
    seen.add(t);
    if (t instanceof avro.types.LogicalType) {
      // uuid is its string as read; the others print dates, times and digits.
      if (t.typeName !== 'logical:uuid') alphabets.add(TIME_ALPHABET);
      return walk(t.underlyingType);
    }
    switch (t.typeName) {
      case 'record':
      case 'error': {
        const fields = (t as avro.types.RecordType).fields;
        // decodeAvro's object takes `__proto__` as its prototype: not printed as a field.
        if (fields.some((f) => f.name === '__proto__')) return false;
        fields.forEach((f) => literals.add(f.name));
        return fields.every((f) => walk(f.type));
      }
      case 'enum':
        (t as avro.types.EnumType).symbols.forEach((symbol) => literals.add(symbol));
        return true;
      case 'array':
        return walk((t as avro.types.ArrayType).itemsType);
      case 'map':
        return walk((t as avro.types.MapType).valuesType as avro.Type);
      case 'union:wrapped':
        return (t as avro.types.WrappedUnionType).types.every(walk);
      case 'bytes':
      case 'fixed':
        alphabets.add(BASE64_ALPHABET);
        return true;
      case 'float':
      case 'double':
        NON_FINITE.forEach((literal) => literals.add(literal));
        return true;
      case 'abstract:long':
        // Past 2^53 a decimal string: digits and `-`, which OUTSIDE_STRINGS refuses already.
        return true;
      case 'null':
      case 'boolean':
      case 'int':
      case 'string':
        return true;
      default:
        return false;
    }
  };
  return walk(type) ? { literals: [...literals], alphabets: [...alphabets] } : undefined;
}

/**
 * For a search's `query`, per Avro schema (read as itself: a reader schema of its own brings
 * defaults and promotions, and gets no filter), a test on a key's or value's whole bytes that
 * is false only when its decoded JSON text cannot match; undefined when every record must be
 * decoded (a regular expression, or text that may match what the schema writes).
 */
export function avroSearchFilter(query: SearchQuery): (schema: AvroSchema) => ((bytes: Buffer) => boolean) | undefined {
  const filters = new WeakMap<AvroSchema, ((bytes: Buffer) => boolean) | null>();
  const caseSensitive = query.caseSensitive ?? query.regex ?? false;
  return (schema) => {
    let filter = filters.get(schema);
    if (filter === undefined) {
      const strings = query.regex ? undefined : avroSchemaStrings(schema.type);
      const verbatim = strings && verbatimPart(query.pattern, caseSensitive, strings);
      filter = (verbatim === undefined ? undefined : bytesMayHold(verbatim, caseSensitive)) ?? null;
      filters.set(schema, filter);
    }
    return filter ?? undefined;
  };
}
