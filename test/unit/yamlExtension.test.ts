import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { getLanguageService, SchemaPriority } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PLATFORM_TAGS } from '../../src/config/parseFile';
import { isOwnSchemaElsewhere, PLATFORM_CUSTOM_TAGS, withOurYamlSchemas, withPlatformCustomTags, yamlSchemasSetting, type YamlValidationEntry } from '../../src/language/yamlExtension';
import { referenceDir } from '../../scripts/referenceDir';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXTENSION_URI = 'file:///ext/upsun-kafka-tools';
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { yamlValidation: YamlValidationEntry[]; configurationDefaults: Record<string, unknown> };
};
/**
 * Stands in for the error-reporting schemas other extensions bring for the same files (the
 * official Upsun extension's, SchemaStore's): the official Upsun JSON Schema, which closes every
 * level (additionalProperties: false) and accepts retired versions such as `kafka:3.7`.
 */
const VALIDATING_URI = 'file:///other/upsun.schema.json';
const validatingText = readFileSync(path.join(referenceDir(), 'upsun-config.schema.json'), 'utf8');

interface SchemaSetting {
  readonly uri: string;
  readonly fileMatch: string[];
  readonly priority: SchemaPriority;
}

/** yaml-language-server configured as the YAML extension configures it, with these associations. */
function yamlExtension(schemas: readonly SchemaSetting[], customTags: readonly string[] = []) {
  const service = getLanguageService({
    schemaRequestService: async (uri: string) => {
      if (uri === VALIDATING_URI) return validatingText;
      const file = uri.startsWith(EXTENSION_URI) ? path.join(ROOT, uri.slice(EXTENSION_URI.length)) : undefined;
      // The official schema names the registry's version lists by URL; strings stand in for them offline.
      return file ? readFileSync(file, 'utf8') : '{"type":"string"}';
    },
    workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).toString() },
  });
  service.configure({ validate: true, hover: true, customTags: [...customTags], schemas: [...schemas] });
  return service;
}

/** Our `yamlValidation` entries as the YAML extension registers them (an extension's association). */
const ourAssociations = (): SchemaSetting[] =>
  Object.entries(yamlSchemasSetting(EXTENSION_URI, manifest.contributes.yamlValidation)).map(([uri, fileMatch]) => ({ uri, fileMatch, priority: SchemaPriority.SchemaAssociation }));
const other = (priority: SchemaPriority, fileMatch: string[]): SchemaSetting => ({ uri: VALIDATING_URI, fileMatch, priority });

const BROKEN = 'applications:\n  app:\n    type: php:8.4\n    relationshps: {}\nservices:\n  kafka:\n    type: kafka:3.7\n';

/** yaml-language-server caches parsed documents by URI and version: each call gets a new version. */
let version = 0;

async function problems(service: ReturnType<typeof yamlExtension>, file: string, text: string) {
  return service.doValidation(TextDocument.create(`file://${file}`, 'yaml', ++version, text), false);
}

describe('beside the YAML extension and the official Upsun extension', () => {
  it('with both extensions, the other schema adds its own problems to ours (the case to fix)', async () => {
    const both = yamlExtension([...ourAssociations(), other(SchemaPriority.SchemaAssociation, ['**/.upsun/*.yaml'])]);
    const found = await problems(both, '/p/.upsun/config.yaml', BROKEN);
    assert.ok(found.some((d) => /relationshps/.test(d.message)), JSON.stringify(found));
  });

  it('with the yaml.schemas this extension offers, the YAML extension reports nothing from schemas and still hovers', async () => {
    const setting = yamlSchemasSetting(EXTENSION_URI, manifest.contributes.yamlValidation);
    const settings = Object.entries(setting).map(([uri, fileMatch]) => ({ uri, fileMatch, priority: SchemaPriority.Settings }));
    const service = yamlExtension([...ourAssociations(), other(SchemaPriority.SchemaAssociation, ['**/.upsun/*.yaml', '**/.platform.app.yaml']), other(SchemaPriority.SchemaStore, ['**/.upsun/config.yml']), ...settings]);
    assert.deepStrictEqual(await problems(service, '/p/.upsun/config.yaml', BROKEN), []);
    assert.deepStrictEqual(await problems(service, '/p/.platform.app.yaml', 'name: app\ntype: nodejs:14\ntypo: 1\n'), []);
    const hover = await service.doHover(TextDocument.create('file:///p/.upsun/config.yaml', 'yaml', ++version, BROKEN), { line: 2, character: 5 });
    assert.ok(hover, 'our descriptive schema still answers hovers');
  });

  it('covers every name SchemaStore matches for the platforms, so its schemas never apply', async () => {
    const storeGlobs = ['**/.upsun/config.yml', '**/.upsun/config.yaml', '**/.platform.app.yml', '**/.platform.app.yaml', '**/.platform/services.yml', '**/.platform/routes.yml', '**/.platform/applications.yml'];
    const service = yamlExtension([...ourAssociations(), other(SchemaPriority.SchemaStore, storeGlobs)]);
    for (const file of ['/p/.upsun/config.yml', '/p/.platform.app.yml', '/p/.platform/services.yml', '/p/.platform/routes.yml', '/p/.platform/applications.yml']) {
      assert.deepStrictEqual(await problems(service, file, 'relationshps: 5\n'), [], file);
    }
  });

  it('merges its yaml.schemas entries into the user\'s, and adds the platform tags once', () => {
    const ours = yamlSchemasSetting(EXTENSION_URI, manifest.contributes.yamlValidation);
    assert.deepStrictEqual(ours[`${EXTENSION_URI}/syntaxes/upsun-config.schema.json`], ['**/.upsun/*.yaml', '**/.upsun/*.yml']);
    assert.deepStrictEqual(withOurYamlSchemas({ 'kubernetes': ['k8s/*.yaml'] }, ours), { kubernetes: ['k8s/*.yaml'], ...ours });
    assert.deepStrictEqual(withOurYamlSchemas('garbage', ours), ours);
    // After an update the extension sits in another folder: the old version's entries go.
    const id = 'upsun-kafka-tools.upsun-kafka-tools';
    const old = 'file:///home/u/.vscode/extensions/upsun-kafka-tools.upsun-kafka-tools-0.0.9/syntaxes/upsun-config.schema.json';
    const stale = (uri: string) => isOwnSchemaElsewhere(uri, id, manifest.contributes.yamlValidation);
    assert.ok(stale(old));
    assert.ok(!stale('file:///home/u/schemas/upsun-config.schema.json'));
    assert.deepStrictEqual(withOurYamlSchemas({ [old]: ['**/.upsun/*.yaml'], mine: ['x.yaml'] }, ours, stale), { mine: ['x.yaml'], ...ours });
    assert.deepStrictEqual(withPlatformCustomTags(['!Ref scalar', '!include scalar', 5]), ['!Ref scalar', '!include scalar', '!include mapping', '!archive scalar']);
  });
});

describe('yaml.customTags for the platform\'s tags', () => {
  const TAGGED = 'applications:\n  app: !include { type: yaml, path: app.yaml }\n  other: !include other.yaml\nservices:\n  files:\n    type: network-storage:2.0\n    configuration:\n      source: !archive "data"\n';

  it('without them the YAML extension reports the mapping form of !include and !archive as unresolved', async () => {
    // yaml-language-server 1.25 knows `!include <path>` (scalar) itself (custom-tag-provider.js), not the others.
    const found = await problems(yamlExtension(ourAssociations()), '/p/.upsun/config.yaml', TAGGED);
    assert.deepStrictEqual(found.map((d) => d.message).sort(), ['Unresolved tag: !archive', 'Unresolved tag: !include']);
  });

  it('the defaults this extension contributes silence them, for every tag the platform resolves', async () => {
    const contributed = manifest.contributes.configurationDefaults['yaml.customTags'];
    assert.deepStrictEqual(contributed, [...PLATFORM_CUSTOM_TAGS]);
    for (const tag of PLATFORM_TAGS) assert.ok(PLATFORM_CUSTOM_TAGS.some((t) => t.startsWith(`${tag} `)), tag);
    assert.deepStrictEqual(await problems(yamlExtension(ourAssociations(), PLATFORM_CUSTOM_TAGS), '/p/.upsun/config.yaml', TAGGED), []);
  });
});
