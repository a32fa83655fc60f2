// Look-ups over the platform's image catalog, for validation, completion and hovers.

import { IMAGES } from './images.generated';
import type { Endpoint, ImageInfo, ImageVersion } from './types';

const BY_TYPE = new Map(IMAGES.map((image) => [image.type, image]));

/** Versions that still deploy, retired ones included (frozen until decommissioned). */
export function isDeployable(version: ImageVersion): boolean {
  return version.status !== 'decommissioned';
}

/** Versions to write in new config: maintained by the platform. */
export function isRecommended(version: ImageVersion): boolean {
  return version.status === 'supported' || version.status === 'deprecated';
}

export function findImage(type: string): ImageInfo | undefined {
  return BY_TYPE.get(type);
}

export function images(kind?: ImageInfo['kind']): readonly ImageInfo[] {
  return kind ? IMAGES.filter((i) => i.kind === kind) : IMAGES;
}

export function findVersion(type: string, version: string): ImageVersion | undefined {
  return findImage(type)?.versions.find((v) => v.version === version);
}

/** Supported and deprecated versions, newest first: what completion offers and messages suggest. */
export function recommendedVersions(type: string): ImageVersion[] {
  return findImage(type)?.versions.filter(isRecommended) ?? [];
}

/** The newest version with status `supported`. */
export function newestSupported(type: string): ImageVersion | undefined {
  return findImage(type)?.versions.find((v) => v.status === 'supported');
}

/**
 * Endpoints a relationship may name for this service version. Falls back to the newest
 * deployable version's when the version is unknown, so one mistake gives one diagnostic.
 */
export function endpointsOf(type: string, version?: string): Readonly<Record<string, Endpoint>> {
  const exact = version ? findVersion(type, version) : undefined;
  return (exact ?? recommendedVersions(type)[0] ?? findImage(type)?.versions[0])?.endpoints ?? {};
}

/** The endpoint a relationship without `endpoint:` uses. */
export function defaultEndpoint(type: string, version?: string): string | undefined {
  const endpoints = Object.entries(endpointsOf(type, version));
  return (endpoints.find(([, e]) => e.default) ?? endpoints.find(([name]) => name === type) ?? endpoints[0])?.[0];
}
