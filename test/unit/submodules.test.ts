import * as assert from 'assert';
import * as path from 'path';
import { loadProjectsIn } from '../../src/config/discover';
import { submodulePaths } from '../../src/config/gitmodules';
import { CODES } from '../../src/validation/codes';
import { validateProject } from '../../src/validation/validate';
import { tempProjects } from './helpers';

// Platform.sh reads each app's `.platform.app.yaml` where it sits, git submodules included
// (docs.platform.sh create-apps/multi-app/project-structure, "Split your code source into
// multiple Git submodule repositories"; Platform.sh's bigfoot-multiapp template, branch
// submodules-root-app-yaml). A checkout without the submodules cannot see those apps.
describe('applications in git submodules', () => {
  const { dir: folder, write } = tempProjects('submodules-');
  const findings = async () => (await loadProjectsIn(folder())).flatMap((p) => validateProject(p)).map((p) => [p.code, p.severity, path.relative(folder(), p.span.file)]);
  const platformProject = async () => {
    await write('web/.platform.app.yaml', 'name: web\ntype: php:8.4\ndisk: 256\n');
    await write('.platform/services.yaml', 'db:\n  type: postgresql:16\n  disk: 1024\n');
    await write('.platform/routes.yaml', '"https://{default}/":\n  type: upstream\n  upstream: "web:http"\n"https://api.{default}/":\n  type: upstream\n  upstream: "api:http"\n');
  };

  it('reads the `path` of each submodule from .gitmodules', () => {
    assert.deepStrictEqual(submodulePaths('[submodule "api"]\n\tpath = api\n\turl = git@github.com:o/api.git\n[submodule "x"]\n  path = apps/x \n  url = ../x.git\n'), ['api', 'apps/x']);
  });

  it('without .gitmodules, an undeclared upstream is an error and an unused service a hint', async () => {
    await platformProject();
    assert.deepStrictEqual(await findings(), [
      [CODES.routeUnknownUpstream, 'error', '.platform/routes.yaml'],
      [CODES.unusedService, 'hint', '.platform/services.yaml'],
    ]);
  });

  it('with .gitmodules, the upstream is information that names the submodules, and no unused-service hint', async () => {
    await platformProject();
    await write('.gitmodules', '[submodule "api"]\n\tpath = api\n\turl = https://example.org/api.git\n');
    await write('web/.platform.app.yaml', 'name: web\ntype: php:8.4\ndisk: 256\nrelationships:\n  backend:\n    service: api\n    endpoint: http\n');
    const [project] = await loadProjectsIn(folder());
    const problems = validateProject(project);
    assert.deepStrictEqual(problems.map((p) => [p.code, p.severity, path.relative(folder(), p.span.file)]), [
      [CODES.routeUnknownUpstream, 'information', '.platform/routes.yaml'],
      [CODES.relationshipUnknownService, 'information', 'web/.platform.app.yaml'],
    ]);
    for (const p of problems) assert.match(p.message, /may be an application in a git submodule \(`\.gitmodules` lists `api`\)/);
  });

  it('on Upsun every application is declared in .upsun/, so .gitmodules changes nothing', async () => {
    await write('.gitmodules', '[submodule "api"]\n\tpath = api\n\turl = https://example.org/api.git\n');
    await write('.upsun/config.yaml', 'applications:\n  web:\n    type: php:8.4\nroutes:\n  "https://{default}/":\n    type: upstream\n    upstream: "api:http"\n');
    assert.deepStrictEqual(await findings(), [[CODES.routeUnknownUpstream, 'error', '.upsun/config.yaml']]);
  });

  it('with .gitmodules and no application in sight, upstreams are information (bigfoot-multiapp, submodules-root-app-yaml)', async () => {
    await write('.gitmodules', '[submodule "api"]\n\tpath = api\n\turl = https://example.org/api.git\n');
    await write('.platform/routes.yaml', '"https://{default}/":\n  type: upstream\n  upstream: "api:http"\n');
    assert.deepStrictEqual(await findings(), [[CODES.routeUnknownUpstream, 'information', '.platform/routes.yaml']]);
  });
});
