// A message as JSON, written here only: the message view's export and Copy (an array of
// objects, or one; values kept exactly: JSON as JSON, text as text, binary as base64) and the
// CLI's JSON lines (`upsun-kafka peek --format json`, `search --json`; the bytes' text or base64
// with the encoding named). Both keep every byte; they differ in shape because each shape is
// documented where it is used (docs/cli.md, docs/features.md).

import { randomBytes } from 'crypto';
import { prettyJson } from '../text/json';
import { exactBytes } from './decode';
import type { DecodedBytes, PeekedMessage } from './types';

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

/** Whether a schema read the bytes (their `text` is then the decoded JSON). */
export function decodedWithSchema(bytes: DecodedBytes): boolean {
  return bytes.schema !== undefined && bytes.schema.problem === undefined;
}

/** A header in a JSON export: its value as text, or base64 with `encoding` saying so. */
function headerValue(bytes: DecodedBytes | null): { value: string | null; encoding?: 'base64' } {
  const { data, encoding } = exactBytes(bytes);
  return encoding === 'base64' ? { value: data, encoding } : { value: data };
}

/**
 * A message as one line of the CLI's JSON output: key, value and header values as the bytes'
 * text, or base64 for binary, with the encoding named; headers in the record's order. A key or
 * value read with a schema adds `keySchema`/`valueSchema` and `keyDecoded`/`valueDecoded`;
 * `key`/`value` keep the bytes.
 * `timestamp` is null when the record has none or one no date can hold; `timestampMs` is the
 * number as stored. A record batch that could not be read is a line with `problem` (why) in
 * place of key, value and headers.
 */
export function messageLine(m: PeekedMessage): Record<string, unknown> {
  if (m.problem !== undefined) return { topic: m.topic, partition: m.partition, offset: m.offset, timestamp: m.timestamp, timestampMs: m.timestampMs, problem: m.problem };
  const key = exactBytes(m.key);
  const value = exactBytes(m.value);
  return {
    topic: m.topic,
    partition: m.partition,
    offset: m.offset,
    timestamp: m.timestamp,
    timestampMs: m.timestampMs,
    key: key.data,
    keyEncoding: key.encoding,
    value: value.data,
    valueEncoding: value.encoding,
    headers: m.headers.map((h) => {
      const header = exactBytes(h.value);
      return { key: h.key, value: header.data, valueEncoding: header.encoding };
    }),
    ...schemaFields('key', m.key),
    ...schemaFields('value', m.value),
  };
}

/** `keySchema`/`valueSchema` (format, name, source, schemaId, problem, violations) and, when it could be read whole, `keyDecoded`/`valueDecoded`. */
function schemaFields(part: 'key' | 'value', bytes: DecodedBytes | null): Record<string, unknown> {
  const schema = bytes?.schema;
  if (!bytes || schema === undefined) return {};
  // Not parsed from `text` when cut: a decoded value past the display limit is left out.
  const decoded = schema.problem === undefined && !bytes.truncated ? { [`${part}Decoded`]: JSON.parse(bytes.text) as unknown } : {};
  return { [`${part}Schema`]: schema, ...decoded };
}
