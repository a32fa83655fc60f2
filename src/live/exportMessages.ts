// The shown messages as a file: JSON (an array, values as shown) or CSV (RFC 4180, written
// by csv-stringify with formulas escaped for spreadsheets).

import { stringify } from 'csv-stringify/sync';
import type { DecodedBytes, PeekedMessage } from '../kafka/types';

export type ExportFormat = 'json' | 'csv';

const CSV_COLUMNS = ['topic', 'partition', 'offset', 'timestamp', 'key', 'value', 'headers'] as const;

export function formatMessages(messages: readonly PeekedMessage[], format: ExportFormat): string {
  return format === 'json' ? messagesAsJson(messages) : messagesAsCsv(messages);
}

/**
 * One object per message. JSON values stay JSON (parsed, not a string of JSON), text stays
 * text, binary becomes base64 so nothing is lost; a value cut for display is exported whole.
 */
export function messagesAsJson(messages: readonly PeekedMessage[]): string {
  return `${JSON.stringify(messages.map(messageRecord), null, 2)}\n`;
}

/** One message as a plain object, the shape of each entry of a JSON export. */
export function messageRecord(m: PeekedMessage): Record<string, unknown> {
  return {
    topic: m.topic,
    partition: m.partition,
    offset: m.offset,
    timestamp: m.timestamp,
    key: exportedValue(m.key),
    value: exportedValue(m.value),
    headers: Object.fromEntries(m.headers.map((h) => [h.key, h.value])),
  };
}

/**
 * A header row, then one row per message, CRLF-terminated; headers as `k=v` lines in one
 * cell. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or their
 * full-width forms) gets a leading `'`, so Excel, LibreOffice and Google Sheets show it as
 * text instead of running it as a formula (OWASP, "CSV Injection"). The JSON export keeps
 * every value exactly.
 */
export function messagesAsCsv(messages: readonly PeekedMessage[]): string {
  const rows = messages.map((m) => [
    m.topic,
    String(m.partition),
    m.offset,
    m.timestamp,
    csvText(m.key),
    csvText(m.value),
    m.headers.map((h) => `${h.key}=${h.value}`).join('\n'),
  ]);
  return stringify([[...CSV_COLUMNS], ...rows], { escape_formulas: true, record_delimiter: 'windows' });
}

function exportedValue(bytes: DecodedBytes | null): unknown {
  if (!bytes) return null;
  const whole = Buffer.from(bytes.base64, 'base64');
  if (bytes.kind === 'binary') return { base64: bytes.base64 };
  const text = whole.toString('utf8');
  if (bytes.kind === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function csvText(bytes: DecodedBytes | null): string {
  if (!bytes) return '';
  return bytes.kind === 'binary' ? `base64:${bytes.base64}` : Buffer.from(bytes.base64, 'base64').toString('utf8');
}
