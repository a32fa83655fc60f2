import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { rootShape } from '../../src/catalog/configShapes';
import { toDescriptiveSchema, YAML_SCHEMAS } from '../../scripts/generate-yaml-schemas';

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

  for (const { kind, file } of YAML_SCHEMAS) {
    it(`${file} is current, descriptive only, and contributed`, () => {
      const written = JSON.parse(readFileSync(path.join(ROOT, 'syntaxes', file), 'utf8'));
      const { $schema: _s, title: _t, ...body } = written;
      assert.deepStrictEqual(body, toDescriptiveSchema(rootShape(kind)), 'run npm run catalog');
      const validating = [...keywordsIn(body)].filter((k) => VALIDATING.has(k));
      assert.deepStrictEqual(validating, [], 'the extension reports problems itself');
      assert.ok(!JSON.stringify(body).includes('"additionalProperties":false'));
      const entry = manifest.contributes.yamlValidation.find((v: { url: string }) => v.url === `./syntaxes/${file}`);
      assert.ok(entry, `${file} is not in contributes.yamlValidation`);
    });
  }

  it('describes keys for hovers and completion', () => {
    const upsun = JSON.parse(readFileSync(path.join(ROOT, 'syntaxes', 'upsun-config.schema.json'), 'utf8'));
    const service = upsun.properties.services.additionalProperties;
    assert.ok(service.properties.type && service.properties.configuration);
    assert.match(upsun.properties.applications.additionalProperties.properties.relationships.description, /relationships/i);
  });
});
