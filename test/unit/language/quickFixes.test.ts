import * as assert from 'assert';
import { buildProjectModel } from '../../../src/config/buildModel';
import type { Problem, ProblemData, ProjectModel } from '../../../src/config/model';
import { QuickFix, quickFixesFor } from '../../../src/language/quickFixes';
import { CODES } from '../../../src/validation/codes';
import { CONFIG, offsetOf } from './cursor';

function problem(file: string, text: string, needle: string, code: string, data?: ProblemData): Problem {
  const start = offsetOf(text, needle);
  return { span: { file, start, end: start + needle.length }, severity: 'error', code, message: 'test', data };
}

/** The file's text after applying the fix's edits to it. */
function applied(project: ProjectModel, fix: QuickFix, file = CONFIG): string {
  let text = project.files.find((f) => f.path === file)!.text;
  const edits = fix.edits.filter((e) => e.file === file).sort((a, b) => b.range.start - a.range.start);
  for (const e of edits) text = text.slice(0, e.range.start) + e.newText + text.slice(e.range.end);
  return text;
}

const upsun = (text: string) => buildProjectModel('/p', [{ path: CONFIG, kind: 'upsun', text }]);

describe('language: quick fixes', () => {
  it('replaces a retired version with the newest supported one', () => {
    const text = 'services:\n  kafka:\n    type: "kafka:3.7"\n';
    const project = upsun(text);
    const [fix] = quickFixesFor(project, problem(CONFIG, text, '"kafka:3.7"', CODES.unsupportedVersion, { replacement: 'kafka:4.3' }));
    assert.strictEqual(fix.title, 'Change to kafka:4.3 (newest supported)');
    assert.strictEqual(fix.preferred, true);
    assert.strictEqual(applied(project, fix), 'services:\n  kafka:\n    type: kafka:4.3\n');
  });

  it('replaces only the version when the problem marks only the version', () => {
    const text = 'services:\n  kafka:\n    type: kafka:3.7\n';
    const project = upsun(text);
    const [fix] = quickFixesFor(project, problem(CONFIG, text, '3.7', CODES.deprecatedVersion, { replacement: 'kafka:4.3' }));
    assert.strictEqual(applied(project, fix), 'services:\n  kafka:\n    type: kafka:4.3\n');
  });

  it('works out the newest version itself when the problem carries no data', () => {
    const text = 'services:\n  kafka:\n    type: kafka:3.7\n';
    const project = upsun(text);
    const [fix] = quickFixesFor(project, problem(CONFIG, text, 'kafka:3.7', CODES.unsupportedVersion));
    assert.strictEqual(applied(project, fix), 'services:\n  kafka:\n    type: kafka:4.3\n');
  });

  it('converts a legacy relationship, with or without data', () => {
    const text = 'applications:\n  app:\n    relationships:\n      events: "queue:kafka"\n';
    const project = upsun(text);
    const expected = 'applications:\n  app:\n    relationships:\n      events: { service: queue, endpoint: kafka }\n';
    const withData = quickFixesFor(project, problem(CONFIG, text, '"queue:kafka"', CODES.relationshipLegacy, { replacement: '{ service: queue, endpoint: kafka }' }));
    assert.strictEqual(applied(project, withData[0]), expected);
    assert.strictEqual(withData[0].title, 'Convert to { service: queue, endpoint: kafka }');
    const without = quickFixesFor(project, problem(CONFIG, text, '"queue:kafka"', CODES.relationshipLegacy));
    assert.strictEqual(applied(project, without[0]), expected);
  });

  it('renames a misspelled key', () => {
    const text = 'applications:\n  app:\n    relationship:\n      kafka:\n';
    const project = upsun(text);
    const [fix] = quickFixesFor(project, problem(CONFIG, text, 'relationship', CODES.unknownKey, { replacement: 'relationships' }));
    assert.strictEqual(fix.title, 'Rename to "relationships"');
    assert.strictEqual(applied(project, fix), text.replace('relationship:', 'relationships:'));
  });

  it('offers nothing for a code without a fix or without what the fix needs', () => {
    const text = 'services:\n  kafka:\n    type: kafka:4.3\n';
    const project = upsun(text);
    assert.deepStrictEqual(quickFixesFor(project, problem(CONFIG, text, 'kafka', CODES.unusedService)), []);
    assert.deepStrictEqual(quickFixesFor(project, problem(CONFIG, text, 'type', CODES.unknownKey)), []);
  });

  describe('create the missing service', () => {
    const apps = 'applications:\n  app:\n    type: nodejs:22\n    relationships:\n      events: { service: queue, endpoint: kafka }\n';

    it('adds it to the `services:` of the same file, indented like its neighbours', () => {
      const text = `${apps}services:\n    redis:\n        type: redis:8.8\n\nroutes: {}\n`;
      const project = upsun(text);
      const [fix] = quickFixesFor(project, problem(CONFIG, text, 'queue', CODES.relationshipUnknownService, { missingService: 'queue' }));
      assert.strictEqual(fix.title, 'Create service "queue" (kafka:4.3) in config.yaml');
      assert.strictEqual(
        applied(project, fix),
        `${apps}services:\n    redis:\n        type: redis:8.8\n    queue:\n        type: kafka:4.3\n\nroutes: {}\n`,
      );
      const rebuilt = upsun(applied(project, fix));
      assert.deepStrictEqual(rebuilt.services.map((s) => [s.name, s.type?.value]), [['redis', 'redis:8.8'], ['queue', 'kafka:4.3']]);
      assert.deepStrictEqual(rebuilt.problems, []);
    });

    it('creates `services:` when the project has none', () => {
      const project = upsun(apps);
      const [fix] = quickFixesFor(project, problem(CONFIG, apps, 'queue', CODES.relationshipUnknownService, { missingService: 'queue' }));
      assert.strictEqual(applied(project, fix), `${apps}services:\n  queue:\n    type: kafka:4.3\n`);
    });

    it('adds it to another merged file that holds the services', () => {
      const other = '/p/.upsun/services.yaml';
      const services = 'services:\n  db:\n    type: postgresql:17\n';
      const project = buildProjectModel('/p', [
        { path: CONFIG, kind: 'upsun', text: apps },
        { path: other, kind: 'upsun', text: services },
      ]);
      const [fix] = quickFixesFor(project, problem(CONFIG, apps, 'queue', CODES.relationshipUnknownService, { missingService: 'queue' }));
      assert.strictEqual(fix.edits[0].file, other);
      assert.strictEqual(applied(project, fix, other), `${services.trimEnd()}\n  queue:\n    type: kafka:4.3\n`);
    });

    it('guesses the image from the names and adds `disk:` on Platform.sh', () => {
      const appFile = '/p/.platform.app.yaml';
      const servicesFile = '/p/.platform/services.yaml';
      const app = 'name: app\ntype: php:8.4\nrelationships:\n  cache: "rediscache:redis"\n  stream: "bus:kafka"\n';
      const project = buildProjectModel('/p', [
        { path: appFile, kind: 'platform-app', text: app },
        { path: servicesFile, kind: 'platform-services', text: 'db:\n  type: mariadb:11.8\n  disk: 2048' },
      ]);
      const [redis] = quickFixesFor(project, problem(appFile, app, 'rediscache', CODES.relationshipUnknownService, { missingService: 'rediscache' }));
      assert.match(redis.title, /"rediscache" \(redis:/);
      const [kafka] = quickFixesFor(project, problem(appFile, app, 'bus', CODES.relationshipUnknownService, { missingService: 'bus' }));
      assert.strictEqual(applied(project, kafka, servicesFile), 'db:\n  type: mariadb:11.8\n  disk: 2048\nbus:\n  type: kafka:4.3\n  disk: 512\n');
    });

    // In a Platform.sh project without .platform/services.yaml, or with `{}` in it.
    const appFile = '/p/.platform.app.yaml';
    const app = 'name: app\ntype: php:8.4\nrelationships:\n  bus: "bus:kafka"\n';
    it('creates .platform/services.yaml when the project has none', () => {
      const project = buildProjectModel('/p', [{ path: appFile, kind: 'platform-app', text: app }]);
      const [fix] = quickFixesFor(project, problem(appFile, app, 'bus', CODES.relationshipUnknownService, { missingService: 'bus' }));
      assert.deepStrictEqual(fix.edits, [{ file: '/p/.platform/services.yaml', range: { start: 0, end: 0 }, newText: 'bus:\n  type: kafka:4.3\n  disk: 512\n', createFile: true }]);
    });

    it('replaces an empty `{}` services file instead of appending after it', () => {
      const servicesFile = '/p/.platform/services.yaml';
      const project = buildProjectModel('/p', [
        { path: appFile, kind: 'platform-app', text: app },
        { path: servicesFile, kind: 'platform-services', text: '{}\n' },
      ]);
      const [fix] = quickFixesFor(project, problem(appFile, app, 'bus', CODES.relationshipUnknownService, { missingService: 'bus' }));
      assert.strictEqual(applied(project, fix, servicesFile), 'bus:\n  type: kafka:4.3\n  disk: 512\n');
    });
  });

  it('adds the missing disk of a Platform.sh service, indented like its keys', () => {
    const file = '/p/.platform/services.yaml';
    const text = 'kafka:\n    type: kafka:4.3\ncache:\n    type: redis:8.0\n';
    const project = buildProjectModel('/p', [{ path: file, kind: 'platform-services', text }]);
    const [fix] = quickFixesFor(project, problem(file, text, 'kafka', CODES.diskMissing, { replacement: '512' }));
    assert.strictEqual(fix.title, 'Add disk: 512 (MB)');
    assert.strictEqual(applied(project, fix, file), 'kafka:\n    type: kafka:4.3\n    disk: 512\ncache:\n    type: redis:8.0\n');
  });

  it('rewrites a Platform.sh string mount as the mapping it stands for', () => {
    const file = '/p/.platform.app.yaml';
    const text = 'name: app\ntype: php:8.4\ndisk: 512\nmounts:\n  "/var/cache": "shared:files/cache"\n';
    const project = buildProjectModel('/p', [{ path: file, kind: 'platform-app', text }]);
    const [fix] = quickFixesFor(project, problem(file, text, '"shared:files/cache"', CODES.mountStringForm, { replacement: '{ source: local, source_path: cache }' }));
    assert.strictEqual(applied(project, fix, file), 'name: app\ntype: php:8.4\ndisk: 512\nmounts:\n  "/var/cache": { source: local, source_path: cache }\n');
  });
});
