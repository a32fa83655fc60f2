// Topics as code in the editor (docs/topics.md): the topics file's diagnostics, completion,
// hovers and go to definition, Plan against… and Apply, Compare Environments… and Export
// Topics File.

import * as vscode from 'vscode';
import { guarded } from '../commands/explorer';
import type { LiveKafka } from '../liveKafka';
import type { ProjectStore } from '../projectStore';
import { COMPARE_COMMAND, EXPORT_COMMAND, TopicsComparisons } from './compareCommands';
import { APPLY_COMMAND, PLAN_COMMAND, TopicsPlans, type PlanArgument } from './planCommands';
import { registerTopicsDiagnostics } from './topicsDiagnostics';
import { registerTopicsLanguage } from './topicsLanguage';

export function registerTopicsFile(context: vscode.ExtensionContext, { log, store, liveKafka }: { log: vscode.LogOutputChannel; store: ProjectStore; liveKafka: LiveKafka }): void {
  registerTopicsDiagnostics(context, store);
  registerTopicsLanguage(context, store);
  const deps = { store, log, connections: liveKafka.connections, environments: liveKafka.environments, prompter: liveKafka.prompter };
  const plans = new TopicsPlans(deps);
  const comparisons = new TopicsComparisons(deps);
  const handlers: Record<string, (...args: never[]) => Promise<unknown>> = {
    [PLAN_COMMAND]: (argument: PlanArgument) => plans.plan(argument),
    [APPLY_COMMAND]: (planUri: string) => plans.apply(planUri),
    [COMPARE_COMMAND]: (argument: unknown) => comparisons.compare(argument),
    [EXPORT_COMMAND]: (argument: unknown) => comparisons.exportFile(argument),
  };
  context.subscriptions.push(plans, comparisons, ...Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, guarded(id, handler as never, log))));
}
