// Ways to show a key's or value's bytes in the message view ("show as"): text, a hex dump with
// an ASCII column, base64, or pretty JSON. Pure and DOM-free, so the view (src/webview/peek)
// and the unit tests share it. The view holds display text only (src/messageView/rows.ts):
// binary arrives as spaced hex pairs, text as the decoded string.

export type ShowAs = 'text' | 'hex' | 'base64' | 'json';

export const SHOW_AS: readonly ShowAs[] = ['text', 'hex', 'base64', 'json'];

/** The bytes a cell's display text stands for: hex pairs parsed for `binary`, UTF-8 otherwise. */
export function cellBytes(kind: 'json' | 'text' | 'binary', text: string): Uint8Array {
  if (kind !== 'binary') return new TextEncoder().encode(text);
  const pairs = text.match(/[0-9a-fA-F]{2}/g) ?? [];
  return Uint8Array.from(pairs, (pair) => parseInt(pair, 16));
}

/**
 * A hex dump as hex viewers print one: 16 bytes a line, the line's byte offset (8 hex digits),
 * the bytes in hex (a wider gap after the 8th), and the printable ASCII (0x20–0x7e) beside them,
 * every other byte as `.`.
 */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let start = 0; start < bytes.length; start += 16) {
    const line = bytes.subarray(start, start + 16);
    const hex = Array.from(line, (b) => b.toString(16).padStart(2, '0'));
    const left = hex.slice(0, 8).join(' ');
    const right = hex.slice(8).join(' ');
    const ascii = Array.from(line, (b) => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${start.toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${ascii}|`);
  }
  return lines.join('\n');
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648 §4) with padding. */
export function base64Of(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63] + (b === undefined ? '=' : BASE64[(n >> 6) & 63]) + (c === undefined ? '=' : BASE64[n & 63]);
  }
  return out;
}

/**
 * The cell's text shown as `as`; `{ problem }` when it cannot be (bytes that are not UTF-8 as
 * text, text that is not JSON as JSON). JSON is re-indented with JSON.parse, so it is only
 * offered as a view: the lossless print of a JSON value is its `text` form.
 */
export function showBytesAs(kind: 'json' | 'text' | 'binary', text: string, as: ShowAs): { readonly text: string } | { readonly problem: string } {
  const bytes = cellBytes(kind, text);
  switch (as) {
    case 'hex':
      return { text: hexDump(bytes) };
    case 'base64':
      return { text: base64Of(bytes) };
    case 'text':
      if (kind !== 'binary') return { text };
      try {
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
      } catch {
        return { problem: 'These bytes are not UTF-8 text: show them as hex or base64.' };
      }
    case 'json': {
      const shown = showBytesAs(kind, text, 'text');
      if ('problem' in shown) return shown;
      if (kind === 'json') return { text };
      try {
        return { text: JSON.stringify(JSON.parse(shown.text), null, 2) };
      } catch (error) {
        return { problem: `Not JSON: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
  }
}
