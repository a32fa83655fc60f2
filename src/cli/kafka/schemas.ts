// The schema decoder a CLI command uses: schema files from the flags, else the project's
// upsunKafka.schemas setting (.vscode/settings.json in the current folder); files read
// relative to the current folder; registry credentials from the environment.

import * as path from 'path';
import { parse as parseJsonc } from 'jsonc-parser';
import { MAX_SCHEMA_FILE_BYTES, SchemaDecoder, schemaTooLarge } from '../../schemas/decoder';
import { schemaEncoder, type SchemaEncoder } from '../../schemas/encoder';
import { parseSchemaRef, readSchemaMappings, schemasForTopic, type SchemaRef } from '../../schemas/mapping';
import { RegistryClient, RegistryError, type RegistryAuth } from '../../schemas/registry';
import type { SchemaFlags } from '../contract';
import { REGISTRY_ENV } from '../schemaOptions';
import { UsageError } from '../exitCodes';
import { FileRefusedError, readTextFile, readTextInside } from '../../config/asyncFs';

/** Largest .vscode/settings.json read for the mapping. */
const MAX_SETTINGS_BYTES = 1024 * 1024;

/** The decoder for `topic`; warnings (a bad mapping entry) go to `warn`. Throws UsageError for a bad flag. */
export async function schemaDecoderFor(topic: string, flags: SchemaFlags, warn: (line: string) => void, cwd = process.cwd()): Promise<SchemaDecoder> {
  const ref = (text: string | undefined, option: string) => (text === undefined ? undefined : parseRef(text, option));
  let key = ref(flags.keySchema, '--key-schema');
  let value = ref(flags.valueSchema, '--value-schema');
  const fromFlags = key !== undefined || value !== undefined;
  if (!fromFlags) {
    const mapped = schemasForTopic(await projectMappings(cwd, warn), topic);
    key = mapped.key;
    value = mapped.value;
  }
  const registry = registryFrom(flags);
  const readFile = schemaReader(cwd, fromFlags);
  return new SchemaDecoder({ key, value, registry, readFile });
}

/**
 * The encoder `produce` uses for values: --value-schema, else the project's mapping; with
 * --schema-registry the subject's schema. Undefined when none applies. Throws UsageError for a
 * bad flag, or one that names what cannot be had (registry, schema).
 */
export async function schemaEncoderFor(topic: string, flags: SchemaFlags, warn: (line: string) => void, cwd = process.cwd()): Promise<SchemaEncoder | undefined> {
  const fromFlags = flags.valueSchema !== undefined;
  const ref = fromFlags ? parseRef(flags.valueSchema, '--value-schema') : schemasForTopic(await projectMappings(cwd, warn), topic).value;
  const version = flags.schemaVersion === undefined ? undefined : Number(flags.schemaVersion);
  if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new UsageError(`--schema-version takes a version number (1, 2, …), not "${flags.schemaVersion}"`);
  if (version !== undefined && flags.schemaRegistry === undefined) throw new UsageError('--schema-version goes with --schema-registry');
  try {
    return await schemaEncoder({ topic, ref, registry: registryFrom(flags), version, readFile: schemaReader(cwd, fromFlags) });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot encode with the schema: ${(error as Error).message}`);
  }
}

function parseRef(text: string, option: string): SchemaRef {
  try {
    return parseSchemaRef(text);
  } catch (error) {
    throw new UsageError(`${option}: ${(error as Error).message}`);
  }
}

function registryFrom(flags: SchemaFlags): RegistryClient | undefined {
  if (flags.schemaRegistry === undefined) return undefined;
  try {
    return new RegistryClient({ url: flags.schemaRegistry, auth: registryAuth() });
  } catch (error) {
    if (error instanceof RegistryError) throw new UsageError(`--schema-registry: ${error.message}`);
    throw error;
  }
}

/**
 * Reads schema files relative to the current folder; undefined for one that is not there. A
 * schema the user named with a flag is read where it is; one from the project's settings, which
 * a cloned repository writes, and the imports of its .proto, only inside the current folder.
 */
function schemaReader(cwd: string, fromFlags: boolean): (file: string) => Promise<string | undefined> {
  return async (file) => {
    try {
      return fromFlags ? await readTextFile(path.resolve(cwd, file), MAX_SCHEMA_FILE_BYTES) : await readTextInside(cwd, file, MAX_SCHEMA_FILE_BYTES);
    } catch (error) {
      if (error instanceof FileRefusedError) throw new Error(error.refusal === 'too-large' ? schemaTooLarge(file).message : error.refusal === 'outside' ? `${file} is outside the current folder, where the project's settings may name schemas` : `${file} is not a regular file`);
      throw error;
    }
  };
}

function registryAuth(): RegistryAuth | undefined {
  const env = process.env;
  const token = env[REGISTRY_ENV.token];
  if (token) return { kind: 'bearer', token };
  const username = env[REGISTRY_ENV.username];
  if (username) return { kind: 'basic', username, password: env[REGISTRY_ENV.password] ?? '' };
  return undefined;
}

async function projectMappings(cwd: string, warn: (line: string) => void) {
  const file = path.join(cwd, '.vscode', 'settings.json');
  let text: string | undefined;
  try {
    text = await readTextFile(file, MAX_SETTINGS_BYTES);
  } catch (error) {
    warn(`${path.relative(cwd, file)} is not read for upsunKafka.schemas: ${(error as Error).message}`);
  }
  if (text === undefined) return [];
  const settings = parseJsonc(text) as unknown;
  const setting = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)['upsunKafka.schemas'] : undefined;
  const { mappings, problems } = readSchemaMappings(setting);
  for (const problem of problems) warn(`${path.relative(cwd, file)}: ${problem}`);
  return mappings;
}
