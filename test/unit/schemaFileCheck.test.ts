// A schema file's problem as the editor shows it while the file is edited: the decoder's own
// parsers (avsc, ajv, protobufjs), with JSON syntax at its character and a .proto's at its line.

import * as assert from 'assert';
import { schemaFileProblem } from '../../src/schemas/fileCheck';

const none = async (): Promise<string | undefined> => undefined;

describe('schema files checked as they are edited', () => {
  it('puts a JSON syntax error at its character, in words', async () => {
    const text = '{"type": "record", "name": "X", "fields": [}';
    assert.deepStrictEqual(await schemaFileProblem('schemas/x.avsc', text, 'avro', none), { message: 'Not JSON: a value expected.', offset: text.indexOf('}'), length: 1 });
    assert.deepStrictEqual(await schemaFileProblem('x.schema.json', '{"type": "object",}', 'json-schema', none), { message: 'Not JSON: a property name (in double quotes) expected.', offset: 18, length: 1 });
  });

  it('gives avsc\'s and ajv\'s reason for a schema they refuse', async () => {
    assert.deepStrictEqual(await schemaFileProblem('x.avsc', '{"type": "record", "name": "X", "fields": [{"name": "a", "type": "strin"}]}', 'avro', none), { message: 'Not a valid Avro schema: undefined type name: strin' });
    const json = await schemaFileProblem('x.schema.json', '{"type": "objekt"}', 'json-schema', none);
    assert.match(json?.message ?? '', /^Not a valid JSON schema: schema is invalid: data\/type must be equal to one of the allowed values/);
  });

  it('puts a .proto\'s syntax error and an import not found on their lines', async () => {
    assert.deepStrictEqual(await schemaFileProblem('p/a.proto', 'syntax = "proto3";\nmessage A {\n  string a = 1\n}\n', 'protobuf', none), { message: "Protobuf: illegal token '}', ';' expected (line 4)", line: 4 });
    assert.deepStrictEqual(await schemaFileProblem('p/a.proto', 'syntax = "proto3";\nimport "other.proto";\nmessage A { string a = 1; }\n', 'protobuf', none), { message: 'Protobuf: import "other.proto" not found', line: 2 });
    assert.deepStrictEqual(await schemaFileProblem('p/a.proto', 'syntax = "proto3";\nmessage A { Missing a = 1; }\n', 'protobuf', none), { message: "Protobuf: no such Type or Enum 'Missing' in Type .A" });
  });

  it('finds nothing in files the decoder compiles, imports read from beside the file', async () => {
    const read = async (name: string) => (name === 'p/common.proto' ? 'syntax = "proto3";\nmessage Money { int64 cents = 1; }\n' : undefined);
    assert.strictEqual(await schemaFileProblem('p/a.proto', 'syntax = "proto3";\nimport "common.proto";\nmessage A { Money m = 1; }\n', 'protobuf', read), undefined);
    assert.strictEqual(await schemaFileProblem('p/e.proto', 'syntax = "proto3";\nenum E { X = 0; }\n', 'protobuf', none), undefined);
    assert.strictEqual(await schemaFileProblem('x.avsc', '{"type": "record", "name": "X", "fields": [{"name": "a", "type": "string"}]}', 'avro', none), undefined);
    assert.strictEqual(await schemaFileProblem('x.schema.json', '{"type": "object"}', 'json-schema', none), undefined);
  });

  it('refuses a file over the schema budget without parsing it', async () => {
    assert.deepStrictEqual(await schemaFileProblem('x.avsc', `"${'x'.repeat(1024 * 1024)}"`, 'avro', none), { message: 'The file is larger than 1 MiB: a schema file is not that big, and it is not read.' });
  });
});
