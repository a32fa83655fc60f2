// Parses one config file into a `yaml` document, turning every parser complaint into a
// Problem with a position instead of an exception.

import { Alias, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, Document, YAMLError } from 'yaml';
import type { ConfigFile, ConfigFileKind, Problem } from './model';
import { composePlainYaml, YAML_OPTIONS } from './plainYaml';

/** Tags the platform resolves at build time; `yaml` does not know them and must not warn. */
export const PLATFORM_TAGS = ['!include', '!archive'] as const;

const YAML_CODES: Record<string, string> = {
  TAB_AS_INDENT: 'yaml-tab-indent',
  RESOURCE_EXHAUSTION: 'yaml-too-deep',
};

/** A byte order mark: editors drop it from the text they show, so offsets and columns skip it too. */
const BOM = '\ufeff';

export interface ParsedFile {
  readonly file: ConfigFile;
  readonly problems: Problem[];
}

function toProblem(filePath: string, text: string, error: YAMLError, severity: Problem['severity']): Problem {
  let start = Math.min(error.pos[0], text.length);
  let end = Math.min(error.pos[1], text.length);
  if (start === text.length) {
    // `yaml` places end-of-input errors one past the text: mark the last line instead.
    end = text.trimEnd().length;
    start = text.lastIndexOf('\n', end - 1) + 1;
  }
  // `yaml` reports some errors as zero-width; stretch them to the end of the line so the
  // squiggle is visible.
  const lineEnd = text.indexOf('\n', start);
  const stretchedEnd = end > start ? end : lineEnd < 0 ? text.length : Math.max(lineEnd, start);
  const code = YAML_CODES[error.code] ?? 'yaml-syntax';
  if (code === 'yaml-too-deep') {
    // `yaml` gives up on valid YAML nested thousands of levels deep (its message is the engine's
    // "Maximum call stack size exceeded"): say that, without calling it a syntax error.
    const message = 'This value nests more deeply than the checker can follow: it and everything inside it are not checked. Real config is a few levels deep; flatten it.';
    return { span: { file: filePath, start, end: stretchedEnd }, severity: 'warning', code, message };
  }
  return {
    span: { file: filePath, start, end: stretchedEnd },
    severity,
    code,
    message: `YAML syntax error: ${error.message.split('\n')[0]}.`,
  };
}

/**
 * Finds duplicate keys and aliases to missing anchors in one walk. `yaml`'s own
 * `uniqueKeys` check compares every pair with every other (quadratic: seconds on a 1 MB
 * map), and it only notices a missing anchor when converting to JavaScript.
 */
function scanNodes(filePath: string, doc: Document): Problem[] {
  const problems: Problem[] = [];
  const anchors = new Set<string>();
  const aliases: Alias[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchors.add(anchor);
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        if (key !== undefined && typeof key !== 'symbol' && key !== '<<') {
          if (seen.has(key) && pair.key && isScalar(pair.key) && pair.key.range) {
            const [start, end] = pair.key.range;
            problems.push({
              span: { file: filePath, start, end },
              severity: 'error',
              code: 'duplicate-key',
              message: `Duplicate key "${pair.key.toString()}": YAML allows each key once in a mapping. Remove one, or merge their contents.`,
            });
          }
          seen.add(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isAlias(node)) {
      aliases.push(node);
    }
  }
  for (const alias of aliases) {
    if (anchors.has(alias.source) || !alias.range) continue;
    const [start, end] = alias.range;
    problems.push({
      span: { file: filePath, start, end },
      severity: 'error',
      code: 'yaml-unknown-alias',
      message: `Alias *${alias.source} names no anchor: define \`&${alias.source}\` on a node above it, or remove the alias.`,
    });
  }
  return problems;
}

function isPlatformTagWarning(error: YAMLError): boolean {
  return error.code === 'TAG_RESOLVE_FAILED' && PLATFORM_TAGS.some((tag) => error.message.endsWith(`: ${tag}`));
}

/**
 * C0 controls other than tab, line feed and carriage return, and DEL: YAML 1.2 (§5.1,
 * c-printable) forbids them in a stream, and messages show them escaped.
 */
export function isControlCharacter(code: number): boolean {
  return (code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}

/** U+FFFD stands for bytes that were not UTF-8 (Node's decoder); U+FFFE and U+FFFF are not characters. */
const NOT_TEXT = new Set([0xfffd, 0xfffe, 0xffff]);

/** At most this many such characters are reported per file: a binary file would give thousands. */
const MAX_FORBIDDEN = 10;

/** Any character forbiddenCharacters reports; a regular expression finds the first far faster than a loop in JavaScript. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const FORBIDDEN = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ufffe\uffff]/;

function forbiddenCharacters(filePath: string, text: string): Problem[] {
  const problems: Problem[] = [];
  if (!FORBIDDEN.test(text)) return problems;
  for (let i = 0; i < text.length && problems.length < MAX_FORBIDDEN; i++) {
    const code = text.charCodeAt(i);
    if (!isControlCharacter(code) && !NOT_TEXT.has(code)) continue;
    const span = { file: filePath, start: i, end: i + 1 };
    const message =
      code === 0xfffd
        ? 'This file is not valid UTF-8 here (bytes that decode to U+FFFD): save it as UTF-8.'
        : `YAML syntax error: the character U+${code.toString(16).toUpperCase().padStart(4, '0')}${code === 0 ? ' (NUL)' : ''} is not allowed in YAML. Remove it.`;
    problems.push({ span, severity: 'error', code: 'yaml-syntax', message });
  }
  return problems;
}

/** `raw` without a leading byte order mark. */
export function withoutBom(raw: string): string {
  return raw.startsWith(BOM) ? raw.slice(BOM.length) : raw;
}

/**
 * Parses one config file; never throws. A leading byte order mark is dropped, so every offset
 * counts from the first character an editor shows.
 */
export function parseConfigFile(filePath: string, kind: ConfigFileKind, raw: string): ParsedFile {
  const text = withoutBom(raw);
  let lineCounter = new LineCounter();
  // Plain block YAML (most config, and every large generated file) takes the one-pass
  // composer; anything else, every YAML error included, is `yaml`'s own parse.
  const plain = composePlainYaml(text, lineCounter);
  if (!plain) lineCounter = new LineCounter();
  const documents = plain ?? parseAllDocuments(text, { lineCounter, ...YAML_OPTIONS });
  // `parseAllDocuments` returns an EmptyStream (a plain array) for an empty file.
  const list = Array.isArray(documents) ? documents : [documents];
  const problems: Problem[] = [];
  for (const doc of list) {
    // One note on nesting too deep is enough: `yaml` gives one per level it unwinds.
    for (const e of doc.errors) if (e.code !== 'RESOURCE_EXHAUSTION' || !problems.some((p) => p.code === YAML_CODES.RESOURCE_EXHAUSTION)) problems.push(toProblem(filePath, text, e, 'error'));
    for (const w of doc.warnings) if (!isPlatformTagWarning(w)) problems.push(toProblem(filePath, text, w, 'warning'));
  }
  if (list.length > 1) {
    const second = list[1].range[0];
    problems.push({
      span: { file: filePath, start: second, end: Math.min(text.length, second + 3) },
      severity: 'warning',
      code: 'multiple-documents',
      message: 'The platform reads only the first YAML document of a file; everything after this `---` is ignored. Move it into the first document or another file.',
    });
  }
  const document = list[0] ?? parseDocument('');
  problems.push(...forbiddenCharacters(filePath, text));
  problems.push(...scanNodes(filePath, document));
  return { file: { path: filePath, kind, text, document, lineCounter }, problems };
}
