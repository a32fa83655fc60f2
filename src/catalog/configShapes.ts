// The shape of each config file kind. Upsun's come straight from the official schema; the
// `.platform` forms add the few keys Platform.sh accepts and Upsun moved elsewhere (`disk`,
// `size`, an application's `name`), per the Platform.sh docs for services.yaml and
// .platform.app.yaml.

import type { ConfigFileKind } from '../config/model';
import { application, route, service, upsunRoot } from './configShapes.generated';
import type { Shape } from './shapes';

const DISK: Shape = { types: ['integer'], description: 'Platform.sh: size of the persistent disk in MB.' };
const SIZE: Shape = { types: ['string'], description: 'Platform.sh: container size (S, M, L, XL, 2XL, 4XL, or AUTO).' };

function withKeys(shape: Shape, keys: Record<string, Shape>, required: readonly string[] = []): Shape {
  return { ...shape, properties: { ...shape.properties, ...keys }, required: [...(shape.required ?? []), ...required] };
}

const workers = application.properties?.workers;
const workerShape = workers?.additional || undefined;

const platformApplicationBase = withKeys(application, {
  name: { types: ['string'], description: 'The application\'s name: relationships and routes refer to it.' },
  disk: DISK,
  size: SIZE,
  ...(workers && workerShape ? { workers: { ...workers, additional: withKeys(workerShape, { disk: DISK, size: SIZE }) } } : {}),
});

/** `.platform.app.yaml`: one application; `name` is required. */
export const platformApplication: Shape = { ...platformApplicationBase, required: [...new Set([...(platformApplicationBase.required ?? []), 'name'])] };

export const platformService: Shape = withKeys(service, { disk: DISK, size: SIZE });

const ROOTS: Record<ConfigFileKind, Shape> = {
  // Merged files each hold part of the config, so the root's required `applications` is not
  // checked per file.
  upsun: { ...upsunRoot, required: undefined },
  'platform-services': { types: ['object', 'null'], additional: platformService },
  'platform-applications': { types: ['array'], items: platformApplication },
  'platform-app': platformApplication,
  'platform-routes': { types: ['object', 'null'], additional: route },
};

/** The shape a whole file of this kind must have. */
export function rootShape(kind: ConfigFileKind): Shape {
  return ROOTS[kind];
}
