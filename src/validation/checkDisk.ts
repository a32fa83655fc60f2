// Disk of services that keep data. On Platform.sh `disk:` in `.platform/services.yaml` sizes
// the persistent volume, and Platform.sh's image registry gives an image's minimum (Kafka:
// 512 MB; none for network-storage).
// On Upsun disk is a resource set with `upsun resources:set`, not YAML: nothing to check here
// (the shape check flags a `disk:` key in `.upsun` files).

import { findImage, findVersion } from '../catalog/catalog';
import type { ConfigFile, Problem, ProjectModel } from '../config/model';
import { CODES } from './codes';
import { problem, quoted } from './problem';

/** Platform.sh's floor for any service disk, when the registry gives none. */
const PLATFORM_MIN_DISK_MB = 256;

export function checkDisk(model: ProjectModel): Problem[] {
  const kinds = new Map<string, ConfigFile['kind']>(model.files.map((f) => [f.path, f.kind]));
  const problems: Problem[] = [];
  for (const service of model.services) {
    if (kinds.get(service.span.file) !== 'platform-services' || !service.typeName) continue;
    const image = findImage(service.typeName, 'platformsh');
    if (!image?.needDisk) continue;
    const listed = service.version ? findVersion(service.typeName, service.version, 'platformsh') : undefined;
    const minimum = listed ? listed.minDiskMb : (image.versions[0]?.minDiskMb ?? PLATFORM_MIN_DISK_MB);
    const disk = service.disk?.value;
    if (disk === undefined || disk === null) {
      problems.push(
        problem(service.nameSpan, 'error', CODES.diskMissing, `${image.name} service ${quoted(service.name)} keeps data on disk, and Platform.sh needs its size: add \`disk: ${minimum ?? PLATFORM_MIN_DISK_MB}\` (MB) or more.`, { replacement: String(minimum ?? PLATFORM_MIN_DISK_MB) }),
      );
    } else if (typeof disk === 'number' && minimum !== undefined && disk < minimum) {
      // Kafka is what this extension is about: its minimum is an error; other images' figures are advice.
      const severity = service.typeName === 'kafka' ? 'error' : 'warning';
      problems.push(
        problem(service.disk?.span ?? service.nameSpan, severity, CODES.diskTooSmall, `${image.name} ${service.version ?? ''} needs at least ${minimum} MB of disk; ${quoted(service.name)} has ${disk}. Set \`disk: ${minimum}\` or more.`.replace('  ', ' '), { replacement: String(minimum) }),
      );
    }
  }
  return problems;
}
