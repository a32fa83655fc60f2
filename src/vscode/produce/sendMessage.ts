// Sending messages, shared by the produce tab and "Send again": in order, one at a time, saying
// where each landed, or which one failed and why (the rest are then not sent). The production
// guard has asked before this (changeGuard.ts).

import * as vscode from 'vscode';
import type { KafkaCluster, ProduceRequest, ProduceResult } from '../../kafka/types';
import type { ServiceRef } from '../../config/model';
import { describeError } from '../../text/error';
import { landedText, sentNotice } from '../../kafka/produceDocument';

/** How long the status bar says where sent messages landed, ms. */
const STATUS_MS = 30_000;

/**
 * Sends `requests` in order; stops at the first that fails. Returns what was sent, one result
 * per message that landed, and `failed` (the 0-based index of the message that did not, and
 * why) when one failed.
 */
export async function sendMessages(
  ref: ServiceRef,
  cluster: KafkaCluster,
  requests: readonly ProduceRequest[],
  log: vscode.LogOutputChannel,
): Promise<{ readonly results: readonly ProduceResult[]; readonly failed?: { readonly index: number; readonly message: string } }> {
  const results: ProduceResult[] = [];
  const topic = requests[0]?.topic ?? '';
  const numbered = (i: number) => (requests.length === 1 ? 'The message' : `Message ${i + 1} of ${requests.length}`);
  // In the status bar: a notification of progress stays on screen a moment after its work ends,
  // beside the result's own notification.
  const failed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Sending to "${topic}"…` }, async (progress) => {
    for (const [i, request] of requests.entries()) {
      if (requests.length > 1) progress.report({ message: `${i + 1} of ${requests.length}` });
      try {
        const result = await cluster.produce(request);
        log.info(`Produced to ${result.topic} on "${ref.service.name}": partition ${result.partition}, offset ${result.offset}.`);
        results.push(result);
      } catch (error) {
        return { index: i, message: describeError(error) };
      }
    }
    return undefined;
  });
  const landed = landedText(results);
  if (failed) {
    const before = results.length > 0 ? ` Sent before it: ${landed}.` : '';
    const after = requests.length - failed.index - 1;
    const rest = after > 0 ? ` The ${after === 1 ? 'next message was' : `next ${after} messages were`} not sent.` : '';
    log.error(`Producing to ${topic} on "${ref.service.name}" failed at message ${failed.index + 1} of ${requests.length}: ${failed.message}`);
    const cause = /[.!?]$/.test(failed.message) ? failed.message : `${failed.message}.`;
    void vscode.window.showErrorMessage(`${numbered(failed.index)} could not be sent to "${topic}" on "${ref.service.name}": ${cause}${before}${rest}`);
    return { results, failed };
  }
  // A notification shows one line: where they landed goes there when it fits, else in the status bar.
  const { full, notification } = sentNotice(topic, results);
  void vscode.window.showInformationMessage(notification);
  if (notification !== full) vscode.window.setStatusBarMessage(`$(check) ${full}`, STATUS_MS);
  return { results };
}

/** One message: its result, or undefined when it was not sent (the error is shown). */
export async function sendMessage(ref: ServiceRef, cluster: KafkaCluster, request: ProduceRequest, log: vscode.LogOutputChannel): Promise<ProduceResult | undefined> {
  return (await sendMessages(ref, cluster, [request], log)).results[0];
}
