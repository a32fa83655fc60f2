// What a message view shows of a peeked message: display text only, cut to a size a webview
// renders without effort. The raw bytes stay on the extension side for copy, export and
// sending again, so a 1 MB value never travels to the view.

import { timestampText } from '../kafka/decode';
import type { DecodedBytes, PeekedMessage } from '../kafka/types';
import { schemaLabel } from '../schemas/describe';
import type { CellText, PeekRow } from './protocol';

/** Longest text one cell carries to the view; the rest is for copy and export. */
export const MAX_CELL_CHARS = 4_000;

export function messageId(message: Pick<PeekedMessage, 'partition' | 'offset'>): string {
  return `${message.partition}:${message.offset}`;
}

export function peekRow(message: PeekedMessage): PeekRow {
  return {
    id: messageId(message),
    partition: message.partition,
    offset: message.offset,
    timestamp: timestampText(message),
    timestampMs: message.timestampMs,
    key: cell(message.key),
    value: cell(message.value),
    headers: message.headers.map((h) => ({ key: clip(h.key), value: cell(h.value) })),
    ...(message.problem === undefined ? {} : { problem: clip(message.problem) }),
  };
}

function cell(bytes: DecodedBytes | null): CellText | null {
  if (!bytes) return null;
  const text = clip(bytes.text);
  const schema = bytes.schema === undefined ? {} : { schema: clip(schemaLabel(bytes.schema)) };
  return { kind: bytes.kind, text, size: bytes.size, truncated: bytes.truncated || text.length < bytes.text.length, ...schema };
}

function clip(text: string): string {
  return text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) : text;
}
