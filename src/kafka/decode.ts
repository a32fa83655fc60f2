// Message bytes to something a person can read: pretty JSON when the bytes are a JSON object
// or array, UTF-8 text when they decode cleanly, otherwise hex. Display text is cut at
// DISPLAY_LIMIT so a 1 MB value cannot freeze a view; the full bytes stay in `base64`.

import type { DecodedBytes, KafkaHeaderValue } from './types';

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

function prettyJson(text: string): string | undefined {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return undefined;
  }
}

/** `00 01 7f`: byte pairs spaced, as hex viewers show them. */
function hex(bytes: Buffer): string {
  return bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

/** kafkajs gives a header once as a Buffer and repeated as an array; we keep every value. */
export function decodeHeaders(headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined): KafkaHeaderValue[] {
  const result: KafkaHeaderValue[] = [];
  for (const [key, value] of Object.entries(headers ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined) result.push({ key, value: one.toString() });
    }
  }
  return result;
}
