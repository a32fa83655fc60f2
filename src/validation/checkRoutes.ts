// Routes as the router reads them (docs: define-routes): an `upstream` route sends requests
// to `<app>:http`, a `redirect` route to its `to`. An upstream names an application (or a
// service with an HTTP endpoint, such as Varnish) declared in the same set of files.

import { colonPairSpans, splitColonPair } from '../config/colonPair';
import type { Problem, ProjectModel, RouteDecl } from '../config/model';
import { closest } from './closest';
import { CODES } from './codes';
import { listOf, problem, quoted } from './problem';
import { serviceEndpoints } from '../catalog/serviceEndpoints';
import { hiddenApplicationFolders, submoduleCaveat } from './submodules';

/**
 * Where each platform reads applications from (docs: Upsun create-apps; Platform.sh
 * create-apps/multi-app/project-structure): any other file name declares none.
 */
const APP_FILES: Readonly<Record<ProjectModel['platform'], string>> = {
  upsun: 'Upsun reads applications under `applications:` in `.upsun/*.yaml` (or `.yml`).',
  platformsh: 'Platform.sh reads an application from `.platform.app.yaml` in its folder or from `.platform/applications.yaml`.',
};

/** What an application's upstream offers: the router reaches apps over `http` only. */
const APP_ENDPOINT = 'http';

function checkUpstream(route: RouteDecl, model: ProjectModel): Problem[] {
  const upstream = route.upstream;
  if (!upstream) return [];
  const { name, rest: endpoint } = splitColonPair(upstream.value);
  const file = model.files.find((f) => f.path === upstream.span.file);
  const { name: nameSpan, rest: endpointSpan } = colonPairSpans(upstream.value, upstream.span, file?.text ?? '');
  if (model.applications.some((a) => a.name === name)) {
    if (endpoint === undefined || endpoint === APP_ENDPOINT) return [];
    return [problem(endpointSpan, 'error', CODES.routeUnknownUpstream, `Route ${quoted(route.url)} sends requests to \`${name}:${endpoint}\`, but an application is reached over \`http\` only. Write \`${name}:http\`.`, { replacement: APP_ENDPOINT })];
  }
  const service = model.services.find((s) => s.name === name);
  if (service) {
    const endpoints = serviceEndpoints(model, service).map((e) => e.name);
    if (endpoint === undefined || endpoints.length === 0 || endpoints.includes(endpoint)) return [];
    const valid = [...endpoints].sort();
    const suggestion = valid.length === 1 ? valid[0] : closest(endpoint, valid);
    return [problem(endpointSpan, 'error', CODES.routeUnknownUpstream, `Route ${quoted(route.url)} sends requests to \`${name}:${endpoint}\`, and service \`${name}\` has no endpoint \`${endpoint}\`. Use ${listOf(valid)}.`, suggestion ? { replacement: suggestion } : undefined)];
  }
  const hidden = hiddenApplicationFolders(model);
  const named = model.applications.map((a) => a.name).filter(Boolean);
  if (model.applications.length === 0) {
    // Only git submodules hide applications (Platform.sh's bigfoot-multiapp template); elsewhere an
    // app file under a name the platform does not read (`.platform/app.yaml`) declares nothing.
    if (hidden) return [problem(nameSpan, 'information', CODES.routeUnknownUpstream, `Route ${quoted(route.url)} sends requests to \`${name}\`, and these files declare no application. ${submoduleCaveat(hidden)}`)];
    return [problem(nameSpan, 'error', CODES.routeUnknownUpstream, `Route ${quoted(route.url)} sends requests to \`${name}\`, but these files declare no application. ${APP_FILES[model.platform]}`)];
  }
  const candidates = [...named, ...model.services.map((s) => s.name)].filter(Boolean);
  const suggestion = closest(name, candidates);
  const declared = named.length ? `Declared applications: ${listOf(named)}.` : `The only application declared has no \`name\`: add \`name: ${name}\` to it.`;
  const advice = suggestion ? `Did you mean \`${suggestion}\`?` : declared;
  if (hidden) return [problem(nameSpan, 'information', CODES.routeUnknownUpstream, `Route ${quoted(route.url)} sends requests to \`${name}\`, which is not declared in these files. ${submoduleCaveat(hidden)} ${advice}`, suggestion ? { replacement: suggestion } : undefined)];
  return [problem(nameSpan, 'error', CODES.routeUnknownUpstream, `Route ${quoted(route.url)} sends requests to \`${name}\`, which is not a declared application. ${advice}`, suggestion ? { replacement: suggestion } : undefined)];
}

/** The key a route of this type cannot do without. */
const NEEDS: Readonly<Record<string, 'upstream' | 'to'>> = { upstream: 'upstream', redirect: 'to' };

export function checkRoutes(model: ProjectModel): Problem[] {
  const problems: Problem[] = [];
  for (const route of model.routes) {
    const needed = route.type ? NEEDS[route.type.value] : undefined;
    if (needed && !route[needed]) {
      const example = needed === 'upstream' ? '`upstream: "<app>:http"`' : '`to: "https://{default}/"`';
      problems.push(problem(route.type!.span, 'error', CODES.missingKey, `Route ${quoted(route.url)} is of type \`${route.type!.value}\` but has no \`${needed}\`. Add ${example}.`));
    }
    problems.push(...checkUpstream(route, model));
  }
  return problems;
}
