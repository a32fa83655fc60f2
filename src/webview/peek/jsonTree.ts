// A JSON value as a tree for the message view, built from its tokens (jsonc-parser's
// parseTree) so nothing changes on the way: a number keeps its digits (12345678901234567890,
// 1.10), a string its escapes, and a repeated key stays, once per occurrence. The same reason
// as prettyJson in src/text/json.ts, whose output this usually reads.

import { parseTree, type Node } from 'jsonc-parser';
import { strictJsonProblem } from '../../text/json';

export type JsonTreeNode =
  | { readonly kind: 'object'; readonly key?: string; readonly children: readonly JsonTreeNode[] }
  | { readonly kind: 'array'; readonly key?: string; readonly children: readonly JsonTreeNode[] }
  /** `raw`: the literal as written in the text (a string with its quotes and escapes). */
  | { readonly kind: 'string' | 'number' | 'boolean' | 'null'; readonly key?: string; readonly raw: string };

/**
 * The tree of `text` when it is strict JSON (JSON.parse decides: jsonc-parser also takes
 * comments and trailing commas); undefined otherwise. Object members keep their order and
 * every repeated key; array items have no key.
 */
export function jsonTree(text: string): JsonTreeNode | undefined {
  if (strictJsonProblem(text) !== undefined) return undefined;
  const root = parseTree(text);
  return root ? toNode(root, text, undefined) : undefined;
}

function toNode(node: Node, text: string, key: string | undefined): JsonTreeNode {
  const keyed = key === undefined ? {} : { key };
  switch (node.type) {
    case 'object':
      return { kind: 'object', ...keyed, children: (node.children ?? []).map((property) => member(property, text)) };
    case 'array':
      return { kind: 'array', ...keyed, children: (node.children ?? []).map((item) => toNode(item, text, undefined)) };
    case 'property':
      throw new Error('jsonc-parser gave a property where a value belongs');
    default:
      return { kind: node.type, ...keyed, raw: text.slice(node.offset, node.offset + node.length) };
  }
}

/** One `"name": value` of an object; the name as JSON.parse reads it (escapes resolved). */
function member(property: Node, text: string): JsonTreeNode {
  const [name, value] = property.children ?? [];
  if (!name || !value) throw new Error('jsonc-parser gave a property without a name or value for text JSON.parse accepts');
  return toNode(value, text, JSON.parse(text.slice(name.offset, name.offset + name.length)) as string);
}

/** What a collapsed node shows: `{3}` for an object of 3 members, `[2]` for an array of 2, the literal otherwise. */
export function nodeSummary(node: JsonTreeNode): string {
  if (node.kind === 'object') return `{${node.children.length}}`;
  if (node.kind === 'array') return `[${node.children.length}]`;
  return node.raw;
}
