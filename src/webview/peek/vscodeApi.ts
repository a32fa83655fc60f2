// The webview host's messaging, typed with the shared protocol, and the page's own state that
// VS Code keeps while the tab lives (hidden tabs included).

import type { PeekViewRequest } from '../../messageView/protocol';

interface VsCodeApi {
  postMessage(message: PeekViewRequest): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called once per page. */
export const host: VsCodeApi = acquireVsCodeApi();
