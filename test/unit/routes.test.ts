import * as assert from 'assert';
import { buildProjectModel } from '../../src/config/buildModel';
import { definitionAt } from '../../src/language/definitions';
import { quickFixesFor } from '../../src/language/quickFixes';
import { CODES } from '../../src/validation/codes';
import { validateProject } from '../../src/validation/validate';
import { check, textAt } from './helpers';

// Docs (define-routes): an upstream route needs `upstream: <app>:http`, a redirect route `to`;
// `cache` takes enabled, default_ttl, cookies and headers only.
const APP = 'applications:\n  app:\n    type: nodejs:24\nservices:\n  varnish:\n    type: varnish:9.0\n    relationships:\n      app: "app:http"\nroutes:\n';
const routes = (text: string) => check(APP + text).filter((f) => f.code !== CODES.unusedService && f.code !== CODES.relationshipLegacy && f.code !== CODES.deprecatedVersion);

describe('routes', () => {
  it('accept an upstream to a declared app over http, and to a service such as Varnish', () => {
    assert.deepStrictEqual(routes('  "https://{default}/":\n    type: upstream\n    upstream: "app:http"\n  "https://www.{default}/":\n    type: upstream\n    upstream: "varnish:http"\n'), []);
  });

  it('err on an upstream naming an app that is not declared, with the closest as the fix', () => {
    const found = routes('  "https://{default}/":\n    type: upstream\n    upstream: "ap:http"\n');
    assert.deepStrictEqual(found.map((f) => [f.code, f.severity, f.text]), [[CODES.routeUnknownUpstream, 'error', 'ap']]);
    assert.deepStrictEqual(found[0].problem.data, { replacement: 'app' });
  });

  it('err on an app endpoint other than http', () => {
    const found = routes('  "https://{default}/":\n    type: upstream\n    upstream: "app:https"\n');
    assert.deepStrictEqual(found.map((f) => [f.code, f.text]), [[CODES.routeUnknownUpstream, 'https']]);
  });

  it('err on a redirect without `to` and an upstream route without `upstream`', () => {
    const found = routes('  "https://{default}/":\n    type: upstream\n  "https://www.{default}/":\n    type: redirect\n');
    assert.deepStrictEqual(found.map((f) => [f.code, f.text]), [[CODES.missingKey, 'upstream'], [CODES.missingKey, 'redirect']]);
    assert.match(found[1].problem.message, /type `redirect` but has no `to`/);
  });

  it('flag unknown keys in `cache`', () => {
    const found = routes('  "https://{default}/":\n    type: upstream\n    upstream: "app:http"\n    cache:\n      enabled: true\n      ttl: 60\n');
    assert.deepStrictEqual(found.map((f) => [f.code, f.severity, f.text]), [[CODES.unknownKey, 'error', 'ttl']]);
  });

  it('err on upstreams when the project declares no application at all, naming the files the platform reads', () => {
    // An app file under a name the platform does not read (`.platform/app.yaml`) leaves routes.yaml alone.
    const [f, ...rest] = check('"https://{default}/":\n  type: upstream\n  upstream: "api:http"\n', 'platform-routes');
    assert.deepStrictEqual([rest, f.code, f.severity, f.text], [[], CODES.routeUnknownUpstream, 'error', 'api']);
    assert.strictEqual(f.problem.message, 'Route `https://{default}/` sends requests to `api`, but these files declare no application. Platform.sh reads an application from `.platform.app.yaml` in its folder or from `.platform/applications.yaml`.');
    const [u] = check('routes:\n  "https://{default}/":\n    type: upstream\n    upstream: "app:http"\n');
    assert.strictEqual(u.problem.message, 'Route `https://{default}/` sends requests to `app`, but these files declare no application. Upsun reads applications under `applications:` in `.upsun/*.yaml` (or `.yml`).');
  });

  it('go to the application from its upstream, and fix a misspelled name', () => {
    const text = `${APP}  "https://{default}/":\n    type: upstream\n    upstream: "ap:http"\n`;
    const file = '/p/.upsun/config.yaml';
    const project = buildProjectModel('/p', [{ path: file, kind: 'upsun', text: text.replace('"ap:http"', '"app:http"') }]);
    const at = project.files[0].text.lastIndexOf('app:http') + 1;
    assert.deepStrictEqual(definitionAt(project, file, at).map((s) => textAt(project, s)), ['app']);
    const broken = buildProjectModel('/p', [{ path: file, kind: 'upsun', text }]);
    const problem = validateProject(broken).find((p) => p.code === CODES.routeUnknownUpstream)!;
    const [fix] = quickFixesFor(broken, problem);
    assert.deepStrictEqual([fix.title, fix.edits[0].newText, textAt(broken, { ...fix.edits[0].range, file })], ['Change to "app"', 'app', 'ap']);
  });
});
