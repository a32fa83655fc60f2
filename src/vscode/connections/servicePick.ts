// Choosing which declared Kafka service a command works on: the one an argument names, the
// only one declared, or the user's pick.

import * as path from 'path';
import * as vscode from 'vscode';
import type { Prompter } from '../prompter';
import type { ServiceRef } from '../../config/model';
import type { ConnectionManager } from './connectionManager';

/** What the explorer (or any caller) passes to name a service and optionally a topic. */
export interface ServiceArgument {
  readonly serviceKey?: string;
  readonly topic?: string;
}

export type KeyedService = ServiceRef & { readonly key: string };

export async function pickService(connections: ConnectionManager, prompter: Prompter, argument: unknown, title: string): Promise<KeyedService | undefined> {
  const services = connections.services();
  const wanted = serviceKeyOf(argument);
  if (wanted) {
    const found = services.find((s) => s.key === wanted);
    const hash = wanted.lastIndexOf('#');
    if (!found) void vscode.window.showWarningMessage(`The Kafka service "${wanted.slice(hash + 1)}" is no longer declared in ${wanted.slice(0, hash)}. Refresh the explorer.`);
    return found;
  }
  if (services.length === 0) void vscode.window.showInformationMessage('This workspace declares no Kafka service: add one (type: kafka:4.3) to .upsun/config.yaml or .platform/services.yaml.');
  if (services.length <= 1) return services[0];
  return prompter.pick(
    services.map((s) => ({
      label: s.service.name,
      description: `${path.basename(s.project.root)} · ${connections.statusOf(s.key).state}`,
      detail: s.service.type?.value,
      value: s,
    })),
    { title, placeholder: 'Kafka service' },
  );
}

function serviceKeyOf(argument: unknown): string | undefined {
  const key = (argument as ServiceArgument | undefined)?.serviceKey;
  return typeof key === 'string' ? key : undefined;
}

export function topicOf(argument: unknown): string | undefined {
  const topic = (argument as ServiceArgument | undefined)?.topic;
  return typeof topic === 'string' && topic ? topic : undefined;
}
