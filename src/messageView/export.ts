// The shown messages as a file: JSON (an array, values as shown) or CSV (RFC 4180, written
// by csv-stringify, with formulas guarded on every line for spreadsheets).

import { stringify } from 'csv-stringify/sync';
import { exactBytes } from '../kafka/decode';
import { decodedWithSchema, messagesAsJson } from '../kafka/messageJson';
import type { DecodedBytes, PeekedMessage } from '../kafka/types';

export type ExportFormat = 'json' | 'csv';

const CSV_COLUMNS = ['topic', 'partition', 'offset', 'timestamp', 'key', 'value', 'headers'] as const;

export function formatMessages(messages: readonly PeekedMessage[], format: ExportFormat): string {
  return format === 'json' ? messagesAsJson(messages) : messagesAsCsv(messages);
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

function csvText(bytes: DecodedBytes | null): string {
  // Read with a schema: the decoded JSON, as the view shows it.
  if (bytes && decodedWithSchema(bytes)) return bytes.truncated ? `base64:${bytes.base64}` : bytes.text;
  const { data, encoding } = exactBytes(bytes);
  return data === null ? '' : encoding === 'base64' ? `base64:${data}` : data;
}
