// Completion, hover, navigation and a quick fix in the real editor, on a project of the
// suite's own (a folder beside the sample project, removed afterwards) so other suites see
// the sample unchanged.

import * as assert from 'assert';
import * as vscode from 'vscode';
import { eventually } from '../../harness/eventually';
import { snapshot } from './explorerTree';
import { screenshot } from './screenshot';

const TEXT = `applications:
  shop:
    type: nodejs:24
    source:
      root: shop
    relationships:
      events: { service: queue, endpoint: kafka }
      
services:
  queue:
    type: kafka:3.7
  stream:
    type: kafka:
`;

/** The suggest widget and hover have no API to wait on; this is how long they take to paint. */
const PAINT_MS = 1500;

function positionOf(document: vscode.TextDocument, needle: string, within = 0): vscode.Position {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not in the test file`);
  return document.positionAt(at + within);
}

async function completions(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items;
}

function hovers(document: vscode.TextDocument, position: vscode.Position): Thenable<vscode.Hover[]> {
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('editing config in a real VS Code', () => {
  let folder: vscode.Uri;
  let document: vscode.TextDocument;

  before(async () => {
    const [workspace] = vscode.workspace.workspaceFolders ?? [];
    folder = vscode.Uri.joinPath(workspace.uri, 'language-test');
    const file = vscode.Uri.joinPath(folder, '.upsun', 'config.yaml');
    await vscode.workspace.fs.writeFile(file, Buffer.from(TEXT));
    document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    // The project store picks the new file up from its watcher; until then only the editor's
    // word completions answer, so wait for our hover, which nothing else gives.
    await eventually('the new project to be loaded', async () => ((await hovers(document, positionOf(document, 'events', 2))).length > 0 ? true : undefined));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
    // The suites after this one expect the sample project alone again.
    await eventually('the deleted project to leave the explorer', async () => {
      const shown = await snapshot(1);
      return !shown.rows.some((r) => r.label === 'queue') ? true : undefined;
    });
  });

  it('completes Kafka versions after `type: kafka:`, newest first, retired ones left out', async () => {
    const items = await completions(document, positionOf(document, 'kafka:3.7', 6));
    const versions = items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.deepStrictEqual(versions.map(labelOf), ['4.3', '4.1']);
    assert.strictEqual(versions[0].insertText, 'kafka:4.3');
    const range = versions[0].range as vscode.Range;
    assert.strictEqual(document.getText(range), 'kafka:3.7');
  });

  it('completes relationship targets under `relationships:`', async () => {
    const items = await completions(document, new vscode.Position(positionOf(document, '      \nservices').line, 6));
    const labels = items.map(labelOf);
    assert.ok(labels.includes('queue: { service: queue, endpoint: kafka }'), labels.join(', '));
    // `type: kafka:` is still a map to YAML: no type, so only the short form.
    assert.ok(labels.includes('stream:'), labels.join(', '));
  });

  it('shows the relationship\'s environment variables on hover', async () => {
    const found = await hovers(document, positionOf(document, 'events', 2));
    const text = found.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /`EVENTS_PORT` \| `9092`/);
    assert.match(text, /PLATFORM_RELATIONSHIPS/);
  });

  it('goes from a relationship to its service', async () => {
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      document.uri,
      positionOf(document, 'service: queue', 10),
    );
    assert.strictEqual(locations.length, 1);
    const target = 'targetRange' in locations[0] ? locations[0].targetRange : locations[0].range;
    assert.deepStrictEqual(target.start, positionOf(document, '  queue:', 2));
  });

  it('shows the version list in the editor', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const at = positionOf(document, 'type: kafka:\n', 'type: kafka:'.length);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await new Promise((resolve) => setTimeout(resolve, PAINT_MS));
    await screenshot('completion');
    await vscode.commands.executeCommand('hideSuggestWidget');
  });

  it('shows the relationship hover in the editor', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const at = positionOf(document, 'events', 2);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    await new Promise((resolve) => setTimeout(resolve, PAINT_MS));
    await screenshot('hover');
  });
});
