// The commands on a topic's messages: Peek (the message view, where search, copy and export
// live), Produce Message… (a produce tab) and its Send.

import type * as vscode from 'vscode';
import { Handler, registerCommands } from '../commandGuard';
import { PEEK_COMMAND, PeekViews } from '../messageView/peekCommand';
import { PRODUCE_COMMAND, PRODUCE_SEND_COMMAND, ProduceTabs } from '../produce/produceCommand';

export function registerMessageCommands({ peekViews, produceTabs, log }: { peekViews: PeekViews; produceTabs: ProduceTabs; log: vscode.LogOutputChannel }): vscode.Disposable[] {
  const handlers: Record<string, Handler> = {
    [PEEK_COMMAND]: (arg) => peekViews.peek(arg),
    [PRODUCE_COMMAND]: (arg) => produceTabs.open(arg),
    [PRODUCE_SEND_COMMAND]: (arg) => produceTabs.send(arg),
  };
  return registerCommands(handlers, log);
}
