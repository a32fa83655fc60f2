// Look-ups over each platform's image catalog, for validation, completion and hovers. Upsun
// and Platform.sh have two registries: a version can be retired on one and supported on the
// other (Kafka 3.7), so every look-up names the platform; Upsun when it is left out.

import type { Platform } from '../config/model';
import generatedJson from './images.generated.json';
import type { AsJson, Endpoint, ImageInfo, ImageTables, ImageVersion } from './types';

/** Compile-time check of the JSON's shape; see AsJson for why it is then read as ImageTables. */
const checkedJson: AsJson<ImageTables> = generatedJson;
/** Each platform's images as scripts/generate-catalog.ts wrote them (src/catalog/images.generated.json). */
const CATALOGS = checkedJson as ImageTables;
const BY_TYPE: Readonly<Record<Platform, ReadonlyMap<string, ImageInfo>>> = {
  upsun: new Map(CATALOGS.upsun.map((image) => [image.type, image])),
  platformsh: new Map(CATALOGS.platformsh.map((image) => [image.type, image])),
};

/** What the platform calls itself in messages. */
export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = { upsun: 'Upsun', platformsh: 'Platform.sh' };

/** Versions that still deploy, retired ones included (frozen until decommissioned). */
export function isDeployable(version: ImageVersion): boolean {
  return version.status !== 'decommissioned';
}

/** Versions to write in new config: maintained by the platform. */
export function isRecommended(version: ImageVersion): boolean {
  return version.status === 'supported' || version.status === 'deprecated';
}

export function findImage(type: string, platform: Platform = 'upsun'): ImageInfo | undefined {
  return BY_TYPE[platform].get(type);
}

export function images(kind?: ImageInfo['kind'], platform: Platform = 'upsun'): readonly ImageInfo[] {
  const all = CATALOGS[platform];
  return kind ? all.filter((i) => i.kind === kind) : all;
}

export function findVersion(type: string, version: string, platform: Platform = 'upsun'): ImageVersion | undefined {
  return findImage(type, platform)?.versions.find((v) => v.version === version);
}

/** Supported and deprecated versions, newest first: what completion offers and messages suggest. */
export function recommendedVersions(type: string, platform: Platform = 'upsun'): ImageVersion[] {
  return findImage(type, platform)?.versions.filter(isRecommended) ?? [];
}

/** The newest version with status `supported`. */
export function newestSupported(type: string, platform: Platform = 'upsun'): ImageVersion | undefined {
  return findImage(type, platform)?.versions.find((v) => v.status === 'supported');
}

/**
 * Endpoints a relationship may name for this service version. Falls back to the newest
 * deployable version's when the version is unknown, so one mistake gives one diagnostic.
 */
export function endpointsOf(type: string, version?: string, platform: Platform = 'upsun'): Readonly<Record<string, Endpoint>> {
  const exact = version ? findVersion(type, version, platform) : undefined;
  return (exact ?? recommendedVersions(type, platform)[0] ?? findImage(type, platform)?.versions[0])?.endpoints ?? {};
}

/** The endpoint a relationship without `endpoint:` uses. */
export function defaultEndpoint(type: string, version?: string, platform: Platform = 'upsun'): string | undefined {
  const endpoints = Object.entries(endpointsOf(type, version, platform));
  return (endpoints.find(([, e]) => e.default) ?? endpoints.find(([name]) => name === type) ?? endpoints[0])?.[0];
}
