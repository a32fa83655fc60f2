// Every problem that names a fix ("Did you mean `kafka`?", "Use `http`.") offers that fix
// first and as the preferred one, and applying it clears the problem.

import * as assert from 'assert';
import { buildProjectModel } from '../../../src/config/buildModel';
import type { Problem } from '../../../src/config/model';
import { quickFixesFor } from '../../../src/language/quickFixes';
import { CODES } from '../../../src/validation/codes';
import { validateProject } from '../../../src/validation/validate';
import { CONFIG } from './cursor';

const APP = 'applications:\n  app:\n    type: nodejs:24\n    relationships:\n';
const KAFKA = 'services:\n  kafka:\n    type: kafka:4.3\n  varnish:\n    type: varnish:9.0\n    relationships:\n      app: { service: app, endpoint: http }\n';

function problemsOf(text: string): Problem[] {
  return validateProject(buildProjectModel('/p', [{ path: CONFIG, kind: 'upsun', text }]));
}

/** The problem of `code`, its fixes, and the text after the first fix. */
function fixFirst(text: string, code: string): { problem: Problem; titles: string[]; preferred: boolean[]; fixed: string } {
  const project = buildProjectModel('/p', [{ path: CONFIG, kind: 'upsun', text }]);
  const found = validateProject(project).filter((p) => p.code === code);
  assert.strictEqual(found.length, 1, `one ${code} problem in:\n${text}\n${found.map((p) => p.message).join('\n')}`);
  const fixes = quickFixesFor(project, found[0]);
  assert.ok(fixes.length > 0, `no fix for: ${found[0].message}`);
  let fixed = text;
  for (const e of [...fixes[0].edits].sort((a, b) => b.range.start - a.range.start)) fixed = fixed.slice(0, e.range.start) + e.newText + fixed.slice(e.range.end);
  return { problem: found[0], titles: fixes.map((f) => f.title), preferred: fixes.map((f) => f.preferred), fixed };
}

const CASES: readonly { name: string; text: string; code: string; title: string; after: string }[] = [
  { name: 'a relationship to a misspelled service (explicit form)', text: `${APP}      events: { service: kafak, endpoint: kafka }\n${KAFKA}`, code: CODES.relationshipUnknownService, title: 'Change to "kafka"', after: 'events: { service: kafka, endpoint: kafka }' },
  { name: 'a relationship to a misspelled service (legacy string)', text: `${APP}      events: "kafak:kafka"\n${KAFKA}`, code: CODES.relationshipUnknownService, title: 'Change to "kafka"', after: 'events: "kafka:kafka"' },
  { name: 'a relationship to a misspelled service (empty, named as the service)', text: `${APP}      kafak:\n${KAFKA}`, code: CODES.relationshipUnknownService, title: 'Change to "kafka"', after: '      kafka:\n' },
  { name: 'a relationship to a misspelled endpoint', text: `${APP}      events: { service: kafka, endpoint: kafak }\n${KAFKA}`, code: CODES.relationshipUnknownEndpoint, title: 'Change endpoint to "kafka"', after: 'events: { service: kafka, endpoint: kafka }' },
  { name: 'a route to a misspelled application', text: `${APP}      events: { service: kafka, endpoint: kafka }\n${KAFKA}routes:\n  "https://{default}/":\n    type: upstream\n    upstream: "ap:http"\n`, code: CODES.routeUnknownUpstream, title: 'Change to "app"', after: 'upstream: "app:http"' },
  { name: 'a route to an application over another endpoint', text: `${APP}      events: { service: kafka, endpoint: kafka }\n${KAFKA}routes:\n  "https://{default}/":\n    type: upstream\n    upstream: "app:htp"\n`, code: CODES.routeUnknownUpstream, title: 'Change to "http"', after: 'upstream: "app:http"' },
  { name: 'a route to a service endpoint it lacks', text: `${APP}      events: { service: kafka, endpoint: kafka }\n${KAFKA}routes:\n  "https://{default}/":\n    type: upstream\n    upstream: "varnish:htp"\n`, code: CODES.routeUnknownUpstream, title: 'Change to "http"', after: 'upstream: "varnish:http"' },
  { name: 'a misspelled type', text: `${APP}      events: { service: kafka, endpoint: kafka }\nservices:\n  kafka:\n    type: kafak:4.3\n`, code: CODES.unknownType, title: 'Change to kafka:4.3', after: 'type: kafka:4.3' },
  { name: 'a misspelled key', text: `${APP}      events: { service: kafka, endpoint: kafka }\nservices:\n  kafka:\n    typ: kafka:4.3\n`, code: CODES.unknownKey, title: 'Rename to "type"', after: '    type: kafka:4.3' },
];

describe('language: every suggestion has its quick fix, first and preferred', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { titles, preferred, fixed } = fixFirst(c.text, c.code);
      assert.strictEqual(titles[0], c.title, titles.join(' | '));
      assert.deepStrictEqual(preferred, titles.map((_, i) => i === 0), 'only the first fix is preferred');
      assert.ok(fixed.includes(c.after), fixed);
      assert.deepStrictEqual(problemsOf(fixed).filter((p) => p.code === c.code).map((p) => p.message), []);
    });
  }

  it('offers creating the misspelled service second, not preferred', () => {
    const { titles, preferred } = fixFirst(`${APP}      events: { service: kafak, endpoint: kafka }\n${KAFKA}`, CODES.relationshipUnknownService);
    assert.deepStrictEqual(titles, ['Change to "kafka"', 'Create service "kafak" (kafka:4.3) in config.yaml']);
    assert.deepStrictEqual(preferred, [true, false]);
  });

  it('keeps creating the service preferred when no name is close', () => {
    const { titles, preferred } = fixFirst(`${APP}      events: { service: queue, endpoint: kafka }\n${KAFKA}`, CODES.relationshipUnknownService);
    assert.deepStrictEqual(titles, ['Create service "queue" (kafka:4.3) in config.yaml']);
    assert.deepStrictEqual(preferred, [true]);
  });

  it('gives every problem that suggests a name, in every case above, a preferred first fix', () => {
    for (const c of CASES) {
      const project = buildProjectModel('/p', [{ path: CONFIG, kind: 'upsun', text: c.text }]);
      for (const p of validateProject(project).filter((q) => /Did you mean|Use `[^`]+`\.|Write `/.test(q.message))) {
        const fixes = quickFixesFor(project, p);
        assert.ok(fixes[0]?.preferred, `${p.code}: ${p.message} has no preferred first fix`);
      }
    }
  });
});
