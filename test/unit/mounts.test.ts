import * as assert from 'assert';
import { CODES } from '../../src/validation/codes';
import { check, only } from './helpers';

// Platform.sh reads a mount string "shared:files/<path>" as { source: local, source_path: <path> }
// and refuses any other string (platformsh/legacy-cli Mount::normalizeDefinition); its docs
// (fixed.docs.upsun.com create-apps/image-properties/mounts) say "If set as a local source,
// disk is required". Upsun's OpenAPI spec lists `local` among mount sources (an alias of instance).
describe('mounts', () => {
  const APP = 'name: app\ntype: php:8.4\ndisk: 1024\n';

  it('accepts a Platform.sh string mount, with a note giving the mapping form', () => {
    const found = check(`${APP}mounts:\n  "/var/cache": "shared:files/cache"\n`, 'platform-app');
    assert.deepStrictEqual(found.map((f) => [f.code, f.severity, f.text]), [[CODES.mountStringForm, 'information', '"shared:files/cache"']]);
    assert.deepStrictEqual(found[0].problem.data, { replacement: '{ source: local, source_path: cache }' });
  });

  it('accepts string mounts in workers and in applications.yaml', () => {
    const worker = check(`${APP}workers:\n  queue:\n    commands:\n      start: php worker.php\n    mounts:\n      tmp: "shared:files/tmp"\n`, 'platform-app');
    assert.deepStrictEqual(worker.map((f) => f.code), [CODES.mountStringForm]);
    const list = check('- name: app\n  type: php:8.4\n  disk: 512\n  mounts:\n    web/files: shared:files/files\n', 'platform-applications');
    assert.deepStrictEqual(list.map((f) => f.code), [CODES.mountStringForm]);
  });

  it('errs on a string mount the CLI cannot read', () => {
    const found = check(`${APP}mounts:\n  "/var/cache": "files/cache"\n`, 'platform-app');
    assert.deepStrictEqual(found.map((f) => [f.code, f.severity, f.text]), [[CODES.mountInvalid, 'error', '"files/cache"']]);
  });

  it('errs on a string mount in .upsun files, which Upsun does not read', () => {
    const found = check('applications:\n  app:\n    type: php:8.4\n    mounts:\n      "/var/cache": "shared:files/cache"\n');
    assert.deepStrictEqual(found.map((f) => [f.code, f.severity, f.text]), [[CODES.wrongType, 'error', '"shared:files/cache"']]);
  });

  it('accepts `source: local` in .upsun mounts, as the Upsun OpenAPI spec does', () => {
    const text = 'applications:\n  app:\n    type: php:8.4\n    mounts:\n      var:\n        source: local\n        source_path: var\n';
    assert.deepStrictEqual(check(text), []);
  });

  it('still errs on a source neither platform lists', () => {
    const text = 'applications:\n  app:\n    type: php:8.4\n    mounts:\n      var:\n        source: shared\n        source_path: var\n';
    assert.deepStrictEqual(check(text).map((f) => [f.code, f.text]), [[CODES.wrongType, 'shared']]);
    assert.deepStrictEqual(check(`${APP}mounts:\n  var:\n    source: shared\n`, 'platform-app').map((f) => [f.code, f.text]), [[CODES.wrongType, 'shared']]);
  });

  it('errs on a Platform.sh local mount without disk, on the mount', () => {
    const text = 'name: app\ntype: php:8.4\nmounts:\n  var:\n    source: local\n    source_path: var\n  "/cache": "shared:files/cache"\n';
    const found = only(check(text, 'platform-app'), CODES.mountNeedsDisk);
    assert.deepStrictEqual(found.map((f) => [f.severity, f.text]), [['error', 'var'], ['error', '"/cache"']]);
  });

  it('asks no disk for tmp and service mounts', () => {
    const text = 'name: app\ntype: php:8.4\nmounts:\n  tmp:\n    source: tmp\n  files:\n    source: service\n    service: files\n    source_path: files\n';
    assert.deepStrictEqual(only(check(text, 'platform-app'), CODES.mountNeedsDisk), []);
  });
});

describe('web commands', () => {
  // In both OpenAPI specs' deployment schemas and the docs; missing from the JSON Schema.
  it('accepts web.commands.post_start on both platforms', () => {
    assert.deepStrictEqual(check('applications:\n  app:\n    type: nodejs:24\n    web:\n      commands:\n        start: node server.js\n        post_start: ./warm.sh\n'), []);
    assert.deepStrictEqual(check('name: app\ntype: nodejs:24\ndisk: 512\nweb:\n  commands:\n    start: node server.js\n    post_start: ./warm.sh\n', 'platform-app'), []);
  });

  it('rejects keys the platform computes, such as tree_id', () => {
    const found = check('applications:\n  app:\n    type: nodejs:24\n    tree_id: abc\n');
    assert.deepStrictEqual(found.map((f) => [f.code, f.severity, f.text]), [[CODES.unknownKey, 'error', 'tree_id']]);
  });
});
