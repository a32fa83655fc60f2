// Go to Definition from a relationship to its service, and Find All References of a service.

import * as vscode from 'vscode';
import { definitionAt, referencesAt } from '../../language/definitions';
import type { ProjectStore } from '../projectStore';
import { spanLocation } from './positions';

export class NavigationProvider implements vscode.DefinitionProvider, vscode.ReferenceProvider {
  constructor(private readonly store: ProjectStore) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location[] {
    const project = this.store.projectOfDocument(document);
    if (!project) return [];
    return definitionAt(project, document.uri.fsPath, document.offsetAt(position)).map((span) => spanLocation(project, span));
  }

  provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] {
    const project = this.store.projectOfDocument(document);
    if (!project) return [];
    return referencesAt(project, document.uri.fsPath, document.offsetAt(position), context.includeDeclaration).map((span) => spanLocation(project, span));
  }
}
