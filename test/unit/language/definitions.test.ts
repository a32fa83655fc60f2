import * as assert from 'assert';
import { buildProjectModel } from '../../../src/config/buildModel';
import { definitionAt, referencesAt } from '../../../src/language/definitions';
import { offsetOf } from './cursor';

const APPS = '/p/.upsun/apps.yaml';
const SERVICES = '/p/.upsun/services.yaml';
const APPS_TEXT = `applications:
  backend:
    relationships:
      kafka:
      events: { service: queue, endpoint: kafka }
      legacy: "queue:kafka"
  worker:
    relationships:
      jobs:
        service: queue
`;
const SERVICES_TEXT = `services:
  kafka:
    type: kafka:4.3
  queue:
    type: kafka:4.3
`;
const project = buildProjectModel('/p', [
  { path: APPS, kind: 'upsun', text: APPS_TEXT },
  { path: SERVICES, kind: 'upsun', text: SERVICES_TEXT },
]);
const text = (span: { file: string; start: number; end: number }) => `${span.file === APPS ? 'apps' : 'services'}:${(span.file === APPS ? APPS_TEXT : SERVICES_TEXT).slice(span.start, span.end)}`;

describe('language: definitions and references', () => {
  it('goes from the short form to the service in another file', () => {
    const [target] = definitionAt(project, APPS, offsetOf(APPS_TEXT, 'kafka:', 2));
    assert.strictEqual(text(target), 'services:kafka');
    assert.strictEqual(target.start, offsetOf(SERVICES_TEXT, 'kafka:'));
  });

  it('goes from a `service:` value and from a legacy string', () => {
    assert.deepStrictEqual(definitionAt(project, APPS, offsetOf(APPS_TEXT, 'queue, endpoint', 2)).map(text), ['services:queue']);
    assert.deepStrictEqual(definitionAt(project, APPS, offsetOf(APPS_TEXT, '"queue:kafka"', 3)).map(text), ['services:queue']);
    assert.deepStrictEqual(definitionAt(project, APPS, offsetOf(APPS_TEXT, 'service: queue\n', 10)).map(text), ['services:queue']);
  });

  it('gives nothing away from relationships', () => {
    assert.deepStrictEqual(definitionAt(project, APPS, offsetOf(APPS_TEXT, 'backend')), []);
  });

  it('finds every relationship to a service, from its declaration or from one of them', () => {
    const fromDeclaration = referencesAt(project, SERVICES, offsetOf(SERVICES_TEXT, 'queue', 1), false).map(text);
    assert.deepStrictEqual(fromDeclaration, ['apps:queue', 'apps:queue', 'apps:queue']);
    const withDeclaration = referencesAt(project, APPS, offsetOf(APPS_TEXT, 'queue', 1), true).map(text);
    assert.deepStrictEqual(withDeclaration, ['services:queue', 'apps:queue', 'apps:queue', 'apps:queue']);
    assert.deepStrictEqual(referencesAt(project, SERVICES, offsetOf(SERVICES_TEXT, 'kafka:', 1), false).map(text), ['apps:kafka']);
  });
});
