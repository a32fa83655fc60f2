// The schema registry client against Apicurio Registry's own OpenAPI document of its
// Confluent-compatible API (ccompat v7, from io.apicurio:apicurio-registry-app on Maven
// Central): every request the client sends is an operation the document declares, the
// document's own example answers are read as the client promises, its error shape gives the
// registry's reason, and the stand-in registry of the Kafka level answers in the document's
// shapes. Apicurio itself cannot run on this machine (docs/schemas.md says why).

import * as assert from 'assert';
import Ajv from 'ajv';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { RegistryClient, RegistryError } from '../../src/schemas/registry';
import { apicurioCcompatSpec, APICURIO_VERSION, SPEC_SETUP_MS, type OpenApi, type Operation, type Response } from '../schemas/apicurioSpec';
import { REGISTRY_USER, startRegistry } from '../schemas/fakeRegistry';

const ROOT = '/apis/ccompat/v7';

/** The document's operation for `method` and a path below ROOT, and its path parameters. */
function operationOf(spec: OpenApi, method: string, at: string): { template: string; operation: Operation; params: Record<string, string> } | undefined {
  for (const [template, item] of Object.entries(spec.paths)) {
    if (typeof item === 'string') continue;
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
    const match = pattern.exec(at);
    if (match && item[method.toLowerCase()]) return { template, operation: item[method.toLowerCase()], params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])])) };
  }
  return undefined;
}

function responseOf(spec: OpenApi, operation: Operation, status: string): Response {
  const found = operation.responses[status];
  assert.ok(found, `the document gives no ${status} answer`);
  return '$ref' in found ? spec.components.responses[String(found.$ref).split('/').pop()!] : found;
}

/** A registry answering each GET with the document's own 200 example for its operation (`examples.<name>` picks one). */
function specRegistry(spec: OpenApi, pick: Record<string, string> = {}): Promise<{ url: string; requests: { path: string; accept: string }[]; close(): Promise<void> }> {
  const requests: { path: string; accept: string }[] = [];
  const server = http.createServer((req, res) => {
    const at = (req.url ?? '').split('?')[0];
    requests.push({ path: at, accept: req.headers.accept ?? '' });
    const found = at.startsWith(ROOT) ? operationOf(spec, req.method ?? '', at.slice(ROOT.length)) : undefined;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/vnd.schemaregistry.v1+json' });
      res.end(JSON.stringify(body));
    };
    if (!found) return send(404, { error_code: 404, message: `no operation ${req.method} ${at}` });
    if (found.params.id === '404') return send(404, (spec.components.schemas.Error as { example: unknown }).example);
    const content = responseOf(spec, found.operation, '200').content?.['application/json'];
    const example = pick[found.template] !== undefined ? content?.examples?.[pick[found.template]]?.value : content?.example;
    return example === undefined ? send(500, { error_code: 50001, message: 'the document has no example' }) : send(200, example);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${ROOT}`, requests, close: () => new Promise((done) => server.close(() => done())) }),
    ),
  );
}

describe(`the schema registry client against Apicurio Registry ${APICURIO_VERSION}'s ccompat v7 OpenAPI document`, function () {
  this.timeout(SPEC_SETUP_MS);
  let spec: OpenApi;

  before(async () => {
    spec = await apicurioCcompatSpec();
    assert.strictEqual(spec.info.title, 'Apicurio Registry Confluent Compatibility API');
  });

  it('sends only operations the document declares, with path parameters of their declared kinds and an Accept type the document answers in', async () => {
    const registry = await specRegistry(spec);
    try {
      const client = new RegistryClient({ url: registry.url });
      await client.schemaById(1);
      await client.subjectVersion('orders value/ü', 2).catch(() => undefined);
      await client.subjectVersion('orders-value').catch(() => undefined);
      assert.deepStrictEqual(registry.requests.map((r) => r.path), [`${ROOT}/schemas/ids/1`, `${ROOT}/subjects/orders%20value%2F%C3%BC/versions/2`, `${ROOT}/subjects/orders-value/versions/latest`]);
      for (const request of registry.requests) {
        const found = operationOf(spec, 'GET', request.path.slice(ROOT.length));
        assert.ok(found, `${request.path} is no operation of the document`);
        for (const parameter of found.operation.parameters ?? []) {
          if (parameter.in !== 'path') continue;
          const value = found.params[parameter.name];
          if (parameter.schema?.type === 'integer') assert.match(value, /^\d+$/, `${parameter.name} of ${request.path}`);
          if (parameter.name === 'version') assert.match(value, /^(\d+|latest|-1)$/, 'a version number or "latest", as the document says');
        }
        const answered = Object.keys(responseOf(spec, found.operation, '200').content ?? {});
        const accepted = request.accept.split(',').map((t) => t.trim());
        assert.ok(accepted.every((t) => answered.includes(t)), `Accept ${request.accept}; the document answers ${answered.join(', ')}`);
      }
    } finally {
      await registry.close();
    }
  });

  it("reads the document's example answers: a schema by id with its subject and version; a subject version's type; a version without an id refused, since produce frames with the id", async () => {
    const registry = await specRegistry(spec, { '/subjects/{subject}/versions/{version}': 'protobuf' });
    const avroVersion = await specRegistry(spec, { '/subjects/{subject}/versions/{version}': 'avro' });
    try {
      const byId = await new RegistryClient({ url: registry.url }).schemaById(1);
      assert.deepStrictEqual(byId, {
        id: 1,
        schemaType: 'AVRO',
        schema: '{ "type": "record", "name": "test", "fields": [ { "type": "string", "name": "field1" }, { "type": "int", "name": "field2" } ] }',
        references: [],
        subject: 'test',
        version: 3,
      });
      // The document's Schema does not require "id", and its subject-version examples have none.
      await assert.rejects(new RegistryClient({ url: registry.url }).subjectVersion('test', 1), (error: unknown) => error instanceof RegistryError && error.message === 'the schema registry\'s answer has no schema id');
      await assert.rejects(new RegistryClient({ url: avroVersion.url }).subjectVersion('test'), /has no schema id/);
    } finally {
      await registry.close();
      await avroVersion.close();
    }
  });

  it("gives the registry's reason from the document's error shape, with the HTTP status", async () => {
    const registry = await specRegistry(spec);
    try {
      await assert.rejects(new RegistryClient({ url: registry.url }).schemaById(404), (error: unknown) => {
        assert.ok(error instanceof RegistryError);
        assert.strictEqual(error.status, 404);
        assert.strictEqual(error.message, `the schema registry at ${registry.url} answered HTTP 404 for /schemas/ids/404: Schema not found (40403)`);
        return true;
      });
    } finally {
      await registry.close();
    }
  });

  it("has the Kafka level's stand-in registry answer in the document's shapes, success and error alike", async () => {
    const schema = { schema: '{"type":"string"}', id: 21, subject: 'orders-value', version: 2, schemaType: 'AVRO', references: [] };
    // Confluent's /schemas/ids answer has no subject or version; Apicurio's document requires both (its example has them).
    const standIn = await startRegistry({ '/schemas/ids/21': schema, '/subjects/orders-value/versions/latest': schema });
    const ajv = new Ajv({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: 'ccompat', components: { schemas: spec.components.schemas } });
    const auth = { Authorization: `Basic ${Buffer.from(`${REGISTRY_USER.username}:${REGISTRY_USER.password}`).toString('base64')}` };
    try {
      for (const [at, headers, status] of [
        ['/schemas/ids/21', auth, 200],
        ['/subjects/orders-value/versions/latest', auth, 200],
        ['/schemas/ids/99', auth, 404],
        ['/subjects/none-value/versions/latest', auth, 404],
        ['/schemas/ids/21', {}, 401],
      ] as const) {
        const response = await fetch(`${standIn.url}${at}`, { headers });
        assert.strictEqual(response.status, status, at);
        const found = operationOf(spec, 'GET', at);
        assert.ok(found, at);
        // 401 is not in the document; Confluent's reference answers it in the same Error shape.
        const ref = status === 200 ? (responseOf(spec, found.operation, '200').content?.['application/vnd.schemaregistry.v1+json']?.schema as { $ref: string }).$ref : '#/components/schemas/Error';
        const body: unknown = await response.json();
        const validate = ajv.getSchema(`ccompat${ref}`);
        assert.ok(validate, ref);
        assert.ok(validate(body), `${at}: ${JSON.stringify(body)} is not a ${ref}: ${ajv.errorsText(validate.errors)}`);
      }
    } finally {
      await standIn.close();
    }
  });
});
