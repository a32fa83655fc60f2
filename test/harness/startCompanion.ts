// A small extension `npm start` installs beside the real one (never shipped): when the demo
// window opens, it shows the Upsun Kafka view and opens the sample's `.upsun/config.yaml`, so a
// first look lands on the extension instead of an empty file explorer. The extension itself
// opens nothing on activation: a user's own window is theirs to arrange.

import { packageLocalExtension } from './harnessExtension';

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
  return packageLocalExtension(workDir, {
    name: 'upsun-kafka-start-companion',
    displayName: 'Upsun Kafka demo opener (npm start)',
    extensionDependencies: ['upsun-kafka-tools.upsun-kafka-tools'],
  }, 'Opens the Upsun Kafka view and the sample config when `npm start` opens its window.', MAIN);
}
