// What the platform offers: runtime and service images with their versions.

import type { Platform } from '../config/model';

/**
 * The platform's status for one version. `retired` images are frozen (no updates, not even
 * security ones) but still deploy until they are `decommissioned`, 180 days later.
 */
export type VersionStatus = 'supported' | 'deprecated' | 'retired' | 'decommissioned';

export interface Endpoint {
  readonly port: number;
  readonly scheme: string;
  /** The endpoint a relationship gets when it names none. */
  readonly default?: boolean;
}

export interface ImageVersion {
  readonly version: string;
  readonly status: VersionStatus;
  readonly endpoints: Readonly<Record<string, Endpoint>>;
  readonly minDiskMb?: number;
  /**
   * A composable image's channel: the runtimes `stack:` can name as `name@version`, with the
   * versions the channel offers (upsun-composable.json `packages_versions`). Other Nix
   * packages of the channel are not listed there.
   */
  readonly packages?: Readonly<Record<string, readonly string[]>>;
}

export interface ImageInfo {
  /** The name used in `type:` (`kafka`, `nodejs`). */
  readonly type: string;
  /** Display name (`Kafka`). */
  readonly name: string;
  readonly kind: 'runtime' | 'service';
  /** Whether the service keeps data on disk (Platform.sh wants `disk:` for it). */
  readonly needDisk: boolean;
  readonly docsUrl?: string;
  /** Platforms the image is not offered on (`platformsh`). */
  readonly excludedFrom?: readonly string[];
  /** Any version is accepted (a channel or tag the registry does not list). */
  readonly anyVersion?: boolean;
  /**
   * Platform.sh only: versions its Dedicated Gen 2 and Gen 3 lists name (newest first), which
   * a grid project cannot choose but which show the platform offered them.
   */
  readonly dedicatedVersions?: readonly string[];
  /** Newest first. */
  readonly versions: readonly ImageVersion[];
}

/**
 * src/catalog/images.generated.json, written by scripts/generate-catalog.ts: each platform's
 * images, ordered by type.
 */
export type ImageTables = { readonly $comment: string } & Readonly<Record<Platform, readonly ImageInfo[]>>;

/**
 * What a JSON file holding a T must at least be assignable to, given the type
 * `resolveJsonModule` infers for it: JSON has no literal types, so string and boolean unions
 * widen to `string` and `boolean`; and the elements of an array get each other's keys as
 * optional `undefined` (an empty `endpoints: {}` beside a full one), which a map's values must
 * allow. The generated tables are checked against this at compile time, then read as T: their
 * generators wrote them from values typed T, and `npm run catalog -- --check` (run by the unit
 * tests) holds them to that output.
 */
export type AsJson<T> = T extends string
  ? string
  : T extends boolean
    ? boolean
    : T extends readonly (infer E)[]
      ? readonly AsJson<E>[]
      : T extends object
        ? string extends keyof T
          ? { readonly [key: string]: AsJson<T[string & keyof T]> | undefined }
          : { readonly [K in keyof T]: AsJson<T[K]> }
        : T;
