// Read-only database replicas (docs: add-services/mysql/mysql-readonly-replication and
// add-services/postgresql/postgresql-readonly-replication, on both platforms' sites): a
// `mariadb-replica` or `postgresql-replica` service streams from its primary through the
// relationship `primary: <db>:replicator`; "Do not change the name `primary`. The service
// expects to receive this name." Without it the replica has nothing to replicate.

import type { Problem, ProjectModel } from '../config/model';
import { entries } from '../config/yamlNodes';
import { CODES } from './codes';
import { problem, quoted } from './problem';

/** The replica image types (scripts/generate-catalog.ts REPLICA_VARIANTS). */
const REPLICA_TYPES = new Set(['mariadb-replica', 'postgresql-replica']);

/** The relationship name the replica image reads its primary from. */
const PRIMARY = 'primary';

export function checkReplicas(model: ProjectModel): Problem[] {
  const docs = new Map(model.files.map((f) => [f.path, f.document]));
  const problems: Problem[] = [];
  for (const service of model.services) {
    const type = service.typeName;
    if (!type || !REPLICA_TYPES.has(type)) continue;
    const doc = docs.get(service.span.file);
    if (!doc || !service.node) continue;
    const relationships = entries(doc, service.node).find((e) => e.key === 'relationships')?.value;
    if (entries(doc, relationships).some((e) => e.key === PRIMARY)) continue;
    const primary = model.services.find((s) => s.typeName === type.replace(/-replica$/, ''))?.name ?? '<db>';
    problems.push(
      problem(service.nameSpan, 'error', CODES.missingKey, `Service ${quoted(service.name)} is a read-only replica (\`${type}\`) and needs a relationship named \`${PRIMARY}\` to its primary database's \`replicator\` endpoint, such as \`relationships: { ${PRIMARY}: "${primary}:replicator" }\`.`),
    );
  }
  return problems;
}
