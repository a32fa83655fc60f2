// Relationships point at something that exists: a declared service (or another application),
// and an endpoint that service offers. The legacy "service:endpoint" string still works but has
// a clearer current form.

import type { Problem, ProjectModel, RelationshipDecl } from '../config/model';
import { closest } from './closest';
import { CODES } from './codes';
import { listOf, problem, quoted } from './problem';
import { findEndpoint, serviceEndpoints } from '../catalog/serviceEndpoints';
import { hiddenApplicationFolders, submoduleCaveat } from './submodules';

function checkOne(rel: RelationshipDecl, model: ProjectModel, services: Map<string, ProjectModel['services'][number]>, apps: Set<string>): Problem[] {
  if (rel.form === 'invalid') {
    return [
      problem(rel.valueSpan ?? rel.nameSpan, 'error', CODES.relationshipInvalid, `Relationship ${quoted(rel.name)} must be empty (service ${quoted(rel.name)}, default endpoint), \`{ service: <name>, endpoint: <endpoint> }\`, or "<service>:<endpoint>". Rewrite it in one of those forms.`),
    ];
  }
  const problems: Problem[] = [];
  if (rel.form === 'legacy' && rel.valueSpan) {
    const replacement = `{ service: ${rel.service}, endpoint: ${rel.endpoint} }`;
    problems.push(problem(rel.valueSpan, 'information', CODES.relationshipLegacy, `Relationship ${quoted(rel.name)} uses the legacy "service:endpoint" string. Write it as \`${replacement}\`.`, { replacement }));
  }
  const target = rel.service;
  if (target === undefined || apps.has(target)) return problems;
  const service = services.get(target);
  if (!service) {
    const known = [...services.keys(), ...apps];
    const suggestion = closest(target, known);
    const advice = suggestion ? `Did you mean \`${suggestion}\`? Otherwise declare` : 'Declare';
    const hidden = hiddenApplicationFolders(model);
    if (hidden) {
      problems.push(
        problem(rel.serviceSpan ?? rel.nameSpan, 'information', CODES.relationshipUnknownService, `Relationship ${quoted(rel.name)} names ${quoted(target)}, which is not declared in these files. ${submoduleCaveat(hidden)} ${advice} ${quoted(target)} under \`services\`.`, { missingService: target, ...(suggestion ? { replacement: suggestion } : {}) }),
      );
      return problems;
    }
    problems.push(
      problem(rel.serviceSpan ?? rel.nameSpan, 'error', CODES.relationshipUnknownService, `Relationship ${quoted(rel.name)} names service ${quoted(target)}, which is not declared. ${advice} ${quoted(target)} under \`services\`.`, { missingService: target, ...(suggestion ? { replacement: suggestion } : {}) }),
    );
    return problems;
  }
  if (rel.endpoint === undefined || !rel.endpointSpan) return problems;
  const endpoints = serviceEndpoints(model, service);
  if (endpoints.length === 0 || findEndpoint(service, endpoints, rel.endpoint)) return problems;
  const valid = endpoints.map((e) => e.name).sort();
  const suggestion = valid.length === 1 ? valid[0] : closest(rel.endpoint, valid);
  problems.push(
    problem(rel.endpointSpan, 'error', CODES.relationshipUnknownEndpoint, `Service ${quoted(target)} (${service.type?.value}) has no endpoint ${quoted(rel.endpoint)}. Use ${listOf(valid)}, or define it under \`configuration.endpoints\`.`, suggestion ? { replacement: suggestion } : undefined),
  );
  return problems;
}

export function checkRelationships(model: ProjectModel): Problem[] {
  const services = new Map(model.services.map((s) => [s.name, s]));
  const apps = new Set(model.applications.map((a) => a.name));
  return model.applications.flatMap((app) => app.relationships.flatMap((rel) => checkOne(rel, model, services, apps)));
}
