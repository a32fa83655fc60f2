// Which keys the platform allows where, for key completion. The table is generated from the
// official JSON Schema (see configKeys.generated.ts); this module maps a place in any of the
// file kinds onto the schema's path and adds what only the Platform.sh forms allow.

import type { ConfigFileKind } from '../config/model';
import { CONFIG_KEYS } from './configKeys.generated';

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

/** Platform.sh files take keys the Upsun schema leaves out (sizing is per service there). */
const PLATFORM_EXTRA: Readonly<Record<string, readonly KeyDoc[]>> = {
  'applications/*': [
    { key: 'name', title: 'The application name', description: 'Unique name of the application; relationships and routes refer to it.' },
    { key: 'disk', title: 'Disk size in MB', description: 'Persistent disk for the application\'s mounts, in MB.' },
    { key: 'size', title: 'Container size', description: 'One of `AUTO`, `S`, `M`, `L`, `XL`, `2XL`, `4XL`.' },
  ],
  'services/*': [
    { key: 'disk', title: 'Disk size in MB', description: 'Persistent disk of the service, in MB. Services that keep data (Kafka, databases) need it on Platform.sh.' },
  ],
};

/** The keys allowed at a place, or none when the place is free-form or unknown. */
export function allowedKeys(kind: ConfigFileKind, path: readonly PathStep[]): readonly KeyDoc[] {
  const at = resolvePath(kind, path);
  if (at === undefined) return [];
  const keys = CONFIG_KEYS[at] ?? [];
  const extra = kind === 'upsun' ? [] : PLATFORM_EXTRA[at] ?? [];
  return [...keys, ...extra];
}

/** Walks the table step by step so user-chosen names (`*`) and literal keys both resolve. */
function resolvePath(kind: ConfigFileKind, path: readonly PathStep[]): string | undefined {
  const mapped = mappedSteps(kind, path);
  if (mapped === undefined) return undefined;
  let current = '';
  for (const step of mapped) {
    const literal = current === '' ? step : `${current}/${step}`;
    const wildcard = current === '' ? '*' : `${current}/*`;
    if (step === '*' || step === '[]') current = literal;
    else if (knownPrefix(literal)) current = literal;
    else if (knownPrefix(wildcard)) current = wildcard;
    else return undefined;
  }
  return current;
}

const PREFIXES = new Set(Object.keys(CONFIG_KEYS).flatMap((k) => k.split('/').map((_, i, all) => all.slice(0, i + 1).join('/'))));

function knownPrefix(schemaKey: string): boolean {
  return PREFIXES.has(schemaKey) || CONFIG_KEYS[schemaKey] !== undefined;
}

function mappedSteps(kind: ConfigFileKind, path: readonly PathStep[]): string[] | undefined {
  const steps = path.map((s) => (typeof s === 'number' ? '[]' : s));
  switch (kind) {
    case 'upsun':
      return steps;
    case 'platform-services':
      return ['services', ...steps];
    case 'platform-routes':
      return ['routes', ...steps];
    case 'platform-applications':
      return steps.length === 0 ? undefined : steps[0] === '[]' ? ['applications', '*', ...steps.slice(1)] : undefined;
    case 'platform-app':
      return ['applications', '*', ...steps];
  }
}

