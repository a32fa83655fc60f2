import * as assert from 'assert';
import { positionOf } from '../../src/config/positions';
import { CODES } from '../../src/validation/codes';
import { buildProjectModel } from '../../src/config/buildModel';
import { check, found, modelOf, only } from './helpers';

// Every message names its subject in words a user recognises, once per subject, where it applies.
describe('messages: merge keys and aliases', () => {
  const text = 'x-app: &appdef\n  type: java:8\n  web:\n    commands:\n      start: java -jar app.jar\napplications:\n  one:\n    <<: *appdef\n  two:\n    <<: *appdef\n';

  it('report an inherited finding once per application, at its use, naming it', () => {
    const f = only(check(text), CODES.retiredVersion);
    assert.deepStrictEqual(f.map((x) => [x.severity, x.text]), [['warning', '<<'], ['warning', '<<']]);
    assert.match(f[0].problem.message, /^Application `one` inherits `type: java:8` through `<<: \*appdef`: `java:8` \(Java\) is retired/);
    assert.match(f[1].problem.message, /^Application `two` inherits/);
    assert.strictEqual(f[0].problem.data, undefined, 'the fix belongs at the anchor, not at the use');
  });

  it('report an alias entry at the alias, naming it', () => {
    const services = 'applications:\n  app:\n    type: php:8.4\n    relationships: { a: , b: }\nservices:\n  a: &svc\n    type: redis:5.0\n  b: *svc\n';
    const f = only(check(services), CODES.retiredVersion);
    assert.deepStrictEqual(f.map((x) => x.text), ['redis:5.0', '*svc']);
    assert.match(f[1].problem.message, /^Service `b` is `\*svc`, so its type is `redis:5\.0`: /);
  });

  it('report a shape finding in an anchored application once per application that takes it, at its own use', () => {
    const apps = 'applications:\n  api: &app\n    type: php:8.4\n    sizze: L\n    mounts:\n      up: { source: storag }\n  worker:\n    <<: *app\n    source: { root: w }\n  cron: *app\n';
    const keys = only(check(apps), CODES.unknownKey);
    assert.deepStrictEqual(keys.map((x) => x.text), ['sizze', '<<: *app', '*app']);
    assert.match(keys[0].problem.message, /^Unknown key `sizze` in `applications\.api`\. /);
    assert.match(keys[1].problem.message, /^Unknown key `sizze` in `applications\.worker` \(inherited through `<<: \*app`\)\. /);
    assert.match(keys[2].problem.message, /^Unknown key `sizze` in `applications\.cron` \(through `\*app`\)\. /);
    const types = only(check(apps), CODES.wrongType);
    assert.deepStrictEqual(types.map((x) => [x.text, x.problem.message.split(' must')[0]]), [
      ['storag', '`applications.api.mounts.up.source`'],
      ['<<: *app', '`applications.worker.mounts.up.source` (inherited through `<<: *app`)'],
      ['*app', '`applications.cron.mounts.up.source` (through `*app`)'],
    ]);
  });

  it('report a typo in a mapping that only merge keys use at each use, with no quick fix there', () => {
    const text = 'x-base: &base\n  type: php:8.4\n  relationshipz: {}\napplications:\n  one:\n    <<: *base\n  two:\n    <<: [*base]\n';
    const f = only(check(text), CODES.unknownKey).filter((x) => x.problem.message.includes('relationshipz'));
    assert.deepStrictEqual(f.map((x) => x.text), ['<<: *base', '<<: [*base]']);
    assert.match(f[0].problem.message, /in `applications\.one` \(inherited through `<<: \*base`\)\. Did you mean `relationships`\?$/);
    assert.deepStrictEqual(f.map((x) => x.problem.data), [undefined, undefined], 'a fix at the use would rewrite the merge key');
  });
});

describe('messages: broken lines, empty names, deep nesting, BOM, articles', () => {
  it('do not turn a fragment of a broken line into a key name', () => {
    const f = check('applications:\n  app:\n    type: php:8.4\n    foo bar\n    web:\n      commands:\n        start: x\n');
    assert.deepStrictEqual(f.map((x) => x.code), [CODES.yamlSyntax]);
  });

  it('say so when the only application has no name, instead of an empty list', () => {
    const project = buildProjectModel('/p', [
      { path: '/p/.platform/applications.yaml', kind: 'platform-applications', text: '- type: php:8.4\n  disk: 256\n' },
      { path: '/p/.platform/routes.yaml', kind: 'platform-routes', text: '"https://{default}/":\n  type: upstream\n  upstream: "web:http"\n' },
    ]);
    const [f] = only(found(project), CODES.routeUnknownUpstream);
    assert.strictEqual(f.problem.message, 'Route `https://{default}/` sends requests to `web`, which is not a declared application. The only application declared has no `name`: add `name: web` to it.');
  });

  it('report nesting too deep to read as that, not as a syntax error', () => {
    const deep = `applications:\n  app:\n    type: php:8.4\n    variables:\n      env:\n        X: ${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    const f = check(deep);
    assert.deepStrictEqual(f.map((x) => [x.code, x.severity]), [[CODES.yamlTooDeep, 'warning']]);
    assert.match(f[0].problem.message, /^This value nests more deeply than the checker can follow: /);
    assert.doesNotMatch(f[0].problem.message, /call stack|syntax error/i);
  });

  it('count columns after a byte order mark as editors do', () => {
    const model = modelOf('\ufeffservices: 3\n');
    const [f] = only(check('\ufeffservices: 3\n'), CODES.wrongType);
    assert.deepStrictEqual(positionOf(model.files[0], f.problem.span.start), { line: 0, character: 10 });
  });

  it('say "an application runtime"', () => {
    const [f] = only(check('applications:\n  app:\n    type: php:8.4\nservices:\n  db:\n    type: nodejs:24\n'), CODES.unknownType);
    assert.match(f.problem.message, /`nodejs` is an application runtime, not a service\./);
  });
});

// YAML 1.2 §5.1: a stream holds only printable characters (no C0 controls but tab, LF and CR,
// no DEL, no U+FFFE/U+FFFF); a file read as UTF-8 turns bytes that are not UTF-8 into U+FFFD.
describe('characters YAML forbids', () => {
  it('a NUL byte is a YAML error at the character, and no message shows it raw', () => {
    const text = 'applications:\n  app:\n    type: "php:8.4\0"\n';
    const f = check(text);
    const syntax = only(f, CODES.yamlSyntax);
    assert.deepStrictEqual(syntax.map((x) => [x.severity, x.text]), [['error', '\0']]);
    assert.strictEqual(syntax[0].problem.message, 'YAML syntax error: the character U+0000 (NUL) is not allowed in YAML. Remove it.');
    for (const x of f) assert.doesNotMatch(x.problem.message, /\0/, x.problem.message);
  });

  it('bytes that are not UTF-8 are an error at the first of them', () => {
    const text = Buffer.from([...Buffer.from('applications:\n  app:\n    type: php:8.4 # caf'), 0xe9, 0x0a]).toString('utf8');
    const [f] = only(check(text), CODES.yamlSyntax);
    assert.strictEqual(f.problem.message, 'This file is not valid UTF-8 here (bytes that decode to U+FFFD): save it as UTF-8.');
    assert.strictEqual(f.text, '\ufffd');
  });
});

describe('shared settings in the map form of .platform/applications.yaml', () => {
  it('a key starting with `.` is no application: its type is reported at each application that merges it', () => {
    const text = '.common: &common\n  type: php:8.0\n  disk: 1024\ndrupal:\n  <<: *common\nsecond:\n  <<: *common\n';
    const model = modelOf(text, 'platform-applications', '/p/.platform/applications.yaml');
    assert.deepStrictEqual(model.applications.map((a) => a.name), ['drupal', 'second']);
    const f = only(found(model), CODES.retiredVersion);
    assert.deepStrictEqual(f.map((x) => x.text), ['<<', '<<']);
    assert.match(f[0].problem.message, /^Application `drupal` inherits `type: php:8\.0` through `<<: \*common`/);
  });
});
