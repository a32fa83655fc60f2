// Rebuilds a project with one file's text replaced, so the editor can check and complete the
// buffer being typed without reading the disk or searching the workspace again.

import { buildProjectModel } from './buildModel';
import type { ProjectModel } from './model';

/** The project with `filePath`'s text replaced; the project itself when it has no such file. */
export function withFileText(project: ProjectModel, filePath: string, text: string): ProjectModel {
  const file = project.files.find((f) => f.path === filePath);
  if (!file || file.text === text) return project;
  const rebuilt = buildProjectModel(
    project.root,
    project.files.map((f) => ({ path: f.path, kind: f.kind, text: f.path === filePath ? text : f.text })),
    project.otherPlatformFiles,
  );
  // What was looked up on disk when the project loaded still holds for the edited text.
  return { ...rebuilt, ...(project.submodules ? { submodules: project.submodules } : {}), ...(project.missingIncludes ? { missingIncludes: project.missingIncludes } : {}) };
}
