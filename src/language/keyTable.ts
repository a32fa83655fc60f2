// Which keys the platform allows where, for key completion: read from the same shapes the
// validator checks against (src/catalog/configShapes.ts, generated from the official JSON
// Schema, with the keys only the Platform.sh forms take), so completion never offers a key the
// validator would flag.

import { rootShape } from '../catalog/configShapes';
import type { Shape } from '../catalog/shapes';
import type { ConfigFileKind } from '../config/model';

export interface KeyDoc {
  readonly key: string;
  readonly title?: string;
  readonly description?: string;
  readonly deprecated?: boolean;
  /** The value is a map or a list, written on the lines below the key. */
  readonly block?: boolean;
}

/** One step from the file's root: a map key or a list item. */
export type PathStep = string | number;

/** The keys allowed at a place, or none when the place is free-form or unknown. */
export function allowedKeys(kind: ConfigFileKind, path: readonly PathStep[]): readonly KeyDoc[] {
  let shape: Shape | undefined = rootShape(kind);
  for (const step of path) {
    if (!shape) return [];
    // A key the schema names wins over the shape of user-chosen names beside it.
    shape = typeof step === 'number' ? shape.items : (shape.properties?.[step] ?? (shape.additional || undefined));
  }
  return Object.entries(shape?.properties ?? {}).map(([key, s]) => keyDoc(key, s));
}

function keyDoc(key: string, shape: Shape): KeyDoc {
  const types = shape.types;
  const block = types !== undefined && types.every((t) => t === 'object' || t === 'array' || t === 'null') && types.some((t) => t !== 'null');
  return {
    key,
    ...(shape.title ? { title: shape.title } : {}),
    ...(shape.description ? { description: shape.description } : {}),
    ...(shape.deprecated ? { deprecated: true } : {}),
    ...(block ? { block: true } : {}),
  };
}
