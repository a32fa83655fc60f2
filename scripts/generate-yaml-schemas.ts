// Regenerates the JSON Schemas contributed to the YAML extension (redhat.vscode-yaml) under
// syntaxes/, one per config file kind, from the validator's shapes. They carry structure and
// descriptions only (hover, key completion), no validation keywords: this extension reports
// problems itself, and the same mistake must not show up twice. Run by `npm run catalog`.

import { writeFileSync } from 'fs';
import * as path from 'path';
import { rootShape } from '../src/catalog/configShapes';
import type { Shape } from '../src/catalog/shapes';
import type { ConfigFileKind } from '../src/config/model';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** File name under syntaxes/, title, and the globs of `contributes.yamlValidation`. */
export const YAML_SCHEMAS: readonly { kind: ConfigFileKind; file: string; title: string }[] = [
  { kind: 'upsun', file: 'upsun-config.schema.json', title: 'Upsun configuration (.upsun/*.yaml)' },
  { kind: 'platform-services', file: 'platform-services.schema.json', title: 'Platform.sh services (.platform/services.yaml)' },
  { kind: 'platform-applications', file: 'platform-applications.schema.json', title: 'Platform.sh applications (.platform/applications.yaml)' },
  { kind: 'platform-app', file: 'platform-app.schema.json', title: 'Platform.sh application (.platform.app.yaml)' },
  { kind: 'platform-routes', file: 'platform-routes.schema.json', title: 'Platform.sh routes (.platform/routes.yaml)' },
];

type JsonSchema = Record<string, unknown>;

/** Keeps what helps writing (keys, descriptions, allowed values as text); drops what validates. */
export function toDescriptiveSchema(shape: Shape): JsonSchema {
  const out: JsonSchema = {};
  const notes = [shape.description, shape.enum ? `One of: ${shape.enum.map((v) => `\`${String(v)}\``).join(', ')}.` : undefined].filter(Boolean);
  if (notes.length) out.markdownDescription = out.description = notes.join('\n\n');
  if (shape.properties) out.properties = Object.fromEntries(Object.entries(shape.properties).map(([k, v]) => [k, toDescriptiveSchema(v)]));
  if (shape.additional) out.additionalProperties = toDescriptiveSchema(shape.additional);
  if (shape.items) out.items = toDescriptiveSchema(shape.items);
  if (shape.enum) out.examples = shape.enum;
  return out;
}

function main(): void {
  for (const { kind, file, title } of YAML_SCHEMAS) {
    const schema = { $schema: 'http://json-schema.org/draft-07/schema#', title, ...toDescriptiveSchema(rootShape(kind)) };
    writeFileSync(path.join(REPO_ROOT, 'syntaxes', file), JSON.stringify(schema, null, 1) + '\n');
  }
  console.log(`Wrote ${YAML_SCHEMAS.length} schemas to syntaxes/`);
}

if (require.main === module) main();
