// The service's disk, wherever it is known: on Platform.sh `disk:` in .platform/services.yaml
// (MB); on Upsun a resource read with `upsun resources:get` (src/upsun/resources.ts); else the
// volume under the broker's log directories as the broker reports it (DescribeLogDirs v4).
// And the service row's words: `disk 312 MiB of 512 MiB (61%)`, with a warning level.

import type { ProjectModel } from '../config/model';
import { bytesText, MIB } from '../text/bytes';

/** The largest `disk:` believed: 10 TiB in MB. */
const MAX_DISK_MB = 10 * 1024 * 1024;

export interface KnownDisk {
  readonly bytes: number;
  /** Where the size comes from, as the user reads it: `.platform/services.yaml`, `upsun resources:get`, `the broker's volume`. */
  readonly source: string;
}

/** The disk, or why it is not known (in words, ending without a full stop). */
export type ServiceDisk = KnownDisk | { readonly bytes: null; readonly why: string };

/**
 * The disk `disk:` gives `service` in `.platform/services.yaml`; undefined for a service
 * declared elsewhere (Upsun, where the disk is a resource). A value that is not a whole number
 * of MB from 1 to 10 TiB is a reason, not a size.
 */
export function declaredDisk(model: ProjectModel, service: string): ServiceDisk | undefined {
  const decl = model.services.find((s) => s.name === service);
  const file = decl && model.files.find((f) => f.path === decl.span.file);
  if (!decl || file?.kind !== 'platform-services') return undefined;
  const value = decl.disk?.value;
  if (value === undefined || value === null) return { bytes: null, why: `.platform/services.yaml gives "${service}" no disk:` };
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_DISK_MB) return { bytes: null, why: `.platform/services.yaml gives "${service}" a disk: that is not a size in MB` };
  return { bytes: value * MIB, source: '.platform/services.yaml' };
}

export type DiskLevel = 'ok' | 'warning' | 'critical';

/** Percentages at which the service row warns (default 80) and calls the disk critical (default 95). */
export interface DiskThresholds {
  readonly warnPercent: number;
  readonly criticalPercent: number;
}

export const DEFAULT_DISK_THRESHOLDS: DiskThresholds = { warnPercent: 80, criticalPercent: 95 };

/** Used over size in whole percent, rounded, but 100 only when full (99.6% is not full). */
export function usedPercent(usedBytes: number, diskBytes: number): number {
  if (diskBytes <= 0) return 0;
  const percent = Math.round((usedBytes / diskBytes) * 100);
  return usedBytes < diskBytes ? Math.min(99, percent) : percent;
}

export function diskLevel(usedBytes: number, diskBytes: number, thresholds: DiskThresholds = DEFAULT_DISK_THRESHOLDS): DiskLevel {
  const percent = (usedBytes / diskBytes) * 100;
  return percent >= thresholds.criticalPercent ? 'critical' : percent >= thresholds.warnPercent ? 'warning' : 'ok';
}

/** `disk 312 MiB of 512 MiB (61%)`, or `disk 312 MiB used (size unknown)`. */
export function diskText(usedBytes: number, disk: ServiceDisk): string {
  if (disk.bytes === null) return `disk ${bytesText(usedBytes)} used (size unknown)`;
  return `disk ${bytesText(usedBytes)} of ${bytesText(disk.bytes)} (${usedPercent(usedBytes, disk.bytes)}%)`;
}

/** `disk`, or when its size is unknown, the broker's volume (DescribeLogDirs v4) with the reason it stands in. */
export function orVolume(disk: ServiceDisk, volumeBytes: number | null): ServiceDisk {
  if (disk.bytes !== null || volumeBytes === null) return disk;
  return { bytes: volumeBytes, source: `the broker's volume (${disk.why})` };
}
