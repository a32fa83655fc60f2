// Which schema reads a topic's keys and values. A reference names a workspace file by path,
// with the message after `#` for Protobuf: `schemas/order.avsc`, `proto/orders.proto#acme.Order`,
// `schemas/order.schema.json`. The mapping setting pairs topic globs with references; without
// one, a file named `<topic>-key` / `<topic>-value` plus a schema extension is the convention.
// The setting may come from a cloned workspace: every entry is checked, and a bad one is a
// problem on its own while the rest apply.

import { nameMatcher } from '../text/nameGlob';
import type { SchemaDecoding } from '../kafka/types';

export type SchemaFormat = SchemaDecoding['format'];

/** A schema file and, for Protobuf, the message to read (else the framing's indexes or the file's first). */
export interface SchemaRef {
  readonly path: string;
  readonly format: SchemaFormat;
  readonly message?: string;
}

/** File endings that say the format, longest first. */
const ENDINGS: readonly (readonly [string, SchemaFormat])[] = [
  ['.schema.json', 'json-schema'],
  ['.avsc', 'avro'],
  ['.proto', 'protobuf'],
  ['.json', 'json-schema'],
];

/** Longest reference text taken; more is not a path. */
const MAX_REF_CHARS = 1024;
/** Mapping entries read from the setting. */
const MAX_MAPPINGS = 500;

/**
 * Parses `path[#message]`. Throws an Error saying what is expected when the text is empty,
 * too long, has an ending that names no format, or puts a `#message` on a non-.proto file.
 */
export function parseSchemaRef(text: string): SchemaRef {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > MAX_REF_CHARS) throw new Error(`"${trimmed.slice(0, 80)}" is not a schema file: give a path ending in .avsc, .proto or .schema.json`);
  const hash = trimmed.indexOf('#');
  const path = hash < 0 ? trimmed : trimmed.slice(0, hash);
  const message = hash < 0 ? undefined : trimmed.slice(hash + 1);
  const format = ENDINGS.find(([ending]) => path.toLowerCase().endsWith(ending))?.[1];
  if (format === undefined) throw new Error(`"${path}" is not a schema file: give a path ending in .avsc (Avro), .proto (Protobuf) or .schema.json (JSON Schema)`);
  if (message !== undefined && (format !== 'protobuf' || !/^\.?[A-Za-z_][\w.]*$/.test(message))) {
    throw new Error(format === 'protobuf' ? `"${message}" is not a Protobuf message name (e.g. acme.Order)` : `"#${message}" only applies to .proto files`);
  }
  return { path, format, ...(message === undefined ? {} : { message }) };
}

/** One entry of the `upsunKafka.schemas` setting, checked. */
export interface TopicSchemas {
  readonly topics: readonly string[];
  readonly key?: SchemaRef;
  readonly value?: SchemaRef;
}

/**
 * The setting's entries, `{ "topics": "orders.*" | [...], "key"?: ref, "value"?: ref }`, with
 * one problem per entry (by its index) that is not that shape; those entries are left out.
 */
export function readSchemaMappings(setting: unknown): {
  mappings: TopicSchemas[];
  problems: string[];
} {
  const mappings: TopicSchemas[] = [];
  const problems: string[] = [];
  if (setting === undefined || setting === null) return { mappings, problems };
  if (!Array.isArray(setting))
    return {
      mappings,
      problems: ['upsunKafka.schemas must be a list of { "topics", "key", "value" } entries'],
    };
  setting.slice(0, MAX_MAPPINGS).forEach((entry: unknown, i) => {
    const problem = checkMapping(entry, i);
    if (typeof problem === 'string') problems.push(problem);
    else mappings.push(problem);
  });
  if (setting.length > MAX_MAPPINGS) problems.push(`upsunKafka.schemas has ${setting.length} entries; only the first ${MAX_MAPPINGS} apply`);
  return { mappings, problems };
}

/** The entry checked, or what is wrong with it. */
function checkMapping(entry: unknown, i: number): TopicSchemas | string {
  const at = `upsunKafka.schemas[${i}]`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `${at} must be an object with "topics" and "key" or "value"`;
  const { topics, key, value } = entry as Record<string, unknown>;
  const globs = typeof topics === 'string' ? [topics] : Array.isArray(topics) && topics.every((t) => typeof t === 'string') ? topics : undefined;
  if (globs === undefined || globs.length === 0) return `${at}.topics must be a topic name or glob, or a list of them`;
  const refs: { key?: SchemaRef; value?: SchemaRef } = {};
  for (const [part, ref] of [
    ['key', key],
    ['value', value],
  ] as const) {
    if (ref === undefined) continue;
    if (typeof ref !== 'string') return `${at}.${part} must be a schema file path`;
    try {
      refs[part] = parseSchemaRef(ref);
    } catch (error) {
      return `${at}.${part}: ${(error as Error).message}`;
    }
  }
  if (refs.key === undefined && refs.value === undefined) return `${at} names neither a "key" nor a "value" schema`;
  return { topics: globs, ...refs };
}

/** The key and value schemas for `topic`: the first matching entry for each part. */
export function schemasForTopic(mappings: readonly TopicSchemas[], topic: string): { key?: SchemaRef; value?: SchemaRef } {
  const matching = mappings.filter((m) => nameMatcher(m.topics)(topic));
  const key = matching.find((m) => m.key)?.key;
  const value = matching.find((m) => m.value)?.value;
  return { ...(key ? { key } : {}), ...(value ? { value } : {}) };
}

/** The file names the convention looks for: `<topic>-value.avsc`, `.proto`, `.schema.json`. */
export function conventionalNames(topic: string, part: 'key' | 'value'): string[] {
  return ['.avsc', '.proto', '.schema.json'].map((ending) => `${topic}-${part}${ending}`);
}
