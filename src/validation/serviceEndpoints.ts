// The endpoints a declared service offers: the catalog's for its image and version, plus those
// it defines itself under `configuration.endpoints` (MariaDB, Solr, Vault…).

import { endpointsOf, findImage } from '../catalog/catalog';
import type { ConfigFile, Platform, ServiceDecl } from '../config/model';
import { entries, get } from '../config/yamlNodes';

/**
 * Images whose endpoints also exist with a `-replica` suffix, reaching a read replica: both
 * platforms' docs, "Restrict access to database replicas only" in add-services/redis.md,
 * valkey.md, mysql/_index.md and postgresql/_index.md (platformsh/platformsh-docs). Platform.sh
 * offers it on Dedicated Gen 3, which the YAML cannot tell apart, so it is never flagged there.
 */
const REPLICA_IMAGES = new Set(['redis', 'redis-persistent', 'valkey', 'valkey-persistent', 'mariadb', 'mysql', 'postgresql']);
const REPLICA_SUFFIX = '-replica';

/** Whether a relationship may name `endpoint` on this service, given the endpoints it offers. */
export function offersEndpoint(service: ServiceDecl, endpoints: ReadonlySet<string>, endpoint: string): boolean {
  if (endpoints.has(endpoint)) return true;
  return endpoint.endsWith(REPLICA_SUFFIX) && REPLICA_IMAGES.has(service.typeName ?? '') && endpoints.has(endpoint.slice(0, -REPLICA_SUFFIX.length));
}

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
