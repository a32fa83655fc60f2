// Rebuilds a project with one file's text replaced, so the editor can check and complete the
// buffer being typed without reading the disk or searching the workspace again.

import { buildProjectModel, exceedsConfigLimit, MAX_CONFIG_FILE_BYTES } from './buildModel';
import type { ProjectModel, SourceText } from './model';

/**
 * The project with `filePath`'s text replaced; the project itself when it has no such file.
 * What the loader found on disk stays: the files each config file includes (an included
 * file's own text replaced when it is the one edited), refused includes, and submodules. An
 * include added by the edit is read when the project next loads from disk. Text over the
 * size the project was loaded with (ProjectModel.maxFileBytes) is not parsed: the file is `file-too-large` (`include-refused` when
 * it is included), as when the loader finds it on disk.
 */
export function withFileText(project: ProjectModel, filePath: string, text: string): ProjectModel {
  const file = project.files.find((f) => f.path === filePath);
  if (!file || file.text === text) return project;
  const maxFileBytes = project.maxFileBytes ?? MAX_CONFIG_FILE_BYTES;
  const tooLarge = exceedsConfigLimit(text, maxFileBytes);
  // Still over the limit: nothing to parse, and the model already says so.
  if (tooLarge && project.sources.some((s) => s.path === filePath && s.tooLarge)) return project;
  const sources = project.sources.map((source): SourceText => {
    if (source.path === filePath) return { ...source, parsed: undefined, ...(tooLarge ? { text: '', tooLarge: true } : { text, tooLarge: undefined }) };
    if (!source.includes?.has(filePath)) return source;
    const includes = new Map(source.includes);
    if (!tooLarge) return { ...source, includes: includes.set(filePath, text) };
    includes.delete(filePath);
    return { ...source, includes, refusedIncludes: new Map([...(source.refusedIncludes ?? []), [filePath, 'too-large']]) };
  });
  const rebuilt = buildProjectModel(project.root, sources, project.otherPlatformFiles, maxFileBytes);
  return project.submodules ? { ...rebuilt, submodules: project.submodules } : rebuilt;
}
