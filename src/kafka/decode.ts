// Message bytes to something a person can read: pretty JSON when the bytes are a JSON object
// or array, UTF-8 text when they decode cleanly, otherwise hex. Display text is cut at
// DISPLAY_LIMIT so a 1 MB value cannot freeze a view; the full bytes stay in `base64`.
// Keys, values and header values all go through `decodeBytes`.

import { applyEdits, format } from 'jsonc-parser';
import type { WireHeader } from './recordBatch';
import type { DecodedBytes, PeekedHeader, PeekedMessage } from './types';

/** Characters of display text kept per key or value. */
export const DISPLAY_LIMIT = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** C0 controls other than tab, line feed, form feed and carriage return mark bytes as binary. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

export function decodeBytes(bytes: Buffer | null | undefined): DecodedBytes | null {
  if (bytes === null || bytes === undefined) return null;
  const base64 = bytes.toString('base64');
  const size = bytes.length;
  const text = textOf(bytes);
  if (text === undefined) {
    const shownBytes = bytes.subarray(0, Math.floor(DISPLAY_LIMIT / 3));
    return { kind: 'binary', text: hex(shownBytes), size, truncated: shownBytes.length < size, base64 };
  }
  const json = prettyJson(text);
  const shown = json ?? text;
  return { kind: json === undefined ? 'text' : 'json', text: shown.slice(0, DISPLAY_LIMIT), size, truncated: shown.length > DISPLAY_LIMIT, base64 };
}

function textOf(bytes: Buffer): string | undefined {
  try {
    const text = utf8.decode(bytes);
    return CONTROL.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * Re-indents JSON from its tokens, so every number keeps its digits (12345678901234567890,
 * 1.10) and every key stays, repeated ones too; parsing and printing again would change both.
 * JSON.parse only decides whether the text is strict JSON (jsonc-parser also takes comments).
 */
export function prettyJson(text: string): string | undefined {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  return applyEdits(text, format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' })).trim();
}

/** `00 01 7f`: byte pairs spaced, as hex viewers show them. */
function hex(bytes: Buffer): string {
  return bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

/**
 * The bytes as they are, for output that must keep them: the UTF-8 text for text and JSON,
 * base64 for binary (`encoding` says which).
 */
export function exactBytes(bytes: DecodedBytes | null): { readonly data: string | null; readonly encoding: 'utf8' | 'base64' } {
  if (bytes === null) return { data: null, encoding: 'utf8' };
  if (bytes.kind === 'binary') return { data: bytes.base64, encoding: 'base64' };
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
