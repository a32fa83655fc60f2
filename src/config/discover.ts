// Finds a workspace's platform config files on disk and groups them into projects. Plain
// Node `fs`, so the CLI and the tests use it as the extension does.

import * as fs from './asyncFs';
import * as path from 'path';
import { configFileKind, platformOf, projectRootOf } from './fileKinds';
import { parseDocument } from 'yaml';
import { submodulePaths } from './gitmodules';
import { includeNodes, yamlIncludes } from './includes';
import { buildProjectModel, SourceText } from './buildModel';
import type { ProjectModel } from './model';

/** Folders that never hold a project's own config and can be huge; a setting can change the list. */
export const DEFAULT_EXCLUDED_FOLDERS: readonly string[] = ['node_modules', '.git', 'vendor', '.cache', 'dist', 'out', 'target', '.venv', '__pycache__'];

/** Bounds the walk so a workspace opened on `/` cannot hang the editor. */
const MAX_DEPTH = 12;

/** Every platform config file below `folder`, sorted so merge order is stable. */
export async function findConfigFiles(folder: string, excludedFolders: readonly string[] = DEFAULT_EXCLUDED_FOLDERS): Promise<string[]> {
  const skipped = new Set(excludedFolders);
  const found: string[] = [];
  async function walk(dir: string, depth: number): Promise<void> {
    let names;
    try {
      names = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folders are skipped like the platform's build would not see them
    }
    for (const entry of names) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skipped.has(entry.name) && depth < MAX_DEPTH) await walk(full, depth + 1);
      } else if (entry.isFile() && configFileKind(full)) {
        found.push(full);
      }
    }
  }
  await walk(folder, 0);
  return found.sort();
}

/**
 * Groups config files by the project they belong to and builds one model per project. A
 * folder holding both `.upsun/` and `.platform/` config gives two projects, one per platform,
 * since neither platform reads the other's files. `openText` gives the text of files open in
 * an editor, which wins over what is on disk.
 */
export async function loadProjects(files: readonly string[], openText: ReadonlyMap<string, string> = new Map()): Promise<ProjectModel[]> {
  const platformRoots = files.filter((f) => configFileKind(f)?.startsWith('platform-') && path.basename(path.dirname(f)) === '.platform').map((f) => path.dirname(path.dirname(f)));
  const byRoot = new Map<string, SourceText[]>();
  for (const file of files) {
    const kind = configFileKind(file);
    if (!kind) continue;
    let text = openText.get(file);
    try {
      text ??= await fs.readFile(file, 'utf8');
    } catch {
      continue; // deleted between listing and reading
    }
    const root = projectRootOf(file, platformRoots);
    const list = byRoot.get(root) ?? [];
    const missingIncludes = new Set<string>();
    list.push({ path: file, kind, text, includes: await readIncludes(file, text, openText, missingIncludes), missingIncludes });
    byRoot.set(root, list);
  }
  const projects: ProjectModel[] = [];
  for (const [root, all] of [...byRoot.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    // A `.upsun/app.yaml` that `.upsun/config.yaml` includes as an entry's body is read as that
    // body, not merged as a config file of its own.
    const includedPaths = new Set(all.flatMap((s) => [...(s.includes?.keys() ?? [])]));
    const sources = all.filter((s) => !includedPaths.has(s.path));
    const upsun = sources.filter((s) => platformOf(s.kind) === 'upsun');
    const platformsh = sources.filter((s) => platformOf(s.kind) === 'platformsh');
    const submodules = await readSubmodules(root);
    const withSubmodules = (model: ProjectModel): ProjectModel => (submodules.length > 0 ? { ...model, submodules } : model);
    if (upsun.length > 0) projects.push(withSubmodules(buildProjectModel(root, upsun, platformsh.map((s) => s.path))));
    if (platformsh.length > 0) projects.push(withSubmodules(buildProjectModel(root, platformsh, upsun.map((s) => s.path))));
  }
  return projects;
}

/**
 * The text of every file the config pulls in with a `yaml` `!include` (any form), by
 * absolute path; buildProjectModel reads an included entry from it. One that cannot be read
 * is left out, and the entry it stands for is declared without a body.
 */
async function readIncludes(file: string, text: string, openText: ReadonlyMap<string, string>, missing: Set<string>): Promise<Map<string, string>> {
  const includes = new Map<string, string>();
  // The tag is written out wherever it is used: a file without it includes nothing, and is then
  // parsed once (by buildProjectModel), not twice; parsing is most of the time on a large file.
  if (!text.includes('!include')) return includes;
  const root = parseDocument(text, { uniqueKeys: false }).contents;
  for (const included of yamlIncludes(root, file)) {
    if (includes.has(included)) continue;
    try {
      includes.set(included, openText.get(included) ?? (await fs.readFile(included, 'utf8')));
    } catch {
      missing.add(included);
    }
  }
  // A `string` or `binary` include is read by the platform at build time: it must exist too.
  for (const { target } of includeNodes(root, file)) {
    if (target.type === 'yaml' || includes.has(target.path) || missing.has(target.path) || openText.has(target.path)) continue;
    try {
      await fs.stat(target.path);
    } catch {
      missing.add(target.path);
    }
  }
  return includes;
}

/** The submodule folders of the root's `.gitmodules`; none when it is absent or unreadable. */
async function readSubmodules(root: string): Promise<string[]> {
  try {
    return submodulePaths(await fs.readFile(path.join(root, '.gitmodules'), 'utf8'));
  } catch {
    return [];
  }
}

/** Finds and loads every project below `folder`. */
export async function loadProjectsIn(folder: string): Promise<ProjectModel[]> {
  return loadProjects(await findConfigFiles(folder));
}
