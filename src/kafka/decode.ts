// Message bytes to something a person can read: pretty JSON when the bytes are a JSON object
// or array, UTF-8 text when they decode cleanly, otherwise hex. Display text is cut at
// DISPLAY_LIMIT so a 1 MB value cannot freeze a view. Past WHOLE_DECODE_LIMIT a value is only
// decoded as far as it is shown, and never checked or re-indented as JSON: a 60 MiB value
// would otherwise take several times its size in strings. The bytes are kept (a copy, so the
// decompressed batch they came from can go) and turned into base64 only when asked for.
// Keys, values and header values all go through `decodeBytes`.

import { prettyJson } from '../text/json';
import type { WireHeader } from './wire/recordBatch';
import type { DecodedBytes, PeekedHeader, PeekedMessage } from './types';

/** Characters of display text kept per key or value. */
export const DISPLAY_LIMIT = 64 * 1024;
/** Bytes past which a key or value is decoded only as far as it is shown, never as JSON: 1 MiB. */
export const WHOLE_DECODE_LIMIT = 1024 * 1024;
/** UTF-8 takes at most four bytes a character: the bytes that can make DISPLAY_LIMIT characters. */
const DISPLAY_BYTES = DISPLAY_LIMIT * 4;

/** C0 controls other than tab, line feed, form feed and carriage return mark bytes as binary. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeBytes(bytes: Buffer | null | undefined): DecodedBytes | null {
  if (bytes === null || bytes === undefined) return null;
  const size = bytes.length;
  const whole = size <= WHOLE_DECODE_LIMIT;
  const kept = Buffer.from(bytes);
  const text = textOf(whole ? bytes : bytes.subarray(0, DISPLAY_BYTES), !whole);
  if (text === undefined) {
    const shownBytes = bytes.subarray(0, Math.floor(DISPLAY_LIMIT / 3));
    return withBase64({ kind: 'binary', text: hex(shownBytes), size, truncated: shownBytes.length < size }, kept);
  }
  const json = whole ? prettyJson(text) : undefined;
  const shown = json ?? text;
  return withBase64({ kind: json === undefined ? 'text' : 'json', text: shown.slice(0, DISPLAY_LIMIT), size, truncated: !whole || shown.length > DISPLAY_LIMIT }, kept);
}

/** `base64` as a getter: made from `kept` when copy, export or send again asks, not for every message read. */
function withBase64(decoded: Omit<DecodedBytes, 'base64'>, kept: Buffer): DecodedBytes {
  return Object.defineProperty(decoded, 'base64', { get: () => kept.toString('base64'), enumerable: true }) as DecodedBytes;
}

/** The bytes as text, or undefined for binary; `partial`: the bytes may end inside a character. */
function textOf(bytes: Buffer, partial: boolean): string | undefined {
  try {
    const text = partial ? new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true }) : utf8.decode(bytes);
    return CONTROL.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/** `00 01 7f`: byte pairs spaced, as hex viewers show them. */
function hex(bytes: Buffer): string {
  return bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

/**
 * The bytes as they are, for output that must keep them: the UTF-8 text for text and JSON,
 * base64 for binary and for bytes read with a schema (`encoding` says which).
 */
export function exactBytes(bytes: DecodedBytes | null): { readonly data: string | null; readonly encoding: 'utf8' | 'base64' } {
  if (bytes === null) return { data: null, encoding: 'utf8' };
  // Read with a schema, `kind` says what `text` holds (the decoded JSON), not what the bytes are.
  if (bytes.kind === 'binary' || (bytes.schema !== undefined && bytes.schema.problem === undefined)) return { data: bytes.base64, encoding: 'base64' };
  return { data: Buffer.from(bytes.base64, 'base64').toString('utf8'), encoding: 'utf8' };
}

export function decodeHeaders(headers: readonly WireHeader[]): PeekedHeader[] {
  return headers.map((h) => ({ key: h.key, value: decodeBytes(h.value) }));
}

/** Largest distance from the epoch a JavaScript Date holds, in ms. */
const DATE_RANGE_MS = 8_640_000_000_000_000n;
/** What producers write when they set no timestamp (Kafka's RecordBatch.NO_TIMESTAMP). */
const NO_TIMESTAMP = -1n;

/** A record's timestamp as PeekedMessage carries it: ISO when it is a date, always the number. */
export function timestampFields(ms: bigint): Pick<PeekedMessage, 'timestamp' | 'timestampMs'> {
  const date = ms === NO_TIMESTAMP || ms > DATE_RANGE_MS || ms < -DATE_RANGE_MS ? null : new Date(Number(ms)).toISOString();
  return { timestamp: date, timestampMs: ms.toString() };
}

/** `2026-01-31T12:00:00.000Z`, `no timestamp`, or the raw number for one no date can hold. */
export function timestampText(message: Pick<PeekedMessage, 'timestamp' | 'timestampMs'>): string {
  if (message.timestamp !== null) return message.timestamp;
  return message.timestampMs === NO_TIMESTAMP.toString() ? 'no timestamp' : `${message.timestampMs} ms (not a date)`;
}
