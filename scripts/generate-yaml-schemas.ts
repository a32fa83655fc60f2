// Regenerates the JSON Schemas contributed to the YAML extension (redhat.vscode-yaml) under
// syntaxes/, one per config file kind, from the validator's shapes. They carry structure and
// descriptions only (hover, key completion), no validation keywords: this extension reports
// problems itself, and the same mistake must not show up twice. Run by `npm run catalog`.

import { kindShapes, rootShape } from '../src/catalog/configShapes';
import type { GeneratedShapes, Shape } from '../src/catalog/shapes';
import type { ConfigFileKind } from '../src/config/model';
import { topicsFileSchema } from '../src/topicsFile/schema';
import type { GeneratedFile } from './generatedFiles';

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
  const notes = [shape.title, shape.description, shape.enum ? `One of: ${shape.enum.map((v) => `\`${String(v)}\``).join(', ')}.` : undefined].filter(Boolean);
  if (notes.length) out.description = notes.join('\n\n');
  if (shape.properties) out.properties = Object.fromEntries(Object.entries(shape.properties).map(([k, v]) => [k, toDescriptiveSchema(v)]));
  if (shape.additional) out.additionalProperties = toDescriptiveSchema(shape.additional);
  if (shape.items) out.items = toDescriptiveSchema(shape.items);
  if (shape.enum) out.examples = shape.enum;
  return out;
}

/**
 * The whole file for a kind, from its root shape (by default the committed tables'); an
 * application shape used twice (list and map form) is written once, by reference.
 */
export function schemaFor(kind: ConfigFileKind, title: string, root: Shape = rootShape(kind)): JsonSchema {
  const body = toDescriptiveSchema(root);
  if (body.items && body.additionalProperties) {
    const { name: _name, ...application } = (body.items as { properties: Record<string, unknown> }).properties;
    return {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title,
      ...body,
      definitions: { application: { ...(body.items as JsonSchema), properties: application } },
      items: { $ref: '#/definitions/application', properties: { name: (body.items as { properties: Record<string, unknown> }).properties.name } },
      additionalProperties: { $ref: '#/definitions/application' },
    };
  }
  return { $schema: 'http://json-schema.org/draft-07/schema#', title, ...body };
}

/**
 * The schema files from these key tables: `npm run catalog` passes the ones it has just
 * generated, so one run leaves the schemas in step with the tables.
 */
export function yamlSchemaFiles(shapes: GeneratedShapes): GeneratedFile[] {
  const { roots } = kindShapes(shapes);
  // Compact: these ship in the VSIX and are read by a program.
  return [
    ...YAML_SCHEMAS.map(({ kind, file, title }) => ({ path: `syntaxes/${file}`, text: JSON.stringify(schemaFor(kind, title, roots[kind])) + '\n' })),
    // The topics file's schema comes from the topic settings table, not the platform's shapes.
    { path: 'syntaxes/kafka-topics.schema.json', text: JSON.stringify(topicsFileSchema()) + '\n' },
  ];
}
