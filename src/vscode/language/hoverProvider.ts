// Hovers in config files, from src/language/hovers.ts.

import * as vscode from 'vscode';
import { hoverAt } from '../../language/hovers';
import { untrustedMarkdown } from '../markdownString';
import type { ProjectStore } from '../projectStore';
import { rangeIn } from './positions';

export class HoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: ProjectStore) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const project = this.store.projectOfDocument(document);
    const hover = project && hoverAt(project, document.uri.fsPath, document.offsetAt(position));
    return hover && new vscode.Hover(untrustedMarkdown(hover.markdown), rangeIn(document, hover.range));
  }
}
