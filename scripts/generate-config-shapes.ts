// Regenerates src/catalog/configShapes.generated.ts from a copy of the official Upsun
// configuration JSON Schema (upsun/meta resources/validation/upsun.json), so the allowed keys,
// value types and required keys of the validator agree with the platform's own schema:
//   npm run catalog [-- path/to/registry.json "note"]  (runs this too)

import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import type { Shape, ValueType } from '../src/catalog/shapes';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_SCHEMA = path.resolve(REPO_ROOT, '..', 'shared', 'reference', 'upsun-config.schema.json');
const OUTPUT = path.join(REPO_ROOT, 'src', 'catalog', 'configShapes.generated.ts');

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  enum?: (string | number | boolean | null)[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  title?: string;
  description?: string;
  nullable?: boolean;
  deprecationMessage?: string;
  definitions?: Record<string, unknown>;
};

/** External references name the registry's version lists; the catalog checks those. */
const EXTERNAL_REF: JsonSchema = { type: 'string' };

function lookup(root: JsonSchema, ref: string): JsonSchema {
  if (!ref.startsWith('#/')) return EXTERNAL_REF;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)[part];
  return node as JsonSchema;
}

function typesOf(schema: JsonSchema): ValueType[] | undefined {
  if (schema.type === undefined) return undefined;
  const list = (Array.isArray(schema.type) ? schema.type : [schema.type]) as ValueType[];
  return schema.nullable && !list.includes('null') ? [...list, 'null'] : list;
}

type Text = Pick<Shape, 'title' | 'description'>;

function describe(schema: JsonSchema): Text {
  return clean({ title: schema.title?.trim() ? schema.title : undefined, description: schema.description?.trim() ? schema.description : undefined });
}

/** A title or description of its own replaces both of the shape it refers to or extends. */
function withText(shape: Shape, own: Text): Shape {
  if (!own.title && !own.description) return shape;
  return clean({ ...shape, title: own.title, description: own.description });
}

/** Union of alternatives: a value valid for any variant must pass, so be as open as the most open one. */
function union(variants: Shape[]): Shape {
  if (variants.length === 1) return variants[0];
  const anyType = variants.some((v) => v.types === undefined);
  const types = anyType ? undefined : [...new Set(variants.flatMap((v) => v.types ?? []))];
  const properties: Record<string, Shape> = {};
  for (const v of variants) for (const [k, s] of Object.entries(v.properties ?? {})) properties[k] ??= s;
  const openVariant = variants.find((v) => v.types?.includes('object') !== false && v.additional !== false && (v.properties || v.additional));
  const objectVariants = variants.filter((v) => v.properties || v.additional !== undefined);
  const closed = objectVariants.length > 0 && objectVariants.every((v) => v.additional === false);
  const required = variants.map((v) => v.required ?? []).reduce((a, b) => a.filter((k) => b.includes(k)));
  const items = variants.find((v) => v.items)?.items;
  return clean({
    types,
    properties: Object.keys(properties).length ? properties : undefined,
    additional: closed ? false : openVariant?.additional,
    required: required.length ? required : undefined,
    items,
  });
}

function merge(base: Shape, extra: Shape): Shape {
  const text = extra.title || extra.description ? extra : base;
  return clean({
    ...base,
    ...extra,
    properties: base.properties || extra.properties ? { ...base.properties, ...extra.properties } : undefined,
    required: [...new Set([...(base.required ?? []), ...(extra.required ?? [])])],
    title: text.title,
    description: text.description,
  });
}

function clean(shape: Shape): Shape {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(shape)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

function toShape(root: JsonSchema, schema: JsonSchema): Shape {
  if (schema.$ref) {
    return withText(toShape(root, lookup(root, schema.$ref)), describe(schema));
  }
  let shape: Shape = clean({
    types: typesOf(schema),
    properties: schema.properties ? Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, toShape(root, v)])) : undefined,
    additional: schema.additionalProperties === false ? false : typeof schema.additionalProperties === 'object' ? toShape(root, schema.additionalProperties) : undefined,
    required: schema.required,
    items: schema.items ? toShape(root, schema.items) : undefined,
    enum: schema.enum,
    ...describe(schema),
    deprecated: schema.deprecationMessage ? true : undefined,
  });
  for (const part of schema.allOf ?? []) shape = merge(shape, toShape(root, part));
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const variants = alternatives.map((v) => toShape(root, v));
    // `anyOf: [{required: [type]}, …]` only adds required keys to the object around it.
    const requiredOnly = variants.every((v) => Object.keys(v).every((k) => k === 'required'));
    shape = requiredOnly ? merge(shape, { required: union(variants).required }) : merge(shape, union(variants));
  }
  return shape;
}

export function generateShapes(schema: JsonSchema): Record<string, Shape> {
  const root = toShape(schema, schema);
  const props = root.properties ?? {};
  const app = (props.applications?.additional || {});
  const service = (props.services?.additional || {});
  const route = (props.routes?.additional || {});
  return { application: app, service, route, upsunRoot: root };
}

/** Writes each shape once: later ones name earlier ones instead of repeating them. */
function toSource(shapes: Record<string, Shape>): string {
  const written = new Map<Shape, string>();
  const lines: string[] = [];
  for (const [name, shape] of Object.entries(shapes)) {
    const json = JSON.stringify(shape, (_key, value: unknown) => (value !== shape && written.has(value as Shape) ? `@@${written.get(value as Shape)}@@` : value), 1);
    lines.push(`export const ${name}: Shape = ${json.replace(/"@@(\w+)@@"/g, '$1')};`, '');
    written.set(shape, name);
  }
  return lines.join('\n');
}

function main(): void {
  const schemaPath = process.argv[2] ?? DEFAULT_SCHEMA;
  const note = process.argv[3] ?? 'github.com/upsun/meta resources/validation/upsun.json at 9dd622d2a0aafeed3c7bad1b95aad8ec508f64f3 (2026-07-21)';
  const shapes = generateShapes(JSON.parse(readFileSync(schemaPath, 'utf8')) as JsonSchema);
  const body = [
    '// Generated by scripts/generate-config-shapes.ts — do not edit; regenerate with `npm run catalog`.',
    `// Source: ${note}.`,
    '',
    "import type { Shape } from './shapes';",
    '',
    toSource(shapes),
  ].join('\n');
  writeFileSync(OUTPUT, body);
  console.log(`Wrote ${Object.keys(shapes).length} shapes to ${path.relative(REPO_ROOT, OUTPUT)}`);
}

if (require.main === module) main();
