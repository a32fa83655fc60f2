// The shown messages as a file: JSON (an array, values as shown) or CSV (RFC 4180, written
// by csv-stringify, with formulas guarded on every line for spreadsheets).

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
 * cell. A cell holding a CR, an LF, a quote or a comma is quoted, so a bare LF (which
 * spreadsheets and Python's csv module take as the end of a record) stays inside its cell.
 * Formulas are guarded with `formulaGuarded`. The JSON export keeps every value exactly.
 */
export function messagesAsCsv(messages: readonly PeekedMessage[]): string {
  const rows = messages.map((m) => [
    formulaGuarded(m.topic),
    String(m.partition),
    m.offset,
    formulaGuarded(m.timestamp ?? m.timestampMs),
    formulaGuarded(csvText(m.key)),
    formulaGuarded(csvText(m.value)),
    formulaGuarded(m.headers.map((h) => `${h.key}=${csvText(h.value)}`).join('\n')),
  ]);
  // quote_record_delimiter: with a record delimiter of its own, csv-stringify quotes only cells holding CRLF.
  return stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: 'windows', quote_record_delimiter: true });
}

/** A formula's first characters (OWASP, "CSV Injection", less the carriage return, which ends a line here), with the full-width forms spreadsheets also read. */
const FORMULA_START = /^[=+\-@\t\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * `cell` with a `'` put before each line that starts like a formula (`=`, `+`, `-`, `@`, a
 * tab, or their full-width forms) and before the cell itself when it starts with one of
 * them or a carriage return, so Excel, LibreOffice and Google Sheets show text instead of
 * running it. Every line, not only the first: a multi-line cell pasted or imported line by
 * line puts each line at the start of a cell.
 */
function formulaGuarded(cell: string): string {
  const guarded = cell
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 0 && FORMULA_START.test(part) ? `'${part}` : part))
    .join('');
  return guarded.startsWith('\r') ? `'${guarded}` : guarded;
}

function exportedValue(bytes: DecodedBytes | null): unknown {
  if (!bytes) return null;
  // Read with a schema: the decoded JSON (the raw bytes are binary), whole or not at all.
  if (decodedWithSchema(bytes)) return bytes.truncated ? { base64: bytes.base64 } : new RawJson(bytes.text);
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

function decodedWithSchema(bytes: DecodedBytes): boolean {
  return bytes.schema !== undefined && bytes.schema.problem === undefined;
}

function csvText(bytes: DecodedBytes | null): string {
  if (!bytes) return '';
  if (decodedWithSchema(bytes)) return bytes.truncated ? `base64:${bytes.base64}` : bytes.text;
  return bytes.kind === 'binary' ? `base64:${bytes.base64}` : Buffer.from(bytes.base64, 'base64').toString('utf8');
}
