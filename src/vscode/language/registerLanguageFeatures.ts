// Registers completion, hover, quick fixes and navigation for the platform's config files.

import * as vscode from 'vscode';
import { CONFIG_GLOBS } from '../../config/fileKinds';
import type { ProjectStore } from '../projectStore';
import { CodeActionProvider, problemMatcher, ProblemFor } from './codeActionProvider';
import { COMPLETION_TRIGGERS, CompletionProvider } from './completionProvider';
import { HoverProvider } from './hoverProvider';
import { NavigationProvider } from './navigationProvider';

export interface LanguageFeatureDeps {
  readonly log: vscode.LogOutputChannel;
  readonly store: ProjectStore;
  /** The Problem recorded for a published diagnostic, with the `data` its fix needs. */
  readonly publishedProblem?: ProblemFor;
}

/** Only the files the platform reads: a framework's `config/services.yaml` gets nothing. */
export const CONFIG_SELECTOR: vscode.DocumentSelector = CONFIG_GLOBS.map((pattern) => ({ language: 'yaml', scheme: 'file', pattern }));

export function registerLanguageFeatures(context: vscode.ExtensionContext, deps: LanguageFeatureDeps): void {
  const { store } = deps;
  const navigation = new NavigationProvider(store);
  const problemFor = problemMatcher(deps.publishedProblem);
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(CONFIG_SELECTOR, new CompletionProvider(store), ...COMPLETION_TRIGGERS),
    vscode.languages.registerHoverProvider(CONFIG_SELECTOR, new HoverProvider(store)),
    vscode.languages.registerDefinitionProvider(CONFIG_SELECTOR, navigation),
    vscode.languages.registerReferenceProvider(CONFIG_SELECTOR, navigation),
    vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new CodeActionProvider(store, problemFor), CodeActionProvider.metadata),
  );
  deps.log.info('Completion, hover, quick fixes and navigation registered for Upsun and Platform.sh config files.');
}
