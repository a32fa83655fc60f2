// Finds a workspace's platform config files on disk and groups them into projects. Plain
// Node `fs`, so the CLI and the tests use it as the extension does.

import * as fs from './asyncFs';
import * as path from 'path';
import { configFileKind, platformOf, projectRootOf } from './fileKinds';
import { parseConfigFile } from './parseFile';
import { submodulePaths } from './gitmodules';
import { includeNodes, yamlIncludes } from './includes';
import { buildProjectModel, exceedsConfigLimit, MAX_CONFIG_FILE_BYTES } from './buildModel';
import type { ConfigFileKind, ProjectModel, SourceText } from './model';

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
 * an editor, which wins over what is on disk. A file (or include) over `maxFileBytes` is not
 * read, and said so on it (the editor passes EDITOR_MAX_CONFIG_FILE_BYTES).
 */
export async function loadProjects(files: readonly string[], openText: ReadonlyMap<string, string> = new Map(), maxFileBytes: number = MAX_CONFIG_FILE_BYTES): Promise<ProjectModel[]> {
  const platformRoots = files.filter((f) => configFileKind(f)?.startsWith('platform-') && path.basename(path.dirname(f)) === '.platform').map((f) => path.dirname(path.dirname(f)));
  const byRoot = new Map<string, SourceText[]>();
  for (const file of files) {
    const kind = configFileKind(file);
    if (!kind) continue;
    const root = projectRootOf(file, platformRoots);
    let text = openText.get(file);
    if (text !== undefined && exceedsConfigLimit(text, maxFileBytes)) {
      add(byRoot, root, { path: file, kind, text: '', tooLarge: true });
      continue;
    }
    try {
      text ??= (await fs.readRegularFile(file, maxFileBytes)).toString('utf8');
    } catch (error) {
      // Too large: said on the file. Deleted between listing and reading, or no file at all: skipped.
      if (error instanceof fs.FileRefusedError && error.refusal === 'too-large') add(byRoot, root, { path: file, kind, text: '', tooLarge: true });
      continue;
    }
    add(byRoot, root, { path: file, kind, text, ...(await readIncludes(file, kind, text, root, openText, maxFileBytes)) });
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
    if (upsun.length > 0) projects.push(withSubmodules(buildProjectModel(root, upsun, platformsh.map((s) => s.path), maxFileBytes)));
    if (platformsh.length > 0) projects.push(withSubmodules(buildProjectModel(root, platformsh, upsun.map((s) => s.path), maxFileBytes)));
  }
  return projects;
}

function add(byRoot: Map<string, SourceText[]>, root: string, source: SourceText): void {
  const list = byRoot.get(root) ?? [];
  list.push(source);
  byRoot.set(root, list);
}

/**
 * A file the project's config names, read only when its real path (links followed) is inside
 * the project folder and it is a regular file of at most `maxBytes`: a cloned
 * repository decides what its YAML names, and must not make the linter read `~/.ssh`, wait on
 * a pipe or fill memory from `/dev/zero`. Throws FileRefusedError, or fs's error.
 */
async function readInsideProject(file: string, root: string, maxBytes: number = MAX_CONFIG_FILE_BYTES): Promise<string> {
  return (await fs.readRegularFile(await fs.realPathInside(file, root), maxBytes)).toString('utf8');
}

/**
 * The text of every file the config pulls in with a `yaml` `!include` (any form), by
 * absolute path; buildProjectModel reads an included entry from it. One that is refused (see
 * readInsideProject) is listed in `refusedIncludes`, and buildProjectModel reports it on its
 * tag; one that does not exist in `missingIncludes`. Either way the entry it stands for is
 * declared without a body. An editor's text of a file counts only once the file passes the
 * same checks. A `string` or `binary` include is read by the platform at build time: it is
 * checked the same way (inside the project, existing), but not read.
 */
async function readIncludes(
  file: string,
  kind: ConfigFileKind,
  text: string,
  root: string,
  openText: ReadonlyMap<string, string>,
  maxFileBytes: number,
): Promise<Pick<SourceText, 'parsed'> & { includes: Map<string, string>; refusedIncludes: Map<string, fs.FileRefusal>; missingIncludes: Set<string> }> {
  const includes = new Map<string, string>();
  const refusedIncludes = new Map<string, fs.FileRefusal>();
  const missingIncludes = new Set<string>();
  // The tag is written out wherever it is used: a file without it includes nothing, and is
  // parsed by buildProjectModel alone. One with it is parsed here, and buildProjectModel takes
  // this parse (SourceText.parsed): parsing is most of the time on a large file.
  if (!text.includes('!include')) return { includes, refusedIncludes, missingIncludes };
  const parsed = parseConfigFile(file, kind, text);
  const document = parsed.file.document.contents;
  const seen = (target: string) => includes.has(target) || refusedIncludes.has(target) || missingIncludes.has(target);
  const refusedOrMissing = (target: string, error: unknown) => {
    if (error instanceof fs.FileRefusedError) refusedIncludes.set(target, error.refusal);
    else if (!openText.has(target)) missingIncludes.add(target);
  };
  for (const { path: included } of yamlIncludes(document, file)) {
    if (seen(included)) continue;
    try {
      const fromDisk = await readInsideProject(included, root, maxFileBytes);
      const fromEditor = openText.get(included);
      if (fromEditor !== undefined && exceedsConfigLimit(fromEditor, maxFileBytes)) refusedIncludes.set(included, 'too-large');
      else includes.set(included, fromEditor ?? fromDisk);
    } catch (error) {
      refusedOrMissing(included, error);
    }
  }
  for (const { target } of includeNodes(document, file)) {
    if (target.type === 'yaml' || seen(target.path)) continue;
    try {
      await fs.realPathInside(target.path, root);
    } catch (error) {
      refusedOrMissing(target.path, error);
    }
  }
  return { parsed, includes, refusedIncludes, missingIncludes };
}

/** The submodule folders of the root's `.gitmodules`; none when it is absent, unreadable or refused (see readInsideProject). */
async function readSubmodules(root: string): Promise<string[]> {
  try {
    return submodulePaths(await readInsideProject(path.join(root, '.gitmodules'), root));
  } catch {
    return [];
  }
}

/** Finds and loads every project below `folder`. */
export async function loadProjectsIn(folder: string): Promise<ProjectModel[]> {
  return loadProjects(await findConfigFiles(folder));
}
