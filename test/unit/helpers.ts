// Small builders shared by the unit tests.

import { buildProjectModel } from '../../src/config/buildModel';
import type { ConfigFileKind, ProjectModel, SourceSpan } from '../../src/config/model';

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
