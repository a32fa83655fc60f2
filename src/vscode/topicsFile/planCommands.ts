// "Plan against…" on a topics file's services (a CodeLens) and Apply: the file's topics for
// one Kafka service compared with a connected service or an Upsun environment, shown as a
// read-only document, and carried out after a question that says what changes.

import * as vscode from 'vscode';
import { applyPlan, type ApplyResult } from '../../topicsFile/apply';
import { resolveTopics } from '../../topicsFile/file';
import { readLiveTopics } from '../../topicsFile/live';
import { changeText, planText, planTopics, type TopicPlan } from '../../topicsFile/plan';
import { plural } from '../../text/count';
import type { ConnectionManager, EnvironmentInfo } from '../connections/connectionManager';
import type { KeyedService } from '../connections/servicePick';
import type { EnvironmentSessions } from '../environments/environmentSessions';
import { confirmClusterChange } from '../produce/changeGuard';
import type { ProjectStore } from '../projectStore';
import type { PickItem, Prompter } from '../prompter';
import { rangeIn } from '../language/positions';
import { isTopicsDocument, readTopicsDocument, TOPICS_FILE_SELECTOR } from './topicsDocument';
import { ReadOnlyDocuments } from './readOnlyDocuments';

export const PLAN_COMMAND = 'upsunKafka.planTopics';
export const APPLY_COMMAND = 'upsunKafka.applyTopicsPlan';

/** Lines of changes the Apply question lists before "and N more". */
const QUESTION_LINES = 12;

export interface PlanDeps {
  readonly store: ProjectStore;
  readonly connections: ConnectionManager;
  readonly environments: EnvironmentSessions;
  readonly prompter: Prompter;
  readonly log: vscode.LogOutputChannel;
}

/** What Plan against… is given: the topics file and the service in it. */
export interface PlanArgument {
  readonly uri: string;
  readonly service: string;
}

/** A plan shown, kept until applied: the cluster it was made against, as it was then. */
interface ShownPlan {
  readonly plan: TopicPlan;
  readonly target: string;
  readonly key: string;
  readonly ref: KeyedService;
  readonly brokers: readonly string[];
  readonly environment?: EnvironmentInfo;
}

/** What the plan command returns (the editor tests read it). */
export interface PlanShown {
  readonly uri: string;
  readonly plan: TopicPlan;
  readonly target: string;
}

export class TopicsPlans implements vscode.Disposable {
  private readonly documents = new ReadOnlyDocuments('upsun-kafka-plan');
  private readonly shown = new Map<string, ShownPlan>();
  private readonly disposables: vscode.Disposable[] = [this.documents];

  constructor(private readonly deps: PlanDeps) {
    const lenses = new vscode.EventEmitter<void>();
    this.disposables.push(
      lenses,
      deps.store.onDidChange(() => lenses.fire()),
      vscode.languages.registerCodeLensProvider(TOPICS_FILE_SELECTOR, {
        onDidChangeCodeLenses: lenses.event,
        provideCodeLenses: (document) => this.fileLenses(document),
      }),
      vscode.languages.registerCodeLensProvider({ scheme: this.documents.scheme }, { provideCodeLenses: (document) => this.planLenses(document) }),
    );
  }

  private fileLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isTopicsDocument(document)) return [];
    const { file } = readTopicsDocument(this.deps.store, document);
    return file.services.map((s) => {
      const argument: PlanArgument = { uri: document.uri.toString(), service: s.name };
      return new vscode.CodeLens(rangeIn(document, s.span), { title: '$(play) Plan against…', tooltip: `Compare the topics of "${s.name}" with a connected service or an Upsun environment`, command: PLAN_COMMAND, arguments: [argument] });
    });
  }

  private planLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const shown = this.shown.get(document.uri.toString());
    if (!shown || shown.plan.changes.length === 0) return [];
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: `$(check) Apply ${plural(shown.plan.changes.length, 'change')} to ${shown.target}…`, command: APPLY_COMMAND, arguments: [document.uri.toString()] })];
  }

  /** Plan against…: pick the cluster, read it, show the plan. Undefined when the user backs out. */
  async plan(argument: PlanArgument): Promise<PlanShown | undefined> {
    const { store, connections, prompter } = this.deps;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(argument.uri));
    const { file, project } = readTopicsDocument(store, document);
    const errors = file.problems.filter((p) => p.severity === 'error').length;
    if (errors > 0) {
      void vscode.window.showErrorMessage(`The topics file has ${plural(errors, 'error')} (see Problems); fix ${errors === 1 ? 'it' : 'them'} and plan again. Nothing was read from a cluster.`);
      return undefined;
    }
    const declared = file.services.find((s) => s.name === argument.service);
    if (!declared) throw new Error(`The topics file no longer declares service "${argument.service}".`);
    const own = connections.services().find((s) => s.service.name === declared.name && s.project.root === project?.root);
    type Choice = { kind: 'connected'; service: KeyedService } | { kind: 'environment'; service: KeyedService };
    const items: PickItem<Choice>[] = connections.services().filter((s) => connections.statusOf(s.key).state === 'connected').map((s) => {
      const status = connections.statusOf(s.key);
      return { label: `$(plug) ${s.service.name}`, description: status.environment ? `${status.environment.id} (${status.environment.type})` : status.brokers?.join(', '), detail: status.sourceDescription, value: { kind: 'connected' as const, service: s } };
    });
    if (own) items.push({ label: '$(cloud) Upsun Environment…', description: `connects "${own.service.name}" to an environment through a tunnel`, detail: undefined, value: { kind: 'environment' as const, service: own } });
    if (items.length === 0) {
      void vscode.window.showInformationMessage(`No Kafka service is connected and "${declared.name}" is not declared in this project: connect a service in the Upsun Kafka view, then plan again.`);
      return undefined;
    }
    const choice = await prompter.pick(items, { title: `Plan the topics of "${declared.name}" against…`, placeholder: 'a connected service or an Upsun environment' });
    if (!choice) return undefined;
    if (choice.kind === 'environment' && !(await this.deps.environments.connect({ serviceKey: choice.service.key }))) return undefined;
    const key = choice.service.key;
    const cluster = connections.clusterFor(key);
    const status = connections.statusOf(key);
    if (!cluster || status.state !== 'connected') throw new Error(`Kafka service "${choice.service.service.name}" is not connected any more; connect it and plan again.`);
    const environment = status.environment;
    const target = environment ? `${choice.service.service.name} on ${environment.id}` : `${choice.service.service.name} at ${(status.brokers ?? []).join(', ')}`;
    const live = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading the topics of ${target}…`, cancellable: true }, (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return readLiveTopics(cluster, { signal: abort.signal, onProgress: (read, total) => progress.report({ message: `${read} of ${total}`, increment: 100 / total }) }).catch((error: Error) => {
        if (error.name === 'AbortError') return undefined;
        throw error;
      });
    });
    if (!live) return undefined;
    const plan = planTopics(resolveTopics(declared, environment?.type), live);
    const type = environment ? ` (environment type ${environment.type})` : '';
    const text = `# Plan: the topics of "${declared.name}" in ${vscode.workspace.asRelativePath(document.uri)} against ${target}${type}\n\n${planText(plan, target)}\n`;
    const uri = this.documents.show(`${target}.plan`, text);
    this.shown.set(uri.toString(), { plan, target, key, ref: choice.service, brokers: status.brokers ?? [], environment });
    await vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return { uri: uri.toString(), plan, target };
  }

  /** Apply: the shown plan carried out on the cluster it was made against, after one question. */
  async apply(planUri: string): Promise<ApplyResult | undefined> {
    const { connections, prompter, log } = this.deps;
    const shown = this.shown.get(planUri);
    if (!shown) throw new Error('This plan is no longer current: plan again from the topics file.');
    const status = connections.statusOf(shown.key);
    const cluster = connections.clusterFor(shown.key);
    if (!cluster || status.state !== 'connected' || status.environment?.id !== shown.environment?.id) {
      throw new Error(`Kafka service "${shown.ref.service.name}" is no longer connected to ${shown.target}: nothing was applied. Connect it and plan again.`);
    }
    const { changes } = shown.plan;
    const listed = changes.slice(0, QUESTION_LINES).map(changeText);
    if (changes.length > QUESTION_LINES) listed.push(`and ${changes.length - QUESTION_LINES} more`);
    const ok = await confirmClusterChange(shown.ref, shown.brokers, { what: `Apply ${plural(changes.length, 'change')} to ${shown.target}`, action: 'Apply', consequence: listed.join('\n') }, prompter, shown.environment);
    if (!ok) return undefined;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Applying to ${shown.target}`, cancellable: true }, (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return applyPlan(cluster, shown.plan, { signal: abort.signal, onChange: (text, _index, total) => progress.report({ message: text, increment: 100 / total }) });
    });
    // Applied or not, the plan describes a cluster that may have changed: plan again to go on.
    this.shown.delete(planUri);
    const applied = plural(result.applied.length, 'change');
    const notApplied = result.notApplied.map(changeText);
    log.info(`Applied ${applied} of ${changes.length} to ${shown.target}.${result.failed ? ` Failed: ${changeText(result.failed.change)}: ${result.failed.message}.` : ''}${notApplied.length ? ` Not applied: ${notApplied.join('; ')}.` : ''}`);
    if (result.failed) {
      void vscode.window.showErrorMessage(`Applying to ${shown.target} stopped: ${changeText(result.failed.change)} was refused: ${result.failed.message}. Applied ${applied}; not applied: ${notApplied.length ? [changeText(result.failed.change), ...notApplied].join('; ') : changeText(result.failed.change)}.`);
    } else if (result.cancelled) {
      void vscode.window.showWarningMessage(`Applying to ${shown.target} was cancelled after ${applied}. Not applied: ${notApplied.join('; ')}.`);
    } else {
      void vscode.window.showInformationMessage(`Applied ${applied} to ${shown.target}: ${result.applied.map(changeText).join('; ')}.`);
    }
    return result;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
