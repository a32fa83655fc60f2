// Publishes the validation engine's problems as editor diagnostics. It follows the project
// store, which already debounces edits and rebuilds only the edited project, and validates
// only projects whose model changed, so typing is never held up.

import * as vscode from 'vscode';
import type { ConfigFile, Problem, ProjectModel } from '../../config/model';
import { DIAGNOSTIC_SOURCE } from '../../validation/codes';
import { validateProject } from '../../validation/validate';
import type { ProjectStore } from '../projectStore';
import { clearProblems, setProblems } from './problemIndex';
import { toDiagnostic } from './toDiagnostic';

export interface DiagnosticsDeps {
  readonly log: vscode.LogOutputChannel;
  readonly store: ProjectStore;
}

class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** Problems per model object: the store keeps unchanged projects as the same object. */
  private readonly cache = new WeakMap<ProjectModel, readonly Problem[]>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  private problemsOf(project: ProjectModel): readonly Problem[] {
    let problems = this.cache.get(project);
    if (!problems) {
      problems = validateProject(project);
      this.cache.set(project, problems);
    }
    return problems;
  }

  publish(projects: readonly ProjectModel[]): void {
    const started = Date.now();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const entries = new Map<string, { diagnostic: vscode.Diagnostic; problem: Problem }[]>();
    for (const project of projects) {
      const files = new Map<string, ConfigFile>(project.files.map((f) => [f.path, f]));
      for (const file of project.files) byFile.set(file.path, []);
      for (const problem of this.problemsOf(project)) {
        const diagnostic = toDiagnostic(problem, files);
        byFile.get(problem.span.file)?.push(diagnostic);
        const list = entries.get(problem.span.file) ?? [];
        list.push({ diagnostic, problem });
        entries.set(problem.span.file, list);
      }
    }
    this.collection.clear();
    clearProblems();
    for (const [file, diagnostics] of byFile) {
      const uri = vscode.Uri.file(file);
      this.collection.set(uri, diagnostics);
      setProblems(uri, entries.get(file) ?? []);
    }
    const count = [...byFile.values()].reduce((n, d) => n + d.length, 0);
    this.log.debug(`Published ${count} diagnostic(s) for ${byFile.size} file(s) in ${Date.now() - started} ms.`);
  }

  dispose(): void {
    clearProblems();
    this.collection.dispose();
  }
}

/** Shows validation results in the Problems panel and as squiggles; follows the store. */
export function registerDiagnostics(context: vscode.ExtensionContext, { log, store }: DiagnosticsDeps): void {
  const publisher = new DiagnosticsPublisher(log);
  context.subscriptions.push(publisher, store.onDidChange((projects) => publisher.publish(projects)));
  publisher.publish(store.projects);
}
