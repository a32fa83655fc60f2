// Property tests: whatever text a user types, validation returns problems with spans inside
// the text and never throws.

import * as assert from 'assert';
import fc from 'fast-check';
import { buildProjectModel } from '../../src/config/buildModel';
import type { ConfigFileKind } from '../../src/config/model';
import { validateProject } from '../../src/validation/validate';

const SEEDS: readonly { kind: ConfigFileKind; path: string; text: string }[] = [
  {
    kind: 'upsun',
    path: '/p/.upsun/config.yaml',
    text: `applications:
  app: &app
    type: "nodejs:24"
    source: { root: app }
    relationships:
      kafka:
      events: { service: kafka, endpoint: kafka }
      legacy: "kafka:kafka"
    hooks:
      build: !include { type: string, path: build.sh }
    web:
      commands:
        start: node server.js
  worker:
    <<: *app
    type: "python:3.14"
services:
  kafka:
    type: kafka:4.3
  db:
    type: mariadb:11.8
    configuration:
      endpoints:
        reporting: { default_schema: main }
routes:
  "https://{default}/":
    type: upstream
    upstream: "app:http"
`,
  },
  { kind: 'platform-services', path: '/p/.platform/services.yaml', text: 'kafka:\n  type: kafka:4.3\n  disk: 512\nsolr:\n  type: solr:9.9\n  disk: 256\n  configuration:\n    conf_dir: !archive "solr"\n' },
  { kind: 'platform-applications', path: '/p/.platform/applications.yaml', text: '- name: api\n  type: php:8.4\n  relationships:\n    kafka: "kafka:kafka"\n- name: web\n  type: nodejs:24\n' },
  { kind: 'platform-app', path: '/p/api/.platform.app.yaml', text: 'name: api\ntype: php:8.4\ndisk: 1024\nrelationships:\n  kafka:\nweb:\n  locations:\n    /:\n      root: public\n' },
  { kind: 'platform-routes', path: '/p/.platform/routes.yaml', text: '"https://{default}/":\n  type: upstream\n  upstream: "api:http"\n' },
];

/** Pieces that stress YAML structure more than random letters do. */
const TOKENS = [':', ': ', '-', '- ', '\n', '\n  ', '  ', '\t', '{', '}', '[', ']', ',', '"', "'", '#', '&a ', '*a', '<<: ', '!include ', '!archive ', '? ', '|', '>', '---\n', '...', '%YAML 1.2\n', 'kafka', 'type', 'relationships', 'service', 'endpoint', 'disk', '4.3', 'null', '~', '\u00e9', '\ud83d\ude00', '\r\n'];

const token = fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 }));

const mutation = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.array(token, { maxLength: 6 }).map((t) => t.join('')) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
  fc.record({ op: fc.constant('duplicateLine' as const), at: fc.nat() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  if (m.op === 'insert') return text.slice(0, at) + m.text + text.slice(at);
  if (m.op === 'delete') return text.slice(0, at) + text.slice(at + m.length);
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  const line = text.slice(start, end < 0 ? text.length : end + 1);
  return text.slice(0, start) + line + text.slice(start);
}

function assertValidates(files: readonly { kind: ConfigFileKind; path: string; text: string }[]): void {
  const model = buildProjectModel('/p', files);
  const problems = validateProject(model);
  assert.ok(Array.isArray(problems));
  const lengths = new Map(files.map((f) => [f.path, f.text.length]));
  for (const p of problems) {
    const length = lengths.get(p.span.file);
    assert.ok(length !== undefined, `span in an unknown file ${p.span.file}`);
    assert.ok(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= length, `span ${p.span.start}-${p.span.end} outside 0-${length} (${p.code})`);
    assert.ok(p.message.length > 0 && p.code.length > 0);
  }
}

describe('validation fuzz', () => {
  it('survives random mutations of real configs', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 8 }), (seed, mutations) => {
        assertValidates([{ ...seed, text: mutations.reduce(mutate, seed.text) }]);
      }),
      { numRuns: 400 },
    );
  });

  it('survives merged projects where every file is mutated', () => {
    fc.assert(
      fc.property(fc.array(fc.array(mutation, { maxLength: 4 }), { minLength: SEEDS.length, maxLength: SEEDS.length }), (perFile) => {
        assertValidates(SEEDS.map((seed, i) => ({ ...seed, text: perFile[i].reduce(mutate, seed.text) })));
      }),
      { numRuns: 150 },
    );
  });

  it('survives random text and bytes of any kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.array(token, { maxLength: 60 }).map((t) => t.join(''))), (seed, text) => {
        assertValidates([{ ...seed, text }]);
      }),
      { numRuns: 400 },
    );
  });

  it('survives deep nesting of block maps, flow collections and aliases', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.integer({ min: 1, max: 3000 }), fc.constantFrom('block', 'flowMap', 'flowSeq', 'aliases'), (seed, depth, style) => {
        let text: string;
        if (style === 'block') text = Array.from({ length: Math.min(depth, 400) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
        else if (style === 'flowMap') text = `services: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
        else if (style === 'flowSeq') text = `services: ${'['.repeat(depth)}${']'.repeat(depth)}`;
        else text = `a0: &a0 [x]\n${Array.from({ length: Math.min(depth, 200) }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`).join('\n')}\nservices: *a${Math.min(depth, 200)}\n`;
        assertValidates([{ ...seed, text }]);
      }),
      { numRuns: 60 },
    );
  });
});
