// The shape of each config file kind. Each platform has its own key tables, generated from its
// OpenAPI deployment schema with the Upsun JSON Schema as second source (see
// scripts/configShapeDecisions.ts for the keys they disagree on). On top of the generated
// tables, this module adds what a file kind, not a platform, decides: a `.platform.app.yaml`
// names its app with a required `name`, and Platform.sh reads a mount written as a string.

import { platformOf } from '../config/fileKinds';
import type { ConfigFile, ConfigFileKind, IncludedEntryKind, Platform } from '../config/model';
import generatedJson from './configShapes.generated.json';
import type { GeneratedShapeName, GeneratedShapes, Shape, ShapeJson, ShapeRef, ShapeTables } from './shapes';
import type { AsJson } from './types';

/** Compile-time check of the JSON's shape; see AsJson for why it is then read as ShapeTables. */
const checkedJson: AsJson<ShapeTables> = generatedJson;

/**
 * The generated shapes, each `{ "$ref": name }` replaced by the shape it names, written earlier.
 * Only the objects on the way to a reference are copied; the rest of the tree, which holds
 * none, is used as it is, so activation pays for a walk and not for a second tree.
 */
function resolveShapes(json: ShapeTables['shapes']): GeneratedShapes {
  const named = new Map<string, Shape>();
  const resolve = (shape: ShapeJson | ShapeRef): Shape => {
    if ('$ref' in shape) {
      const target = named.get(shape.$ref);
      if (!target) throw new Error(`configShapes.generated.json names ${shape.$ref} before it writes it: run npm run catalog`);
      return target;
    }
    let properties: Record<string, Shape> | undefined;
    for (const key in shape.properties) {
      const value = shape.properties[key];
      const resolved = resolve(value);
      if (resolved !== value) (properties ??= { ...(shape.properties as Record<string, Shape>) })[key] = resolved;
    }
    const additional = shape.additional && resolve(shape.additional);
    const items = shape.items && resolve(shape.items);
    if (!properties && additional === shape.additional && items === shape.items) return shape as Shape;
    // Replaced in place, so the keys keep their order.
    return { ...(shape as Shape), ...(properties && { properties }), ...(additional && { additional }), ...(items && { items }) };
  };
  for (const [name, shape] of Object.entries(json)) named.set(name, resolve(shape));
  return Object.fromEntries(named) as Record<GeneratedShapeName, Shape>;
}

/** The key tables as scripts/generate-config-shapes.ts wrote them (src/catalog/configShapes.generated.json). */
export const GENERATED_SHAPES: GeneratedShapes = resolveShapes(checkedJson.shapes as ShapeTables['shapes']);

/**
 * Platform.sh also takes a mount written as `"shared:files/<path>"`: its CLI expands it to
 * `{ source: local, source_path: <path> }` and refuses any other string (platformsh/legacy-cli
 * `Mount::normalizeDefinition`). The string form is checked by checkMounts.
 */
function withStringMounts(shape: Shape): Shape {
  const mounts = shape.properties?.mounts;
  const mount = mounts?.additional;
  if (!mounts || !mount) return shape;
  const stringMount: Shape = { ...mount, types: [...(mount.types ?? ['object']), 'string'] };
  return { ...shape, properties: { ...shape.properties, mounts: { ...mounts, additional: stringMount } } };
}

function withStringMountsInWorkers(app: Shape): Shape {
  const workers = app.properties?.workers;
  const worker = workers?.additional;
  if (!workers || !worker) return withStringMounts(app);
  return withStringMounts({ ...app, properties: { ...app.properties, workers: { ...workers, additional: withStringMounts(worker) } } });
}

/**
 * Required keys another key can stand in for. The official schema requires `type`, but Upsun
 * deploys an application with only a `stack` (a composable image), as its own demos do.
 */
export const REQUIRED_UNLESS: Readonly<Record<string, string>> = { type: 'stack' };

/** Each file kind's shape, and each included entry's, built from one set of generated tables. */
export interface KindShapes {
  /** `.platform.app.yaml` and items of the list form of `applications.yaml`: `name` is required. */
  readonly platformApplication: Shape;
  readonly platformService: Shape;
  /** The shape a whole file of each kind must have. */
  readonly roots: Readonly<Record<ConfigFileKind, Shape>>;
  /** A file `!include`d as one entry's body: the entry's shape on the including file's platform. */
  readonly included: Readonly<Record<Platform, Readonly<Record<IncludedEntryKind, Shape>>>>;
}

/** The shapes per file kind from these tables; scripts/generate-yaml-schemas.ts passes freshly generated ones. */
export function kindShapes(generated: GeneratedShapes): KindShapes {
  const platformApplicationBase = withStringMountsInWorkers(generated.platformshApplication);
  const platformApplication: Shape = { ...platformApplicationBase, required: [...new Set([...(platformApplicationBase.required ?? []), 'name'])] };
  const platformService = generated.platformshService;
  return {
    platformApplication,
    platformService,
    roots: {
      // Merged files each hold part of the config, so the root's required `applications` is not
      // checked per file.
      upsun: { ...generated.upsunRoot, required: undefined },
      'platform-services': { types: ['object', 'null'], additional: platformService },
      // A list of applications with `name`, or (as Upsun's `applications:`) a map of name to application.
      'platform-applications': { types: ['array', 'object'], items: platformApplication, additional: platformApplicationBase },
      'platform-app': platformApplication,
      'platform-routes': { types: ['object', 'null'], additional: generated.platformshRoute },
    },
    included: {
      upsun: { application: generated.application, 'listed-application': generated.application, service: generated.service },
      platformsh: { application: platformApplicationBase, 'listed-application': platformApplication, service: platformService },
    },
  };
}

const KINDS = kindShapes(GENERATED_SHAPES);

export const platformApplication: Shape = KINDS.platformApplication;

export const platformService: Shape = KINDS.platformService;

/** The shape a whole file of this kind must have. */
export function rootShape(kind: ConfigFileKind): Shape {
  return KINDS.roots[kind];
}

/** The shape of a whole config file: its kind's, or for an included entry body, the entry's. */
export function fileShape(file: Pick<ConfigFile, 'kind' | 'includedAs'>): Shape {
  return file.includedAs ? KINDS.included[platformOf(file.kind)][file.includedAs] : KINDS.roots[file.kind];
}
