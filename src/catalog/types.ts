// What the platform offers: runtime and service images with their versions.

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
