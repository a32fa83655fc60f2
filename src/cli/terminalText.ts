// Message text made safe to print: a record can hold any bytes, and escape sequences, carriage
// returns or bidirectional overrides written raw would let a message retitle the terminal,
// hide a line or show itself as something else.

/**
 * C0 controls but tab (and line feed where lines are kept), DEL, C1 controls, and the
 * bidirectional formatting characters.
 */
// eslint-disable-next-line no-control-regex -- control characters are what these find
const UNSAFE_WITH_NEWLINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- control characters are what these find
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every unsafe character written as an escape (`\x1b`, `\u202e`), as a reader of
 * JSON or C would write it. `keepNewlines`: a multi-line value keeps its lines.
 */
export function terminalText(text: string, options: { keepNewlines?: boolean } = {}): string {
  return text.replace(options.keepNewlines ? UNSAFE_WITH_NEWLINES : UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
