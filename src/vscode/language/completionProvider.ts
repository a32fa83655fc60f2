// Completion in config files, from the pure proposals of src/language/completions.ts.

import * as vscode from 'vscode';
import { Completion, CompletionKind, completionsAt, spaceOpensCompletion } from '../../language/completions';
import { untrustedMarkdown } from '../markdownString';
import type { ProjectStore } from '../projectStore';
import { rangeIn } from './positions';

/** `type: kafka:` asks for versions on the colon; `service: ` asks for names on the space. */
export const COMPLETION_TRIGGERS = [':', ' '];

const KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  key: vscode.CompletionItemKind.Property,
  image: vscode.CompletionItemKind.Module,
  version: vscode.CompletionItemKind.EnumMember,
  service: vscode.CompletionItemKind.Reference,
  relationship: vscode.CompletionItemKind.Reference,
  endpoint: vscode.CompletionItemKind.EnumMember,
};

export class CompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly store: ProjectStore) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, _token: vscode.CancellationToken, context: vscode.CompletionContext): vscode.CompletionItem[] {
    const lineBefore = document.lineAt(position.line).text.slice(0, position.character);
    if (context.triggerCharacter === ' ' && !spaceOpensCompletion(lineBefore)) return [];
    const project = this.store.projectOfDocument(document);
    if (!project) return [];
    return completionsAt(project, document.uri.fsPath, document.offsetAt(position)).map((c) => toItem(document, c));
  }
}

function toItem(document: vscode.TextDocument, completion: Completion): vscode.CompletionItem {
  const label = completion.description ? { label: completion.label, description: completion.description } : completion.label;
  const item = new vscode.CompletionItem(label, KINDS[completion.kind]);
  item.insertText = completion.insertText;
  item.range = rangeIn(document, completion.replace);
  item.filterText = completion.filterText ?? completion.insertText;
  item.sortText = completion.sortText;
  item.detail = completion.detail;
  item.preselect = completion.preselect;
  if (completion.documentation) item.documentation = untrustedMarkdown(completion.documentation);
  if (completion.deprecated) item.tags = [vscode.CompletionItemTag.Deprecated];
  if (completion.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest' };
  return item;
}
