// The message views' time zone (`upsunKafka.peek.timeZone`): UTC or local time. The switch in
// a view writes the user setting, so every view follows and the choice is remembered.

import * as vscode from 'vscode';
import type { TimeZoneChoice } from '../../messageView/protocol';

const SECTION = 'upsunKafka';
const KEY = 'peek.timeZone';

export function readPeekTimeZone(): TimeZoneChoice {
  return vscode.workspace.getConfiguration(SECTION).get<string>(KEY) === 'local' ? 'local' : 'utc';
}

/** Saves the choice in the user's settings (not the workspace's: it is about the person). */
export async function savePeekTimeZone(zone: TimeZoneChoice): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(KEY, zone, vscode.ConfigurationTarget.Global);
}

export function onDidChangePeekTimeZone(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.${KEY}`)) listener();
  });
}
