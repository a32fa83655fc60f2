// Read-only documents the extension writes (a plan, one side of a comparison): text kept in
// memory under a URI of its own scheme, so VS Code shows it in an editor (and a diff editor)
// without a file on disk and without an unsaved-changes prompt on close.

import * as vscode from 'vscode';

export class ReadOnlyDocuments implements vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly registrations: vscode.Disposable[];
  private counter = 0;

  constructor(readonly scheme: string) {
    this.registrations = [
      vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: (uri) => this.texts.get(uri.toString()) ?? '' }),
      // A closed document's text is not needed again: each plan or comparison has a new URI.
      vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme === scheme && this.texts.delete(d.uri.toString())),
    ];
  }

  /** A new URI holding `text`, its path ending in `name` (the editor's tab shows it). */
  show(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: this.scheme, path: `/${name.replace(/[/\\]/g, '_')}`, query: String(++this.counter) });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  dispose(): void {
    for (const r of this.registrations) r.dispose();
    this.texts.clear();
  }
}
