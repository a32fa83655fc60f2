import * as assert from 'assert';
import { buildProjectModel } from '../../../src/config/buildModel';
import { hoverAt } from '../../../src/language/hovers';
import { variablePrefix } from '../../../src/language/relationshipEnv';
import { CONFIG, offsetOf } from './cursor';
import { renderedMarkdown } from '../../harness/markdown';

const TEXT = `applications:
  backend:
    type: nodejs:22
    relationships:
      events: { service: queue, endpoint: kafka }
      ghost:
services:
  queue:
    type: kafka:4.1
  old:
    type: kafka:3.7
`;
const project = buildProjectModel('/p', [{ path: CONFIG, kind: 'upsun', text: TEXT }]);
const hover = (needle: string, within = 1) => hoverAt(project, CONFIG, offsetOf(TEXT, needle, within));

describe('language: hovers', () => {
  it('describes a Kafka type: status, newest version, endpoint and port', () => {
    const h = hover('kafka:4.1', 7)!;
    assert.match(h.markdown, /\*\*Kafka\*\* `kafka:4\.1`/);
    assert.match(renderedMarkdown(h.markdown).text, /Version 4\.1: supported/);
    assert.match(h.markdown, /Newest supported: `kafka:4\.3`/);
    assert.match(h.markdown, /\| `kafka` \(default\) \| 9092 \| kafka \|/);
    assert.strictEqual(TEXT.slice(h.range.start, h.range.end), 'kafka:4.1');
  });

  it('says when a version is retired', () => {
    assert.match(renderedMarkdown(hover('kafka:3.7')!.markdown).text, /Version 3\.7: retired: still deploys, but frozen/);
  });

  it('describes an application runtime', () => {
    assert.match(hover('nodejs:22')!.markdown, /Version 22: deprecated/);
  });

  it('lists the variables and the PLATFORM_RELATIONSHIPS entry of a relationship', () => {
    const h = hover('events')!;
    for (const name of ['HOST', 'PORT', 'SCHEME', 'IP', 'HOSTNAME', 'CLUSTER', 'REL', 'SERVICE', 'TYPE']) {
      assert.match(h.markdown, new RegExp(`\\| \`EVENTS_${name}\` \\|`), name);
    }
    assert.match(h.markdown, /\| `EVENTS_PORT` \| `9092` \|/);
    assert.match(h.markdown, /\| `EVENTS_HOST` \| `events\.internal` \|/);
    assert.match(h.markdown, /\| `EVENTS_TYPE` \| `kafka:4\.1` \|/);
    const json = /```json\n([\s\S]*?)\n```/.exec(h.markdown)![1];
    const entry = (JSON.parse(json) as { events: Record<string, unknown>[] }).events[0];
    assert.deepStrictEqual([entry.service, entry.rel, entry.scheme, entry.port], ['queue', 'kafka', 'kafka', 9092]);
  });

  it('says when a relationship names no declared service', () => {
    assert.match(hover('ghost')!.markdown, /Service `ghost` is not declared/);
  });

  it('shows a service\'s type and the applications using it', () => {
    const h = hover('queue:', 1)!;
    assert.match(h.markdown, /Service `queue`\*\*: `kafka:4\.1`/);
    assert.match(h.markdown, /Used by: `backend`/);
    assert.match(hover('old:')!.markdown, /No application has a relationship to it/);
  });

  it('gives nothing on plain keys', () => {
    assert.strictEqual(hover('services'), undefined);
  });

  it('turns relationship names into variable prefixes the way the platform does', () => {
    assert.strictEqual(variablePrefix('my-queue.v2'), 'MY_QUEUE_V2');
  });
});
