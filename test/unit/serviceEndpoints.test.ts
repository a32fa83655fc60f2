// A service's endpoints have one home (src/config/serviceEndpoints.ts): validation, hovers,
// completion and the explorer give the same answer, and where the two earlier homes disagreed
// the platform's registry (shared/reference) decides.

import * as assert from 'assert';
import { readReference } from '../../scripts/referenceDir';
import { buildProjectModel } from '../../src/config/buildModel';
import { findEndpoint, serviceEndpoints } from '../../src/catalog/serviceEndpoints';
import { completionsAt } from '../../src/language/completions';
import { hoverAt } from '../../src/language/hovers';
import { CODES } from '../../src/validation/codes';
import { validateProject } from '../../src/validation/validate';
import { modelOf, textAt } from './helpers';

const FILE = '/p/.upsun/config.yaml';

type Registry = Record<string, { versions: Record<string, { manifest?: { endpoints?: Record<string, { port?: number }> | null } }> }>;

function project(relationship: string, service: string): string {
  return `applications:\n  app:\n    type: php:8.4\n    relationships:\n      ${relationship}\nservices:\n${service}`;
}

/** The `| \`NAME\` | \`value\` |` rows of a relationship hover, as a map. */
function hoverVariables(text: string, relationship: string): Record<string, string> {
  const markdown = hoverAt(modelOf(text), FILE, text.indexOf(relationship) + 1)?.markdown ?? '';
  return Object.fromEntries([...markdown.matchAll(/^\| `([A-Z0-9_]+)` \| (?:e\.g\. )?`([^`]*)` \|/gm)].map((m) => [m[1], m[2]]));
}

describe('service endpoints: one home for validation, hovers and completion', () => {
  const registry = readReference<Registry>('upsun-image-registry.json');
  const manifest = (image: string, version: string) => registry[image].versions[version].manifest?.endpoints ?? {};

  it('gives a read replica the port of its primary, as the registry lists postgresql-replica (validation accepted it; the hover said port 0)', () => {
    // The registry's fact: PostgreSQL 16 lists its replica endpoint on the primary's port.
    const pg16 = manifest('postgresql', '16');
    assert.strictEqual(pg16['postgresql-replica'].port, pg16.postgresql.port);
    // PostgreSQL 15 and Redis list no replica endpoint; the docs offer one all the same.
    assert.strictEqual(manifest('postgresql', '15')['postgresql-replica'], undefined);
    for (const [image, primary, port] of [['postgresql:15', 'postgresql', pg16.postgresql.port], ['redis:7.2', 'redis', manifest('redis', '7.2').redis.port]] as const) {
      const text = project(`readonly: { service: db, endpoint: ${primary}-replica }`, `  db:\n    type: ${image}\n`);
      assert.deepStrictEqual(validateProject(modelOf(text)).filter((p) => p.code === CODES.relationshipUnknownEndpoint), [], image);
      const variables = hoverVariables(text, 'readonly:');
      assert.deepStrictEqual([variables.READONLY_PORT, variables.READONLY_REL], [String(port), `${primary}-replica`], image);
    }
  });

  it('takes a service\'s own endpoints instead of the image\'s, as the registry\'s are its default configuration (validation accepted `mysql` beside them; hover and completion did not)', () => {
    // The registry's PostgreSQL endpoints carry what a user writes under configuration.endpoints.
    assert.deepStrictEqual(Object.keys(manifest('postgresql', '16').postgresql).filter((k) => k === 'privileges' || k === 'default_database').sort(), ['default_database', 'privileges']);
    const text = project('database: { service: db, endpoint: mysql }', '  db:\n    type: mariadb:11.8\n    configuration:\n      endpoints:\n        reporter: { default_schema: main }\n');
    const model = modelOf(text);
    const unknown = validateProject(model).filter((p) => p.code === CODES.relationshipUnknownEndpoint);
    assert.deepStrictEqual(unknown.map((p) => [textAt(model, p.span), p.data?.replacement]), [['mysql', 'reporter']]);
    assert.deepStrictEqual(serviceEndpoints(model, model.services[0]).map((e) => [e.name, e.port, e.scheme]), [['reporter', 3306, 'mysql']]);
    const offered = completionsAt(modelOf(text.replace('endpoint: mysql }', 'endpoint:  }')), FILE, text.indexOf('endpoint: mysql') + 'endpoint: '.length).map((c) => c.label);
    assert.deepStrictEqual(offered, ['reporter']);
  });

  it('reads a service\'s own endpoints from its own file, for a route in another file too', () => {
    const services = { path: '/p/.platform/services.yaml', kind: 'platform-services' as const, text: 'cache:\n  type: varnish:7.6\n  configuration:\n    endpoints:\n      purge: {}\n' };
    const routes = { path: '/p/.platform/routes.yaml', kind: 'platform-routes' as const, text: '"https://{default}/":\n  type: upstream\n  upstream: "cache:purge"\n' };
    const model = buildProjectModel('/p', [services, routes]);
    assert.deepStrictEqual(validateProject(model).filter((p) => p.code === CODES.routeUnknownUpstream), []);
  });

  it('knows no endpoint of an image without any listed, and finds none there', () => {
    const model = modelOf(project('kms: { service: kms, endpoint: sign }', '  kms:\n    type: vault-kms:1.12\n'));
    assert.deepStrictEqual(serviceEndpoints(model, model.services[0]), []);
    assert.strictEqual(findEndpoint(model.services[0], [], 'sign'), undefined);
    assert.deepStrictEqual(validateProject(model).filter((p) => p.code === CODES.relationshipUnknownEndpoint), []);
  });
});
