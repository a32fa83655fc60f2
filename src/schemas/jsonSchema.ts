// JSON Schema through ajv (already the project's validator for its own settings): a schema's
// text compiled once, a payload checked against it, and each failure named by the JSON
// Pointer of the value at fault. The draft follows the schema's `$schema` (draft-04, -06/-07,
// 2019-09, 2020-12; draft-07 when absent), as Confluent's JSON Schema serializer does.

import Ajv, { type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** A compiled JSON Schema and the name to show for it (`title`, else `$id`, else none). */
export interface JsonSchema {
  readonly name?: string;
  readonly validate: ValidateFunction;
}

/** Where a value fails its schema: `path` a JSON Pointer ("" for the whole value), `message` ajv's words. */
export interface SchemaViolation {
  readonly path: string;
  readonly message: string;
}

/** At most this many violations are reported per value. */
const MAX_VIOLATIONS = 20;

function validatorFor(dialect: string | undefined): Ajv {
  const options = {
    allErrors: true,
    strict: false,
    validateFormats: true,
  } as const;
  const ajv = /draft-04/.test(dialect ?? '') ? new AjvDraft04(options) : /2019-09/.test(dialect ?? '') ? new Ajv2019(options) : /2020-12/.test(dialect ?? '') ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  return ajv;
}

/** Compiles a JSON Schema's text. Throws when it is not JSON or not a schema ajv can compile (the reason is ajv's). */
export function parseJsonSchema(text: string): JsonSchema {
  const schema = JSON.parse(text) as unknown;
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) throw new Error('a JSON Schema is an object or a boolean');
  const attrs = typeof schema === 'object' ? (schema as Record<string, unknown>) : {};
  const name = typeof attrs.title === 'string' ? attrs.title : typeof attrs.$id === 'string' ? attrs.$id : undefined;
  const validate = validatorFor(typeof attrs.$schema === 'string' ? attrs.$schema : undefined).compile(schema as AnySchema);
  return { name, validate };
}

/** The violations of `value` (none when it is valid), in ajv's order, at most MAX_VIOLATIONS. */
export function validateJson(value: unknown, schema: JsonSchema): SchemaViolation[] {
  if (schema.validate(value)) return [];
  return (schema.validate.errors ?? []).slice(0, MAX_VIOLATIONS).map((e: ErrorObject) => ({
    path: e.instancePath,
    message: e.message ?? e.keyword,
  }));
}

/** "/lines/0/qty must be >= 1; (root) must have required property 'id'". */
export function describeViolations(violations: readonly SchemaViolation[]): string {
  return violations.map((v) => `${v.path === '' ? '(root)' : v.path} ${v.message}`).join('; ');
}
