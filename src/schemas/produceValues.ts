// The produce tab's values encoded with the topic's schema: each message's "value", as the JSON
// written in the document, through the same encoder as `upsun-kafka produce` (encoder.ts), and
// each value that does not fit marked at the field at fault, in document offsets.

import { parseTree, type Node } from 'jsonc-parser';
import { lineColumn, type ProduceDocument, type ProduceProblem } from '../kafka/produceDocument';
import { describeError } from '../text/error';
import type { SchemaEncoder } from './encoder';
import { describeViolations } from './jsonSchema';
import { ValueMisfit } from './misfit';

export interface EncodedValues {
  /** One per message of the document, in its order: the bytes to send, null for a tombstone. Empty when there is any problem. */
  readonly values: readonly (Buffer | null)[];
  /** Each value that does not fit, at its field; in document order. */
  readonly problems: readonly ProduceProblem[];
}

/**
 * Encodes every message value of `document` (read from `text` by parseProduceDocument, without
 * problems) with `encoder`. A null value stays a tombstone. Never throws: a value that does not
 * fit is a problem at the field its misfit names (the whole value when the path is not in the
 * document), saying the message, the schema and why.
 */
export function encodeProduceValues(text: string, document: ProduceDocument, encoder: SchemaEncoder): EncodedValues {
  const values: (Buffer | null)[] = [];
  const problems: ProduceProblem[] = [];
  const many = document.messages.length > 1;
  // The document parsed without problems: one message object, or a list of them, in the drafts' order.
  const root = parseTree(text);
  const nodes = root?.type === 'array' ? (root.children ?? []) : root ? [root] : [];
  document.messages.forEach((draft, index) => {
    if (draft.value === null) {
      values.push(null);
      return;
    }
    // Every message of a document without problems has its "value".
    const { offset, length } = nodes[index].children!.find((p) => p.children?.[0]?.value === 'value')!.children![1];
    const json = text.slice(offset, offset + length);
    const at = (where: { offset: number; length: number }, why: string) =>
      problems.push({ offset: offset + where.offset, length: where.length, ...lineColumn(text, offset + where.offset), message: `${many ? `Message ${index + 1}'s value` : 'The value'} does not fit ${encoder.description}: ${why}` });
    try {
      values.push(encoder.encode(json));
    } catch (error) {
      if (!(error instanceof ValueMisfit)) return at({ offset: 0, length }, describeError(error));
      const tree = parseTree(json);
      // One violation (Avro, Protobuf): the encoder's words, which name the path; several (JSON Schema): each at its own field.
      if (error.violations.length === 1) return at(nodeAt(tree, error.violations[0].path) ?? { offset: 0, length }, error.message);
      for (const violation of error.violations) at(nodeAt(tree, violation.path) ?? { offset: 0, length }, describeViolations([violation]));
    }
    return undefined;
  });
  return problems.length > 0 ? { values: [], problems } : { values, problems };
}

/** The node at a JSON Pointer, or the deepest one on its way that exists (a missing field marks its object). */
function nodeAt(root: Node | undefined, pointer: string): Node | undefined {
  let node = root;
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const segment of segments) {
    const next: Node | undefined =
      node?.type === 'object'
        ? node.children?.find((p) => p.children?.[0]?.value === segment)?.children?.[1]
        : node?.type === 'array' && /^\d+$/.test(segment)
          ? node.children?.[Number(segment)]
          : undefined;
    if (next === undefined) return node;
    node = next;
  }
  return node;
}
