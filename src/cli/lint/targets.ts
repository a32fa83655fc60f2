// Turns the paths named on the command line into projects to lint. A folder means every
// config file below it; a file means that file, checked within its whole project so that
// relationships to services in sibling files resolve.

import * as fs from '../../config/asyncFs';
import * as path from 'path';
import { findConfigFiles, loadProjects } from '../../config/discover';
import { configFileKind } from '../../config/fileKinds';
import type { ProjectModel } from '../../config/model';
import { UsageError } from '../exitCodes';

export interface Targets {
  readonly projects: readonly ProjectModel[];
  /** The files to report on: those below the named folders and the named files. */
  readonly selected: ReadonlySet<string>;
}

/** The folder a config file's project lives in: the nearest one holding `.platform/` for a `.platform.app.yaml`. */
async function projectFolderOf(file: string): Promise<string> {
  if (configFileKind(file) !== 'platform-app') return path.dirname(path.dirname(file));
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const hasPlatform = await fs.stat(path.join(dir, '.platform')).then((s) => s.isDirectory(), () => false);
    if (hasPlatform) return dir;
    if (path.dirname(dir) === dir) return path.dirname(file);
  }
}

export async function resolveTargets(paths: readonly string[], cwd: string): Promise<Targets> {
  const selected = new Set<string>();
  const context = new Set<string>();
  for (const given of paths.length ? paths : ['.']) {
    const full = path.resolve(cwd, given);
    const stat = await fs.stat(full).catch(() => undefined);
    if (!stat) throw new UsageError(`${given}: no such file or folder.`);
    if (stat.isDirectory()) {
      for (const f of await findConfigFiles(full)) selected.add(f);
    } else if (configFileKind(full)) {
      // A pipe or device would hold the linter or fill its memory; the walk below skips them too.
      if (!stat.isFile()) throw new UsageError(`${given}: not a regular file; lint reads config files, not devices or pipes.`);
      selected.add(full);
      for (const f of await findConfigFiles(await projectFolderOf(full))) context.add(f);
    } else {
      throw new UsageError(`${given}: not an Upsun or Platform.sh config file (.upsun/*.yaml, .platform/services.yaml, .platform/applications.yaml, .platform/routes.yaml, .platform.app.yaml).`);
    }
  }
  const projects = await loadProjects([...new Set([...selected, ...context])].sort());
  return { projects, selected };
}
