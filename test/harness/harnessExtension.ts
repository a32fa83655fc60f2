// Packages the editor suite's harness extension: code-server has no `--extensionTestsPath`,
// but an installed extension activates and can run mocha in the extension host. It is
// installed like the real one, since VS Code removes extension folders that no install put
// in its profile.

import { spawnSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './paths';

const ENTRY = path.join(REPO_ROOT, 'out', 'test', 'editor', 'harness', 'extension.js');
const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Writes the harness extension into `workDir` and returns the path of its VSIX. */
export function packageHarnessExtension(workDir: string): string {
  return packageLocalExtension(workDir, {
    name: 'editor-test-harness',
    displayName: 'Upsun Kafka editor test harness',
    // It runs the Restricted Mode suite too, in a folder that is not trusted.
    capabilities: { untrustedWorkspaces: { supported: true } },
  }, 'Runs the Upsun Kafka Tools editor suite.', `module.exports = require(${JSON.stringify(ENTRY)});\n`);
}

/**
 * Packages a small extension of our own that activates on startup, from its manifest's own
 * fields, a README line and its `extension.js`, into `workDir/<name>.vsix`; returns that path.
 */
export function packageLocalExtension(workDir: string, manifest: { name: string; displayName: string } & Record<string, unknown>, readme: string, main: string): string {
  const dir = path.join(workDir, manifest.name);
  mkdirSync(dir, { recursive: true });
  const full = { publisher: 'upsun-kafka-tools', version: '0.0.1', engines: { vscode: '^1.90.0' }, activationEvents: ['onStartupFinished'], main: './extension.js', ...manifest };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(full, null, 2));
  writeFileSync(path.join(dir, 'README.md'), `${readme}\n`);
  writeFileSync(path.join(dir, 'extension.js'), main);
  const vsix = path.join(workDir, `${manifest.name}.vsix`);
  const run = spawnSync(process.execPath, [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`Packaging ${manifest.displayName} failed:\n${run.stdout}${run.stderr}`);
  return vsix;
}
