import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { getLanguageService } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { schemaFor, YAML_SCHEMAS } from '../../scripts/generate-yaml-schemas';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const VALIDATING = new Set(['type', 'required', 'enum', 'oneOf', 'anyOf', 'allOf', 'minimum', 'pattern', 'const', 'deprecationMessage']);

function keywordsIn(schema: unknown, found = new Set<string>()): Set<string> {
  if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'properties') for (const child of Object.values(v as object)) keywordsIn(child, found);
      else {
        found.add(k);
        keywordsIn(v, found);
      }
    }
  }
  return found;
}

describe('JSON Schemas for the YAML extension', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  for (const { kind, file, title } of YAML_SCHEMAS) {
    it(`${file} is current, descriptive only, and contributed`, () => {
      const written = JSON.parse(readFileSync(path.join(ROOT, 'syntaxes', file), 'utf8'));
      assert.deepStrictEqual(written, schemaFor(kind, title), 'run npm run catalog');
      const { $schema: _s, title: _t, ...body } = written;
      const validating = [...keywordsIn(body)].filter((k) => VALIDATING.has(k));
      assert.deepStrictEqual(validating, [], 'the extension reports problems itself');
      assert.ok(!JSON.stringify(body).includes('"additionalProperties":false'));
      const entry = manifest.contributes.yamlValidation.find((v: { url: string }) => v.url === `./syntaxes/${file}`);
      assert.ok(entry, `${file} is not in contributes.yamlValidation`);
    });
  }

  it('writes the application of applications.yaml once, for the list and the map form', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'syntaxes', 'platform-applications.schema.json'), 'utf8'));
    assert.strictEqual(schema.items.$ref, '#/definitions/application');
    assert.ok(schema.items.properties.name);
    assert.strictEqual(schema.additionalProperties.$ref, '#/definitions/application');
    assert.ok(schema.definitions.application.properties.relationships);
  });

  it('describes keys for hovers and completion', () => {
    const upsun = JSON.parse(readFileSync(path.join(ROOT, 'syntaxes', 'upsun-config.schema.json'), 'utf8'));
    const service = upsun.properties.services.additionalProperties;
    assert.ok(service.properties.type && service.properties.configuration);
    assert.match(upsun.properties.applications.additionalProperties.properties.relationships.description, /relationships/i);
  });

  it('in yaml-language-server (the YAML extension\'s engine): hovers, and reports nothing this extension reports', async () => {
    const schemaText = readFileSync(path.join(ROOT, 'syntaxes', 'upsun-config.schema.json'), 'utf8');
    const service = getLanguageService({
      schemaRequestService: async () => schemaText,
      workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).toString() },
    });
    service.configure({ validate: true, hover: true, schemas: [{ uri: 'file:///upsun.schema.json', fileMatch: ['/p/.upsun/config.yaml'] }] });
    const broken = 'applications:\n  app:\n    relationshps: 5\n    relationships: [kafka]\nservices:\n  kafka:\n    typ: 4\nroutes:\n  "https://{default}/":\n    type: upstraem\n';
    const document = TextDocument.create('file:///p/.upsun/config.yaml', 'yaml', 1, broken);
    assert.deepStrictEqual(await service.doValidation(document, false), []);
    const hover = await service.doHover(document, { line: 3, character: 6 });
    assert.match(JSON.stringify(hover?.contents), /relationships of the application/i);
  });
});
