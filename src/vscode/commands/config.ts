// The commands on the project's config: Reveal in Config (a row's YAML source), and Add Kafka
// Service, which asks which project and app when there is a choice, applies the planned
// insertions as one WorkspaceEdit (so one Undo takes them back), saves, and opens the config
// at the new service.

import * as path from 'path';
import * as vscode from 'vscode';
import { newestSupported } from '../../catalog/catalog';
import type { ProjectModel, SourceSpan } from '../../config/model';
import type { ExplorerNode } from '../../explorer/nodes';
import { withFileText } from '../../config/withFileText';
import { AddKafkaPlan, planAddKafka } from '../../config/addKafkaService';
import type { ProjectStore } from '../projectStore';
import type { Prompter } from '../prompter';
import { revealSpan } from '../reveal';
import { Handler, registerCommands } from '../commandGuard';
import { REVEAL_COMMAND } from '../explorer/treeItems';

export const ADD_KAFKA_COMMAND = 'upsunKafka.addKafkaService';

export function registerConfigCommands({ store, log, prompter }: { store: ProjectStore; log: vscode.LogOutputChannel; prompter: Prompter }): vscode.Disposable[] {
  const handlers: Record<string, Handler> = {
    [REVEAL_COMMAND]: async (arg) => {
      const span = (arg as ExplorerNode | undefined)?.reveal ?? (arg as SourceSpan | undefined);
      if (!span?.file) throw new Error('Reveal in Config works on a row that comes from the YAML (a service, a relationship, a variable).');
      await revealSpan(span);
    },
    [ADD_KAFKA_COMMAND]: () => addKafkaService(store, log, prompter),
  };
  return registerCommands(handlers, log);
}

async function addKafkaService(store: ProjectStore, log: vscode.LogOutputChannel, prompter: Prompter): Promise<void> {
  const version = newestSupported('kafka')?.version;
  if (!version) throw new Error('The image catalog lists no supported Kafka version; update the extension.');
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (!folder) {
    void vscode.window.showInformationMessage('Open a folder first: the Kafka service is added to the config of a project folder.');
    return;
  }
  const chosen = await pickProject(store.projects, prompter);
  if (chosen === null) return;
  const project = chosen && (await withOpenText(chosen));
  const app = project && project.applications.length > 1 ? await pickApp(project, prompter) : undefined;
  if (app === null) return;
  const plan = planAddKafka({ project, folder: folder.uri.fsPath, version, app });
  if ('error' in plan) {
    void vscode.window.showErrorMessage(plan.error);
    return;
  }
  await apply(plan);
  log.info(`Added Kafka service "${plan.serviceName}" (kafka:${version})${plan.app ? ` and relationship "${plan.relationshipName}" of ${plan.app}` : ''}.`);
  await store.reload();
  const added = store.projects.flatMap((p) => p.services).find((s) => s.name === plan.serviceName && plan.changes.some((c) => c.file === s.nameSpan.file));
  if (added) await revealSpan(added.nameSpan);
}

/** Undefined: no project yet (a new file); null: the user cancelled. */
async function pickProject(projects: readonly ProjectModel[], prompter: Prompter): Promise<ProjectModel | undefined | null> {
  if (projects.length <= 1) return projects[0];
  const picked = await prompter.pick(
    projects.map((p) => ({ label: vscode.workspace.asRelativePath(p.root, false), value: p })),
    { title: 'Add a Kafka service to which project?' },
  );
  return picked ?? null;
}

async function pickApp(project: ProjectModel, prompter: Prompter): Promise<string | null> {
  const picked = await prompter.pick(
    project.applications.map((a) => ({ label: a.name, description: a.type?.value, value: a.name })),
    { title: 'Which application gets a relationship to the new Kafka service?' },
  );
  return picked ?? null;
}

/** Plans against the text in open editors, so offsets match what the edit applies to. */
async function withOpenText(project: ProjectModel): Promise<ProjectModel> {
  let current = project;
  for (const file of project.files) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file.path);
    if (open) current = withFileText(current, file.path, open.getText());
  }
  return current;
}

async function apply(plan: AddKafkaPlan): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const documents: vscode.TextDocument[] = [];
  for (const change of plan.changes) {
    const uri = vscode.Uri.file(change.file);
    if (change.create) {
      edit.createFile(uri, { ignoreIfExists: false, contents: Buffer.from(change.changes.map((c) => c.text).join('')) });
      continue;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    documents.push(document);
    for (const c of change.changes) {
      edit.replace(uri, new vscode.Range(document.positionAt(c.offset), document.positionAt(c.offset + c.length)), c.text);
    }
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error(`Could not change ${plan.changes.map((c) => path.basename(c.file)).join(', ')}; is a file read-only?`);
  }
  await Promise.all(documents.map((d) => d.save()));
}
