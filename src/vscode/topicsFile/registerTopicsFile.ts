// Topics as code in the editor (docs/topics.md): the topics file's diagnostics, completion,
// hovers and go to definition, Plan against… and Apply, Compare Environments… and Export
// Topics File.

import * as vscode from 'vscode';
import { registerCommands, type Handler } from '../commandGuard';
import type { LiveKafka } from '../liveKafka';
import type { ProjectStore } from '../projectStore';
import { COMPARE_COMMAND, EXPORT_COMMAND, TopicsComparisons } from './compareCommands';
import { APPLY_COMMAND, PLAN_COMMAND, TopicsPlans, type PlanArgument } from './planCommands';
import { registerTopicsDiagnostics } from './topicsDiagnostics';
import { registerTopicsLanguage } from './topicsLanguage';

export function registerTopicsFile(context: vscode.ExtensionContext, { log, store, liveKafka }: { log: vscode.LogOutputChannel; store: ProjectStore; liveKafka: LiveKafka }): void {
  registerTopicsDiagnostics(context, store, log);
  registerTopicsLanguage(context, store);
  const deps = { store, log, connections: liveKafka.connections, environments: liveKafka.environments, prompter: liveKafka.prompter };
  const plans = new TopicsPlans(deps);
  const comparisons = new TopicsComparisons(deps);
  const handlers: Record<string, Handler> = {
    [PLAN_COMMAND]: (argument) => plans.plan(argument as PlanArgument),
    [APPLY_COMMAND]: (planUri) => plans.apply(planUri as string),
    [COMPARE_COMMAND]: (argument: unknown) => comparisons.compare(argument),
    [EXPORT_COMMAND]: (argument: unknown) => comparisons.exportFile(argument),
  };
  context.subscriptions.push(plans, comparisons, ...registerCommands(handlers, log));
}
