// The last resort (d): ask for `host:port`, saying why no other source had an answer, and once
// the connection works offer to keep the address in settings.

import * as vscode from 'vscode';
import type { Resolution, ResolvedConnection } from '../../upsun/resolve';
import { brokerListProblem, parseBrokerList } from '../../kafka/brokerAddress';
import type { Prompter } from '../prompter';
import { writeServiceConnection } from '../settings';
import type { ServiceRef } from '../../config/model';

const SAVE = 'Save to Settings';

export async function askForBrokers({ service }: ServiceRef, misses: Resolution['misses'], prompter: Prompter): Promise<ResolvedConnection | undefined> {
  const why = misses.map((m) => m.reason).join('; ');
  const text = await prompter.input({
    title: `Brokers of Kafka service "${service.name}"`,
    prompt: `Enter host:port (several: comma-separated). Found none because ${why || 'no source knows this service'}.`,
    placeholder: '127.0.0.1:9092',
    validate: brokerListProblem,
  });
  if (text === undefined) return undefined;
  return { serviceName: service.name, source: 'prompt', options: { brokers: parseBrokerList(text) }, description: 'your input' };
}

export async function offerToSave({ project, service }: ServiceRef, brokers: readonly string[]): Promise<void> {
  const answer = await vscode.window.showInformationMessage(`Connected to "${service.name}" at ${brokers.join(', ')}. Save these brokers for this service?`, SAVE);
  if (answer === SAVE) await writeServiceConnection(project.root, service.name, { brokers });
}
