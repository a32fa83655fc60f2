// The produce document: the JSON a person writes in the editor's produce tab, read into the
// messages it holds with the exact place of every problem, and the budgets that keep it (and
// the last message remembered per topic) bounded. Its JSON Schema, for VS Code's own JSON
// IntelliSense, is `syntaxes/kafka-produce.schema.json`; this reader is the one that decides.

import { Node, parseTree, ParseError, ParseErrorCode, printParseErrorCode } from 'jsonc-parser';
import { prettyJson } from '../text/json';
import type { KafkaHeaderValue } from './types';

/** One message of the document, ready for `KafkaCluster.produce` with its topic. */
export interface ProduceDraft {
  /** Null: a message without a key. */
  readonly key: string | null;
  /** A JSON string's text as is; any other JSON value as written (digits kept); null: a tombstone. */
  readonly value: string | null;
  readonly headers: readonly KafkaHeaderValue[];
  /** Undefined: the key (or round-robin) chooses. */
  readonly partition?: number;
  /** The message's JSON text as written, what is remembered for the next tab. */
  readonly source: string;
}

/** A problem at `offset` (UTF-16 code units, `length` of them); `line` and `column` count from 1. */
export interface ProduceProblem {
  readonly offset: number;
  readonly length: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ProduceDocument {
  /** Empty when there is any problem: a document sends whole or not at all. */
  readonly messages: readonly ProduceDraft[];
  readonly problems: readonly ProduceProblem[];
}

export interface ProduceBudget {
  /** Bytes of the document, UTF-8. */
  readonly documentBytes: number;
  /** Messages in one document. */
  readonly messages: number;
}

/**
 * 1 MiB, Kafka's default `max.message.bytes` (the broker's `message.max.bytes`, 1048588, in
 * Kafka's `ServerLogConfigs`): a document larger than that is not something typed in an editor.
 */
export const PRODUCE_BUDGET: ProduceBudget = { documentBytes: 1024 * 1024, messages: 500 };

const FIELDS = ['key', 'value', 'headers', 'partition'];
/** Kafka's partition ids are int32 (the protocol's `PartitionIndex`). */
const MAX_PARTITION = 2 ** 31 - 1;

/**
 * Reads a produce document: one message object `{ "key", "value", "headers", "partition" }`,
 * or a list of them sent in order. Strict JSON (no comments, no trailing commas: what the
 * topic's consumers would refuse). Never throws; problems come in document order.
 */
export function parseProduceDocument(text: string, budget: ProduceBudget = PRODUCE_BUDGET): ProduceDocument {
  const problems: ProduceProblem[] = [];
  const at = (offset: number, length: number, message: string) => problems.push({ offset, length, ...lineColumn(text, offset), message });
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > budget.documentBytes) {
    at(0, 0, `The document is ${bytes} bytes, over the ${budget.documentBytes}-byte budget: send it in smaller documents.`);
    return { messages: [], problems };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  // After the first syntax error the parser's recovery guesses, and its later errors mostly
  // echo the first: name that one, as JSON.parse would.
  if (errors.length > 0) {
    at(errors[0].offset, errors[0].length, parseErrorText(errors[0].error));
    return { messages: [], problems };
  }
  if (!root) {
    at(0, 0, 'The document is empty: write a message such as {"key": "order-1", "value": {"id": 1}}.');
    return { messages: [], problems };
  }
  const nodes = root.type === 'array' ? (root.children ?? []) : [root];
  if (root.type === 'array' && nodes.length === 0) at(root.offset, 1, 'The list holds no message: add one such as {"key": "order-1", "value": {"id": 1}}.');
  if (nodes.length > budget.messages) {
    at(nodes[budget.messages].offset, nodes[budget.messages].length, `The document holds ${nodes.length} messages, over the budget of ${budget.messages}: send the rest in another document.`);
    return { messages: [], problems };
  }
  const messages: ProduceDraft[] = [];
  nodes.forEach((node, index) => {
    const draft = readMessage(text, node, nodes.length > 1 || root.type === 'array' ? `Message ${index + 1}` : 'The message', at);
    if (draft) messages.push(draft);
  });
  return problems.length > 0 ? { messages: [], problems } : { messages, problems };
}

type At = (offset: number, length: number, message: string) => void;

function readMessage(text: string, node: Node, name: string, at: At): ProduceDraft | undefined {
  if (node.type !== 'object') {
    at(node.offset, node.length, `${name} is ${kindOf(node)}: write an object with "value" and optionally "key", "headers" and "partition".`);
    return undefined;
  }
  const fields = new Map<string, Node>();
  let ok = true;
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    const field = String(keyNode.value);
    if (fields.has(field)) {
      at(keyNode.offset, keyNode.length, `${name} has "${field}" twice: keep one.`);
      ok = false;
    } else if (!FIELDS.includes(field)) {
      at(keyNode.offset, keyNode.length, `${name} has an unknown field "${field}": a message has "key", "value", "headers" and "partition".`);
      ok = false;
    }
    if (valueNode) fields.set(field, valueNode);
  }
  const value = fields.get('value');
  if (!value) {
    at(node.offset, 1, `${name} has no "value": write "value": followed by any JSON, a string, or null for a tombstone.`);
    ok = false;
  }
  const key = fields.get('key');
  if (key && key.type !== 'string' && key.type !== 'null') {
    at(key.offset, key.length, `${name}'s "key" is ${kindOf(key)}: write a string, or null for no key.`);
    ok = false;
  }
  const partition = fields.get('partition');
  if (partition && !(partition.type === 'number' && Number.isInteger(partition.value) && partition.value >= 0 && partition.value <= MAX_PARTITION && /^\d+$/.test(sourceOf(text, partition)))) {
    at(partition.offset, partition.length, `${name}'s "partition" is ${kindOf(partition)}: write a partition number (0, 1, …), or leave it out to let the key choose.`);
    ok = false;
  }
  const headers = readHeaders(fields.get('headers'), name, at);
  if (!ok || !value || !headers) return undefined;
  return {
    key: key?.type === 'string' ? String(key.value) : null,
    value: value.type === 'string' ? String(value.value) : value.type === 'null' ? null : sourceOf(text, value),
    headers,
    partition: partition ? Number(partition.value) : undefined,
    source: sourceOf(text, node),
  };
}

function readHeaders(node: Node | undefined, name: string, at: At): KafkaHeaderValue[] | undefined {
  if (!node) return [];
  const shape = 'write a list such as [{"key": "trace-id", "value": "abc"}]';
  if (node.type !== 'array') {
    at(node.offset, node.length, `${name}'s "headers" is ${kindOf(node)}: ${shape}.`);
    return undefined;
  }
  const headers: KafkaHeaderValue[] = [];
  let ok = true;
  (node.children ?? []).forEach((header, index) => {
    const label = `${name}'s header ${index + 1}`;
    if (header.type !== 'object') {
      at(header.offset, header.length, `${label} is ${kindOf(header)}: ${shape}.`);
      ok = false;
      return;
    }
    let key: string | undefined;
    let value: string | null = null;
    for (const property of header.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      const field = String(keyNode.value);
      if (field === 'key' && valueNode?.type === 'string' && String(valueNode.value) !== '') key = String(valueNode.value);
      else if (field === 'value' && (valueNode?.type === 'string' || valueNode?.type === 'null')) value = valueNode.type === 'string' ? String(valueNode.value) : null;
      else {
        const why = field === 'key' ? 'its "key" must be a non-empty string' : field === 'value' ? 'its "value" must be a string or null' : `"${field}" is not a header field ("key", "value")`;
        at((valueNode ?? keyNode).offset, (valueNode ?? keyNode).length, `${label}: ${why}.`);
        ok = false;
      }
    }
    if (key === undefined && !(header.children ?? []).some((p) => p.children?.[0]?.value === 'key')) {
      at(header.offset, header.length, `${label} has no "key": ${shape}.`);
      ok = false;
    }
    if (key !== undefined) headers.push({ key, value });
  });
  return ok ? headers : undefined;
}

/** `line` and `column` (from 1, columns in UTF-16 code units) of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** `Line 3, column 14: …`, the way a refused send names its first problem. */
export function describeProblem(problem: ProduceProblem): string {
  return `Line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

/** The Send lens's title: where to send, or how many problems stand in the way. */
export function sendTitle(document: ProduceDocument, topic: string, service: string): string {
  const count = document.problems.length;
  if (count > 0) return `Fix ${count === 1 ? '1 problem' : `${count} problems`} before sending to "${topic}"`;
  const messages = document.messages.length === 1 ? '' : ` (${document.messages.length} messages)`;
  return `Send to "${topic}" on "${service}"${messages}`;
}

const FIRST_EXAMPLE = '[\n  {\n    "key": "order-1",\n    "value": { "id": 1, "status": "created" },\n    "headers": [{ "key": "source", "value": "vscode" }]\n  }\n]\n';

/**
 * The text a new produce tab opens with: the last message sent to the topic (its JSON as
 * written, re-indented) in a list, or a small example the first time.
 */
export function initialDocument(lastSent: string | undefined): string {
  if (lastSent === undefined) return FIRST_EXAMPLE;
  const pretty = prettyJson(lastSent) ?? lastSent;
  return `[\n${pretty.replace(/^/gm, '  ')}\n]\n`;
}

/** How much the remembered last messages may hold: per topic (bytes, UTF-8), and how many topics. */
export interface RememberBudget {
  readonly bytesPerTopic: number;
  readonly topics: number;
}

export const REMEMBER_BUDGET: RememberBudget = { bytesPerTopic: 64 * 1024, topics: 50 };

/**
 * The remembered last messages after `source` was sent to the topic `topicKey`: the most
 * recent topic last, the oldest ones dropped past `budget.topics`. A message over
 * `budget.bytesPerTopic` is not remembered (the topic's older one is dropped too, so the next
 * tab does not open with a message that was not the last one).
 */
export function remember(memory: Readonly<Record<string, string>>, topicKey: string, source: string, budget: RememberBudget = REMEMBER_BUDGET): Record<string, string> {
  const entries = Object.entries(memory).filter(([key, text]) => key !== topicKey && typeof text === 'string');
  if (Buffer.byteLength(source, 'utf8') <= budget.bytesPerTopic) entries.push([topicKey, source]);
  return Object.fromEntries(entries.slice(Math.max(0, entries.length - budget.topics)));
}

function sourceOf(text: string, node: Node): string {
  return text.slice(node.offset, node.offset + node.length);
}

function kindOf(node: Node): string {
  if (node.type === 'number') return `the number ${String(node.value)}`;
  if (node.type === 'string') return 'a string';
  if (node.type === 'boolean') return String(node.value);
  if (node.type === 'null') return 'null';
  return node.type === 'array' ? 'a list' : 'an object';
}

const PARSE_ERRORS: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'Unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'Invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'A property name in double quotes is expected (no trailing commas in JSON)',
  [ParseErrorCode.ValueExpected]: 'A value is expected (no trailing commas in JSON)',
  [ParseErrorCode.ColonExpected]: 'A colon is expected',
  [ParseErrorCode.CommaExpected]: 'A comma is expected',
  [ParseErrorCode.CloseBraceExpected]: 'A closing brace } is expected',
  [ParseErrorCode.CloseBracketExpected]: 'A closing bracket ] is expected',
  [ParseErrorCode.EndOfFileExpected]: 'The document should end here: put several messages in one list [ … ]',
  [ParseErrorCode.InvalidCommentToken]: 'JSON has no comments',
  [ParseErrorCode.UnexpectedEndOfComment]: 'JSON has no comments',
  [ParseErrorCode.UnexpectedEndOfString]: 'The string is not closed',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'The number is cut off',
  [ParseErrorCode.InvalidUnicode]: 'Invalid \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'Invalid escape character',
  [ParseErrorCode.InvalidCharacter]: 'Invalid character in a string',
};

function parseErrorText(code: ParseErrorCode): string {
  return `${PARSE_ERRORS[code] ?? printParseErrorCode(code)}.`;
}
