// Text from a config file, a broker or an error put into Markdown that VS Code renders (tree
// tooltips, hovers, completion documentation) as exactly that text. Unescaped, a group id
// `![x](https://host/track)` would fetch the URL as soon as its tooltip shows, and a name
// holding `` ` `` or `|` would break out of its code span or table cell.

/** CommonMark lets a backslash escape every ASCII punctuation character (spec 2.4), and only those. */
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * `text` as literal Markdown text: every ASCII punctuation character backslash-escaped (so no
 * emphasis, link, image, heading, list, table, HTML tag or entity, or autolink starts), and
 * line breaks as spaces, so the text stays in the paragraph or table cell it is put in.
 */
export function markdownText(text: string): string {
  return text.replace(PUNCTUATION, '\\$&').replace(/\r\n?|\n/g, ' ');
}

/**
 * `text` as one inline code span, whatever it holds: fenced by one more backtick than its
 * longest run of them, padded with a space when it starts or ends with a backtick, or has a
 * space at both ends (CommonMark 6.1 takes one off each); line breaks as spaces. `tableCell`:
 * `|` written `\|`, which a GFM table needs even inside a code span.
 */
export function markdownCode(text: string, options: { tableCell?: boolean } = {}): string {
  let body = text.replace(/\r\n?|\n/g, ' ');
  if (options.tableCell) body = body.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestBacktickRun(body) + 1);
  // CommonMark strips one space from each end of a span that has one at both and is not all spaces.
  const stripped = body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '';
  const pad = body.startsWith('`') || body.endsWith('`') || stripped ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** `text` in a fenced code block of `language` that no line of it can close (CommonMark 4.5). */
export function markdownCodeBlock(text: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
