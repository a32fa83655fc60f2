import * as assert from 'assert';
import * as vscode from 'vscode';
import { screenshot } from './screenshot';
import { eventually } from '../../harness/eventually';

const EXTENSION_ID = 'upsun-kafka-tools.upsun-kafka-tools';

describe('extension in a real VS Code', () => {
  it('is installed and activates on the sample Upsun project', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
    const folders = vscode.workspace.workspaceFolders ?? [];
    const config = await vscode.workspace.findFiles('.upsun/*.yaml');
    assert.strictEqual(folders.length, 1);
    assert.deepStrictEqual(config.map((u) => u.path.split('/').slice(-2).join('/')), ['.upsun/config.yaml']);
  });

  it('registers every command its manifest declares', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const declared = (extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(declared.length >= 3);
    assert.deepStrictEqual(declared.filter((c) => !registered.has(c)), []);
  });

  it('registers no command of its own that its manifest does not declare (none for tests ships)', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    const declared = new Set((extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command));
    // The workbench's own commands for the Services view (focus, move, hide) carry its id.
    const workbench = /^upsunKafka\.explorer\.(focus|resetViewLocation|toggleVisibility|removeView|open)$/;
    const undeclared = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('upsunKafka.') && !declared.has(c) && !workbench.test(c));
    assert.deepStrictEqual(undeclared, []);
  });

  it('opens its Output channel with Show Log', async () => {
    // What the channel says is checked from the window by the runner, which can read it.
    await vscode.commands.executeCommand('upsunKafka.showLog');
  });

  it('shows its view container with the Services view', async () => {
    const [config] = await vscode.workspace.findFiles('.upsun/config.yaml');
    await vscode.window.showTextDocument(config);
    await vscode.commands.executeCommand('workbench.view.extension.upsunKafka');
    // The view's own focus command exists only once the view is registered with the workbench.
    await eventually('the explorer view to be focusable', async () => {
      await vscode.commands.executeCommand('upsunKafka.explorer.focus');
      return true;
    });
    await vscode.commands.executeCommand('upsunKafka.refresh');
    await screenshot('activation');
  });

  it('opens its getting-started walkthrough', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'upsun-kafka-tools.upsun-kafka-tools#gettingStarted', false);
    await screenshot('walkthrough');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
