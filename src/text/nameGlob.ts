// The one glob dialect for names the user matches with patterns: topic and consumer group
// filters in the explorer, and the production guard's patterns on service, environment and
// broker names. `*` any characters (`/` too: none of these names is a path, and a branch
// named `feature/prod-fix` must match `*prod*`), `?` one, `[0-9]` / `[!0-9]` one of a class or
// not, `{prod,live}` either, `\` takes the next character as written, a leading `!` negates;
// case is ignored, and a pattern matches the whole name.
//
// Matched here, not by compiling to a regular expression (picomatch did): V8 backtracks
// through each `*` of such an expression, so `*a*a*a*a*a*a*a*b` took 80 s against a name of
// 60 a's, on the extension host's thread, and the guard's patterns may come from a cloned
// workspace's settings. This matcher takes at most (name length × pattern length) steps.

/** Whether one name matches. */
export type NameMatcher = (name: string) => boolean;

type Token = { readonly kind: 'star' } | { readonly kind: 'one' } | { readonly kind: 'char'; readonly char: string } | { readonly kind: 'class'; readonly negated: boolean; readonly ranges: readonly (readonly [string, string])[] };

/** Whether `text` holds a character with a meaning in this dialect: `*`, `?`, `[`, `]`, `{` or `}`. */
export function hasGlobCharacters(text: string): boolean {
  return /[*?[\]{}]/.test(text);
}

/** Past this many alternatives (`{a,b}{c,d}…` multiplies), braces are taken as written. */
const MAX_ALTERNATIVES = 100;

/**
 * Matches a whole name against any of `patterns` (blank ones are ignored; none at all
 * matches nothing). Never throws: what is not glob syntax (an unclosed `[` or `{`) is text.
 */
export function nameMatcher(patterns: string | readonly string[]): NameMatcher {
  const list = (typeof patterns === 'string' ? [patterns] : patterns).map((p) => p.trim()).filter((p) => p.length > 0);
  const compiled = list.map(compileGlob);
  return (name) => {
    const chars = Array.from(name.toLowerCase());
    return compiled.some(({ negated, alternatives }) => alternatives.some((tokens) => matchTokens(tokens, chars)) !== negated);
  };
}

function compileGlob(glob: string): { negated: boolean; alternatives: Token[][] } {
  const negated = glob.startsWith('!') && glob.length > 1;
  const body = negated ? glob.slice(1) : glob;
  const expanded = expandBraces(Array.from(body.toLowerCase()));
  return { negated, alternatives: (expanded.length <= MAX_ALTERNATIVES ? expanded : [Array.from(body.toLowerCase())]).map(tokenize) };
}

/** `{a,b}` and nested braces as every alternative, left to right; an unclosed `{` is text. */
function expandBraces(chars: readonly string[]): string[][] {
  let open = -1;
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '\\') i++;
    else if (chars[i] === '{') {
      open = i;
      break;
    }
  }
  if (open < 0) return [[...chars]];
  const parts: string[][] = [];
  let depth = 0;
  let start = open + 1;
  let close = -1;
  for (let i = open + 1; i < chars.length && close < 0; i++) {
    const c = chars[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (c === '}') {
      parts.push(chars.slice(start, i));
      close = i;
    } else if (c === ',' && depth === 0) {
      parts.push(chars.slice(start, i));
      start = i + 1;
    }
  }
  const head = chars.slice(0, open);
  if (close < 0) return expandBraces(chars.slice(open + 1)).map((rest) => [...head, '\\', '{', ...rest]);
  // `{a}` (one part) is text, as in the shells.
  if (parts.length < 2) return expandBraces(chars.slice(open + 1)).map((rest) => [...head, '\\', '{', ...rest]);
  const tails = expandBraces(chars.slice(close + 1));
  const out: string[][] = [];
  for (const part of parts) {
    for (const middle of expandBraces(part)) {
      for (const tail of tails) {
        out.push([...head, ...middle, ...tail]);
        if (out.length > MAX_ALTERNATIVES) return out;
      }
    }
  }
  return out;
}

function tokenize(chars: readonly string[]): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\' && i + 1 < chars.length) tokens.push({ kind: 'char', char: chars[++i] });
    else if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'one' });
    else if (c === '[') {
      const parsed = parseClass(chars, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else tokens.push({ kind: 'char', char: c });
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

/** `[…]` from `chars[at]`: its token and the index of its `]`, or undefined when unclosed. */
function parseClass(chars: readonly string[], at: number): { token: Token; end: number } | undefined {
  let i = at + 1;
  const negated = chars[i] === '!' || chars[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  for (let first = true; i < chars.length; first = false, i++) {
    let c = chars[i];
    if (c === ']' && !first) return { token: { kind: 'class', negated, ranges }, end: i };
    if (c === '\\' && i + 1 < chars.length) c = chars[++i];
    if (chars[i + 1] === '-' && i + 2 < chars.length && chars[i + 2] !== ']') {
      let last = chars[i + 2];
      i += 2;
      if (last === '\\' && i + 1 < chars.length) last = chars[++i];
      ranges.push([c, last]);
    } else ranges.push([c, c]);
  }
  return undefined;
}

/**
 * The classic wildcard match: on a mismatch, only the last `*` seen takes one more
 * character; an earlier one never needs to, as every token but `*` matches one character.
 */
function matchTokens(tokens: readonly Token[], name: readonly string[]): boolean {
  let t = 0;
  let n = 0;
  let star = -1;
  let starAt = 0;
  while (n < name.length) {
    const token = tokens[t];
    if (token?.kind === 'star') {
      star = t++;
      starAt = n;
    } else if (token !== undefined && matchesOne(token, name[n])) {
      t++;
      n++;
    } else if (star >= 0) {
      t = star + 1;
      n = ++starAt;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

function matchesOne(token: Exclude<Token, { kind: 'star' }>, char: string): boolean {
  if (token.kind === 'one') return true;
  if (token.kind === 'char') return token.char === char;
  // Name and pattern are both lower-cased: [A-Z] is [a-z] and matches "Q" as "q".
  return token.ranges.some(([from, to]) => from <= char && char <= to) !== token.negated;
}
