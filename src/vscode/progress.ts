// Long operations under a progress notification with a Cancel button, and the one bridge from
// VS Code's CancellationToken to the AbortSignal our Kafka and Upsun code takes.

import * as vscode from 'vscode';
import { asError } from '../text/error';

export interface ProgressOptions {
  readonly title: string;
  /** A notification (the default) or the status bar's quiet spinner. */
  readonly location?: vscode.ProgressLocation;
  /** Whether Cancel is offered; true unless said. */
  readonly cancellable?: boolean;
}

/** An AbortSignal that aborts when `token` is cancelled (already, or later). */
export function abortSignalOf(token: vscode.CancellationToken): AbortSignal {
  const abort = new AbortController();
  if (token.isCancellationRequested) abort.abort();
  else token.onCancellationRequested(() => abort.abort());
  return abort.signal;
}

/** Runs `work` under a progress notification; Cancel aborts the signal `work` gets. */
export function withCancellableProgress<T>(options: ProgressOptions | string, work: (signal: AbortSignal) => PromiseLike<T>): Promise<T> {
  const { title, location = vscode.ProgressLocation.Notification, cancellable = true } = typeof options === 'string' ? { title: options } : options;
  return Promise.resolve(vscode.window.withProgress({ location, title, cancellable }, (_progress, token) => work(abortSignalOf(token))));
}

/**
 * What `work` gives, or undefined when `signal` aborts first: for work that cannot be called
 * back. A value that arrives after goes to `late` (a connection to close, say); a failure
 * after is dropped, as nobody waits for it any more.
 */
export function unlessAborted<T>(work: Promise<T>, signal: AbortSignal, late?: (value: T) => unknown): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const aborted = () => {
      resolve(undefined);
      work.then(late).catch(() => undefined);
    };
    if (signal.aborted) return aborted();
    signal.addEventListener('abort', aborted, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', aborted);
        if (!signal.aborted) resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', aborted);
        reject(asError(error));
      },
    );
  });
}

/**
 * Runs `work` under a notification with a Cancel button. Kafka's admin requests cannot be
 * called back, so cancelling stops the waiting, not the request: false then, true when the
 * work ended first.
 */
async function cancellableProgress(title: string, work: () => Promise<unknown>): Promise<boolean> {
  return withCancellableProgress(title, async (signal) => (await unlessAborted(work().then(() => true), signal)) ?? false);
}

/**
 * A change sent to the cluster under cancellableProgress. `after` runs either way (the
 * service's rows reload); when Cancel came first, a notification says what `mayStill` happen
 * ("the cluster may still delete topic "orders"") and to refresh, and the answer is false.
 */
export async function clusterChange(title: string, work: () => Promise<unknown>, { after, mayStill }: { after: () => void; mayStill: string }): Promise<boolean> {
  const done = await cancellableProgress(title, work);
  after();
  if (!done) void vscode.window.showInformationMessage(`Stopped waiting; ${mayStill}. Refresh to see.`);
  return done;
}
