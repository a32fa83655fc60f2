// Checks every file against the shape of its kind, derived from the official schema: value
// types, unknown keys (with the closest allowed key) and required keys. Values behind the
// platform's own tags (`!include`, `!archive`) are resolved at build time and never checked.

import { isAlias, isMap, isPair, isScalar, isSeq, Document, Node as YamlNode } from 'yaml';
import { fileShape, REQUIRED_UNLESS } from '../catalog/configShapes';
import type { Shape, ValueType } from '../catalog/shapes';
import type { ConfigFile, OffsetRange, Problem, Severity } from '../config/model';
import { PLATFORM_TAGS } from '../config/parseFile';
import { entries, nodeRange, resolve } from '../config/yamlNodes';
import { closest } from './closest';
import { CODES } from './codes';
import { listOf, problem } from './problem';

/** Hostile nesting stops here; real config is a handful of levels deep. */
const MAX_DEPTH = 64;

const TYPE_NAMES: Record<ValueType, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

/** Upsun dropped these keys from YAML: resources are set per environment with the CLI. */
const UPSUN_RESOURCE_KEYS = new Set(['disk', 'size']);

function valueType(node: YamlNode | null | undefined): ValueType {
  if (node === null || node === undefined) return 'null';
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return 'boolean';
    if (typeof v === 'number' || typeof v === 'bigint') return Number.isInteger(Number(v)) ? 'integer' : 'number';
  }
  return 'string';
}

function accepts(types: readonly ValueType[], actual: ValueType): boolean {
  if (types.includes(actual)) return true;
  if (actual === 'integer' && types.includes('number')) return true;
  // An empty value where a mapping or list goes reads as "none" on the platform.
  return actual === 'null' && (types.includes('object') || types.includes('array'));
}

const isScalarType = (t: ValueType): boolean => t !== 'object' && t !== 'array';

function isPlatformTagged(node: unknown): boolean {
  const tag = (node as { tag?: string } | null)?.tag;
  return tag !== undefined && (PLATFORM_TAGS as readonly string[]).includes(tag);
}

/**
 * Where a subject takes values written elsewhere: the alias (`cron: *app`) or merge key
 * (`<<: *app`) inside the subject's own text. Findings in those values are reported here, once
 * per subject, naming it; the anchored text itself belongs to its own owner, if any.
 */
interface Use {
  readonly range: OffsetRange;
  /** How the message says it: `through \`*app\``, `inherited through \`<<: *app\``. */
  readonly how: string;
}

/** Nodes checked again for each subject that uses them, past which an alias is checked once. */
const ALIAS_VISIT_BUDGET = 100_000;

class ShapeChecker {
  readonly problems: Problem[] = [];
  private readonly doc: Document;
  /** Nodes reached through aliases, with the shapes and uses already checked: alias fan-out stays linear. */
  private readonly viaAlias = new Map<YamlNode, Map<Shape, Set<number>>>();
  private use: Use | undefined;
  private aliasVisits = 0;

  constructor(private readonly file: ConfigFile) {
    this.doc = file.document;
  }

  private add(range: OffsetRange, severity: Severity, code: Parameters<typeof problem>[2], message: string, data?: Parameters<typeof problem>[4]): void {
    // At a use, a quick fix would rewrite the alias, not the key it is about.
    const [at, fix] = this.use ? [this.use.range, undefined] : [range, data];
    this.problems.push(problem({ file: this.file.path, start: at.start, end: at.end }, severity, code, message, fix));
  }

  /** Runs `work` on values taken through `use`, unless the subject already takes them through an outer one. */
  private within(use: Use, work: () => void): void {
    const outer = this.use;
    this.use = outer ?? use;
    try {
      work();
    } finally {
      this.use = outer;
    }
  }

  /** `where` names the value for messages (`services.kafka.disk`); `at` is the span to mark when the node has none. */
  check(raw: unknown, shape: Shape, where: string, at: OffsetRange, depth = 0): void {
    if (depth > MAX_DEPTH || isPlatformTagged(raw)) return;
    const node = isAlias(raw) ? resolve(this.doc, raw) : (raw as YamlNode | null | undefined);
    if (isAlias(raw)) {
      if (!node) return; // dangling alias: the parser reported it
      const aliasRange = nodeRange(raw) ?? at;
      const use = this.use ?? { range: aliasRange, how: `through \`*${raw.source}\`` };
      // Each subject is checked through its own use until the budget is spent; then once per node.
      const useKey = this.aliasVisits < ALIAS_VISIT_BUDGET ? use.range.start : -1;
      const shapes = this.viaAlias.get(node) ?? new Map<Shape, Set<number>>();
      const uses = shapes.get(shape) ?? new Set<number>();
      if (uses.has(useKey)) return;
      this.viaAlias.set(node, shapes.set(shape, uses.add(useKey)));
      if (!this.use) return this.within(use, () => this.check(node, shape, where, at, depth));
    }
    if (this.use) this.aliasVisits++;
    if (isPlatformTagged(node)) return;
    const range = nodeRange(node);
    const whole = range && range.end > range.start ? range : at;
    // The top level spans the file: mark its first line.
    const mark = where ? whole : this.firstLine(whole);
    const actual = valueType(node);
    if (shape.types && !accepts(shape.types, actual)) {
      const expected = shape.types.map((t) => TYPE_NAMES[t]).join(' or ');
      // A number where text goes still reads as text on most paths: warn. A list where a mapping goes never works.
      const severity = isScalarType(actual) && shape.types.some(isScalarType) ? 'warning' : 'error';
      this.add(mark, severity, CODES.wrongType, `${this.subject(where)} must be ${expected}, not ${TYPE_NAMES[actual]}. ${where ? `Change the value to ${expected}` : shape.types.includes('object') ? `Write the file as a mapping${this.topLevelHint()}` : `Write the file as ${expected}`}.`);
      return;
    }
    if (shape.enum && isScalar(node) && !shape.enum.includes(node.value as string)) {
      this.add(mark, 'error', CODES.wrongType, `${this.subject(where)} must be one of ${listOf(shape.enum.map(String))}. Use one of those values.`);
      return;
    }
    if (isMap(node)) this.checkMap(node, shape, where, at, depth);
    else if (isSeq(node) && shape.items) {
      node.items.forEach((item, i) => this.check(item, shape.items as Shape, `${where}[${i}]`, this.firstLine(nodeRange(item) ?? mark), depth + 1));
    } else if (actual === 'null') {
      for (const key of shape.required ?? []) this.missingKey(key, where, at);
    }
  }

  private checkMap(node: YamlNode, shape: Shape, where: string, at: OffsetRange, depth: number): void {
    if (!isMap(node)) return;
    const keys = new Set<string>();
    let merges = false;
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const keyValue = pair.key.value;
      if (keyValue === '<<' || typeof keyValue === 'symbol') {
        merges = true;
        continue;
      }
      const key = keyValue === null || keyValue === undefined ? '' : pair.key.toString();
      keys.add(key);
      const keyRange = nodeRange(pair.key) ?? at;
      const path = where ? `${where}.${key}` : key;
      const known = shape.properties?.[key];
      if (known) this.check(pair.value, known, path, keyRange, depth + 1);
      else if (shape.additional === false && !this.isBrokenLine(pair.key)) this.unknownKey(key, keyRange, shape, where);
      else if (shape.additional) this.check(pair.value, shape.additional, path, keyRange, depth + 1);
    }
    if (merges) this.checkMerged(node, shape, where, at, depth, keys);
    if (!shape.required?.length) return;
    if (merges) for (const e of entries(this.doc, node)) keys.add(e.key);
    const missing = shape.required.filter((k) => !keys.has(k) && !(REQUIRED_UNLESS[k] !== undefined && keys.has(REQUIRED_UNLESS[k])));
    for (const key of missing) this.missingKey(key, where, at);
  }

  /**
   * The keys a mapping takes through its merge keys (`<<: *base`, `<<: [*a, *b]`) and does not
   * write itself, checked as its own and reported at the merge key. `written` holds the keys
   * already seen; the first merged map that has a key wins, as in `entries`.
   */
  private checkMerged(node: YamlNode, shape: Shape, where: string, at: OffsetRange, depth: number, written: Set<string>): void {
    if (!isMap(node) || depth >= MAX_DEPTH) return;
    const seen = new Set(written);
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !(pair.key.value === '<<' || typeof pair.key.value === 'symbol')) continue;
      const keyRange = nodeRange(pair.key) ?? at;
      const valueRange = nodeRange(pair.value);
      const source = valueRange ? this.file.text.slice(valueRange.start, valueRange.end).trim() : '';
      const use: Use = { range: { start: keyRange.start, end: valueRange?.end ?? keyRange.end }, how: `inherited through \`<<: ${source}\`` };
      const sources = resolve(this.doc, pair.value);
      for (const merged of isSeq(sources) ? sources.items : [pair.value]) {
        for (const e of entries(this.doc, merged)) {
          if (seen.has(e.key)) continue;
          seen.add(e.key);
          if (this.aliasVisits++ >= ALIAS_VISIT_BUDGET) return;
          const path = where ? `${where}.${e.key}` : e.key;
          const known = shape.properties?.[e.key];
          this.within(use, () => {
            if (known) this.check(e.pair.value, known, path, e.keyRange, depth + 1);
            else if (shape.additional === false && !this.isBrokenLine(e.keyNode)) this.unknownKey(e.key, e.keyRange, shape, where);
            else if (shape.additional) this.check(e.pair.value, shape.additional, path, e.keyRange, depth + 1);
          });
        }
      }
    }
  }

  /**
   * A plain key that runs over several lines is what `yaml` makes of a broken line (`foo bar`
   * with no colon, read together with the next key): YAML forbids such keys, the parser has
   * already said so, and the words are not a key the user wrote.
   */
  private isBrokenLine(key: unknown): boolean {
    const range = nodeRange(key);
    return isScalar(key) && key.type === 'PLAIN' && range !== undefined && this.file.text.slice(range.start, range.end).includes('\n');
  }

  private missingKey(key: string, where: string, at: OffsetRange): void {
    this.add(at, 'error', CODES.missingKey, `${this.subject(where)} needs the key \`${key}\`. Add \`${key}:\` with a value.`);
  }

  /** What a message is about: the value's path, or the file's top level; never an empty name. */
  private subject(where: string): string {
    return where ? `\`${where}\`${this.useNote()}` : `The top level of \`${this.fileName()}\``;
  }

  /** ` (through \`*app\`)` when the value is taken from elsewhere, so the message names the use. */
  private useNote(): string {
    return this.use ? ` (${this.use.how})` : '';
  }

  /** `.upsun/applications.yaml`, `.platform.app.yaml`: the file as the user knows it. */
  private fileName(): string {
    const parts = this.file.path.replace(/\\/g, '/').split('/');
    const base = parts[parts.length - 1];
    const parent = parts[parts.length - 2];
    return parent === '.upsun' || parent === '.platform' ? `${parent}/${base}` : base;
  }

  private topLevelHint(): string {
    if (this.file.includedAs) return '';
    if (this.file.kind === 'upsun') return ' with `applications:`, `services:` and `routes:` keys';
    if (this.file.kind === 'platform-services') return ' of service names';
    if (this.file.kind === 'platform-routes') return ' of route URLs';
    return '';
  }

  /** The first line of a range, so a whole-entry mark stays readable. */
  firstLine(range: OffsetRange): OffsetRange {
    const lineEnd = this.file.text.indexOf('\n', range.start);
    return { start: range.start, end: lineEnd < 0 || lineEnd > range.end ? range.end : lineEnd };
  }

  private unknownKey(key: string, range: OffsetRange, shape: Shape, where: string): void {
    const place = where ? `\`${where}\`${this.useNote()}` : `the top level of \`${this.fileName()}\``;
    if (this.file.kind === 'upsun' && UPSUN_RESOURCE_KEYS.has(key)) {
      this.add(range, 'warning', CODES.unknownKey, `Upsun does not read \`${key}\` from YAML${this.use ? ` (in ${place})` : ''}: CPU, memory and disk are set per environment. Remove \`${key}\` and run \`upsun resources:set\` instead.`);
      return;
    }
    const allowed = Object.keys(shape.properties ?? {});
    const suggestion = closest(key, allowed);
    const severity: Severity = this.file.kind === 'upsun' ? 'error' : 'warning';
    const advice = suggestion ? `Did you mean \`${suggestion}\`?` : `Allowed keys: ${listOf(allowed.sort())}.`;
    this.add(range, severity, CODES.unknownKey, `Unknown key \`${key}\` in ${place}. ${advice}`, suggestion ? { replacement: suggestion } : undefined);
  }
}

export function checkShapes(file: ConfigFile): Problem[] {
  const checker = new ShapeChecker(file);
  const contents = file.document.contents;
  // An empty file is valid (a `.upsun` file may be a placeholder).
  if (contents === null || (isScalar(contents) && contents.value === null)) return [];
  const start = nodeRange(contents)?.start ?? 0;
  checker.check(contents, fileShape(file), '', checker.firstLine({ start, end: file.text.length }));
  return checker.problems;
}
