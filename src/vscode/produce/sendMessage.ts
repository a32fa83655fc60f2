// Sending one message, shared by "Produce Message…" and "Send again": says where the message
// landed or why it did not. The production guard has asked before this (changeGuard.ts).

import * as vscode from 'vscode';
import type { KafkaCluster, ProduceRequest, ProduceResult } from '../../kafka/types';
import type { ServiceRef } from '../../config/model';
import { describeError } from '../../text/error';

export async function sendMessage(ref: ServiceRef, cluster: KafkaCluster, request: ProduceRequest, log: vscode.LogOutputChannel): Promise<ProduceResult | undefined> {
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
