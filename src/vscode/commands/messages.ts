// The commands on a topic's messages: Peek (the message view, where search, copy and export
// live) and Produce Message….

import type * as vscode from 'vscode';
import { Handler, registerCommands } from '../commandGuard';
import { PEEK_COMMAND, PeekViews } from '../messageView/peekCommand';
import { produce, PRODUCE_COMMAND, ProduceDeps } from '../produce/produceCommand';

export function registerMessageCommands({ peekViews, produceDeps, log }: { peekViews: PeekViews; produceDeps: ProduceDeps; log: vscode.LogOutputChannel }): vscode.Disposable[] {
  const handlers: Record<string, Handler> = {
    [PEEK_COMMAND]: (arg) => peekViews.peek(arg),
    [PRODUCE_COMMAND]: (arg) => produce(produceDeps, arg),
  };
  return registerCommands(handlers, log);
}
