// The webview host's messaging, typed with the shared protocol.

import type { PeekViewRequest } from '../../messageView/protocol';

interface VsCodeApi {
  postMessage(message: PeekViewRequest): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called once per page. */
export const host: VsCodeApi = acquireVsCodeApi();
