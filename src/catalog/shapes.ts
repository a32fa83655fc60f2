// The shape of config values as the validator and the JSON Schema contribution read them: a
// small, resolved subset of JSON Schema (no $ref, no oneOf), so a check is one walk.

export type ValueType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface Shape {
  /** Allowed value types; undefined accepts any. */
  readonly types?: readonly ValueType[];
  /** Keys with a known shape. */
  readonly properties?: Readonly<Record<string, Shape>>;
  /** Shape of other keys; `false` forbids them; undefined allows any key with any value. */
  readonly additional?: Shape | false;
  readonly required?: readonly string[];
  readonly items?: Shape;
  readonly enum?: readonly (string | number | boolean | null)[];
  /** Title and description from the official schema, for completion, hovers and the YAML extension. */
  readonly title?: string;
  readonly description?: string;
  readonly deprecated?: boolean;
}

/** The shapes scripts/generate-config-shapes.ts writes: each platform's entries, and Upsun's whole file. */
export type GeneratedShapeName = 'application' | 'service' | 'route' | 'platformshApplication' | 'platformshService' | 'platformshRoute' | 'upsunRoot';

export type GeneratedShapes = Readonly<Record<GeneratedShapeName, Shape>>;

/** A shape the generated JSON writes once and names where it comes again (`{ "$ref": "application" }`). */
export interface ShapeRef {
  readonly $ref: GeneratedShapeName;
}

/** A shape as src/catalog/configShapes.generated.json holds it: one written earlier is named. */
export interface ShapeJson extends Omit<Shape, 'properties' | 'additional' | 'items'> {
  readonly properties?: Readonly<Record<string, ShapeJson | ShapeRef>>;
  readonly additional?: ShapeJson | ShapeRef | false;
  readonly items?: ShapeJson | ShapeRef;
}

/** src/catalog/configShapes.generated.json. */
export interface ShapeTables {
  readonly $comment: string;
  readonly shapes: Readonly<Record<GeneratedShapeName, ShapeJson>>;
}
