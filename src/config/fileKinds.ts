// Which paths the platform reads as configuration. Only these exact places count: a
// framework's `config/services.yaml` shares a name with `.platform/services.yaml` but is
// not platform config.

import * as path from 'path';
import type { ConfigFileKind, Platform } from './model';

const YAML_EXTENSION = /\.ya?ml$/i;

/** The kind of platform config a path holds, or undefined when it is not one. */
export function configFileKind(filePath: string): ConfigFileKind | undefined {
  const normalized = filePath.replace(/\\/g, '/');
  const base = path.posix.basename(normalized);
  const parent = path.posix.basename(path.posix.dirname(normalized));
  if (parent === '.upsun' && YAML_EXTENSION.test(base)) return 'upsun';
  if (base === '.platform.app.yaml') return 'platform-app';
  if (parent === '.platform') {
    if (base === 'services.yaml') return 'platform-services';
    if (base === 'applications.yaml') return 'platform-applications';
    if (base === 'routes.yaml') return 'platform-routes';
  }
  return undefined;
}

/** The platform that reads a file of this kind. */
export function platformOf(kind: ConfigFileKind): Platform {
  return kind === 'upsun' ? 'upsun' : 'platformsh';
}

/** The project folder a config file belongs to, given the folders known to hold `.platform/`. */
export function projectRootOf(filePath: string, platformRoots: readonly string[] = []): string {
  const kind = configFileKind(filePath);
  const dir = path.dirname(filePath);
  if (kind !== 'platform-app') return path.dirname(dir);
  // A `.platform.app.yaml` sits in its app's folder, anywhere below the project root.
  const owner = platformRoots
    .filter((root) => dir === root || dir.startsWith(root + path.sep))
    .sort((a, b) => b.length - a.length)[0];
  return owner ?? dir;
}

/** Glob patterns for editors and file watchers, matching what `configFileKind` accepts. */
export const CONFIG_GLOBS = [
  '**/.upsun/*.{yaml,yml}',
  '**/.platform/services.yaml',
  '**/.platform/applications.yaml',
  '**/.platform/routes.yaml',
  '**/.platform.app.yaml',
] as const;
