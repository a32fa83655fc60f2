// Produce with a schema: a value written as JSON checked against the schema and encoded (Avro
// binary, Protobuf, or the JSON itself for JSON Schema). With a registry, the schema is the
// latest version of the subject `<topic>-value` (Confluent's TopicNameStrategy) unless a
// version is given, and the bytes are framed with its id; without one, the mapped workspace
// schema encodes and nothing is framed.

import * as protobuf from 'protobufjs';
import { encodeAvro } from './avro';
import { compileFile, compileRegistrySchema, type Compiled, type SchemaFileReader } from './decoder';
import { describeViolations, validateJson } from './jsonSchema';
import { ValueMisfit } from './misfit';
import type { SchemaRef } from './mapping';
import { encodeProto, protoMessage } from './protobuf';
import type { RegistryClient } from './registry';
import { writeFrame } from './wireFormat';

export interface SchemaEncoder {
  /** What encodes: `avro acme.Order, schema id 3 (orders-value version 2)`. */
  readonly description: string;
  /** JSON text to the bytes to send. Throws ValueMisfit for a value that does not fit (naming its path), an Error for text that is not JSON. */
  encode(json: string): Buffer;
}

/**
 * The encoder for `topic`'s values: from the registry subject `<topic>-value` (a `version`, or
 * the latest) when a registry is given, else from `ref`. Throws RegistryError, or why the
 * schema cannot be compiled.
 */
export async function schemaEncoder(options: { topic: string; ref?: SchemaRef; registry?: RegistryClient; version?: number; readFile: SchemaFileReader }): Promise<SchemaEncoder | undefined> {
  if (options.registry !== undefined) {
    const subject = `${options.topic}-value`;
    const schema = await options.registry.subjectVersion(subject, options.version ?? 'latest');
    const compiled = await compileRegistrySchema(schema, options.registry);
    const message = options.ref?.format === 'protobuf' ? options.ref.message : undefined;
    return encoderFor(compiled, message, { id: schema.id, what: `, schema id ${schema.id} (${subject} version ${schema.version ?? '?'})` });
  }
  if (options.ref === undefined) return undefined;
  return encoderFor(await compileFile(options.ref, options.readFile), options.ref.message, { what: ` from ${options.ref.path}` });
}

/** The first integer written in `json` (outside strings) that a JavaScript number cannot hold exactly, or undefined. */
function inexactInteger(json: string): string | undefined {
  // Strings are matched whole so that digits inside them are passed over.
  const tokens = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![.\deE])/g;
  for (let m = tokens.exec(json); m !== null; m = tokens.exec(json)) {
    if (m[0].startsWith('"')) continue;
    const n = BigInt(m[0]);
    if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) return m[0];
  }
  return undefined;
}

function encoderFor(compiled: Compiled, message: string | undefined, frame: { id?: number; what: string }): SchemaEncoder {
  const parse = (json: string): unknown => {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new Error(`not JSON: ${(error as Error).message}`);
    }
    const inexact = inexactInteger(json);
    if (inexact !== undefined) throw new Error(`the number ${inexact} is past what a JSON number holds exactly (2^53): it would be sent as ${String(Number(inexact))}. Write it as a string, "${inexact}", as peek shows such a long.`);
    return value;
  };
  const framed = (payload: Uint8Array, indexes?: readonly number[]) => (frame.id === undefined ? Buffer.from(payload) : writeFrame(frame.id, payload, indexes));
  switch (compiled.format) {
    case 'avro':
      return { description: `avro ${compiled.name}${frame.what}`, encode: (json) => framed(encodeAvro(parse(json), compiled.avro)) };
    case 'protobuf': {
      const type = protoMessage(compiled.proto, message ?? compiled.message);
      // The message-index list: the message's position in its file, from the top level down.
      const indexes: number[] = [];
      for (let t = type; ;) {
        const parent = t.parent;
        if (!(parent instanceof protobuf.Type)) {
          indexes.unshift(compiled.proto.topLevel.indexOf(t.fullName.slice(1)));
          break;
        }
        indexes.unshift(parent.nestedArray.filter((n) => n instanceof protobuf.Type).indexOf(t));
        t = parent;
      }
      return { description: `protobuf ${type.fullName.slice(1)}${frame.what}`, encode: (json) => framed(encodeProto(parse(json), type), indexes) };
    }
    case 'json-schema':
      return {
        description: `json-schema ${compiled.name}${frame.what}`,
        encode: (json) => {
          const violations = validateJson(parse(json), compiled.json);
          if (violations.length > 0) throw new ValueMisfit(`does not match the schema: ${describeViolations(violations)}`, violations);
          return framed(Buffer.from(json));
        },
      };
  }
}
