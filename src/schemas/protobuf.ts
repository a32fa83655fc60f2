// Protobuf through protobufjs, which parses .proto text at run time (the alternatives need
// protoc's descriptor sets). Imports are resolved by a reader we are given (the workspace or
// the registry's schema references); Google's well-known types come with protobufjs.
// Messages print as the canonical proto3 JSON mapping (https://protobuf.dev/programming-guides/json/)
// as protobuf-java's JsonFormat.printer() writes it: lowerCamelCase names (or json_name),
// fields at their default omitted unless they track presence, 64-bit integers as strings,
// enums by name, bytes as base64, Timestamp as RFC 3339, Duration as "1.5s", wrappers as their
// value, Struct/Value/ListValue as plain JSON, FieldMask as joined paths.

import * as protobuf from 'protobufjs';
import type { JsonValue } from './avro';
import { misfitAt, type ValuePath } from './misfit';

/** Files read for one schema, imports included, before giving up. */
export const MAX_PROTO_FILES = 200;

/** A parsed .proto with its imports: the types, and the top-level messages of the entry file in order. */
export interface ProtoSchema {
  readonly root: protobuf.Root;
  readonly file: string;
  /** Full names (no leading dot) of the entry file's top-level messages, as declared. */
  readonly topLevel: readonly string[];
}

/** A .proto that could not be loaded: `file` is the one at fault, `line` 1-based when known. */
export class ProtoError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * Reads `file` and every file it imports through `read` (import paths as written in the
 * .proto; `read` answers undefined when there is no such file) and resolves every type.
 * `google/protobuf/*.proto` imports that `read` does not have come from protobufjs' copies of
 * the well-known types. Throws ProtoError for a file that does not parse, an import not found,
 * a type that does not resolve, or more than MAX_PROTO_FILES files.
 */
export async function loadProto(file: string, read: (path: string) => Promise<string | undefined>): Promise<ProtoSchema> {
  const root = new protobuf.Root();
  const seen = new Set<string>();
  const queue = [file];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    if (seen.size > MAX_PROTO_FILES) throw new ProtoError(`more than ${MAX_PROTO_FILES} .proto files imported`, file);
    const text = await read(next);
    if (text === undefined) {
      const common = protobuf.common.get(next);
      if (common?.nested) {
        root.addJSON(common.nested);
        continue;
      }
      throw new ProtoError(next === file ? `${file} not found` : `import "${next}" not found`, next === file ? file : seen.values().next().value!);
    }
    let parsed: protobuf.IParserResult;
    try {
      // protobufjs tags each type with the file being parsed: how the entry file's messages are found.
      (protobuf.parse as unknown as { filename: string | null }).filename = next;
      parsed = protobuf.parse(text, root, {
        keepCase: true,
        alternateCommentMode: true,
      });
    } catch (error) {
      const message = (error as Error).message;
      const line = /line (\d+)\)/.exec(message)?.[1];
      throw new ProtoError(message, next, line === undefined ? undefined : Number(line));
    }
    queue.push(...(parsed.imports ?? []), ...(parsed.weakImports ?? []));
  }
  try {
    root.resolveAll();
  } catch (error) {
    throw new ProtoError((error as Error).message, file);
  }
  const topLevel: string[] = [];
  const walk = (ns: protobuf.NamespaceBase) => {
    for (const nested of ns.nestedArray) {
      if (nested instanceof protobuf.Type) {
        if (nested.filename === file) topLevel.push(nested.fullName.slice(1));
      } else if (nested instanceof protobuf.Namespace) walk(nested);
    }
  };
  walk(root);
  return { root, file, topLevel };
}

/**
 * The message type to read: `name` (full name, or short name of an entry-file message), else
 * the one `messageIndexes` point at (Confluent's list: top-level position, then nested
 * positions), else the entry file's first message. Throws an Error saying which is missing.
 */
export function protoMessage(schema: ProtoSchema, name?: string, messageIndexes?: readonly number[]): protobuf.Type {
  if (name !== undefined) {
    const full = name.startsWith('.') ? name.slice(1) : name;
    const match = schema.topLevel.find((t) => t === full || t.endsWith(`.${full}`));
    try {
      return schema.root.lookupType(match ?? full);
    } catch {
      throw new Error(`no message ${name} in ${schema.file}`);
    }
  }
  const [first, ...rest] = messageIndexes ?? [0];
  const top = schema.topLevel[first];
  if (top === undefined) throw new Error(`${schema.file} has no message at index ${first} (it has ${schema.topLevel.length} top-level messages)`);
  let type = schema.root.lookupType(top);
  for (const i of rest) {
    const nested = type.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type);
    if (nested[i] === undefined) throw new Error(`${type.fullName.slice(1)} has no nested message at index ${i}`);
    type = nested[i];
  }
  return type;
}

/** Decodes `bytes` as `type` to canonical JSON. Throws protobufjs' reason for bytes that are not such a message. */
export function decodeProto(bytes: Uint8Array, type: protobuf.Type): JsonValue {
  return messageJson(type, type.decode(bytes));
}

/** Canonical JSON to the message's bytes. Throws naming the first field that does not fit. */
export function encodeProto(value: unknown, type: protobuf.Type): Uint8Array {
  const message = type.fromObject(fromCanonical(type, value, []) as Record<string, unknown>);
  return type.encode(message).finish();
}

/** protoc's ToJsonName: underscores dropped, the letter after one upper-cased; json_name wins. */
export function jsonName(field: protobuf.Field): string {
  const explicit = field.options?.json_name as unknown;
  if (typeof explicit === 'string') return explicit;
  let out = '';
  let upper = false;
  for (const c of field.name) {
    if (c === '_') upper = true;
    else {
      out += upper ? c.toUpperCase() : c;
      upper = false;
    }
  }
  return out;
}

const WRAPPERS = new Set(['DoubleValue', 'FloatValue', 'Int64Value', 'UInt64Value', 'Int32Value', 'UInt32Value', 'BoolValue', 'StringValue', 'BytesValue'].map((n) => `.google.protobuf.${n}`));
const LONG_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

function hasPresence(field: protobuf.Field): boolean {
  return !field.repeated && !field.map && (field.resolvedType instanceof protobuf.Type || field.hasPresence);
}

function messageJson(type: protobuf.Type, message: Record<string, unknown>): JsonValue {
  const special = wellKnownJson(type, message);
  if (special !== undefined) return special;
  const out: Record<string, JsonValue> = {};
  for (const field of [...type.fieldsArray].sort((a, b) => a.id - b.id)) {
    const own = Object.prototype.hasOwnProperty.call(message, field.name);
    const value = message[field.name];
    if (!own || value === undefined || value === null) continue;
    if (field.map) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length > 0) out[jsonName(field)] = Object.fromEntries(entries.map(([k, v]) => [k, scalarOrMessage(field, v)]));
    } else if (field.repeated) {
      const items = value as unknown[];
      if (items.length > 0) out[jsonName(field)] = items.map((v) => scalarOrMessage(field, v));
    } else {
      const json = scalarOrMessage(field, value);
      if (hasPresence(field) || !isDefault(json)) out[jsonName(field)] = json;
    }
  }
  return out;
}

function isDefault(json: JsonValue): boolean {
  return json === 0 || json === '' || json === false || json === '0' || (typeof json === 'string' && json.length === 0);
}

function scalarOrMessage(field: protobuf.Field, value: unknown): JsonValue {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return messageJson(resolved, value as Record<string, unknown>);
  if (resolved instanceof protobuf.Enum) {
    if (resolved.fullName === '.google.protobuf.NullValue') return null;
    return resolved.valuesById[value as number] ?? (value as number);
  }
  return scalarJson(field.type, value);
}

function scalarJson(type: string, value: unknown): JsonValue {
  if (LONG_TYPES.has(type)) return longValue(value).toString();
  if (type === 'bytes') return Buffer.from(value as Uint8Array).toString('base64');
  if (type === 'float' || type === 'double') {
    const n = value as number;
    if (Number.isNaN(n)) return 'NaN';
    if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
    return type === 'float' ? shortestFloat(n) : n;
  }
  return value as JsonValue;
}

/** The shortest decimal that reads back as the same 32-bit float, as Java's Float.toString picks. */
function shortestFloat(n: number): number {
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(n.toPrecision(digits));
    if (Math.fround(candidate) === n) return candidate;
  }
  return n;
}

function wellKnownJson(type: protobuf.Type, message: Record<string, unknown>): JsonValue | undefined {
  const name = type.fullName;
  if (WRAPPERS.has(name)) return scalarJson(type.fields.value.type, message.value ?? type.fields.value.defaultValue);
  switch (name) {
    case '.google.protobuf.Timestamp': {
      const seconds = longValue(message.seconds);
      const nanos = Number(message.nanos ?? 0);
      const iso = new Date(Number(seconds) * 1000).toISOString().replace(/\.000Z$/, '');
      return `${iso}${fraction(nanos)}Z`;
    }
    case '.google.protobuf.Duration': {
      const seconds = longValue(message.seconds);
      const nanos = Number(message.nanos ?? 0);
      const negative = seconds < 0n || nanos < 0;
      const abs = (seconds < 0n ? -seconds : seconds).toString();
      return `${negative ? '-' : ''}${abs}${fraction(Math.abs(nanos))}s`;
    }
    case '.google.protobuf.FieldMask':
      return ((message.paths as string[] | undefined) ?? []).map((p) => p.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())).join(',');
    case '.google.protobuf.Struct':
      return Object.fromEntries(Object.entries((message.fields as Record<string, Record<string, unknown>> | undefined) ?? {}).map(([k, v]) => [k, valueJson(v)]));
    case '.google.protobuf.Value':
      return valueJson(message);
    case '.google.protobuf.ListValue':
      return ((message.values as Record<string, unknown>[] | undefined) ?? []).map(valueJson);
    case '.google.protobuf.Empty':
      return {};
    default:
      return undefined;
  }
}

/** An int64 as protobufjs decodes it: a Long (its toString honours `unsigned`), a number, or absent. */
function longValue(value: unknown): bigint {
  return value === undefined || value === null ? 0n : BigInt((value as { toString(): string }).toString());
}

/** Nanoseconds as JsonFormat writes them: none, or 3, 6 or 9 digits. */
function fraction(nanos: number): string {
  if (nanos === 0) return '';
  const digits = nanos.toString().padStart(9, '0');
  if (nanos % 1_000_000 === 0) return `.${digits.slice(0, 3)}`;
  if (nanos % 1000 === 0) return `.${digits.slice(0, 6)}`;
  return `.${digits}`;
}

/** google.protobuf.Value as JSON; its fields are camelCase in protobufjs' copy, snake_case when parsed from a .proto. */
function valueJson(value: Record<string, unknown>): JsonValue {
  // Own properties only: protobufjs puts every field's default on the message prototype.
  const get = (snake: string) => {
    const name = [snake, snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())].find((n) => Object.prototype.hasOwnProperty.call(value, n));
    return name === undefined ? undefined : value[name];
  };
  const struct = get('struct_value') as Record<string, unknown> | undefined;
  if (struct !== undefined) return Object.fromEntries(Object.entries((struct.fields as Record<string, Record<string, unknown>> | undefined) ?? {}).map(([k, v]) => [k, valueJson(v)]));
  const list = get('list_value') as { values?: Record<string, unknown>[] } | undefined;
  if (list !== undefined) return (list.values ?? []).map(valueJson);
  for (const kind of ['number_value', 'string_value', 'bool_value']) {
    const v = get(kind);
    if (v !== undefined) return v as JsonValue;
  }
  return null;
}

/** Canonical JSON to the plain object protobufjs' fromObject takes; throws naming `path`. */
function fromCanonical(type: protobuf.Type, value: unknown, path: ValuePath): unknown {
  const misfit = (what: string): never => {
    throw misfitAt(path, `${JSON.stringify(value) ?? 'nothing'} is not ${what}`);
  };
  if (WRAPPERS.has(type.fullName)) return { value: value };
  switch (type.fullName) {
    case '.google.protobuf.Timestamp': {
      const match = typeof value === 'string' ? /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(value) : null;
      const ms = match ? Date.parse(`${match[1]}${match[3]}`) : NaN;
      if (!match || Number.isNaN(ms)) return misfit('an RFC 3339 timestamp');
      return {
        seconds: String(Math.floor(ms / 1000)),
        nanos: Number((match[2] ?? '').padEnd(9, '0')),
      };
    }
    case '.google.protobuf.Duration': {
      const match = typeof value === 'string' ? /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(value) : null;
      if (!match) return misfit('a duration like "1.5s"');
      const sign = match[1] ? -1 : 1;
      return {
        seconds: `${match[1] ?? ''}${match[2]}`,
        nanos: sign * Number((match[3] ?? '').padEnd(9, '0')),
      };
    }
    case '.google.protobuf.FieldMask':
      if (typeof value !== 'string') return misfit('a field mask like "a.b,c"');
      return {
        paths: value === '' ? [] : value.split(',').map((p) => p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)),
      };
    case '.google.protobuf.Struct':
      if (!isObject(value)) return misfit('a JSON object');
      return fromFields(type, { fields: value }, path);
    case '.google.protobuf.ListValue':
      if (!Array.isArray(value)) return misfit('a JSON array');
      return fromFields(type, { values: value }, path);
    case '.google.protobuf.Value':
      return fromFields(type, valueFields(value), path);
    default:
      break;
  }
  if (!isObject(value)) return misfit(`a ${type.name} object`);
  return fromFields(type, value, path);
}

/** Any JSON as google.protobuf.Value's fields, by their JSON names. */
function valueFields(value: unknown): Record<string, unknown> {
  if (value === null) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: value };
  return { structValue: value };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Integer field types and their ranges (proto3's scalar types). */
const INTEGER_RANGES: Record<string, readonly [bigint, bigint]> = {
  int32: [-(1n << 31n), (1n << 31n) - 1n],
  sint32: [-(1n << 31n), (1n << 31n) - 1n],
  sfixed32: [-(1n << 31n), (1n << 31n) - 1n],
  uint32: [0n, (1n << 32n) - 1n],
  fixed32: [0n, (1n << 32n) - 1n],
  int64: [-(1n << 63n), (1n << 63n) - 1n],
  sint64: [-(1n << 63n), (1n << 63n) - 1n],
  sfixed64: [-(1n << 63n), (1n << 63n) - 1n],
  uint64: [0n, (1n << 64n) - 1n],
  fixed64: [0n, (1n << 64n) - 1n],
};

/**
 * What a scalar or enum field holds, when JSON value `v` is not that under the proto3 JSON
 * mapping (integers as numbers or decimal strings in range, floats as numbers or
 * "NaN"/"Infinity", enums by name or number, bytes as base64); undefined when it fits.
 */
function scalarMisfit(field: protobuf.Field, v: unknown): string | undefined {
  if (field.resolvedType instanceof protobuf.Enum) {
    const values = field.resolvedType.values;
    return (typeof v === 'string' && Object.prototype.hasOwnProperty.call(values, v)) || (typeof v === 'number' && Number.isInteger(v)) ? undefined : `a ${field.resolvedType.name} (${Object.keys(values).join(', ')})`;
  }
  const range = INTEGER_RANGES[field.type];
  if (range) {
    const fits = (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v));
    return fits && BigInt(v) >= range[0] && BigInt(v) <= range[1] ? undefined : `an ${field.type}`;
  }
  switch (field.type) {
    case 'double':
    case 'float':
      return typeof v === 'number' || (typeof v === 'string' && /^(NaN|-?Infinity|-?\d+(\.\d+)?([eE][+-]?\d+)?)$/.test(v)) ? undefined : `a ${field.type}`;
    case 'bool':
      return typeof v === 'boolean' ? undefined : 'a bool (true or false)';
    case 'string':
      return typeof v === 'string' ? undefined : 'a string';
    case 'bytes':
      return typeof v === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(v) ? undefined : 'base64 bytes';
    default:
      return undefined;
  }
}

/** A message's fields by JSON name (or proto name) to protobufjs' names, values converted. */
function fromFields(type: protobuf.Type, value: Record<string, unknown>, path: ValuePath): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const field = type.fieldsArray.find((f) => jsonName(f) === key || f.name === key);
    if (field === undefined) throw misfitAt([...path, key], `${type.name} has no field "${key}"`, path);
    const convert = (v: unknown, at: ValuePath) => {
      if (field.resolvedType instanceof protobuf.Type) return fromCanonical(field.resolvedType, v, at);
      // protobufjs' fromObject coerces what it is given ("abc" to 0, 1.5 to 1, 5 to "5"): refuse instead.
      const what = scalarMisfit(field, v);
      if (what !== undefined) throw misfitAt(at, `${JSON.stringify(v)} is not ${what}`);
      return v;
    };
    if ((field.map && item !== null && !isObject(item)) || (field.repeated && item !== null && !Array.isArray(item))) throw misfitAt([...path, key], `${JSON.stringify(item)} is not ${field.map ? 'a JSON object (a map)' : 'a JSON array (a repeated field)'}`);
    if (item === null) continue;
    if (field.map) out[field.name] = Object.fromEntries(Object.entries(item as Record<string, unknown>).map(([k, v]) => [k, convert(v, [...path, key, k])]));
    else if (field.repeated) out[field.name] = (item as unknown[]).map((v, i) => convert(v, [...path, key, i]));
    else out[field.name] = convert(item, [...path, key]);
  }
  return out;
}
