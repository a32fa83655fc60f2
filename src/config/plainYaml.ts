// Builds the `yaml` document of a file written in YAML's plainest block style without `yaml`'s
// parser: one pass over the lines, straight to the nodes `yaml`'s Composer would make, with the
// same values and ranges. `yaml`'s own pipeline keeps the whole concrete syntax tree of a
// document in memory beside its nodes (about 330 MB and 2 s of CPU for a 5 MB routes file,
// most of it the garbage collector copying tokens that live until the document ends); this
// pass makes only the nodes. Anything outside that style is left to `yaml`: the caller parses
// the file again with it whenever this returns undefined, so every YAML error, warning and
// unusual construct is still `yaml`'s own.

import { isScalar, Document, LineCounter, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { ParsedNode, Range, ScalarTag } from 'yaml';

/** The options parseConfigFile gives `yaml`; the nodes made here follow the same schema. */
export const YAML_OPTIONS = { merge: true, prettyErrors: false, uniqueKeys: false } as const;

const SCHEMA = new Document(undefined, YAML_OPTIONS).schema;
/** The core schema's scalar tags that a plain scalar is tested against, in `yaml`'s order. */
const IMPLICIT_TAGS = SCHEMA.tags.filter((tag): tag is ScalarTag => tag.default === true && tag.test !== undefined && !tag.collection);
/** Tags that apply to keys only (the merge key `<<`): such a key is left to `yaml`. */
const KEY_TAGS = SCHEMA.tags.filter((tag) => tag.default === 'key' && tag.test);
/** First characters of a plain scalar that some core schema tag (null, bool, int, float) may match; others are strings. */
const MAY_RESOLVE = new Set('~nNtTfF0123456789+-.'.split('').map((c) => c.charCodeAt(0)));

/** A character `yaml` treats specially somewhere: such a file takes `yaml`'s own parse. */
// eslint-disable-next-line no-control-regex -- control characters are among what it finds
const UNUSUAL = /[\0-\x09\x0b-\x1f\x7f\\\ufeff\ufffd\ufffe\uffff]/;
/** Characters that start something other than a plain scalar: `&*!|>%@\`` and `?`, `-`, `:` ones are left to `yaml`. */
const INDICATORS = new Set('-?:,[]{}#&*!|>\'"%@`'.split('').map((c) => c.charCodeAt(0)));
/** Plain scalars in flow collections stop at these; any of them inside one is left to `yaml`. */
const FLOW_STOPS = new Set(',[]{}#:"\''.split('').map((c) => c.charCodeAt(0)));
/** `yaml` refuses implicit keys longer than 1024 characters; keys near that length are left to it. */
const MAX_KEY = 1000;

/** Texts up to this length are shared between their repeats, up to this many distinct ones (a bound on the map). */
const MAX_SHARED_TEXT = 32;
const MAX_SHARED_TEXTS = 10_000;

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;

/** Thrown inside the pass when the text leaves the plain style; caught at the top. */
class NotPlain extends Error {}

function notPlain(): never {
  throw new NotPlain();
}

/**
 * A node's range as three small integers on the node instead of an array of its own: the
 * arrays were a third of the heap a large document takes (about 7 MB per MiB of routes), and
 * `range` gives `yaml`'s [start, value end, node end] array on each read.
 */
interface CompactRange {
  rangeStart: number;
  valueEnd: number;
  nodeEnd: number;
}

function compactRanges(prototype: object): void {
  Object.defineProperty(prototype, 'range', {
    configurable: true,
    get(this: CompactRange): Range {
      return [this.rangeStart, this.valueEnd, this.nodeEnd];
    },
    set(this: CompactRange, range: Range) {
      [this.rangeStart, this.valueEnd, this.nodeEnd] = range;
    },
  });
}

class PlainScalar extends Scalar implements CompactRange {
  constructor(
    value: unknown,
    public rangeStart: number,
    public valueEnd: number,
    public nodeEnd: number,
  ) {
    super(value);
  }
}

class PlainMap extends YAMLMap implements CompactRange {
  rangeStart = 0;
  valueEnd = 0;
  nodeEnd = 0;
}

class PlainSeq extends YAMLSeq implements CompactRange {
  rangeStart = 0;
  valueEnd = 0;
  nodeEnd = 0;
}

for (const kind of [PlainScalar, PlainMap, PlainSeq]) compactRanges(kind.prototype);

type Node = PlainScalar | PlainMap | PlainSeq;

/** Sets a collection's range: its start, and its last item's node end as both value end and node end. */
function closeCollection(node: PlainMap | PlainSeq, start: number, end: number): void {
  node.rangeStart = start;
  node.valueEnd = end;
  node.nodeEnd = end;
}

/**
 * The document `yaml`'s parseAllDocuments (with YAML_OPTIONS) would give for `text`, when
 * `text` is one document of block mappings and sequences whose scalars each sit on one line
 * (plain, or quoted without escapes) and whose flow collections each sit on one line and hold
 * only such scalars; comments and blank lines anywhere. Undefined for anything else (tags,
 * anchors, aliases, merge keys, block scalars, multi-line scalars, tabs, carriage returns,
 * control characters, a backslash anywhere, `---`, directives, explicit keys, an empty file,
 * and every YAML error). Each node's range is `yaml`'s: [start, value end, node end], where a
 * scalar's node end takes in what follows it on its line and a collection's value end is its
 * last item's node end. Comments are not kept on the nodes; nothing here reads them. Fills
 * `lineCounter` with every line start, as `yaml`'s parser does.
 */
export function composePlainYaml(text: string, lineCounter: LineCounter): Document.Parsed | undefined {
  if (text.length === 0 || UNUSUAL.test(text)) return undefined;
  let contents: Node;
  try {
    contents = new PlainComposer(text).document();
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
  lineCounter.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
  const doc = new Document(undefined, YAML_OPTIONS) as Document.Parsed;
  doc.contents = contents as ParsedNode;
  doc.range = [contents.rangeStart, contents.nodeEnd, text.length];
  return doc;
}

/** The first core schema tag whose test matches a plain scalar's text, which resolves it; none for a string. */
function implicitTag(source: string): ScalarTag | undefined {
  return MAY_RESOLVE.has(source.charCodeAt(0)) ? IMPLICIT_TAGS.find((t) => t.test?.test(source)) : undefined;
}

/** A plain scalar as `yaml`'s composeScalar makes it, resolved by `tag` (implicitTag's), else a string. */
function plainScalar(source: string, tag: ScalarTag | undefined, atKey: boolean, start: number, valueEnd: number, nodeEnd: number): PlainScalar {
  if (atKey && KEY_TAGS.some((keyTag) => keyTag.test?.test(source))) notPlain();
  if (!tag) return scalar(source, source, 'PLAIN', start, valueEnd, nodeEnd);
  const resolved: unknown = tag.resolve(source, notPlain, YAML_OPTIONS);
  // Null, bool and float tags make a node of their own (a float's with its minFractionDigits).
  const node = scalar(isScalar(resolved) ? resolved.value : resolved, source, 'PLAIN', start, valueEnd, nodeEnd);
  if (isScalar(resolved) && resolved.minFractionDigits !== undefined) node.minFractionDigits = resolved.minFractionDigits;
  if (tag.format) node.format = tag.format;
  return node;
}

function scalar(value: unknown, source: string, type: Scalar.Type, start: number, valueEnd: number, nodeEnd: number): PlainScalar {
  const node = new PlainScalar(value, start, valueEnd, nodeEnd);
  node.source = source;
  node.type = type;
  return node;
}

class PlainComposer {
  /** Start of the current line. */
  private line = 0;
  /** Column of the current content; the current line's indent, or more inside `- ` items. */
  private indent = 0;
  /** Offset of the current content (its first non-space character). */
  private at = 0;
  /** End of the current line (its line feed, or the text's end). */
  private end = 0;
  /** Whether the text is used up. */
  private done = false;
  /**
   * Items of the collections being read, innermost last; each collection takes its own off the
   * end into an array of exactly their number (arrays grown by push keep up to 17 slots).
   */
  private readonly pending: (Node | Pair)[] = [];
  /** Short texts met so far, for each repeat to share one string (`type`, `upstream`, …). */
  private readonly texts = new Map<string, string>();
  /** implicitTag of short texts met so far (null for a string): testing every tag's pattern on each `true` and `type` was a tenth of the pass. */
  private readonly tags = new Map<string, ScalarTag | null>();

  constructor(private readonly text: string) {}

  document(): Node {
    this.seekContent(0);
    if (this.done || this.indent !== 0) notPlain();
    const node = this.block(0);
    if (!this.done) notPlain();
    return node;
  }

  /** Moves to the next line that holds content, from the line starting at `from`; comment and blank lines are skipped. */
  private seekContent(from: number): void {
    const { text } = this;
    let start = from;
    let commentIndent = -1;
    while (start < text.length) {
      let i = start;
      while (text.charCodeAt(i) === SPACE) i++;
      const lineEnd = text.indexOf('\n', i);
      const end = lineEnd < 0 ? text.length : lineEnd;
      const c = text.charCodeAt(i);
      if (i < end && c !== HASH) {
        // A comment more indented than what follows it belongs to the block before it, and
        // `yaml` stretches that block's range over it: left to `yaml`.
        if (commentIndent > i - start) notPlain();
        // `---` and `...` at a line's start mark documents.
        if (i === start && (text.startsWith('---', i) || text.startsWith('...', i))) notPlain();
        this.line = start;
        this.at = i;
        this.indent = i - start;
        this.end = end;
        return;
      }
      if (c === HASH) commentIndent = Math.max(commentIndent, i - start);
      start = end + 1;
    }
    if (commentIndent > 0) notPlain();
    this.done = true;
  }

  /** Whether a comment line lies between `from` and the current content (or the text's end). */
  private commentBefore(from: number): boolean {
    const upTo = this.done ? this.text.length : this.line;
    return this.find(HASH, -1, from, upTo) >= 0;
  }

  /**
   * The first offset in [from, end) of the character `first` (followed by `second` unless it
   * is -1), or -1. Searches stay inside one line: `indexOf` would run on through the rest of
   * the text on every line that lacks the character, quadratic in the file's size.
   */
  private find(first: number, second: number, from: number, end: number): number {
    const { text } = this;
    for (let i = from; i < end; i++) {
      if (text.charCodeAt(i) === first && (second < 0 || text.charCodeAt(i + 1) === second)) return i;
    }
    return -1;
  }

  /** The items pushed since `base`, removed from `pending`. */
  private takePending(base: number): (Node | Pair)[] {
    const items = this.pending.slice(base);
    this.pending.length = base;
    return items;
  }

  /**
   * `text.slice(from, to)`, one string for each repeat of a short text: V8 copies slices
   * under 13 characters, and keys and values such as `type` or `enabled` recur on every entry.
   */
  private slice(from: number, to: number): string {
    const piece = this.text.slice(from, to);
    if (piece.length > MAX_SHARED_TEXT) return piece;
    const shared = this.texts.get(piece);
    if (shared !== undefined) return shared;
    if (this.texts.size < MAX_SHARED_TEXTS) this.texts.set(piece, piece);
    return piece;
  }

  private tagOf(source: string): ScalarTag | undefined {
    if (!MAY_RESOLVE.has(source.charCodeAt(0))) return undefined;
    if (source.length > MAX_SHARED_TEXT) return implicitTag(source);
    let tag = this.tags.get(source);
    if (tag === undefined) {
      tag = implicitTag(source) ?? null;
      if (this.tags.size < MAX_SHARED_TEXTS) this.tags.set(source, tag);
    }
    return tag ?? undefined;
  }

  /** Past the end of the current line, including its line feed. */
  private afterLine(): number {
    return this.end < this.text.length ? this.end + 1 : this.end;
  }

  /** A block mapping or sequence whose first entry is the current content, at column `indent`. */
  private block(indent: number, inMapAtSameIndent = false): PlainMap | PlainSeq {
    return this.isDash(this.at) ? this.sequence(indent, inMapAtSameIndent) : this.mapping(indent);
  }

  private isDash(at: number): boolean {
    const next = this.text.charCodeAt(at + 1);
    return this.text.charCodeAt(at) === DASH && (next === SPACE || at + 1 === this.end);
  }

  /** `inMapAtSameIndent`: the value of a key at the same column (`key:` then `- item`), which ends where the next key starts. */
  private sequence(indent: number, inMapAtSameIndent: boolean): PlainSeq {
    const seq = new PlainSeq(SCHEMA);
    const start = this.at;
    const base = this.pending.length;
    let last: Node | undefined;
    while (!this.done && this.indent === indent && this.isDash(this.at)) {
      let i = this.at + 1;
      while (this.text.charCodeAt(i) === SPACE) i++;
      // An empty item, or one whose content starts on the next line, is left to `yaml`.
      if (i >= this.end || this.text.charCodeAt(i) === HASH) notPlain();
      this.indent = i - this.line;
      this.at = i;
      last = this.isKeyLine() ? this.mapping(this.indent) : this.inlineValue(i, indent);
      this.pending.push(last);
    }
    if (!(inMapAtSameIndent && this.indent === indent)) this.endOfBlock(indent);
    seq.items = this.takePending(base);
    closeCollection(seq, start, last!.nodeEnd);
    return seq;
  }

  /** Whether the current content is `key:` followed by a space or the line's end. */
  private isKeyLine(): boolean {
    const { text } = this;
    const c = text.charCodeAt(this.at);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.find(c, -1, this.at + 1, this.end);
      return close > 0 && text.charCodeAt(close + 1) === COLON;
    }
    // A flow collection is an item of its own (as a key it is left to `yaml` by inlineValue).
    if (c === 0x5b || c === 0x7b) return false;
    if (this.find(COLON, SPACE, this.at, this.end) >= 0) return true;
    return text.charCodeAt(this.end - 1) === COLON;
  }

  private mapping(indent: number): PlainMap {
    const map = new PlainMap(SCHEMA);
    const start = this.at;
    const base = this.pending.length;
    let last: Node | undefined;
    while (!this.done && this.indent === indent) {
      const key = this.key();
      const afterColon = key.valueEnd + 1;
      let i = afterColon;
      while (this.text.charCodeAt(i) === SPACE) i++;
      let value: Node;
      if (i < this.end && this.text.charCodeAt(i) !== HASH) {
        value = this.inlineValue(i, indent);
      } else {
        // Nothing after the colon: a block below, or an empty value (null).
        if (i < this.end) notPlain(); // a comment after `key:`: `yaml` files it with the value
        const lineEnd = this.end;
        this.seekContent(this.afterLine());
        if (!this.done && (this.indent > indent || (this.indent === indent && this.isDash(this.at)))) {
          value = this.block(this.indent, this.indent === indent);
        } else {
          if (this.commentBefore(lineEnd)) notPlain(); // `yaml` files a comment after an empty value with it
          value = scalar(null, '', 'PLAIN', i, i, i);
        }
      }
      this.pending.push(new Pair(key, value));
      last = value;
    }
    this.endOfBlock(indent);
    map.items = this.takePending(base) as Pair[];
    closeCollection(map, start, last!.nodeEnd);
    return map;
  }

  /** After a block's last entry: what follows is less indented, or nothing. */
  private endOfBlock(indent: number): void {
    if (!this.done && this.indent >= indent) notPlain();
  }

  /** The key at the current content, up to its colon (which must be followed by a space or the line's end). */
  private key(): PlainScalar {
    const { text } = this;
    const start = this.at;
    const c = text.charCodeAt(start);
    let node: PlainScalar;
    if (c === DQUOTE || c === SQUOTE) {
      node = this.quoted(start, this.end);
    } else {
      if (!this.startsPlain(start)) notPlain();
      let colon = this.find(COLON, SPACE, start, this.end);
      if (colon < 0) colon = this.end - 1;
      if (text.charCodeAt(colon) !== COLON) notPlain();
      const source = this.slice(start, colon);
      // A trailing space, a comment, or a key `yaml` refuses as too long is left to it.
      if (source.endsWith(' ') || source.includes(' #') || source.length > MAX_KEY) notPlain();
      node = plainScalar(source, this.tagOf(source), true, start, colon, colon);
    }
    const colon = node.valueEnd;
    const next = text.charCodeAt(colon + 1);
    if (text.charCodeAt(colon) !== COLON || (next !== SPACE && colon + 1 !== this.end)) notPlain();
    return node;
  }

  /**
   * A scalar or flow collection starting at `at` and ending its line (but for a comment), in a
   * block at column `indent`; moves to the next content, which must not be more indented.
   */
  private inlineValue(at: number, indent: number): Node {
    const { text } = this;
    const c = text.charCodeAt(at);
    const nodeEnd = this.afterLine();
    let node: Node;
    if (c === DQUOTE || c === SQUOTE) {
      node = this.quoted(at, this.end);
      this.restIsComment(node.valueEnd);
      node.nodeEnd = nodeEnd;
    } else if (c === 0x5b || c === 0x7b) {
      const flow = this.flow(at);
      this.restIsComment(flow.valueEnd);
      flow.nodeEnd = nodeEnd;
      node = flow;
    } else {
      if (!this.startsPlain(at)) notPlain();
      let stop = this.find(SPACE, HASH, at, this.end);
      if (stop < 0) stop = this.end;
      let valueEnd = stop;
      while (text.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
      const source = this.slice(at, valueEnd);
      // `a: b: c` is an error and `a: b:` a nested key: both are `yaml`'s to judge.
      if (source.includes(': ') || source.endsWith(':')) notPlain();
      node = plainScalar(source, this.tagOf(source), false, at, valueEnd, nodeEnd);
    }
    this.seekContent(nodeEnd);
    // A more indented line would continue a plain scalar or be an error.
    if (!this.done && this.indent > indent) notPlain();
    return node;
  }

  /** Whether a plain scalar may start at `at`: not at an indicator, but for `-` before a character that makes it text (`-1`, `-x`). */
  private startsPlain(at: number): boolean {
    const c = this.text.charCodeAt(at);
    if (!INDICATORS.has(c)) return true;
    const next = this.text.charCodeAt(at + 1);
    return c === DASH && at + 1 < this.end && next !== SPACE && !FLOW_STOPS.has(next);
  }

  /** Only spaces and a comment after `from` on the current line. */
  private restIsComment(from: number): void {
    let i = from;
    while (this.text.charCodeAt(i) === SPACE) i++;
    if (i < this.end && (this.text.charCodeAt(i) !== HASH || i === from)) notPlain();
  }

  /** A quoted scalar closed on the current line (before `lineEnd`), without escapes but `''`. */
  private quoted(at: number, lineEnd: number): PlainScalar {
    const { text } = this;
    const quote = text.charCodeAt(at);
    let close = this.find(quote, -1, at + 1, lineEnd);
    let value = '';
    let from = at + 1;
    while (quote === SQUOTE && close >= 0 && text.charCodeAt(close + 1) === SQUOTE) {
      value += text.slice(from, close + 1);
      from = close + 2;
      close = this.find(SQUOTE, -1, from, lineEnd);
    }
    if (close < 0) notPlain();
    value = value === '' ? this.slice(from, close) : value + text.slice(from, close);
    return scalar(value, value, quote === DQUOTE ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', at, close + 1, close + 1);
  }

  /** A flow sequence `[a, "b"]` or mapping `{a: b}` on the current line, of scalars only. */
  private flow(at: number): PlainMap | PlainSeq {
    const { text } = this;
    const isMap = text.charCodeAt(at) === 0x7b;
    const closeChar = isMap ? 0x7d : 0x5d;
    const collection = isMap ? new PlainMap(SCHEMA) : new PlainSeq(SCHEMA);
    collection.flow = true;
    let i = this.skipSpaces(at + 1);
    if (text.charCodeAt(i) === closeChar) {
      closeCollection(collection, at, i + 1);
      return collection;
    }
    const base = this.pending.length;
    for (;;) {
      const item = this.flowScalar(i, isMap);
      // A key with spaces before its colon, or a seq item followed by one, is left to `yaml`.
      if (item.valueEnd !== item.nodeEnd && text.charCodeAt(item.nodeEnd) === COLON) notPlain();
      i = item.nodeEnd;
      if (isMap) {
        if (text.charCodeAt(i) !== COLON || text.charCodeAt(i + 1) !== SPACE) notPlain();
        const v = this.skipSpaces(i + 1);
        const c = text.charCodeAt(v);
        const value = c === 0x2c || c === closeChar ? scalar(null, '', 'PLAIN', v, v, v) : this.flowScalar(v, false);
        this.pending.push(new Pair(item, value));
        i = value.nodeEnd;
      } else {
        this.pending.push(item);
      }
      const c = text.charCodeAt(i);
      if (c === closeChar) break;
      if (c !== 0x2c) notPlain();
      i = this.skipSpaces(i + 1);
      // A trailing comma, or an empty entry, is left to `yaml`.
      if (text.charCodeAt(i) === closeChar || text.charCodeAt(i) === 0x2c) notPlain();
    }
    collection.items = this.takePending(base);
    closeCollection(collection, at, i + 1);
    return collection;
  }

  private skipSpaces(from: number): number {
    let i = from;
    while (this.text.charCodeAt(i) === SPACE) i++;
    if (i >= this.end) notPlain();
    return i;
  }

  /** A scalar inside a flow collection; its node end takes in the spaces after it. */
  private flowScalar(at: number, atKey: boolean): PlainScalar {
    const { text } = this;
    const c = text.charCodeAt(at);
    let node: PlainScalar;
    if (c === DQUOTE || c === SQUOTE) {
      node = this.quoted(at, this.end);
    } else {
      if (!this.startsPlain(at)) notPlain();
      let i = at;
      while (i < this.end && !FLOW_STOPS.has(text.charCodeAt(i))) i++;
      let valueEnd = i;
      while (text.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
      const source = this.slice(at, valueEnd);
      // A `:` or `#` inside a plain scalar is a matter for `yaml`; so is the key/value choice.
      const stop = text.charCodeAt(i);
      if (stop === HASH || stop === DQUOTE || stop === SQUOTE || (stop === COLON && (!atKey || text.charCodeAt(i + 1) !== SPACE))) notPlain();
      node = plainScalar(source, this.tagOf(source), atKey, at, valueEnd, valueEnd);
    }
    let after = node.valueEnd;
    while (text.charCodeAt(after) === SPACE) after++;
    if (after >= this.end) notPlain();
    node.nodeEnd = after;
    return node;
  }
}
