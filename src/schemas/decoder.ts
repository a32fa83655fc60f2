// Keys and values read with their schemas: the hook between a peek's messages and what the
// message view, the CLI and export show. A record framed in Confluent's wire format takes its
// writer schema from the registry by id (when there is one) and the mapped workspace schema
// as the Avro reader schema; an unframed record, or a framed one with no registry, is read
// with the mapped schema. Each key or value that cannot be read keeps its raw bytes and text
// and says why (`schema.problem`); nothing else is affected.

import * as path from 'path';
import { DISPLAY_LIMIT } from '../kafka/decode';
import type { DecodedBytes, PeekedMessage, SchemaDecoding } from '../kafka/types';
import { type AvroSchema, decodeAvro, type JsonValue, parseAvroSchema } from './avro';
import { type JsonSchema, parseJsonSchema, validateJson } from './jsonSchema';
import type { SchemaFormat, SchemaRef } from './mapping';
import { loadProto, ProtoError, protoMessage, type ProtoSchema, decodeProto } from './protobuf';
import { RegistryClient, RegistryError, type RegistrySchema } from './registry';
import { looksFramed, readFrame } from './wireFormat';

/** Largest schema file read, in bytes. */
export const MAX_SCHEMA_FILE_BYTES = 1024 * 1024;

/** Reads a schema file by its workspace path (`/`-separated, relative to the workspace); undefined when there is none. */
export type SchemaFileReader = (path: string) => Promise<string | undefined>;

export interface SchemaSetup {
  readonly key?: SchemaRef;
  readonly value?: SchemaRef;
  readonly registry?: RegistryClient;
  readonly readFile: SchemaFileReader;
}

/** A schema ready to read (and write) bytes with. */
export type Compiled =
  | { readonly format: 'avro'; readonly name: string; readonly avro: AvroSchema }
  | { readonly format: 'protobuf'; readonly name: string; readonly proto: ProtoSchema; readonly message?: string }
  | { readonly format: 'json-schema'; readonly name: string; readonly json: JsonSchema };

const FORMAT_OF: Record<RegistrySchema['schemaType'], SchemaFormat> = { AVRO: 'avro', PROTOBUF: 'protobuf', JSON: 'json-schema' };

/** Decodes the keys and values of one topic's messages with the schemas of one setup; caches what it compiles. */
export class SchemaDecoder {
  private readonly files = new Map<string, Promise<Compiled>>();
  private readonly ids = new Map<number, Promise<Compiled>>();

  constructor(private readonly setup: SchemaSetup) {}

  /** Whether this setup decodes anything (a schema mapped or a registry set). */
  get active(): boolean {
    return this.setup.key !== undefined || this.setup.value !== undefined || this.setup.registry !== undefined;
  }

  /** The messages with keys and values decoded where a schema applies; the same objects when none does. */
  async decodeMessages(messages: readonly PeekedMessage[]): Promise<PeekedMessage[]> {
    if (!this.active) return [...messages];
    return Promise.all(
      messages.map(async (m) => {
        if (m.problem !== undefined) return m;
        const [key, value] = await Promise.all([this.decode(m.key, this.setup.key), this.decode(m.value, this.setup.value)]);
        return key === m.key && value === m.value ? m : { ...m, key, value };
      }),
    );
  }

  /** One key or value: decoded JSON with `schema` set, the input with `schema.problem`, or the input unchanged when no schema applies. */
  async decode(bytes: DecodedBytes | null, ref: SchemaRef | undefined): Promise<DecodedBytes | null> {
    if (bytes === null) return null;
    const raw = Buffer.from(bytes.base64, 'base64');
    const registry = this.setup.registry;
    if (registry !== undefined && looksFramed(raw)) return this.decodeFromRegistry(bytes, raw, registry, ref);
    if (ref === undefined) return bytes;
    let compiled: Compiled;
    try {
      compiled = await this.fromFile(ref);
    } catch (error) {
      return withProblem(bytes, { format: ref.format, name: ref.path, source: ref.path }, (error as Error).message);
    }
    const about = { format: compiled.format, name: compiled.name, source: ref.path };
    // A framed record with no registry: the mapped schema reads the payload, and the id is shown.
    if (looksFramed(raw) && compiled.format !== 'json-schema') {
      try {
        const frame = readFrame(raw, compiled.format === 'protobuf');
        return decoded(bytes, read(compiled, frame.payload, undefined, frame.messageIndexes), { ...about, schemaId: frame.schemaId });
      } catch (framedError) {
        // Unframed Avro or Protobuf can start with a zero byte too: try the whole record before giving up.
        try {
          return decoded(bytes, read(compiled, raw), about);
        } catch {
          return withProblem(bytes, about, (framedError as Error).message);
        }
      }
    }
    try {
      // JSON text never starts with a zero byte: one that does is JSON Schema in Confluent's framing.
      const frame = looksFramed(raw) ? readFrame(raw, false) : undefined;
      return decoded(bytes, read(compiled, frame?.payload ?? raw), frame === undefined ? about : { ...about, schemaId: frame.schemaId });
    } catch (error) {
      return withProblem(bytes, about, (error as Error).message);
    }
  }

  private async decodeFromRegistry(bytes: DecodedBytes, raw: Buffer, registry: RegistryClient, ref: SchemaRef | undefined): Promise<DecodedBytes> {
    let schemaId: number;
    try {
      schemaId = readFrame(raw, false).schemaId;
    } catch (error) {
      return withProblem(bytes, { format: ref?.format ?? 'avro', name: ref?.path ?? 'schema registry', source: registry.url }, (error as Error).message);
    }
    const unknown = { format: ref?.format ?? ('avro' as const), name: `schema id ${schemaId}`, source: registry.url, schemaId };
    let writer: Compiled;
    try {
      writer = await this.fromRegistry(schemaId, registry);
    } catch (error) {
      return withProblem(bytes, unknown, (error as Error).message);
    }
    const about = { format: writer.format, name: writer.name, source: registry.url, schemaId };
    try {
      const frame = readFrame(raw, writer.format === 'protobuf');
      // The workspace's Avro schema, when mapped, is the reader schema: Avro resolves the two.
      const reader = ref?.format === 'avro' && writer.format === 'avro' ? await this.fromFile(ref) : undefined;
      return decoded(bytes, read(writer, frame.payload, reader, frame.messageIndexes), reader === undefined ? about : { ...about, source: `${registry.url} → ${ref!.path}` });
    } catch (error) {
      return withProblem(bytes, about, (error as Error).message);
    }
  }

  private fromFile(ref: SchemaRef): Promise<Compiled> {
    const key = `${ref.path}#${ref.message ?? ''}`;
    let cached = this.files.get(key);
    if (cached === undefined) {
      cached = compileFile(ref, this.setup.readFile);
      this.files.set(key, cached);
    }
    return cached;
  }

  private fromRegistry(id: number, registry: RegistryClient): Promise<Compiled> {
    let cached = this.ids.get(id);
    if (cached === undefined) {
      cached = registry.schemaById(id).then((schema) => compileRegistrySchema(schema, registry));
      this.ids.set(id, cached);
      cached.catch((error: unknown) => {
        // A registry that was down or slow is asked again; an unknown id or a bad schema is not.
        if (error instanceof RegistryError && error.status !== 404) this.ids.delete(id);
      });
    }
    return cached;
  }
}

/** Reads a workspace schema file, capped at MAX_SCHEMA_FILE_BYTES. */
async function readCapped(readFile: SchemaFileReader, file: string): Promise<string | undefined> {
  const text = await readFile(file);
  if (text !== undefined && Buffer.byteLength(text) > MAX_SCHEMA_FILE_BYTES) throw new Error(`${file} is larger than ${MAX_SCHEMA_FILE_BYTES / 1024 / 1024} MiB; a schema file is not that big`);
  return text;
}

/**
 * A workspace .proto and its imports, looked for beside the file and in each folder above it,
 * as protoc's -I would. Throws ProtoError (see loadProto) or why a file is too big.
 */
export function loadProtoFile(file: string, readFile: SchemaFileReader): Promise<ProtoSchema> {
  const dirs: string[] = [];
  for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
    dirs.push(dir === '.' ? '' : dir);
    if (dir === '.' || dir === '/' || dir === '') break;
  }
  const read = async (name: string) => {
    if (name === file) return readCapped(readFile, name);
    for (const dir of dirs) {
      const text = await readCapped(readFile, dir === '' ? name : `${dir}/${name}`);
      if (text !== undefined) return text;
    }
    return undefined;
  };
  return loadProto(file, read);
}

/** A workspace schema file compiled; throws why it cannot be (not found, too big, does not parse, no such message). */
export async function compileFile(ref: SchemaRef, readFile: SchemaFileReader): Promise<Compiled> {
  if (ref.format === 'protobuf') {
    const proto = await loadProtoFile(ref.path, readFile).catch((error: unknown) => {
      throw error instanceof ProtoError && error.line !== undefined ? new Error(`${error.file}:${error.line}: ${error.message}`) : error;
    });
    const message = protoMessage(proto, ref.message);
    return { format: 'protobuf', name: message.fullName.slice(1), proto, message: ref.message };
  }
  const text = await readCapped(readFile, ref.path);
  if (text === undefined) throw new Error(`${ref.path} not found in the workspace`);
  try {
    if (ref.format === 'avro') {
      const avro = parseAvroSchema(text);
      return { format: 'avro', name: avro.name, avro };
    }
    const json = parseJsonSchema(text);
    return { format: 'json-schema', name: json.name ?? ref.path, json };
  } catch (error) {
    throw new Error(`${ref.path} is not a valid ${ref.format === 'avro' ? 'Avro' : 'JSON'} schema: ${(error as Error).message}`);
  }
}

/** Most referenced schemas fetched for one registry schema. */
const MAX_REFERENCES = 100;

/** A registry schema compiled, its Protobuf references fetched; throws RegistryError or why it does not parse. */
export async function compileRegistrySchema(schema: RegistrySchema, registry: RegistryClient): Promise<Compiled> {
  const format = FORMAT_OF[schema.schemaType];
  try {
    if (format === 'avro') {
      const avro = parseAvroSchema(schema.schema);
      return { format, name: avro.name, avro };
    }
    if (format === 'json-schema') {
      const json = parseJsonSchema(schema.schema);
      return { format, name: json.name ?? `schema id ${schema.id}`, json };
    }
    // Protobuf: referenced schemas are the imports, by the name the import uses.
    const files = new Map<string, string>();
    const pending = [...schema.references];
    while (pending.length > 0 && files.size < MAX_REFERENCES) {
      const reference = pending.shift()!;
      if (files.has(reference.name)) continue;
      const referenced = await registry.subjectVersion(reference.subject, reference.version);
      files.set(reference.name, referenced.schema);
      pending.push(...referenced.references);
    }
    const main = `schema-${schema.id}.proto`;
    const proto = await loadProto(main, async (name) => (name === main ? schema.schema : files.get(name)));
    return { format, name: proto.topLevel[0] ?? main, proto };
  } catch (error) {
    if (error instanceof RegistryError) throw error;
    throw new Error(`schema id ${schema.id} from the registry is not a valid ${format} schema: ${(error as Error).message}`);
  }
}

/** The payload read with `compiled` (Avro: as `reader` when given). Throws why it could not be read. */
function read(compiled: Compiled, payload: Uint8Array, reader?: Compiled, messageIndexes?: readonly number[]): { value: JsonValue; name?: string; violations?: SchemaDecoding['violations'] } {
  switch (compiled.format) {
    case 'avro':
      return { value: decodeAvro(payload, compiled.avro, reader?.format === 'avro' ? reader.avro : undefined) };
    case 'protobuf': {
      const type = protoMessage(compiled.proto, compiled.message, compiled.message === undefined ? messageIndexes : undefined);
      return { value: decodeProto(payload, type), name: type.fullName.slice(1) };
    }
    case 'json-schema': {
      let value: JsonValue;
      try {
        value = JSON.parse(Buffer.from(payload).toString('utf8')) as JsonValue;
      } catch {
        throw new Error('the payload is not JSON text');
      }
      const violations = validateJson(value, compiled.json);
      return { value, ...(violations.length > 0 ? { violations } : {}) };
    }
  }
}

type About = Omit<SchemaDecoding, 'problem' | 'violations'>;

/** The decoded value as the text to show, the raw bytes kept (the same base64 getter). */
function decoded(bytes: DecodedBytes, result: ReturnType<typeof read>, about: About): DecodedBytes {
  const text = JSON.stringify(result.value, null, 2);
  const schema: SchemaDecoding = { ...about, ...(result.name === undefined ? {} : { name: result.name }), ...(result.violations === undefined ? {} : { violations: result.violations }) };
  return keepBytes(bytes, { kind: 'json', text: text.slice(0, DISPLAY_LIMIT), size: bytes.size, truncated: text.length > DISPLAY_LIMIT, schema });
}

function withProblem(bytes: DecodedBytes, about: About, problem: string): DecodedBytes {
  return keepBytes(bytes, { kind: bytes.kind, text: bytes.text, size: bytes.size, truncated: bytes.truncated, schema: { ...about, problem } });
}

/** `fields` with the original's `base64` property as it is (a getter made when the bytes were read). */
function keepBytes(original: DecodedBytes, fields: Omit<DecodedBytes, 'base64'>): DecodedBytes {
  return Object.defineProperty({ ...fields }, 'base64', Object.getOwnPropertyDescriptor(original, 'base64')!) as DecodedBytes;
}

/**
 * `cluster` with peek results, and a search's final matches, read through `decoder`; every other
 * member is the cluster's own. How the message view gets decoded rows without knowing schemas.
 */
export function decodingCluster<C extends { peek(...args: never[]): Promise<PeekedMessage[]>; search(...args: never[]): Promise<{ messages: PeekedMessage[] }> }>(cluster: C, decoder: SchemaDecoder): C {
  if (!decoder.active) return cluster;
  return new Proxy(cluster, {
    get(target, property) {
      if (property === 'peek') return async (...args: Parameters<C['peek']>) => decoder.decodeMessages(await target.peek(...args));
      if (property === 'search') {
        return async (...args: Parameters<C['search']>) => {
          const result = await target.search(...args);
          return { ...result, messages: await decoder.decodeMessages(result.messages) };
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
