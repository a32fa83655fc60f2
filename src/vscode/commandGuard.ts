// Every command of the extension is registered through here, wrapped once: a failure becomes
// an error message that says what failed and a log line naming the command, instead of a
// rejection VS Code shows as "command 'x' resulted in an error" or drops.

import * as vscode from 'vscode';
import { describeError } from '../text/error';

/** A command's handler: the arguments a menu, a row's click or `executeCommand` passes. */
export type Handler = (...args: unknown[]) => unknown;

/** `handler` with its failures shown and logged as `id: message`; it then returns undefined. */
export function guarded(id: string, handler: Handler, log: vscode.LogOutputChannel): Handler {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      const message = describeError(error);
      log.error(`${id}: ${message}`);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  };
}

/** Registers each handler under its command id, guarded; the disposables go to `context.subscriptions`. */
export function registerCommands(handlers: Readonly<Record<string, Handler>>, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, guarded(id, handler, log)));
}
