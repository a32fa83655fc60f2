// Sending one message, shared by "Produce Message…" and "Send again": asks before writing to
// a cluster that looks like production, then says where the message landed or why it did not.

import * as path from 'path';
import * as vscode from 'vscode';
import type { KafkaCluster, ProduceRequest, ProduceResult } from '../../kafka/types';
import { matchProductionPattern } from '../../live/productionGuard';
import type { ServiceRef } from '../connections/brokerSource';
import { describeError, EnvironmentInfo } from '../connections/connectionManager';
import type { Prompter } from '../prompter';
import { readLiveKafkaSettings } from '../settings';

const SEND = 'Send';

/** Environment variables that name the current environment when the editor runs on the platform. */
const ENVIRONMENT_VARIABLES = ['PLATFORM_ENVIRONMENT', 'PLATFORM_BRANCH'] as const;

export async function sendMessage(
  ref: ServiceRef,
  cluster: KafkaCluster,
  request: ProduceRequest,
  prompter: Prompter,
  log: vscode.LogOutputChannel,
  environment?: EnvironmentInfo,
): Promise<ProduceResult | undefined> {
  const context = [path.basename(ref.project.root), ...ENVIRONMENT_VARIABLES.map((v) => process.env[v] ?? ''), environment?.id ?? ''].filter(Boolean);
  const match = matchProductionPattern({ service: ref.service.name, context, brokers: cluster.brokers, environment }, readLiveKafkaSettings().confirmPatterns);
  if (match) {
    const why = match.byEnvironmentType
      ? `The Upsun environment "${match.matched}" is of type production.`
      : `"${match.matched}" matches the pattern "${match.pattern}" in the setting upsunKafka.produce.confirmPatterns.`;
    const sure = await prompter.confirm(
      `Send a message to "${request.topic}" on "${ref.service.name}"? This looks like production.`,
      `${why} Brokers: ${cluster.brokers.join(', ')}.`,
      SEND,
    );
    if (!sure) return undefined;
  }
  try {
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Sending to "${request.topic}"…` }, () => cluster.produce(request));
    log.info(`Produced to ${result.topic} on "${ref.service.name}": partition ${result.partition}, offset ${result.offset}.`);
    void vscode.window.showInformationMessage(`Sent to "${result.topic}": partition ${result.partition}, offset ${result.offset}.`);
    return result;
  } catch (error) {
    const message = describeError(error);
    log.error(`Producing to ${request.topic} on "${ref.service.name}" failed: ${message}`);
    void vscode.window.showErrorMessage(`Could not send to "${request.topic}" on "${ref.service.name}": ${message}`);
    return undefined;
  }
}
