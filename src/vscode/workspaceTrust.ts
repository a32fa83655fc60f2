// Workspace Trust: a folder the user has not trusted (Restricted Mode) may have come with a
// repository, so its settings and files are someone else's input. There the extension only
// reads YAML (linter, diagnostics, hovers, completion, the declared tree); everything that
// runs a program (the Upsun CLI), opens a socket (Kafka, tunnels) or reads a file outside
// the workspace (a CA file) asks `isTrusted()` first, and comes on when trust is granted.

import * as vscode from 'vscode';

/** VS Code's own "Manage Workspace Trust" command. */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';
const MANAGE_TRUST = 'Manage Workspace Trust';

/** Why live features are off, for logs and a service row. */
export const RESTRICTED_REASON = 'this folder is not trusted (Restricted Mode)';

export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/** Runs `listener` when the user trusts the workspace (no reload needed). */
export function onDidGrantTrust(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(listener);
}

/**
 * Says that `what` (e.g. `Connecting to Kafka service "kafka"`) is off until the folder is
 * trusted, with a button that opens VS Code's trust editor. Resolves once the message closes.
 */
export async function explainRestricted(what: string): Promise<void> {
  const answer = await vscode.window.showWarningMessage(
    `${what} is off in Restricted Mode: this folder is not trusted, and it would run the Upsun CLI or send credentials to brokers that the folder's settings can name. Trust the folder to use it.`,
    MANAGE_TRUST,
  );
  if (answer === MANAGE_TRUST) await vscode.commands.executeCommand(MANAGE_TRUST_COMMAND);
}
