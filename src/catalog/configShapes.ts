// The shape of each config file kind. Upsun's come straight from the official schema; the
// `.platform` forms add the few keys Platform.sh accepts and Upsun moved elsewhere (`disk`,
// `size`, an application's `name`), per the Platform.sh docs for services.yaml and
// .platform.app.yaml.

import type { ConfigFileKind } from '../config/model';
import { application, route, service, upsunRoot } from './configShapes.generated';
import type { Shape } from './shapes';

const DISK: Shape = { types: ['integer'], description: 'Platform.sh: size of the persistent disk in MB.' };
const SIZE: Shape = { types: ['string'], description: 'Platform.sh: container size (S, M, L, XL, 2XL, 4XL, or AUTO).' };

/** Platform.sh mounts also take `source: local` (its name for Upsun's `instance`/`storage`). */
function withLocalMounts(shape: Shape): Shape {
  const out: Record<string, unknown> = { ...shape };
  if (shape.properties) {
    out.properties = Object.fromEntries(
      Object.entries(shape.properties).map(([key, child]) => {
        const mount = key === 'mounts' && child.additional ? child.additional : undefined;
        const source = mount?.properties?.source;
        if (mount && source?.enum) {
          const patched: Shape = { ...mount, properties: { ...mount.properties, source: { ...source, enum: [...source.enum, 'local'] } } };
          return [key, { ...child, additional: patched }];
        }
        return [key, withLocalMounts(child)];
      }),
    );
  }
  if (shape.additional) out.additional = withLocalMounts(shape.additional);
  return out;
}

function withKeys(shape: Shape, keys: Record<string, Shape>, required: readonly string[] = []): Shape {
  return { ...shape, properties: { ...shape.properties, ...keys }, required: [...(shape.required ?? []), ...required] };
}

const workers = application.properties?.workers;
const workerShape = workers?.additional || undefined;

const platformApplicationBase = withKeys(withLocalMounts(application), {
  name: { types: ['string'], description: 'The application\'s name: relationships and routes refer to it.' },
  disk: DISK,
  size: SIZE,
  ...(workers && workerShape ? { workers: { ...workers, additional: withKeys(workerShape, { disk: DISK, size: SIZE }) } } : {}),
});

/** `.platform.app.yaml` and items of the list form of `applications.yaml`: `name` is required. */
export const platformApplication: Shape = { ...platformApplicationBase, required: [...new Set([...(platformApplicationBase.required ?? []), 'name'])] };

/**
 * Required keys another key can stand in for. The official schema requires `type`, but Upsun
 * deploys an application with only a `stack` (a composable image), as its own demos do.
 */
export const REQUIRED_UNLESS: Readonly<Record<string, string>> = { type: 'stack' };

export const platformService: Shape = withKeys(service, { disk: DISK, size: SIZE });

const ROOTS: Record<ConfigFileKind, Shape> = {
  // Merged files each hold part of the config, so the root's required `applications` is not
  // checked per file.
  upsun: { ...upsunRoot, required: undefined },
  'platform-services': { types: ['object', 'null'], additional: platformService },
  // A list of applications with `name`, or (as Upsun's `applications:`) a map of name to application.
  'platform-applications': { types: ['array', 'object'], items: platformApplication, additional: platformApplicationBase },
  'platform-app': platformApplication,
  'platform-routes': { types: ['object', 'null'], additional: route },
};

/** The shape a whole file of this kind must have. */
export function rootShape(kind: ConfigFileKind): Shape {
  return ROOTS[kind];
}
