// Regenerates src/catalog/configShapes.generated.json, the key tables and value types of the
// validator, for each platform. First source: the `Deployment` schemas of the platforms' own
// OpenAPI specs, which describe what each platform accepts and runs; second: the Upsun JSON
// Schema, which has the input forms (and lags the platform: no `web.commands.post_start`).
// Prints every key one source has and the other lacks with its decision, and fails on an
// undecided one:  npm run catalog  (runs this too)

import type { GeneratedShapeName, GeneratedShapes, Shape, ShapeJson, ShapeTables, ValueType } from '../src/catalog/shapes';

import { KEY_DECISIONS } from './configShapeDecisions';
import { type GeneratedFile, jsonFile } from './generatedFiles';
import { readReference, REPO_ROOT } from './referenceDir';

const SOURCE_NOTE =
  'the deployment schemas of the Upsun and Platform.sh OpenAPI specs (upsun/meta resources/openapi/openapispec-upsun.json at 9dd622d2, platformsh/platformsh-docs shared/pages/openapispec-platformsh.json at 856c4864), then the Upsun JSON Schema (upsun/meta resources/validation/upsun.json at 9dd622d2)';
const OUTPUT = 'src/catalog/configShapes.generated.json';

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

/** An OpenAPI document: its schemas live under `components.schemas`, which `$ref`s name. */
type OpenApi = { components: { schemas: Record<string, JsonSchema> } };

export type Platform = 'upsun' | 'platformsh';

/**
 * What to do with a key one source has and the other lacks, for each platform: `accept` puts
 * it in the key table, `reject` leaves it out (an unknown key). Every difference the generator
 * finds must have an entry here; an undecided one fails the run, so a new key in either source
 * is looked at, not silently taken or dropped.
 */
export interface KeyDecision {
  readonly upsun: 'accept' | 'reject';
  readonly platformsh: 'accept' | 'reject';
  /** The evidence: a doc page, or why the key is the platform's output rather than input. */
  readonly why: string;
}

export interface ShapeSources {
  /** The Upsun configuration JSON Schema: input forms (a relationship as a string, null or map). */
  readonly schema: JsonSchema;
  /** The platforms' OpenAPI specs: their `Deployment` schema is what each platform accepted and runs. */
  readonly openapi: Readonly<Record<Platform, OpenApi>>;
  readonly decisions: Readonly<Record<string, KeyDecision>>;
}

/** One key present in one source and not the other, at a path like `application.web.commands.post_start`. */
export interface KeyDifference {
  readonly platform: Platform;
  readonly path: string;
  readonly onlyIn: 'openapi' | 'schema';
  readonly decision?: KeyDecision;
}

export interface ShapesAndDifferences {
  readonly shapes: GeneratedShapes;
  readonly differences: readonly KeyDifference[];
}

function typeUnion(a: Shape, b: Shape): ValueType[] | undefined {
  if (!a.types || !b.types) return undefined;
  return [...new Set([...a.types, ...b.types])];
}

/**
 * Overlays the OpenAPI shape on the JSON Schema shape. Keys: both sources, each difference
 * decided. Value types: the union, since the JSON Schema lists input forms the deployment
 * output has normalized away, and the deployment output lists values the lagging JSON Schema
 * lacks. Enums: the union where both have one; an enum the OpenAPI alone gives is not
 * enforced, because it names normalized output (redirect `code` as the strings "301"…,
 * which YAML writes as integers).
 */
function overlay(platform: Platform, base: Shape, api: Shape, at: string, sources: ShapeSources, differences: KeyDifference[], depth = 0): Shape {
  if (depth > 12) return base;
  const properties: Record<string, Shape> = {};
  const baseProps = base.properties ?? {};
  const apiProps = api.properties ?? {};
  // A closed map in one source and open in the other: keys are only compared when both list them.
  const compare = base.additional === false;
  for (const [key, shape] of Object.entries(baseProps)) {
    const path = `${at}.${key}`;
    if (apiProps[key]) properties[key] = overlay(platform, shape, apiProps[key], path, sources, differences, depth + 1);
    else if (compare && api.properties) {
      const decision = sources.decisions[path];
      differences.push({ platform, path, onlyIn: 'schema', decision });
      if (!decision || decision[platform] === 'accept') properties[key] = shape;
    } else properties[key] = shape;
  }
  for (const [key, shape] of Object.entries(apiProps)) {
    if (baseProps[key] || !compare) continue;
    const path = `${at}.${key}`;
    const decision = sources.decisions[path];
    differences.push({ platform, path, onlyIn: 'openapi', decision });
    if (decision?.[platform] === 'accept') properties[key] = shape;
  }
  const enumUnion = base.enum && api.enum ? [...new Set([...base.enum, ...api.enum])] : base.enum;
  const additional =
    typeof base.additional === 'object' && typeof api.additional === 'object' ? overlay(platform, base.additional, api.additional, `${at}.*`, sources, differences, depth + 1) : base.additional;
  const items = base.items && api.items ? overlay(platform, base.items, api.items, `${at}[]`, sources, differences, depth + 1) : base.items;
  return clean({
    ...base,
    types: typeUnion(base, api),
    properties: Object.keys(properties).length ? properties : undefined,
    additional,
    items,
    enum: enumUnion,
    description: base.description ?? api.description,
    title: base.title ?? api.title,
  });
}

/** `Deployment.properties[name].additionalProperties`: one webapp, service, worker or route. */
function deploymentEntry(api: OpenApi, name: string): Shape {
  const root = api as unknown as JsonSchema;
  const deployment = api.components.schemas.Deployment;
  const entry = deployment.properties?.[name]?.additionalProperties;
  if (typeof entry !== 'object') throw new Error(`OpenAPI spec has no Deployment.${name} entries`);
  return toShape(root, entry);
}

export function generateShapes(sources: ShapeSources): ShapesAndDifferences {
  const root = toShape(sources.schema, sources.schema);
  const props = root.properties ?? {};
  const differences: KeyDifference[] = [];
  const entries = (platform: Platform) => {
    const api = sources.openapi[platform];
    const apiWorker = deploymentEntry(api, 'workers');
    // The JSON Schema nests workers in their application; the deployment lists them apart.
    const apiApp = deploymentEntry(api, 'webapps');
    const apiAppWithWorkers: Shape = { ...apiApp, properties: { ...apiApp.properties, workers: { types: ['object'], additional: apiWorker } } };
    return {
      application: overlay(platform, (props.applications?.additional || {}), apiAppWithWorkers, 'application', sources, differences),
      service: overlay(platform, (props.services?.additional || {}), deploymentEntry(api, 'services'), 'service', sources, differences),
      route: overlay(platform, (props.routes?.additional || {}), deploymentEntry(api, 'routes'), 'route', sources, differences),
    };
  };
  const upsun = entries('upsun');
  const platformsh = entries('platformsh');
  const upsunRoot: Shape = {
    ...root,
    properties: { ...props, applications: { ...props.applications, additional: upsun.application }, services: { ...props.services, additional: upsun.service }, routes: { ...props.routes, additional: upsun.route } },
  };
  const shapes: GeneratedShapes = {
    ...upsun,
    platformshApplication: platformsh.application,
    platformshService: platformsh.service,
    platformshRoute: platformsh.route,
    upsunRoot,
  };
  return { shapes, differences };
}

/** Differences without a decision: the run fails on these. */
export function undecided(differences: readonly KeyDifference[]): KeyDifference[] {
  return differences.filter((d) => !d.decision);
}

/** The JSON of the shapes: each written once, later ones naming earlier ones (`{ "$ref": name }`) instead of repeating them. */
function toTables(shapes: GeneratedShapes): ShapeTables {
  const written = new Map<unknown, GeneratedShapeName>();
  const json: Partial<Record<GeneratedShapeName, ShapeJson>> = {};
  for (const [name, shape] of Object.entries(shapes) as [GeneratedShapeName, Shape][]) {
    json[name] = JSON.parse(JSON.stringify(shape, (_key, value: unknown) => (value !== shape && written.has(value) ? { $ref: written.get(value) } : value))) as ShapeJson;
    written.set(shape, name);
  }
  return {
    $comment: `Generated by scripts/generate-config-shapes.ts; do not edit: regenerate with npm run catalog. Sources: ${SOURCE_NOTE}. Key differences between them are decided in scripts/configShapeDecisions.ts.`,
    shapes: json as Record<GeneratedShapeName, ShapeJson>,
  };
}

/** Reads the three sources from the reference folder. */
export function referenceSources(repo = REPO_ROOT): ShapeSources {
  return {
    schema: readReference<JsonSchema>('upsun-config.schema.json', repo),
    openapi: { upsun: readReference<OpenApi>('upsun-openapi.json', repo), platformsh: readReference<OpenApi>('platformsh-openapi.json', repo) },
    decisions: KEY_DECISIONS,
  };
}

/**
 * The key tables' file from the reference copies under `repo`, with the shapes in it and every
 * key difference between the sources (see `undecided`). Throws, from readReference, when the
 * reference folder is missing.
 */
export function configShapeFiles(repo = REPO_ROOT): ShapesAndDifferences & { files: GeneratedFile[] } {
  const { shapes, differences } = generateShapes(referenceSources(repo));
  return { files: [jsonFile(OUTPUT, toTables(shapes))], shapes, differences };
}

/** One line a key difference, with its decision: what `npm run catalog` prints. */
export function describeDifference(d: KeyDifference): string {
  return `${d.platform}\t${d.path}\tonly in ${d.onlyIn}\t${d.decision ? `${d.decision[d.platform]}: ${d.decision.why}` : 'UNDECIDED'}`;
}
