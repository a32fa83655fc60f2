import * as assert from 'assert';
import { readFileSync, writeFileSync } from 'fs';
import * as vscode from 'vscode';
import { screenshot } from './screenshot';
import { eventually } from '../../harness/eventually';

const SOURCE = 'upsun-kafka';

function ours(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && d.code === code);
}

describe('diagnostics in a real VS Code', () => {
  let document: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let original: string;

  before(async () => {
    const [config] = await vscode.workspace.findFiles('.upsun/config.yaml');
    document = await vscode.workspace.openTextDocument(config);
    editor = await vscode.window.showTextDocument(document);
    original = document.getText();
  });

  after(async () => {
    // Other suites share the workspace: leave the file as it was, on disk and in the editor,
    // and clean, so that no later save or revert can bring this suite's text back. VS Code in
    // the browser auto-saves by default (`files.autoSave` is `afterDelay` on the web), so the
    // disk holds whichever of this suite's edits was last saved: put the original there
    // ourselves and revert the editor to it.
    writeFileSync(document.uri.fsPath, original);
    editor = await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await eventually('the sample config to be clean and as on disk', async () => (!document.isDirty && document.getText() === original) || undefined);
    assert.strictEqual(readFileSync(document.uri.fsPath, 'utf8'), original);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // The window checks after the suites read the Output channel the activation suite opened.
    await vscode.commands.executeCommand('upsunKafka.showLog');
  });

  it('marks the deprecated runtime version of the sample project on its exact value', async () => {
    const [diagnostic] = await eventually('a deprecated-version diagnostic', async () => {
      const found = ours(document.uri, 'deprecated-version');
      return found.length ? found : undefined;
    });
    assert.strictEqual(document.getText(diagnostic.range), '"nodejs:22"');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    // The Problems panel shows no Markdown: names are in plain quotes.
    assert.match(diagnostic.message, /deprecated.*"nodejs:26"/);
    assert.doesNotMatch(diagnostic.message, /`/);
  });

  it('follows typing: a retired Kafka version, a misspelled key and service show up without saving', async () => {
    const text = document.getText();
    const kafkaType = text.indexOf('kafka:4.1');
    const relationships = text.indexOf('relationships:');
    const serviceName = text.indexOf('service: kafka') + 'service: '.length;
    assert.ok(kafkaType > 0 && relationships > 0 && serviceName > 'service: '.length, 'the sample project changed shape');
    await editor.edit((edit) => {
      edit.replace(new vscode.Range(document.positionAt(kafkaType), document.positionAt(kafkaType + 'kafka:4.1'.length)), 'kafka:3.7');
      edit.replace(new vscode.Range(document.positionAt(relationships), document.positionAt(relationships + 'relationships'.length)), 'relationshps');
      edit.replace(new vscode.Range(document.positionAt(serviceName), document.positionAt(serviceName + 'kafka'.length)), 'kafak');
    });
    const [version] = await eventually('a retired-version diagnostic', async () => {
      const found = ours(document.uri, 'retired-version');
      return found.length ? found : undefined;
    });
    assert.strictEqual(document.getText(version.range), 'kafka:3.7');
    assert.strictEqual(version.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(version.message, /"kafka:3.7" \(Kafka\) is retired: it still deploys.*"4.3" or "4.1"/);
    const [key] = ours(document.uri, 'unknown-key');
    assert.ok(key, 'unknown-key diagnostic');
    assert.strictEqual(document.getText(key.range), 'relationshps');
    assert.match(key.message, /Did you mean "relationships"\?$/);

    editor.selection = new vscode.Selection(version.range.start, version.range.start);
    editor.revealRange(version.range);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('diagnostic');
  });

  it('fixes all three with the first, preferred quick fix each diagnostic offers', async () => {
    editor = await vscode.window.showTextDocument(document);
    for (const [code, title] of [
      ['retired-version', 'Change to kafka:4.3 (newest supported)'],
      ['unknown-key', 'Rename to "relationships"'],
      ['relationship-unknown-service', 'Change to "kafka"'],
    ]) {
      const [diagnostic] = ours(document.uri, code);
      assert.ok(diagnostic, `${code} diagnostic`);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
      const fix = actions[0];
      assert.strictEqual(fix?.title, title, `the first fix among: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(fix.isPreferred && fix.edit, `"${title}" is preferred and has an edit`);
      assert.deepStrictEqual(actions.slice(1).filter((a) => a.isPreferred).map((a) => a.title), [], 'only the first fix is preferred');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await eventually(`the ${code} diagnostic to go`, async () => (ours(document.uri, code).length === 0 ? true : undefined));
    }
    assert.match(document.getText(), /type: kafka:4\.3/);
    assert.match(document.getText(), /\n {4}relationships:/);
    assert.ok(document.getText().includes('service: kafka'), 'the relationship names kafka again');
  });

  it('clears the diagnostics once the text is restored', async () => {
    editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), original));
    await eventually('the retired-version diagnostic to go', async () => (ours(document.uri, 'retired-version').length === 0 ? true : undefined));
    assert.strictEqual(ours(document.uri, 'unknown-key').length, 0);
  });
});
