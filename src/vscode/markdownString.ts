// The one way this extension hands Markdown to VS Code. Its text quotes config files, brokers
// and errors (escaped by src/language/markdown.ts); on top of that nothing in it may run a
// command link or render raw HTML (theme icons are off unless asked for).

import * as vscode from 'vscode';

/** `markdown` as an untrusted MarkdownString: no command links, no HTML, no `$(icon)`s. */
export function untrustedMarkdown(markdown: string): vscode.MarkdownString {
  const result = new vscode.MarkdownString(markdown, false);
  result.isTrusted = false;
  result.supportHtml = false;
  return result;
}
