// What is wrong with a schema file as the user edits it, with the same parsers the decoder
// compiles it with (decoder.ts): JSON syntax at its character, then avsc's or ajv's reason for
// a schema they refuse; for a .proto, protobufjs' reason at its line, or an import not found.

import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { loadProtoFile, MAX_SCHEMA_FILE_BYTES, type SchemaFileReader } from './decoder';
import { parseAvroSchema } from './avro';
import { parseJsonSchema } from './jsonSchema';
import type { SchemaFormat } from './mapping';
import { ProtoError } from './protobuf';
import { bytesText } from '../text/bytes';

/** A schema file's problem: where (a character range, else a 1-based line, else the whole file) and why. */
export interface SchemaFileProblem {
  readonly message: string;
  /** Character offset and length in the file's text, when the parser gives them. */
  readonly offset?: number;
  readonly length?: number;
  /** 1-based line, when that is all the parser gives. */
  readonly line?: number;
}

/** jsonc-parser's names for its error codes, in words. */
const JSON_ERRORS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'a character JSON does not allow here',
  InvalidNumberFormat: 'a number JSON does not allow',
  PropertyNameExpected: 'a property name (in double quotes) expected',
  ValueExpected: 'a value expected',
  ColonExpected: 'a colon expected',
  CommaExpected: 'a comma expected',
  CloseBraceExpected: 'a closing brace expected',
  CloseBracketExpected: 'a closing bracket expected',
  EndOfFileExpected: 'nothing expected after the value',
  InvalidCommentToken: 'JSON has no comments',
  UnexpectedEndOfComment: 'a comment that does not end',
  UnexpectedEndOfString: 'a string that does not end',
  UnexpectedEndOfNumber: 'a number that does not end',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape',
  InvalidCharacter: 'a character JSON does not allow in a string',
};

/**
 * The first problem of schema file `file` (a workspace path, `/` separated) whose text is
 * `text`, in `format`; undefined when the decoder would compile it. `readFile` reads the
 * files a .proto imports (undefined when there is none). Never throws.
 */
export async function schemaFileProblem(file: string, text: string, format: SchemaFormat, readFile: SchemaFileReader): Promise<SchemaFileProblem | undefined> {
  if (Buffer.byteLength(text) > MAX_SCHEMA_FILE_BYTES) return { message: `The file is larger than ${bytesText(MAX_SCHEMA_FILE_BYTES)}: a schema file is not that big, and it is not read.` };
  if (format === 'protobuf') {
    try {
      await loadProtoFile(file, (name) => (name === file ? Promise.resolve(text) : readFile(name)));
      return undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ProtoError && error.file === file && error.line !== undefined) return { message: `Protobuf: ${message}`, line: error.line };
      // An import not found: on its own line of this file.
      const missing = /^import "([^"]+)" not found$/.exec(message)?.[1];
      const at = missing === undefined ? -1 : text.split('\n').findIndex((l) => new RegExp(`^\\s*import\\s+(public\\s+|weak\\s+)?"${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(l));
      return { message: `Protobuf: ${message}`, ...(at >= 0 ? { line: at + 1 } : {}) };
    }
  }
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0) {
    const [first] = errors;
    const code = printParseErrorCode(first.error);
    return { message: `Not JSON: ${JSON_ERRORS[code] ?? code}.`, offset: first.offset, length: Math.max(1, first.length) };
  }
  try {
    if (format === 'avro') parseAvroSchema(text);
    else parseJsonSchema(text);
    return undefined;
  } catch (error) {
    return { message: `Not a valid ${format === 'avro' ? 'Avro' : 'JSON'} schema: ${error instanceof Error ? error.message : String(error)}` };
  }
}
