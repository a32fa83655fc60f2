// The message view's page in a webview: the addresses of its script and stylesheet, and what
// it may load. The markup is src/messageView/page.ts.

import * as vscode from 'vscode';
import { messageViewHtml } from '../../messageView/page';

/** The view's bundled script, under the extension's folder. */
const PEEK_SCRIPT = ['dist', 'webview', 'peek.js'];
/** VS Code's icon font and its stylesheet, copied from @vscode/codicons by esbuild.mjs. */
const CODICONS = ['dist', 'codicons'];

/** What the view may load: its stylesheet, icons and icon font, and its script. */
export function peekResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, ...PEEK_SCRIPT.slice(0, -1)), vscode.Uri.joinPath(extensionUri, ...CODICONS)];
}

export function peekHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return messageViewHtml({
    cspSource: webview.cspSource,
    script: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...PEEK_SCRIPT)).toString(),
    stylesheet: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'peek.css')).toString(),
    codicons: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...CODICONS, 'codicon.css')).toString(),
  });
}
