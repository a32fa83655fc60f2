// Completion, hovers and go to definition in a topics file, from src/topicsFile/language.ts;
// they work without the YAML extension (which adds the schema's key completion when present).

import * as vscode from 'vscode';
import { settingHover, settingNamesFor, settingValueExamples, topicsCursorAt } from '../../topicsFile/language';
import { TOPIC_SETTINGS } from '../../kafka/topicSettings/specs';
import { settingDescription } from '../../topicsFile/schema';
import { untrustedMarkdown } from '../markdownString';
import { rangeIn, spanLocation } from '../language/positions';
import type { ProjectStore } from '../projectStore';
import { projectOfTopicsFile, TOPICS_FILE_SELECTOR } from './topicsDocument';

export function registerTopicsLanguage(context: vscode.ExtensionContext, store: ProjectStore): void {
  const versionOf = (document: vscode.TextDocument, service: string) => projectOfTopicsFile(store, document.uri.fsPath)?.services.find((s) => s.name === service)?.version;
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(
      TOPICS_FILE_SELECTOR,
      {
        provideCompletionItems(document, position) {
          const cursor = topicsCursorAt(document.getText(), document.offsetAt(position));
          if (cursor?.kind === 'setting-name') {
            return settingNamesFor(versionOf(document, cursor.service)).map(({ name, spec }) => {
              const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Property);
              item.insertText = `${name}: `;
              item.range = rangeIn(document, cursor.range);
              item.documentation = untrustedMarkdown(settingDescription(name, spec));
              item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest a value' };
              return item;
            });
          }
          if (cursor?.kind === 'setting-value') {
            return settingValueExamples(cursor.setting, versionOf(document, cursor.service)).map((value) => {
              const item = new vscode.CompletionItem(value, vscode.CompletionItemKind.Value);
              item.range = rangeIn(document, cursor.range);
              return item;
            });
          }
          return undefined;
        },
      },
      ':',
      ' ',
    ),
    vscode.languages.registerHoverProvider(TOPICS_FILE_SELECTOR, {
      provideHover(document, position) {
        const cursor = topicsCursorAt(document.getText(), document.offsetAt(position));
        if (cursor?.kind !== 'setting-key' && cursor?.kind !== 'setting-value') return undefined;
        if (!(cursor.setting in TOPIC_SETTINGS)) return undefined;
        return new vscode.Hover(untrustedMarkdown(settingHover(cursor.setting, versionOf(document, cursor.service))), rangeIn(document, cursor.range));
      },
    }),
    vscode.languages.registerDefinitionProvider(TOPICS_FILE_SELECTOR, {
      provideDefinition(document, position) {
        const cursor = topicsCursorAt(document.getText(), document.offsetAt(position));
        const project = projectOfTopicsFile(store, document.uri.fsPath);
        if (cursor?.kind !== 'service' || !project) return undefined;
        const service = project.services.find((s) => s.name === cursor.service);
        return service && spanLocation(project, service.nameSpan);
      },
    }),
  );
}
