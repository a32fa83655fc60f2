// Small builders shared by the unit tests.

import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildProjectModel } from '../../src/config/buildModel';
import type { ConfigFileKind, Problem, ProjectModel, SourceSpan } from '../../src/config/model';
import { validateProject } from '../../src/validation/validate';

/** A one-file project; the file path decides nothing here, `kind` does. */
export function modelOf(text: string, kind: ConfigFileKind = 'upsun', filePath = '/p/.upsun/config.yaml'): ProjectModel {
  return buildProjectModel('/p', [{ path: filePath, kind, text }]);
}

/** The text a span covers, for assertions that read like the YAML they test. */
export function textAt(model: ProjectModel, span: SourceSpan | undefined): string | undefined {
  if (!span) return undefined;
  const file = model.files.find((f) => f.path === span.file);
  return file?.text.slice(span.start, span.end);
}

/** A problem with the text it marks, for assertions that read like the YAML. */
export interface Found {
  readonly code: string;
  readonly severity: Problem['severity'];
  readonly text: string | undefined;
  readonly problem: Problem;
}

/** The usual path of a file of this kind in project `/p`. */
export function pathOf(kind: ConfigFileKind): string {
  if (kind === 'upsun') return '/p/.upsun/config.yaml';
  if (kind === 'platform-app') return '/p/.platform.app.yaml';
  return `/p/.platform/${kind.slice('platform-'.length)}.yaml`;
}

/** Validates a one-file project. */
export function check(text: string, kind: ConfigFileKind = 'upsun', filePath?: string): Found[] {
  return found(modelOf(text, kind, filePath ?? pathOf(kind)));
}

export function found(model: ProjectModel): Found[] {
  return validateProject(model).map((p) => ({ code: p.code, severity: p.severity, text: textAt(model, p.span), problem: p }));
}

export function only(list: readonly Found[], code: string): Found[] {
  return list.filter((f) => f.code === code);
}

/**
 * A fresh temporary folder per test (mocha `beforeEach`/`afterEach` registered here), and
 * `write(relativePath, text)` creating parent folders: projects on disk for loadProjectsIn.
 */
export function tempProjects(prefix: string): { readonly dir: () => string; readonly write: (file: string, text: string) => Promise<void> } {
  let dir = '';
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));
  return {
    dir: () => dir,
    write: async (file, text) => {
      await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.writeFile(path.join(dir, file), text);
    },
  };
}
