// The endpoints a declared service offers: the catalog's for its image and version, plus those
// it defines itself under `configuration.endpoints` (MariaDB, Solr, Vault…).

import { endpointsOf, findImage } from '../catalog/catalog';
import type { ConfigFile, Platform, ServiceDecl } from '../config/model';
import { entries, get } from '../config/yamlNodes';

/** Endpoint names, or undefined when they cannot be known (unknown image, none listed). */
export function serviceEndpoints(service: ServiceDecl, file: ConfigFile | undefined, platform: Platform): Set<string> | undefined {
  if (!service.typeName || !findImage(service.typeName, platform)) return undefined;
  const names = new Set(Object.keys(endpointsOf(service.typeName, service.version, platform)));
  if (file && service.configuration) {
    const own = get(file.document, service.configuration, 'endpoints');
    if (own) for (const e of entries(file.document, own.value)) names.add(e.key);
  }
  return names.size > 0 ? names : undefined;
}
