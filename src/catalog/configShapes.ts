// The shape of each config file kind. Each platform has its own key tables, generated from its
// OpenAPI deployment schema with the Upsun JSON Schema as second source (see
// scripts/configShapeDecisions.ts for the keys they disagree on). On top of the generated
// tables, this module adds what a file kind, not a platform, decides: a `.platform.app.yaml`
// names its app with a required `name`, and Platform.sh reads a mount written as a string.

import { platformOf } from '../config/fileKinds';
import type { ConfigFile, ConfigFileKind, IncludedEntryKind, Platform } from '../config/model';
import { application as upsunApplication, platformshApplication, platformshRoute, platformshService, service as upsunService, upsunRoot } from './configShapes.generated';
import type { Shape } from './shapes';

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

const platformApplicationBase = withStringMountsInWorkers(platformshApplication);

/** `.platform.app.yaml` and items of the list form of `applications.yaml`: `name` is required. */
export const platformApplication: Shape = { ...platformApplicationBase, required: [...new Set([...(platformApplicationBase.required ?? []), 'name'])] };

/**
 * Required keys another key can stand in for. The official schema requires `type`, but Upsun
 * deploys an application with only a `stack` (a composable image), as its own demos do.
 */
export const REQUIRED_UNLESS: Readonly<Record<string, string>> = { type: 'stack' };

export const platformService: Shape = platformshService;

const ROOTS: Record<ConfigFileKind, Shape> = {
  // Merged files each hold part of the config, so the root's required `applications` is not
  // checked per file.
  upsun: { ...upsunRoot, required: undefined },
  'platform-services': { types: ['object', 'null'], additional: platformService },
  // A list of applications with `name`, or (as Upsun's `applications:`) a map of name to application.
  'platform-applications': { types: ['array', 'object'], items: platformApplication, additional: platformApplicationBase },
  'platform-app': platformApplication,
  'platform-routes': { types: ['object', 'null'], additional: platformshRoute },
};

/** A file `!include`d as one entry's body: the entry's shape on the including file's platform. */
const INCLUDED: Record<Platform, Record<IncludedEntryKind, Shape>> = {
  upsun: { application: upsunApplication, 'listed-application': upsunApplication, service: upsunService },
  platformsh: { application: platformApplicationBase, 'listed-application': platformApplication, service: platformService },
};

/** The shape a whole file of this kind must have. */
export function rootShape(kind: ConfigFileKind): Shape {
  return ROOTS[kind];
}

/** The shape of a whole config file: its kind's, or for an included entry body, the entry's. */
export function fileShape(file: Pick<ConfigFile, 'kind' | 'includedAs'>): Shape {
  return file.includedAs ? INCLUDED[platformOf(file.kind)][file.includedAs] : ROOTS[file.kind];
}
