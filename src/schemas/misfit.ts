// Where a value written as JSON does not fit its schema, in one shape for the three formats:
// the Avro and Protobuf encoders and the JSON Schema check all name the value by its path, so
// the produce tab can mark the field and the CLI can name it.

import type { SchemaViolation } from './jsonSchema';

/** A value path as segments: field names and map keys, and array indexes as numbers. */
export type ValuePath = readonly (string | number)[];

/** `$.lines[0].qty`, how the encoders' messages name a value. */
export function pathText(path: ValuePath): string {
  return `$${path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;
}

/** `/lines/0/qty` (RFC 6901), the form ajv and SchemaViolation use. */
export function pathPointer(path: ValuePath): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * A value that does not fit its schema, thrown by the Avro and Protobuf encoders and the
 * encoder's JSON Schema check: `violations` say where (so an editor can mark the field), the
 * message says it in words with the path first.
 */
export class ValueMisfit extends Error {
  constructor(
    message: string,
    readonly violations: readonly SchemaViolation[],
  ) {
    super(message);
  }
}

/** The misfit of the value at `at`; its message names `named` (a record, for a field it does not have) and then `reason`. */
export function misfitAt(at: ValuePath, reason: string, named: ValuePath = at): ValueMisfit {
  return new ValueMisfit(`${pathText(named)}: ${reason}`, [{ path: pathPointer(at), message: reason }]);
}
