// The extension's own Output channel. One instance, created in `activate` and passed to
// whoever needs to log, so tests can read what was written.

import * as vscode from 'vscode';

export const OUTPUT_CHANNEL_NAME = 'Upsun Kafka';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
}
