// Schema files are read inside the folder a repository controls: a symbolic link, `..` or an
// absolute path in the project's settings (or a .proto's import) does not lead out of it; a
// file the user names on the command line is read where it is.

import * as assert from 'assert';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FileRefusedError, readTextInside } from '../../src/config/asyncFs';
import { schemaEncoderFor } from '../../src/cli/kafka/schemas';

const AVRO = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }] });

describe('schema files: read inside the project', () => {
  let outside: string;
  let project: string;
  beforeEach(() => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'schema-inside-'));
    outside = path.join(root, 'secret.avsc');
    writeFileSync(outside, AVRO);
    project = path.join(root, 'project');
    mkdirSync(path.join(project, 'schemas'), { recursive: true });
    mkdirSync(path.join(project, '.vscode'));
    writeFileSync(path.join(project, 'schemas', 'order.avsc'), AVRO);
    symlinkSync(outside, path.join(project, 'schemas', 'linked.avsc'));
  });

  it('reads a file inside, refuses a link or `..` out of the folder, and gives undefined for a missing one', async () => {
    assert.strictEqual(await readTextInside(project, 'schemas/order.avsc', 1024), AVRO);
    assert.strictEqual(await readTextInside(project, 'schemas/none.avsc', 1024), undefined);
    for (const file of ['schemas/linked.avsc', '../secret.avsc', outside]) {
      await assert.rejects(readTextInside(project, file, 1024), (error: unknown) => error instanceof FileRefusedError && error.refusal === 'outside', file);
    }
    await assert.rejects(readTextInside(project, 'schemas/order.avsc', 10), (error: unknown) => error instanceof FileRefusedError && error.refusal === 'too-large');
  });

  it('the CLI refuses a schema the project\'s settings lead out of the folder, and reads one named with --value-schema', async () => {
    const mapping = (value: string) => writeFileSync(path.join(project, '.vscode', 'settings.json'), JSON.stringify({ 'upsunKafka.schemas': [{ topics: 'orders', value }] }));
    const warnings: string[] = [];
    mapping('schemas/order.avsc');
    assert.match((await schemaEncoderFor('orders', {}, (l) => warnings.push(l), project))!.description, /Order/);
    mapping('schemas/linked.avsc');
    await assert.rejects(schemaEncoderFor('orders', {}, (l) => warnings.push(l), project), { message: /^cannot encode with the schema: schemas\/linked\.avsc is outside the current folder, where the project's settings may name schemas$/ });
    mapping('../secret.avsc');
    await assert.rejects(schemaEncoderFor('orders', {}, (l) => warnings.push(l), project), { message: /\.\.\/secret\.avsc is outside the current folder/ });
    // The user's own flag: read where it is.
    assert.match((await schemaEncoderFor('orders', { valueSchema: outside }, (l) => warnings.push(l), project))!.description, /Order/);
    assert.deepStrictEqual(warnings, []);
  });
});
