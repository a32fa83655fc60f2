// The message view's schema decoder and the produce tab's encoder for one topic of one
// service: schema files from the upsunKafka.schemas setting (or a `<topic>-value.avsc` /
// `.proto` / `.schema.json` file in the workspace), read inside the workspace folder only;
// the service's schema registry from upsunKafka.schemaRegistries, its password or token in
// SecretStorage, keyed by the registry's URL and user so that a changed URL never receives a
// secret given for another.

import * as vscode from 'vscode';
import { FileRefusedError, readTextInside } from '../config/asyncFs';
import { MAX_SCHEMA_FILE_BYTES, SchemaDecoder, schemaTooLarge } from '../schemas/decoder';
import { schemaFileProblem } from '../schemas/fileCheck';
import { conventionalNames, readSchemaMappings, schemasForTopic, parseSchemaRef, type SchemaRef } from '../schemas/mapping';
import { DIAGNOSTIC_SOURCE } from '../validation/codes';
import { RegistryClient, RegistryError, type RegistryAuth } from '../schemas/registry';
import { schemaEncoder, type SchemaEncoder } from '../schemas/encoder';
import { checkDocumentsAsTyped } from './documentChecks';
import { isTrusted } from './workspaceTrust';

const SECTION = 'upsunKafka';

/** `{ url, auth: 'none' | 'basic' | 'bearer', username? }` for `service`, checked; undefined when none or unusable (logged). */
function registrySetting(service: string, log: vscode.LogOutputChannel): { url: string; auth: 'none' | 'basic' | 'bearer'; username?: string } | undefined {
  const all = vscode.workspace.getConfiguration(SECTION).get<unknown>('schemaRegistries');
  const raw = typeof all === 'object' && all !== null && Object.prototype.hasOwnProperty.call(all, service) ? (all as Record<string, unknown>)[service] : undefined;
  if (raw === undefined) return undefined;
  const entry = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const auth = entry.auth ?? 'none';
  if (typeof entry.url !== 'string' || (auth !== 'none' && auth !== 'basic' && auth !== 'bearer') || (auth === 'basic' && typeof entry.username !== 'string')) {
    log.warn(`${SECTION}.schemaRegistries.${service} needs a "url", and with "auth": "basic" a "username"; the registry is not used`);
    return undefined;
  }
  return { url: entry.url, auth, ...(typeof entry.username === 'string' ? { username: entry.username } : {}) };
}

/** The registry's password or token: from SecretStorage, else asked once and stored. Undefined when the user does not give one. */
async function registrySecret(secrets: vscode.SecretStorage, url: string, auth: 'basic' | 'bearer', username: string | undefined): Promise<string | undefined> {
  const key = `${SECTION}.schemaRegistry\n${url}\n${auth}\n${username ?? ''}`;
  const stored = await secrets.get(key);
  if (stored !== undefined) return stored;
  const given = await vscode.window.showInputBox({
    title: `Schema registry ${url}`,
    prompt: auth === 'basic' ? `Password of ${username ?? ''} (kept in VS Code's secret storage, sent only to this URL)` : 'Bearer token (kept in VS Code\'s secret storage, sent only to this URL)',
    password: true,
    ignoreFocusOut: true,
  });
  if (given) await secrets.store(key, given);
  return given || undefined;
}

/** Reads a workspace-relative schema path inside the first workspace folder; never above it. */
async function readWorkspaceFile(file: string): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || file.startsWith('/') || /^[A-Za-z]:/.test(file) || file.split(/[\\/]/).includes('..')) return undefined;
  // On disk, a symbolic link in the folder must not lead a schema (or a .proto's import) out of it.
  if (folder.uri.scheme === 'file') {
    return readTextInside(folder.uri.fsPath, file, MAX_SCHEMA_FILE_BYTES).catch((error: unknown) => {
      if (!(error instanceof FileRefusedError)) throw error;
      throw new Error(error.refusal === 'outside' ? `${file} leads outside the workspace folder (a symbolic link) and is not read` : error.refusal === 'too-large' ? schemaTooLarge(file).message : `${file} is not a regular file`);
    });
  }
  const uri = vscode.Uri.joinPath(folder.uri, file);
  const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
  if (!stat || stat.type !== vscode.FileType.File) return undefined;
  if (stat.size > MAX_SCHEMA_FILE_BYTES) throw schemaTooLarge(file);
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** A `<topic>-<part>.avsc|.proto|.schema.json` file anywhere in the workspace, when the setting maps none. */
async function conventionalRef(topic: string, part: 'key' | 'value'): Promise<SchemaRef | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  for (const name of conventionalNames(topic, part)) {
    // A topic name holds only [a-zA-Z0-9._-]: nothing a glob reads as a pattern but `.`.
    const [found] = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `**/${name}`), '**/node_modules/**', 1);
    if (found) return parseSchemaRef(vscode.workspace.asRelativePath(found, false));
  }
  return undefined;
}

/** The schema files mapped to `topic` (or found by the naming convention) and `service`'s registry; nothing in Restricted Mode. */
async function topicSchemas(service: string, topic: string, secrets: vscode.SecretStorage, log: vscode.LogOutputChannel): Promise<{ key?: SchemaRef; value?: SchemaRef; registry?: RegistryClient }> {
  // Schema paths and the registry URL come from settings a cloned folder may set: not in Restricted Mode.
  if (!isTrusted()) return {};
  const { mappings, problems } = readSchemaMappings(vscode.workspace.getConfiguration(SECTION).get<unknown>('schemas'));
  for (const problem of problems) log.warn(problem);
  const mapped = schemasForTopic(mappings, topic);
  const key = mapped.key ?? (mappings.length === 0 ? await conventionalRef(topic, 'key') : undefined);
  const value = mapped.value ?? (mappings.length === 0 ? await conventionalRef(topic, 'value') : undefined);
  let registry: RegistryClient | undefined;
  const setting = registrySetting(service, log);
  if (setting) {
    let auth: RegistryAuth | undefined;
    if (setting.auth !== 'none') {
      const secret = await registrySecret(secrets, setting.url, setting.auth, setting.username);
      if (secret !== undefined) auth = setting.auth === 'basic' ? { kind: 'basic', username: setting.username!, password: secret } : { kind: 'bearer', token: secret };
    }
    try {
      registry = new RegistryClient({ url: setting.url, auth });
    } catch (error) {
      log.warn(`${SECTION}.schemaRegistries.${service}: ${(error as Error).message}`);
    }
  }
  return { key, value, registry };
}

/** The decoder for `topic` of `service`; a decoder that does nothing when neither a schema nor a registry applies. */
export async function schemaDecoderForView(service: string, topic: string, secrets: vscode.SecretStorage, log: vscode.LogOutputChannel): Promise<SchemaDecoder> {
  return new SchemaDecoder({ ...(await topicSchemas(service, topic, secrets, log)), readFile: readWorkspaceFile });
}

/**
 * The encoder for values produced to `topic` of `service`: the registry subject `<topic>-value`
 * (latest version, framed with its id) when the service has a registry that knows the subject,
 * else the workspace schema mapped to the topic; undefined when neither applies (the value is
 * sent as written). Throws RegistryError (registry down, credentials refused), or why the
 * schema file cannot be read or compiled.
 */
export async function schemaEncoderForProduce(service: string, topic: string, secrets: vscode.SecretStorage, log: vscode.LogOutputChannel): Promise<SchemaEncoder | undefined> {
  const { value, registry } = await topicSchemas(service, topic, secrets, log);
  if (registry !== undefined) {
    try {
      return await schemaEncoder({ topic, ref: value, registry, readFile: readWorkspaceFile });
    } catch (error) {
      // A topic without a subject is written with the workspace schema, or as it is.
      if (!(error instanceof RegistryError && error.status === 404)) throw error;
      log.info(`${registry.url} has no subject ${topic}-value: ${value ? `values are encoded with ${value.path}` : 'values are sent as written'}`);
    }
  }
  return schemaEncoder({ topic, ref: value, readFile: readWorkspaceFile });
}

/**
 * Problems in the workspace's schema files (.avsc, .proto, .schema.json) while they are open:
 * what the message view's decoder would refuse, at its character or line, as the code
 * `schema-file-invalid`. Closing a file clears its problems.
 */
export function registerSchemaDiagnostics(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const collection = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-schemas`);
  const check = async (document: vscode.TextDocument): Promise<void> => {
    const file = vscode.workspace.asRelativePath(document.uri, false);
    const ref = (() => {
      try {
        return parseSchemaRef(file);
      } catch {
        return undefined;
      }
    })();
    if (!ref) return;
    const problem = await schemaFileProblem(ref.path, document.getText(), ref.format, readWorkspaceFile);
    if (document.isClosed) return;
    if (!problem) return collection.delete(document.uri);
    const range =
      problem.offset !== undefined
        ? new vscode.Range(document.positionAt(problem.offset), document.positionAt(problem.offset + (problem.length ?? 1)))
        : problem.line !== undefined && problem.line <= document.lineCount
          ? document.lineAt(problem.line - 1).range
          : new vscode.Range(0, 0, 0, 0);
    const diagnostic = new vscode.Diagnostic(range, problem.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = 'schema-file-invalid';
    collection.set(document.uri, [diagnostic]);
  };
  checkDocumentsAsTyped(context, collection, (document) => document.uri.scheme === 'file' && /\.(avsc|proto|schema\.json)$/i.test(document.uri.path), check, log);
}
