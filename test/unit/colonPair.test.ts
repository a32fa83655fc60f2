// `name:rest` values have one parser: the model's types and legacy relationships, the routes
// check, hovers, completion and go-to-definition all read the same parts.

import * as assert from 'assert';
import { colonPairSpans, splitColonPair, splitType } from '../../src/config/colonPair';
import { definitionAt } from '../../src/language/definitions';
import { CODES } from '../../src/validation/codes';
import { validateProject } from '../../src/validation/validate';
import { modelOf, textAt } from './helpers';

describe('name:rest values: one parser', () => {
  it('splits at the first colon only, keeping the rest as written', () => {
    assert.deepStrictEqual(splitColonPair('db:mysql'), { name: 'db', rest: 'mysql' });
    assert.deepStrictEqual(splitColonPair('db:my:sql'), { name: 'db', rest: 'my:sql' });
    assert.deepStrictEqual(splitColonPair('db:'), { name: 'db', rest: '' });
    assert.deepStrictEqual(splitColonPair('db'), { name: 'db' });
    assert.deepStrictEqual(splitColonPair(':http'), { name: '', rest: 'http' });
  });

  it('trims an image and its version, and has no version without a colon', () => {
    assert.deepStrictEqual(splitType(' kafka : 4.1 '), { typeName: 'kafka', version: '4.1' });
    assert.deepStrictEqual(splitType('kafka'), { typeName: 'kafka' });
    assert.deepStrictEqual(splitType('kafka:'), { typeName: 'kafka', version: '' });
  });

  it('places each part past an opening quote, and the missing rest just past the name', () => {
    for (const [written, start] of [['backend:http', 0], ['"backend:http"', 1], ["'backend:http'", 1]] as const) {
      const text = `upstream: ${written}\n`;
      const span = { file: 'f', start: 'upstream: '.length, end: 'upstream: '.length + written.length };
      const spans = colonPairSpans('backend:http', span, text);
      assert.deepStrictEqual([text.slice(spans.name.start, spans.name.end), text.slice(spans.rest.start, spans.rest.end)], ['backend', 'http']);
      assert.strictEqual(spans.name.start, span.start + start);
    }
    const bare = colonPairSpans('backend', { file: 'f', start: 0, end: 7 }, 'backend');
    assert.deepStrictEqual(bare.rest, { file: 'f', start: 8, end: 8 });
  });

  it('gives the legacy relationship, the route check and go-to-definition the same parts', () => {
    const text = `applications:
  app:
    type: nodejs:22
    relationships:
      database: "db:mysqll"
services:
  db:
    type: mariadb:11.8
routes:
  "https://{default}/":
    type: upstream
    upstream: "db:mysqll"
`;
    const model = modelOf(text);
    const rel = model.applications[0].relationships[0];
    assert.deepStrictEqual([rel.form, textAt(model, rel.serviceSpan), textAt(model, rel.endpointSpan)], ['legacy', 'db', 'mysqll']);
    const problems = validateProject(model).filter((p) => p.code === CODES.relationshipUnknownEndpoint || p.code === CODES.routeUnknownUpstream);
    assert.deepStrictEqual(problems.map((p) => [p.code, textAt(model, p.span)]), [
      [CODES.relationshipUnknownEndpoint, 'mysqll'],
      [CODES.routeUnknownUpstream, 'mysqll'],
    ]);
    const upstream = text.lastIndexOf('db:mysqll') + 1;
    assert.deepStrictEqual(definitionAt(model, '/p/.upsun/config.yaml', upstream).map((s) => textAt(model, s)), ['db']);
  });
});
