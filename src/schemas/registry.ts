// A client for the schema registry REST API that Confluent defined and Apicurio (under
// /apis/ccompat/v7) and Karapace also serve. Only reads: a schema by its id (what a framed
// record names) and a subject's version (what produce frames with). Every request has a time
// limit and a size limit; answers are cached per client, and "not found" too.
// Source of the shapes: Confluent's Schema Registry API reference
// (https://docs.confluent.io/platform/current/schema-registry/develop/api.html):
//   GET /schemas/ids/{id}                      -> { schema, schemaType?, references? }
//   GET /subjects/{subject}/versions/{version} -> { subject, id, version, schema, schemaType?, references? }
//   errors                                     -> { error_code, message }, e.g. 40403 schema not found
// schemaType is absent for Avro; references are { name, subject, version }.

/** How the registry wants to be authenticated; the secrets come from SecretStorage or the CLI's environment. */
export type RegistryAuth =
  | {
      readonly kind: 'basic';
      readonly username: string;
      readonly password: string;
    }
  | { readonly kind: 'bearer'; readonly token: string };

export type RegistrySchemaType = 'AVRO' | 'PROTOBUF' | 'JSON';

export interface SchemaReference {
  /** The import name the referring schema uses (for Protobuf, the imported file's path). */
  readonly name: string;
  readonly subject: string;
  readonly version: number;
}

/** A schema as the registry holds it. */
export interface RegistrySchema {
  readonly id: number;
  readonly schemaType: RegistrySchemaType;
  readonly schema: string;
  readonly references: readonly SchemaReference[];
  /** Set when read by subject and version. */
  readonly subject?: string;
  readonly version?: number;
}

export interface RegistryOptions {
  /** The registry's base URL, e.g. http://localhost:8081 or https://host/apis/ccompat/v7. */
  readonly url: string;
  readonly auth?: RegistryAuth;
  /** Per request, in ms; 10 s unless given. */
  readonly timeoutMs?: number;
  /** Largest answer read, in bytes; 4 MiB unless given. */
  readonly maxBytes?: number;
}

/** A registry request that failed, with the reason for the user; `status` is the HTTP status when there was one. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export const REGISTRY_TIMEOUT_MS = 10_000;
export const REGISTRY_MAX_BYTES = 4 * 1024 * 1024;

export class RegistryClient {
  private readonly base: string;
  private readonly byId = new Map<number, Promise<RegistrySchema>>();
  private readonly byVersion = new Map<string, Promise<RegistrySchema>>();

  constructor(private readonly options: RegistryOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new RegistryError(`"${options.url}" is not a URL; give the schema registry's address, e.g. http://localhost:8081`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RegistryError(`the schema registry's URL must start with http:// or https://, not ${url.protocol}`);
    if (url.username || url.password) throw new RegistryError("put the schema registry credentials in the connection's secret store or the environment, not in its URL");
    this.base = url.href.replace(/\/+$/, '');
  }

  get url(): string {
    return this.base;
  }

  /** The schema with this global id. Throws RegistryError (unknown id, refused credentials, timeout, a reply that is not a schema). */
  schemaById(id: number): Promise<RegistrySchema> {
    let cached = this.byId.get(id);
    if (cached === undefined) {
      cached = this.get(`/schemas/ids/${id}`).then((body) => toSchema(body, id));
      this.byId.set(id, cached);
      // Only answers are kept: a registry that was down or slow is asked again next time.
      cached.catch((error: unknown) => {
        if (!(error instanceof RegistryError && error.status === 404)) this.byId.delete(id);
      });
    }
    return cached;
  }

  /** A subject's version (a number, or "latest"). Throws RegistryError as schemaById does. */
  subjectVersion(subject: string, version: number | 'latest' = 'latest'): Promise<RegistrySchema> {
    const key = `${subject}\n${version}`;
    let cached = version === 'latest' ? undefined : this.byVersion.get(key);
    if (cached === undefined) {
      cached = this.get(`/subjects/${encodeURIComponent(subject)}/versions/${version}`).then((body) => toSchema(body));
      if (version !== 'latest') {
        this.byVersion.set(key, cached);
        cached.catch(() => this.byVersion.delete(key));
      }
    }
    return cached;
  }

  private async get(path: string): Promise<unknown> {
    const timeoutMs = this.options.timeoutMs ?? REGISTRY_TIMEOUT_MS;
    const maxBytes = this.options.maxBytes ?? REGISTRY_MAX_BYTES;
    const headers: Record<string, string> = {
      Accept: 'application/vnd.schemaregistry.v1+json, application/json',
    };
    const auth = this.options.auth;
    if (auth?.kind === 'basic') headers.Authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (auth?.kind === 'bearer') headers.Authorization = `Bearer ${auth.token}`;
    const where = `the schema registry at ${this.base}`;
    const signal = AbortSignal.timeout(timeoutMs);
    let text: string;
    let status: number;
    try {
      // redirect: 'error' keeps the credentials from following a redirect to another host.
      const response = await fetch(`${this.base}${path}`, {
        headers,
        signal,
        redirect: 'error',
      });
      status = response.status;
      text = await readCapped(response, maxBytes, where);
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      if (signal.aborted) throw new RegistryError(`${where} did not answer within ${timeoutMs / 1000} s`);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new RegistryError(`could not reach ${where}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (status === 401 || status === 403) throw new RegistryError(`${where} refused the credentials (HTTP ${status}); set the registry's username and password or token for this connection`, status);
    if (status < 200 || status > 299) {
      const detail = isRecord(body) && typeof body.message === 'string' ? `: ${body.message.slice(0, 200)}${typeof body.error_code === 'number' ? ` (${body.error_code})` : ''}` : '';
      throw new RegistryError(`${where} answered HTTP ${status} for ${path}${detail}`, status);
    }
    if (body === undefined) throw new RegistryError(`${where} answered ${path} with something that is not JSON`);
    return body;
  }
}

async function readCapped(response: Response, maxBytes: number, where: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) throw new RegistryError(`${where} answered with ${declared} bytes, more than the ${maxBytes}-byte limit`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body === null) return '';
  // Leaving the loop early cancels the stream: the rest of an oversized answer is not read.
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new RegistryError(`${where} answered with more than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toSchema(body: unknown, id?: number): RegistrySchema {
  const bad = (what: string) => new RegistryError(`the schema registry's answer ${what}`);
  if (!isRecord(body) || typeof body.schema !== 'string') throw bad('has no "schema" text');
  const schemaType = body.schemaType ?? 'AVRO';
  if (schemaType !== 'AVRO' && schemaType !== 'PROTOBUF' && schemaType !== 'JSON') throw bad(`names the schema type ${JSON.stringify(schemaType)}, not AVRO, PROTOBUF or JSON`);
  const references = body.references ?? [];
  if (!Array.isArray(references) || !references.every((r) => isRecord(r) && typeof r.name === 'string' && typeof r.subject === 'string' && typeof r.version === 'number'))
    throw bad('has references that are not { name, subject, version }');
  const theId = id ?? body.id;
  if (typeof theId !== 'number') throw bad('has no schema id');
  return {
    id: theId,
    schemaType,
    schema: body.schema,
    references: references as SchemaReference[],
    ...(typeof body.subject === 'string' ? { subject: body.subject } : {}),
    ...(typeof body.version === 'number' ? { version: body.version } : {}),
  };
}
