// Text from a broker, a record, a client, a config file or another program made safe to
// print: escape sequences, carriage returns or bidirectional overrides written raw would let
// it retitle the terminal, hide a line, or show itself as something else (Trojan Source,
// CVE-2021-42574). Every such string the CLI prints passes through one of these two.

/**
 * C0 controls but tab (and line feed where lines are kept), DEL, C1 controls (U+0080–U+009F:
 * U+009B is CSI, an escape sequence of its own on many terminals), and the bidirectional
 * formatting characters: LRM and RLM (U+200E/F), ALM (U+061C), the embeddings and overrides
 * (U+202A–U+202E) and the isolates (U+2066–U+2069).
 */
// eslint-disable-next-line no-control-regex -- control characters are what these find
const UNSAFE_WITH_NEWLINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- control characters are what these find
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw of the above: it escapes C0 controls itself. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

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

/**
 * `JSON.stringify(value, null, indent)` with DEL, C1 and bidirectional controls written as
 * `\uXXXX` too (JSON.stringify escapes only C0): the same JSON value, parsed back exactly, and
 * safe on a terminal. Outside strings JSON holds only ASCII, so every such character is in one.
 */
export function terminalJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
