// Rebuilds a project with one file's text replaced, so the editor can check and complete the
// buffer being typed without reading the disk or searching the workspace again.

import { buildProjectModel } from './buildModel';
import type { ProjectModel } from './model';

/**
 * The project with `filePath`'s text replaced; the project itself when it has no such file.
 * What the loader found on disk stays: the files each config file includes (an included
 * file's own text replaced when it is the one edited), refused includes, and submodules. An
 * include added by the edit is read when the project next loads from disk.
 */
export function withFileText(project: ProjectModel, filePath: string, text: string): ProjectModel {
  const file = project.files.find((f) => f.path === filePath);
  if (!file || file.text === text) return project;
  const sources = project.sources.map((source) => {
    if (source.path === filePath) return { ...source, text, tooLarge: undefined };
    if (!source.includes?.has(filePath)) return source;
    return { ...source, includes: new Map([...source.includes, [filePath, text]]) };
  });
  const rebuilt = buildProjectModel(project.root, sources, project.otherPlatformFiles);
  return project.submodules ? { ...rebuilt, submodules: project.submodules } : rebuilt;
}
