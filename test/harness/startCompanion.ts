// A small extension `npm start` installs beside the real one (never shipped): when the demo
// window opens, it shows the Upsun Kafka view and opens the sample's `.upsun/config.yaml`, so a
// first look lands on the extension instead of an empty file explorer. The extension itself
// opens nothing on activation: a user's own window is theirs to arrange.

import { spawnSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './paths';

const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

const MAIN = `const vscode = require('vscode');
exports.activate = async () => {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) return;
  await vscode.commands.executeCommand('workbench.view.extension.upsunKafka');
  const config = vscode.Uri.joinPath(folder.uri, '.upsun', 'config.yaml');
  await vscode.window.showTextDocument(config, { preview: false, preserveFocus: true });
};
exports.deactivate = () => {};
`;

/** Writes the companion into `workDir` and returns the path of its VSIX. */
export function packageStartCompanion(workDir: string): string {
  const dir = path.join(workDir, 'start-companion');
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: 'upsun-kafka-start-companion',
    displayName: 'Upsun Kafka demo opener (npm start)',
    publisher: 'upsun-kafka-tools',
    version: '0.0.1',
    engines: { vscode: '^1.90.0' },
    activationEvents: ['onStartupFinished'],
    extensionDependencies: ['upsun-kafka-tools.upsun-kafka-tools'],
    main: './extension.js',
  };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(path.join(dir, 'README.md'), 'Opens the Upsun Kafka view and the sample config when `npm start` opens its window.\n');
  writeFileSync(path.join(dir, 'extension.js'), MAIN);
  const vsix = path.join(workDir, 'start-companion.vsix');
  const run = spawnSync(process.execPath, [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`Packaging the npm start companion failed:\n${run.stdout}${run.stderr}`);
  return vsix;
}
