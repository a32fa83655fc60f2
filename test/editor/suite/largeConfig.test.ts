// A 3 MB config beside a small project: the extension host keeps answering hovers and
// completions in the small one while the big file is opened, edited and checked (issue 22:
// a 2.9 MB file once held the host at 100% CPU for minutes). What is asserted is the absence
// of that stall: no answer waits 5 s, nor 4× the median answer measured before the big file
// was opened, nor 3× the slowest answer while a 3 MB YAML file that is no config is open
// (VS Code's own cost of a 3 MB document), whichever is longest. A loaded 2-core machine
// slows answers now and then by up to 2 s (measured in CI while other builds ran beside it);
// a host our code blocks answers nothing for minutes. The answers' median and 95th percentile
// go to the log, beside the 200 ms the issue names; speed itself is bench/'s to measure.

import * as assert from 'assert';
import * as vscode from 'vscode';
import { eventually } from '../../harness/eventually';
import { note } from './notes';

const SMALL = 'applications:\n  shop:\n    type: nodejs:24\n    relationships:\n      events: { service: queue, endpoint: kafka }\n    \nservices:\n  queue:\n    type: kafka:4.1\n';

/** About `bytes` of routes, each a real route to the one app. */
function bigConfig(bytes: number): string {
  const parts = ['applications:\n  app:\n    type: nodejs:24\nroutes:\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const route = `  "https://r${i}.{default}/":\n    type: upstream\n    upstream: "app:http"\n`;
    parts.push(route);
    size += route.length;
  }
  return parts.join('');
}

/** No answer may wait this long (ms): the floor of what counts as a stall. */
const STALL_MS = 5_000;
/** The answer time the issue asks for (ms), reported beside the measured percentiles. */
const TARGET_MS = 200;

describe('a 3 MB config does not hold the extension host', function () {
  this.timeout(5 * 60_000);
  let small: vscode.TextDocument;
  let folder: vscode.Uri;

  const hover = async () => {
    const at = small.positionAt(small.getText().indexOf('events') + 2);
    return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', small.uri, at)).length;
  };
  const complete = async () => {
    const at = small.positionAt(small.getText().indexOf('    \nservices') + 4);
    return (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', small.uri, at)).items.length;
  };
  /** Milliseconds for one hover and one completion, each asserted to answer with something. */
  const answerTimes = async (): Promise<[number, number]> => {
    let started = Date.now();
    assert.ok((await hover()) > 0, 'a hover on the relationship');
    const hoverMs = Date.now() - started;
    started = Date.now();
    assert.ok((await complete()) > 0, 'completions under the application');
    return [hoverMs, Date.now() - started];
  };

  before(async () => {
    const [workspace] = vscode.workspace.workspaceFolders ?? [];
    folder = vscode.Uri.joinPath(workspace.uri, 'large-config-test');
    const file = vscode.Uri.joinPath(folder, 'small', '.upsun', 'config.yaml');
    await vscode.workspace.fs.writeFile(file, Buffer.from(SMALL));
    small = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(small);
    await eventually('the small project to be loaded', async () => ((await hover()) > 0 ? true : undefined));
  });

  after(async () => {
    // Nothing of the test's files may be left dirty: a save prompt would hold the window.
    const ours = (d: vscode.TextDocument) => d.uri.path.includes('/large-config-test/');
    for (const document of vscode.workspace.textDocuments.filter((d) => ours(d) && d.isDirty)) await document.save();
    await vscode.workspace.fs.delete(folder, { recursive: true });
    assert.deepStrictEqual(vscode.workspace.textDocuments.filter((d) => ours(d) && d.isDirty).map((d) => d.uri.path), []);
  });

  /**
   * Opens `file` holding `text` beside the small file, edits it three times, and times the
   * small file's answers from the open until `settled` holds and through the edits.
   */
  async function answersWhileOpen(file: vscode.Uri, text: string, settled: () => boolean): Promise<number[]> {
    await vscode.workspace.fs.writeFile(file, Buffer.from(text));
    const document = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    const times: number[] = [];
    await eventually(
      `${file.path} to be settled`,
      async () => {
        times.push(...(await answerTimes()));
        return settled() ? true : undefined;
      },
      120_000,
    );
    for (let i = 0; i < 3; i++) {
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), `# edit ${i}\n`));
      for (let j = 0; j < 5; j++) times.push(...(await answerTimes()));
    }
    // Saved, not reverted: a dirty editor left behind (a revert that hit another editor on a
    // busy machine) held a later suite's Close All on its save dialog until mocha gave up.
    assert.ok(await document.save(), `${file.path} was not saved`);
    await vscode.window.showTextDocument(document, editor.viewColumn);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    return times;
  }

  it('answers hovers and completions in another file without a stall while the big file is opened, edited and checked', async () => {
    const baseline: number[] = [];
    for (let i = 0; i < 10; i++) baseline.push(...(await answerTimes()));
    const median = [...baseline].sort((a, b) => a - b)[Math.floor(baseline.length / 2)];
    const text = bigConfig(3 * 1024 * 1024);
    // The control: the same 3 MB of YAML in a file that is no platform config, which this
    // extension never reads. What VS Code itself spends on a 3 MB document (sending it to the
    // extension host, tokenizing it in the window) slows every answer alike; this measures it.
    const control = await answersWhileOpen(vscode.Uri.joinPath(folder, 'big', 'notes.yaml'), text, () => true);
    const big = vscode.Uri.joinPath(folder, 'big', '.upsun', 'config.yaml');
    const ours = () => vscode.languages.getDiagnostics(big).filter((d) => d.source === 'upsun-kafka');
    const during = await answersWhileOpen(big, text, () => ours().length > 0);
    assert.deepStrictEqual(
      ours().map((d) => [typeof d.code === 'object' ? d.code.value : d.code, d.range.start.line]),
      [['file-too-large', 0]],
    );
    const slowest = Math.max(...during);
    const limit = Math.max(STALL_MS, 4 * median, 3 * Math.max(...control));
    const sorted = [...during].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)];
    note(`[large config] baseline median ${median} ms; a 3 MB non-config file: median ${[...control].sort((a, b) => a - b)[Math.floor(control.length / 2)]} ms, slowest ${Math.max(...control)} ms of ${control.length}; the 3 MB config: median ${sorted[Math.floor(sorted.length / 2)]} ms, 95th percentile ${p95} ms (target ${TARGET_MS} ms), slowest ${slowest} ms of ${during.length} (stall limit ${limit} ms)`);
    assert.ok(slowest <= limit, `the slowest answer took ${slowest} ms, over ${limit} ms (baseline median ${median} ms, control ${control.join(', ')}): ${during.join(', ')}`);
  });
});
