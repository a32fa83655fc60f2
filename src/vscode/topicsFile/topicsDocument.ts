// Which documents are topics files, the project each belongs to, and the file read with that
// project's Kafka services: one place for the diagnostics, the language features and the
// CodeLens, so they agree on what the file says.

import * as path from 'path';
import type * as vscode from 'vscode';
import type { ProjectModel } from '../../config/model';
import { kafkaServicesOf, parseTopicsFile, TOPICS_FILE_NAME, type TopicsFile } from '../../topicsFile/file';
import type { ProjectStore } from '../projectStore';

/** The file's names: the schema is contributed for both (package.json, yamlValidation). */
const TOPICS_FILE_NAMES = new Set([TOPICS_FILE_NAME, TOPICS_FILE_NAME.replace(/\.yaml$/, '.yml')]);

/** The selector the language features register with. */
export const TOPICS_FILE_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: `**/${TOPICS_FILE_NAME}` },
  { scheme: 'file', pattern: `**/${TOPICS_FILE_NAME.replace(/\.yaml$/, '.yml')}` },
];

export function isTopicsDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && TOPICS_FILE_NAMES.has(path.basename(document.uri.fsPath));
}

/** The project whose root holds the file (the deepest, for a project inside another's folder). */
export function projectOfTopicsFile(store: ProjectStore, filePath: string): ProjectModel | undefined {
  const holding = store.projects.filter((p) => filePath.startsWith(p.root.endsWith(path.sep) ? p.root : p.root + path.sep));
  return holding.sort((a, b) => b.root.length - a.root.length)[0];
}

/**
 * The document read as a topics file. Outside a project the service names are not checked
 * (there is nothing to check them against), as the CLI does outside one.
 */
export function readTopicsDocument(store: ProjectStore, document: vscode.TextDocument): { file: TopicsFile; project?: ProjectModel } {
  const project = projectOfTopicsFile(store, document.uri.fsPath);
  return { file: parseTopicsFile(document.getText(), project ? kafkaServicesOf([project]) : undefined), project };
}
