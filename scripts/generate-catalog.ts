// Regenerates src/catalog/images.generated.json from copies of the two platforms' image
// registries: Upsun's (upsun/meta resources/image/registry.json) and Platform.sh's
// (platformsh/platformsh-docs shared/data/registry.json). Run after refreshing the copies in
// ../shared/reference:  npm run catalog

import type { Endpoint, ImageInfo, ImageTables, ImageVersion, VersionStatus } from '../src/catalog/types';
import { type GeneratedFile, jsonFile } from './generatedFiles';
import { readReference, REPO_ROOT } from './referenceDir';

const OUTPUT = 'src/catalog/images.generated.json';
const STATUSES: readonly VersionStatus[] = ['supported', 'deprecated', 'retired', 'decommissioned'];

interface RegistryEndpoint {
  port?: number;
  scheme?: string;
  default?: boolean;
}
interface RegistryVersion {
  upsun?: { status?: string };
  manifest?: { endpoints?: Record<string, RegistryEndpoint> | null; min_disk_size?: number | null } | null;
}
interface RegistryImage {
  name?: string;
  runtime?: boolean;
  service?: boolean;
  need_disk?: boolean;
  exclude_from?: string[];
  docs?: { url?: string };
  versions: Record<string, RegistryVersion>;
}

/** Newest first: `10.0` after `9.9`, numerically part by part. */
export function compareVersionsDescending(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] ?? -1) - (pa[i] ?? -1);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return b.localeCompare(a);
}

function toVersion(version: string, raw: RegistryVersion): ImageVersion {
  const status = STATUSES.find((s) => s === raw.upsun?.status) ?? 'retired';
  const endpoints: Record<string, Endpoint> = {};
  for (const [name, e] of Object.entries(raw.manifest?.endpoints ?? {})) {
    endpoints[name] = { port: e.port ?? 0, scheme: e.scheme ?? name, ...(e.default ? { default: true } : {}) };
  }
  const minDisk = raw.manifest?.min_disk_size;
  return { version, status, endpoints, ...(typeof minDisk === 'number' ? { minDiskMb: minDisk } : {}) };
}

function toImage(type: string, raw: RegistryImage): ImageInfo {
  return {
    type,
    name: raw.name ?? type,
    kind: raw.runtime ? 'runtime' : 'service',
    needDisk: raw.need_disk === true,
    ...(raw.docs?.url ? { docsUrl: raw.docs.url } : {}),
    ...(raw.exclude_from?.length ? { excludedFrom: raw.exclude_from } : {}),
    versions: Object.entries(raw.versions)
      .map(([v, r]) => toVersion(v, r))
      .sort((a, b) => compareVersionsDescending(a.version, b.version)),
  };
}

/**
 * Types the platform accepts that the registry lists under another name: the persistent
 * variants of in-memory stores (docs: add-services/redis, add-services/valkey) keep their
 * data on disk. Update here when the docs add one.
 */
const PERSISTENT_VARIANTS: Readonly<Record<string, string>> = { 'redis-persistent': 'redis', 'valkey-persistent': 'valkey' };

/**
 * Read-only replicas, which neither registry copy lists: the docs (platformsh/platformsh-docs,
 * both sites, add-services/mysql/mysql-readonly-replication and
 * add-services/postgresql/postgresql-readonly-replication) give them as `mariadb-replica:<VERSION>`
 * and `postgresql-replica:<VERSION>` "with the same version number" as the primary, and their
 * version tables come from the registry keys `mariadb-replica` and `postgresql-replica`
 * (`image-versions image=…`). One PostgreSQL example writes `postgres-replica`: no registry
 * key and no PostgreSQL type is spelt `postgres`, so that is the docs' typo, not a type.
 */
const REPLICA_VARIANTS: Readonly<Record<string, { base: string; docs: string }>> = {
  'mariadb-replica': { base: 'mariadb', docs: 'add-services/mysql/mysql-readonly-replication' },
  'postgresql-replica': { base: 'postgresql', docs: 'add-services/postgresql/postgresql-readonly-replication' },
};

/**
 * Runtimes outside the registry. `composable` takes a Nix channel as its version (docs:
 * composable-image); Upsun's channels replace this entry (see `composableImage`), while
 * Platform.sh publishes no channel list, so there any channel is accepted.
 */
const EXTRA_IMAGES: readonly ImageInfo[] = [
  { type: 'composable', name: 'Composable image', kind: 'runtime', needDisk: false, anyVersion: true, docsUrl: 'https://docs.upsun.com/create-apps/app-reference/composable-image.html', versions: [] },
];

/** Platform.sh's registry: per image, the grid's `supported` and `deprecated` version lists. */
export interface PlatformshImage {
  name?: string;
  runtime?: boolean;
  disk?: boolean;
  min_disk_size?: number | null;
  /** The default endpoint's name. */
  endpoint?: string;
  docs?: { url?: string };
  /** Platforms the image is not offered on. */
  exclude_from?: string[];
  versions?: { supported?: string[]; deprecated?: string[] };
  'versions-dedicated-gen-2'?: { supported?: string[]; deprecated?: string[]; legacy?: string[] };
  'versions-dedicated-gen-3'?: { supported?: string[]; deprecated?: string[]; legacy?: string[] };
}

/** Every version the Dedicated Gen 2 and Gen 3 lists name, without the registry's `*` footnote marks. */
function dedicatedVersions(raw: PlatformshImage): string[] {
  const lists = [raw['versions-dedicated-gen-2'], raw['versions-dedicated-gen-3']];
  const all = lists.flatMap((l) => [...(l?.supported ?? []), ...(l?.deprecated ?? []), ...(l?.legacy ?? [])]).map((v) => v.replace(/\*+$/, ''));
  return [...new Set(all)].sort(compareVersionsDescending);
}

/**
 * Platform.sh's images from its own registry. Only the grid's lists count as versions (`versions`):
 * the `versions-dedicated-*` lists are for dedicated clusters, whose versions a grid project cannot
 * choose; they are kept apart (`dedicatedVersions`) as evidence that the platform offered a
 * version its grid list has since dropped. The registry gives no ports: those come from the same
 * image and version on Upsun (the same images), else its newest listed one; the default endpoint
 * is Platform.sh's own.
 */
export function buildPlatformshImages(registry: Record<string, PlatformshImage>, upsun: readonly ImageInfo[]): ImageInfo[] {
  const upsunByType = new Map(upsun.map((i) => [i.type, i]));
  const offered = Object.entries(registry).filter(([, raw]) => !raw.exclude_from?.includes('platformsh'));
  const images = offered.map(([type, raw]): ImageInfo => {
    const twin = upsunByType.get(type);
    const endpointsFor = (version: string): Record<string, Endpoint> => {
      const source = twin?.versions.find((v) => v.version === version && Object.keys(v.endpoints).length > 0) ?? twin?.versions.find((v) => Object.keys(v.endpoints).length > 0);
      const endpoints: Record<string, Endpoint> = {};
      for (const [name, e] of Object.entries(source?.endpoints ?? {})) endpoints[name] = { port: e.port, scheme: e.scheme, ...(name === raw.endpoint || (e.default && !raw.endpoint) ? { default: true } : {}) };
      return endpoints;
    };
    const listed: [string, VersionStatus][] = [...(raw.versions?.supported ?? []).map((v): [string, VersionStatus] => [v, 'supported']), ...(raw.versions?.deprecated ?? []).map((v): [string, VersionStatus] => [v, 'deprecated'])];
    const minDisk = raw.min_disk_size;
    const dedicated = dedicatedVersions(raw);
    return {
      type,
      name: raw.name ?? type,
      kind: raw.runtime ? 'runtime' : 'service',
      needDisk: raw.disk === true,
      ...(raw.docs?.url ? { docsUrl: raw.docs.url.startsWith('/') ? `https://docs.platform.sh${raw.docs.url}` : raw.docs.url } : {}),
      ...(dedicated.length ? { dedicatedVersions: dedicated } : {}),
      versions: listed
        .map(([version, status]) => ({ version, status, endpoints: endpointsFor(version), ...(typeof minDisk === 'number' ? { minDiskMb: minDisk } : {}) }))
        .sort((a, b) => compareVersionsDescending(a.version, b.version)),
    };
  });
  return withExtras(images, (page) => `https://docs.platform.sh/${page}.html`);
}

/** upsun/meta resources/image/composable.json: the Nix channels `composable:<channel>` takes, with their status. */
export interface ComposableRegistry {
  composable: {
    docs?: { url?: string };
    versions: Record<string, { upsun?: { status?: string }; packages_versions?: Record<string, { versions?: string[] }> }>;
  };
}

/** Upsun's composable image: its channels are versions like any image's (retired channels warn, unknown ones err). */
export function composableImage(registry: ComposableRegistry): ImageInfo {
  const raw = registry.composable;
  return {
    type: 'composable',
    name: 'Composable image',
    kind: 'runtime',
    needDisk: false,
    ...(raw.docs?.url ? { docsUrl: raw.docs.url } : {}),
    versions: Object.entries(raw.versions)
      .map(([version, v]) => {
        const packages = Object.fromEntries(Object.entries(v.packages_versions ?? {}).map(([name, p]) => [name, p.versions ?? []]));
        const status = STATUSES.find((s) => s === v.upsun?.status) ?? 'retired';
        return { version, status, endpoints: {}, ...(Object.keys(packages).length > 0 ? { packages } : {}) };
      })
      .sort((a, b) => compareVersionsDescending(a.version, b.version)),
  };
}

export function buildImages(registry: Record<string, RegistryImage>, composable?: ComposableRegistry): ImageInfo[] {
  const images = withExtras(Object.entries(registry).map(([type, raw]) => toImage(type, raw)), (page) => `https://developer.upsun.com/docs/${page}`);
  if (!composable) return images;
  return images.map((i) => (i.type === 'composable' ? composableImage(composable) : i));
}

/** Adds the variants and extra images; `docsUrl` gives the platform's URL of a docs page (the replicas'). */
function withExtras(images: ImageInfo[], docsUrl: (page: string) => string): ImageInfo[] {
  for (const [variant, base] of Object.entries(PERSISTENT_VARIANTS)) {
    const image = images.find((i) => i.type === base);
    if (image) images.push({ ...image, type: variant, name: `${image.name} (persistent)`, needDisk: true, versions: image.versions.map((v) => ({ ...v, minDiskMb: v.minDiskMb ?? 256 })) });
  }
  for (const [variant, { base, docs }] of Object.entries(REPLICA_VARIANTS)) {
    const image = images.find((i) => i.type === base);
    if (image) images.push({ ...image, type: variant, name: `${image.name} read-only replica`, docsUrl: docsUrl(docs) });
  }
  return [...images, ...EXTRA_IMAGES].sort((a, b) => a.type.localeCompare(b.type));
}

/** The image catalog's file from the reference copies under `repo`. Throws, from readReference, when they are missing. */
export function catalogFiles(repo = REPO_ROOT): GeneratedFile[] {
  const upsun = buildImages(readReference<Record<string, RegistryImage>>('upsun-image-registry.json', repo), readReference<ComposableRegistry>('upsun-composable.json', repo));
  const platformsh = buildPlatformshImages(readReference<Record<string, PlatformshImage>>('platformsh-image-registry.json', repo), upsun);
  const tables: ImageTables = {
    $comment:
      'Generated by scripts/generate-catalog.ts; do not edit: regenerate with npm run catalog. Sources: github.com/upsun/meta resources/image/registry.json and composable.json at 9dd622d2a0aafeed3c7bad1b95aad8ec508f64f3 (2026-07-21); github.com/platformsh/platformsh-docs shared/data/registry.json at 856c48644ceecbdb27a42719cd2040be860cf991 (2026-08-17). upsun: .upsun/ files; platformsh: .platform/ files and .platform.app.yaml.',
    upsun,
    platformsh,
  };
  return [jsonFile(OUTPUT, tables)];
}
