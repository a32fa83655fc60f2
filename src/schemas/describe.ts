// How a key or value read with a schema is named to people: the message view's cell caption
// and the CLI's line above the value say the same.

import type { SchemaDecoding } from '../kafka/types';

/**
 * `avro acme.Order, schema id 11, from http://registry:8081`, then `: not read: <why>` or
 * `: does not match: /qty must be >= 1` when that applies.
 */
export function schemaLabel(schema: SchemaDecoding): string {
  const id = schema.schemaId === undefined ? '' : `, schema id ${schema.schemaId}`;
  const version = schema.version === undefined ? '' : `, version ${schema.version}`;
  const why = schema.problem === undefined ? '' : `: not read: ${schema.problem}`;
  const violations = schema.violations === undefined ? '' : `: does not match: ${schema.violations.map((v) => `${v.path || '(root)'} ${v.message}`).join('; ')}`;
  return `${schema.format} ${schema.name}${id}${version}, from ${schema.source}${why}${violations}`;
}
