// The shown messages as a file: JSON (an array, values as shown) or CSV (RFC 4180, written
// by csv-stringify with formulas escaped for spreadsheets).

import { randomBytes } from 'crypto';
import { stringify } from 'csv-stringify/sync';
import { exactBytes, prettyJson } from '../kafka/decode';
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
  return `${stringifyKeepingJson(messages.map(messageRecord))}\n`;
}

/** One message as JSON text, as Copy puts it on the clipboard: the shape of an export's entry. */
export function messageAsJson(message: PeekedMessage): string {
  return stringifyKeepingJson(messageRecord(message));
}

/** A JSON value kept as its own text, so no number or repeated key of it changes. */
class RawJson {
  constructor(readonly text: string) {}
}

/**
 * JSON.stringify with two-space indents, where each RawJson goes in as its text re-indented
 * in place; parsing and printing it again would round 12345678901234567890 and drop a
 * repeated key.
 */
function stringifyKeepingJson(value: unknown): string {
  // Letters and digits only, so JSON.stringify writes the mark as it is; random, so no message holds it.
  const mark = `raw-json-${randomBytes(8).toString('hex')}-`;
  const raw: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof RawJson ? `${mark}${raw.push(v.text) - 1}` : v), 2);
  const placeholder = new RegExp(`^( *)(.*)"${mark}(\\d+)"`, 'gm');
  return text.replace(placeholder, (_m, indent: string, before: string, n: string) => indent + before + raw[Number(n)].replace(/\n/g, `\n${indent}`));
}

function messageRecord(m: PeekedMessage): Record<string, unknown> {
  return {
    topic: m.topic,
    partition: m.partition,
    offset: m.offset,
    timestamp: m.timestamp,
    key: exportedValue(m.key),
    value: exportedValue(m.value),
    timestampMs: m.timestampMs,
    headers: m.headers.map((h) => ({ key: h.key, ...headerValue(h.value) })),
    ...(m.problem === undefined ? {} : { problem: m.problem }),
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
    m.timestamp ?? m.timestampMs,
    csvText(m.key),
    csvText(m.value),
    m.headers.map((h) => `${h.key}=${csvText(h.value)}`).join('\n'),
  ]);
  return stringify([[...CSV_COLUMNS], ...rows], { escape_formulas: true, record_delimiter: 'windows' });
}

function exportedValue(bytes: DecodedBytes | null): unknown {
  if (!bytes) return null;
  const whole = Buffer.from(bytes.base64, 'base64');
  if (bytes.kind === 'binary') return { base64: bytes.base64 };
  const text = whole.toString('utf8');
  if (bytes.kind === 'json') return new RawJson(prettyJson(text) ?? text);
  return text;
}

/** A header in a JSON export: its value as text, or base64 with `encoding` saying so. */
function headerValue(bytes: DecodedBytes | null): { value: string | null; encoding?: 'base64' } {
  const { data, encoding } = exactBytes(bytes);
  return encoding === 'base64' ? { value: data, encoding } : { value: data };
}

function csvText(bytes: DecodedBytes | null): string {
  if (!bytes) return '';
  return bytes.kind === 'binary' ? `base64:${bytes.base64}` : Buffer.from(bytes.base64, 'base64').toString('utf8');
}
