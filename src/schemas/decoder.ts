// Keys and values read with their schemas: the hook between a peek's messages and what the
// message view, the CLI and export show. A record framed in Confluent's wire format takes its
// writer schema from the registry by id (when there is one) and the mapped workspace schema
// as the Avro reader schema; an unframed record, or a framed one with no registry, is read
// with the mapped schema. Each key or value that cannot be read keeps its raw bytes and text
// and says why (`schema.problem`); nothing else is affected.

import * as path from 'path';
import { DISPLAY_LIMIT } from '../kafka/decode';
import type { DecodedBytes, PeekedMessage, SchemaDecoding, SearchOptions, SearchRequest } from '../kafka/types';
import { avroJsonText, type AvroSchema, decodeAvro, type JsonValue, parseAvroSchema } from './avro';
import { type JsonSchema, parseJsonSchema, validateJson } from './jsonSchema';
import type { SchemaFormat, SchemaRef } from './mapping';
import { loadProto, ProtoError, protoMessage, type ProtoSchema, decodeProto } from './protobuf';
import { RegistryClient, RegistryError, type RegistrySchema } from './registry';
import { avroSearchFilter } from './searchFilter';
import { looksFramed, readFrame } from './wireFormat';
import { bytesText } from '../text/bytes';

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

/** A schema fetched and compiled, or why it could not be. */
type Settled = { readonly compiled: Compiled } | { readonly error: Error };

/** What reading a batch's keys (or values) needs: the mapped file's schema, the registry's by id. */
interface Resolved {
  readonly file: Settled | undefined;
  readonly ids: ReadonlyMap<number, Settled>;
}

/** One key or value read with a schema (as `R`), or why it could not be. */
type Reading<R> = { readonly about: About; readonly result: R } | { readonly about: About; readonly problem: string };

/** Reads a payload with a compiled schema (Avro: as `reader` when given); throws why it cannot. */
type ReadWith<R> = (compiled: Compiled, payload: Uint8Array, reader?: Compiled, messageIndexes?: readonly number[]) => R;

const FORMAT_OF: Record<RegistrySchema['schemaType'], SchemaFormat> = { AVRO: 'avro', PROTOBUF: 'protobuf', JSON: 'json-schema' };

/** Decodes the keys and values of one topic's messages with the schemas of one setup; caches what it compiles. */
export class SchemaDecoder {
  private readonly files = new Map<string, Promise<Compiled>>();
  private readonly ids = new Map<number, Promise<Compiled>>();
  /** The same schemas once settled, for decodeSettled. */
  private readonly settledFiles = new Map<string, Settled>();
  private readonly settledIds = new Map<number, Settled>();

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
    return this.decodeWith(bytes, raw, ref, await this.resolve([raw], ref));
  }

  /**
   * `decodeMessages` without waiting, with the schemas already fetched and compiled: a running
   * search's matches, whose schemas the search itself fetched to match them. A key or value
   * whose schema is not settled yet (a field the search does not look in) stays as it is, and
   * the search's result decodes it.
   */
  decodeSettled(messages: readonly PeekedMessage[]): PeekedMessage[] {
    if (!this.active) return [...messages];
    const now = (bytes: DecodedBytes | null, ref: SchemaRef | undefined) => {
      if (bytes === null) return null;
      const raw = Buffer.from(bytes.base64, 'base64');
      const resolved = this.settled([raw], ref);
      return resolved === undefined ? bytes : this.decodeWith(bytes, raw, ref, resolved);
    };
    return messages.map((m) => {
      if (m.problem !== undefined) return m;
      const key = now(m.key, this.setup.key);
      const value = now(m.value, this.setup.value);
      return key === m.key && value === m.value ? m : { ...m, key, value };
    });
  }

  private decodeWith(bytes: DecodedBytes, raw: Buffer, ref: SchemaRef | undefined, resolved: Resolved): DecodedBytes {
    const reading = this.readOne(raw, ref, resolved, read);
    if (reading === undefined) return bytes;
    return 'problem' in reading ? withProblem(bytes, reading.about, reading.problem) : decoded(bytes, reading.result, reading.about);
  }

  /**
   * What a search matches for each of `records` (one batch's keys and values as bytes; null
   * where there is none or the field is not searched): the key's and value's decoded JSON, the
   * same text `decode` shows but never cut, or undefined where the bytes are matched as they are
   * (no schema applies, or they could not be read: peek then shows them raw with the reason).
   * The schemas are fetched once per batch (and cached), then each record is read without
   * waiting: a search reads millions. With `filter` (avroSearchFilter of the search's query),
   * an Avro key or value whose bytes cannot hold a match is not decoded: its text is empty.
   */
  async searchTexts(
    records: readonly { readonly key: Buffer | null; readonly value: Buffer | null }[],
    filter?: ReturnType<typeof avroSearchFilter>,
  ): Promise<{ key?: string; value?: string }[]> {
    const { key: keyRef, value: valueRef } = this.setup;
    const [keys, values] = await Promise.all([this.resolve(records.map((r) => r.key), keyRef), this.resolve(records.map((r) => r.value), valueRef)]);
    const text = (raw: Buffer | null, ref: SchemaRef | undefined, resolved: Resolved) => {
      if (raw === null) return undefined;
      const readWith: ReadWith<string> =
        filter === undefined
          ? readText
          : (compiled, payload, reader, messageIndexes) => {
              const mayHold = compiled.format === 'avro' && (reader === undefined || reader === compiled) ? filter(compiled.avro) : undefined;
              return mayHold === undefined || mayHold(raw) ? readText(compiled, payload, reader, messageIndexes) : '';
            };
      const reading = this.readOne(raw, ref, resolved, readWith);
      return reading === undefined || 'problem' in reading ? undefined : reading.result;
    };
    return records.map((r) => {
      const key = text(r.key, keyRef, keys);
      const value = text(r.value, valueRef, values);
      return { ...(key === undefined ? {} : { key }), ...(value === undefined ? {} : { value }) };
    });
  }

  /** The schemas reading `raws` with `ref` needs: the mapped file, and the registry's writer schema per id. */
  private async resolve(raws: readonly (Buffer | null)[], ref: SchemaRef | undefined): Promise<Resolved> {
    const { fromFile, ids } = this.needs(raws, ref);
    const settle = (compiled: Promise<Compiled>): Promise<Settled> => compiled.then(
      (c) => ({ compiled: c }),
      (error: unknown) => ({ error: error as Error }),
    );
    const [file, ...byId] = await Promise.all([
      fromFile && ref !== undefined ? settle(this.fromFile(ref)) : undefined,
      ...[...ids].map(async (id) => [id, await settle(this.fromRegistry(id, this.setup.registry!))] as const),
    ]);
    return { file, ids: new Map(byId) };
  }

  /** What `resolve` would give, from the schemas settled so far; undefined when one is not. */
  private settled(raws: readonly (Buffer | null)[], ref: SchemaRef | undefined): Resolved | undefined {
    const { fromFile, ids } = this.needs(raws, ref);
    const file = fromFile && ref !== undefined ? this.settledFiles.get(fileKey(ref)) : undefined;
    if (fromFile && file === undefined) return undefined;
    const byId = new Map<number, Settled>();
    for (const id of ids) {
      const settled = this.settledIds.get(id);
      if (settled === undefined) return undefined;
      byId.set(id, settled);
    }
    return { file, ids: byId };
  }

  /** Which schemas reading `raws` with `ref` takes: the mapped file, and the registry's by id. */
  private needs(raws: readonly (Buffer | null)[], ref: SchemaRef | undefined): { fromFile: boolean; ids: Set<number> } {
    const registry = this.setup.registry;
    const ids = new Set<number>();
    let fromFile = false;
    for (const raw of raws) {
      if (raw === null) continue;
      if (registry !== undefined && looksFramed(raw)) {
        const id = schemaIdOf(raw);
        if (id !== undefined) ids.add(id);
        // Avro's reader schema, mapped in the workspace.
        fromFile ||= ref?.format === 'avro';
      } else fromFile ||= ref !== undefined;
    }
    return { fromFile, ids };
  }

  /** One key or value read with what `resolve` fetched; undefined when no schema applies. */
  private readOne<R>(raw: Buffer, ref: SchemaRef | undefined, resolved: Resolved, readWith: ReadWith<R>): Reading<R> | undefined {
    const registry = this.setup.registry;
    if (registry !== undefined && looksFramed(raw)) return this.readFromRegistry(raw, registry, ref, resolved, readWith);
    if (ref === undefined) return undefined;
    const file = resolved.file!;
    if ('error' in file) return { about: { format: ref.format, name: ref.path, source: ref.path }, problem: file.error.message };
    const { compiled } = file;
    const about = { format: compiled.format, name: compiled.name, source: ref.path };
    // A framed record with no registry: the mapped schema reads the payload, and the id is shown.
    if (looksFramed(raw) && compiled.format !== 'json-schema') {
      try {
        const frame = readFrame(raw, compiled.format === 'protobuf');
        return { about: { ...about, schemaId: frame.schemaId }, result: readWith(compiled, frame.payload, undefined, frame.messageIndexes) };
      } catch (framedError) {
        // Unframed Avro or Protobuf can start with a zero byte too: try the whole record before giving up.
        try {
          return { about, result: readWith(compiled, raw) };
        } catch {
          return { about, problem: (framedError as Error).message };
        }
      }
    }
    try {
      // JSON text never starts with a zero byte: one that does is JSON Schema in Confluent's framing.
      const frame = looksFramed(raw) ? readFrame(raw, false) : undefined;
      return { about: frame === undefined ? about : { ...about, schemaId: frame.schemaId }, result: readWith(compiled, frame?.payload ?? raw) };
    } catch (error) {
      return { about, problem: (error as Error).message };
    }
  }

  private readFromRegistry<R>(raw: Buffer, registry: RegistryClient, ref: SchemaRef | undefined, resolved: Resolved, readWith: ReadWith<R>): Reading<R> {
    let schemaId: number;
    try {
      schemaId = readFrame(raw, false).schemaId;
    } catch (error) {
      return { about: { format: ref?.format ?? 'avro', name: ref?.path ?? 'schema registry', source: registry.url }, problem: (error as Error).message };
    }
    const writer = resolved.ids.get(schemaId)!;
    if ('error' in writer) return { about: { format: ref?.format ?? 'avro', name: `schema id ${schemaId}`, source: registry.url, schemaId }, problem: writer.error.message };
    const { compiled } = writer;
    const about = { format: compiled.format, name: compiled.name, source: registry.url, schemaId };
    try {
      const frame = readFrame(raw, compiled.format === 'protobuf');
      // The workspace's Avro schema, when mapped, is the reader schema: Avro resolves the two.
      let reader: Compiled | undefined;
      if (ref?.format === 'avro' && compiled.format === 'avro') {
        const file = resolved.file!;
        if ('error' in file) throw file.error;
        reader = file.compiled;
      }
      return { about: reader === undefined ? about : { ...about, source: `${registry.url} → ${ref!.path}` }, result: readWith(compiled, frame.payload, reader, frame.messageIndexes) };
    } catch (error) {
      return { about, problem: (error as Error).message };
    }
  }

  private fromFile(ref: SchemaRef): Promise<Compiled> {
    const key = fileKey(ref);
    let cached = this.files.get(key);
    if (cached === undefined) {
      cached = compileFile(ref, this.setup.readFile);
      this.files.set(key, cached);
      cached.then(
        (compiled) => this.settledFiles.set(key, { compiled }),
        (error: unknown) => this.settledFiles.set(key, { error: error as Error }),
      );
    }
    return cached;
  }

  private fromRegistry(id: number, registry: RegistryClient): Promise<Compiled> {
    let cached = this.ids.get(id);
    if (cached === undefined) {
      cached = registry.schemaById(id).then((schema) => compileRegistrySchema(schema, registry));
      this.ids.set(id, cached);
      cached.then(
        (compiled) => this.settledIds.set(id, { compiled }),
        (error: unknown) => {
          // A registry that was down or slow is asked again; an unknown id or a bad schema is not.
          if (error instanceof RegistryError && error.status !== 404) this.ids.delete(id);
          else this.settledIds.set(id, { error: error as Error });
        },
      );
    }
    return cached;
  }
}

/** A mapped schema's key in the caches: its path and message. */
function fileKey(ref: SchemaRef): string {
  return `${ref.path}#${ref.message ?? ''}`;
}

/** Why a schema file over MAX_SCHEMA_FILE_BYTES is not read, for every reader of schema files. */
export function schemaTooLarge(file: string): Error {
  return new Error(`${file} is larger than ${bytesText(MAX_SCHEMA_FILE_BYTES)}; a schema file is not that big`);
}

/** Reads a workspace schema file, capped at MAX_SCHEMA_FILE_BYTES. */
async function readCapped(readFile: SchemaFileReader, file: string): Promise<string | undefined> {
  const text = await readFile(file);
  if (text !== undefined && Buffer.byteLength(text) > MAX_SCHEMA_FILE_BYTES) throw schemaTooLarge(file);
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

/**
 * The payload as a search matches it: the text `read` then shownText give, the same whether
 * written in one pass (Avro read as its own writer schema) or not. Throws why it could not be read.
 */
function readText(compiled: Compiled, payload: Uint8Array, reader?: Compiled, messageIndexes?: readonly number[]): string {
  const oneReader = reader === undefined || reader === compiled;
  return (compiled.format === 'avro' && oneReader ? avroJsonText(payload, compiled.avro) : undefined) ?? shownText(read(compiled, payload, reader, messageIndexes).value);
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

/** A decoded value as the view, peek and search see it: JSON, two spaces deep. */
function shownText(value: JsonValue): string {
  return JSON.stringify(value, null, 2);
}

/** The schema id of a framed record; undefined when the frame is cut short (readOne says why). */
function schemaIdOf(raw: Buffer): number | undefined {
  try {
    return readFrame(raw, false).schemaId;
  } catch {
    return undefined;
  }
}

/** The decoded value as the text to show, the raw bytes kept (the same base64 getter). */
function decoded(bytes: DecodedBytes, result: ReturnType<typeof read>, about: About): DecodedBytes {
  const text = shownText(result.value);
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
 * `cluster` with peek results read through `decoder`, and searches that match keys and values
 * as their decoded JSON (`searchTexts`) and return their final matches decoded; every other
 * member is the cluster's own. How the message view and the CLI get decoded rows without the
 * Kafka layer knowing schemas.
 */
export function decodingCluster<C extends { peek(...args: never[]): Promise<PeekedMessage[]>; search(request: SearchRequest, options?: SearchOptions): Promise<{ messages: PeekedMessage[] }> }>(
  cluster: C,
  decoder: SchemaDecoder,
): C {
  if (!decoder.active) return cluster;
  return new Proxy(cluster, {
    get(target, property) {
      if (property === 'peek') return async (...args: Parameters<C['peek']>) => decoder.decodeMessages(await target.peek(...args));
      if (property === 'search') {
        return async (request: SearchRequest, options?: SearchOptions) => {
          const onProgress = options?.onProgress;
          let filter: ReturnType<typeof avroSearchFilter> | undefined;
          // Matches shown while the search runs are decoded too, each once.
          const shown = new WeakMap<PeekedMessage, PeekedMessage>();
          const decodedSoFar = (messages: PeekedMessage[]) => {
            const fresh = messages.filter((m) => !shown.has(m));
            // One whose schema is not settled yet is tried again at the next tick.
            decoder.decodeSettled(fresh).forEach((d, i) => d !== fresh[i] && shown.set(fresh[i], d));
            return messages.map((m) => shown.get(m) ?? m);
          };
          const result = await target.search(request, {
            ...options,
            ...(onProgress === undefined ? {} : { onProgress: (progress, matchesSoFar) => onProgress(progress, () => decodedSoFar(matchesSoFar())) }),
            recordTexts: (records) => decoder.searchTexts(records, (filter ??= avroSearchFilter(request))),
          });
          return { ...result, messages: await decoder.decodeMessages(result.messages) };
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
