// The VSIX as `npm run package` makes it: the files users install, and nothing that should not
// ship (sources, tests, source maps, build files, dependencies the bundle already holds).

import * as assert from 'assert';
import { statSync } from 'fs';
import { packageExtension } from '../harness/packageExtension';
import { expectStatus } from './helpers';

/**
 * Exactly what ships, as `.vscodeignore` decides: the manifest and its documents, the extension's
 * bundles (not the CLI's: the npm tarball has its own list), icons and view assets, schemas.
 */
const EXPECTED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/changelog.md',
  'extension/dist/codicons/LICENSE',
  'extension/dist/codicons/codicon.css',
  'extension/dist/codicons/codicon.ttf',
  'extension/dist/extension.js',
  'extension/dist/matchWorker.js',
  'extension/dist/webview/peek.js',
  'extension/media/icon.png',
  'extension/media/kafka-connected-dark.svg',
  'extension/media/kafka-connected-light.svg',
  'extension/media/kafka-dark.svg',
  'extension/media/kafka-light.svg',
  'extension/media/peek.css',
  'extension/media/upsun-kafka.svg',
  'extension/media/walkthrough/config.md',
  'extension/media/walkthrough/connect.md',
  'extension/media/walkthrough/peek.md',
  'extension/media/walkthrough/produce.md',
  'extension/media/walkthrough/view.md',
  'extension/package.json',
  'extension/readme.md',
  'extension/syntaxes/kafka-produce.schema.json',
  'extension/syntaxes/kafka-topics.schema.json',
  'extension/syntaxes/platform-app.schema.json',
  'extension/syntaxes/platform-applications.schema.json',
  'extension/syntaxes/platform-routes.schema.json',
  'extension/syntaxes/platform-services.schema.json',
  'extension/syntaxes/upsun-config.schema.json',
];

describe('VSIX', function () {
  // A production build and vsce, on a shared machine.
  this.timeout(5 * 60_000);
  let files: string[];
  let vsix: string;

  before(() => {
    vsix = packageExtension();
    const listing = expectStatus(0, 'python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', vsix]);
    files = listing.stdout.trim().split('\n').sort();
    console.log(`      ${vsix}: ${(statSync(vsix).size / 1024).toFixed(1)} KB, ${files.length} files`);
  });

  it('ships exactly the files .vscodeignore keeps: the bundle, its manifest and documents, media and schemas', () => {
    assert.deepStrictEqual(files, EXPECTED);
    assert.deepStrictEqual(files.filter((f) => /\.(map|ts)$|(^|\/)(src|test|out|node_modules|scripts|bench)\//.test(f)), []);
  });

  it('has what the Marketplace page and the editor need', () => {
    for (const needed of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/matchWorker.js', 'extension/dist/webview/peek.js', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/media/icon.png']) {
      assert.ok(files.includes(needed), `${needed} is missing from the VSIX`);
    }
    const manifest = expectStatus(0, 'python3', ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("extension/package.json").decode())', vsix]);
    const pkg = JSON.parse(manifest.stdout) as Record<string, unknown>;
    assert.strictEqual(pkg.icon, 'media/icon.png');
    for (const field of ['repository', 'bugs', 'homepage', 'galleryBanner']) assert.ok(pkg[field], `package.json has no ${field}`);
    const png = expectStatus(0, 'python3', ['-c', 'import sys, zipfile, struct; d = zipfile.ZipFile(sys.argv[1]).read("extension/media/icon.png"); print(d[:8] == b"\\x89PNG\\r\\n\\x1a\\n", *struct.unpack(">II", d[16:24]))', vsix]);
    assert.strictEqual(png.stdout.trim(), 'True 128 128', 'the icon is a 128x128 PNG');
  });
});
