// `!include`s that go wrong. One in `.upsun/` of a YAML file that sits in `.upsun/` too. Upsun reads every
// `.upsun/*.yaml` and `.upsun/*.yml` as a configuration file of its own and merges them (the
// Upsun CLI globs both and merges each one's `applications`, `services` and `routes`: upsun/cli
// internal/lint/merge.go findUpsunConfigFiles, mergeConfigFiles), whether or not another file
// includes it; an included application body there fails the deploy with "Contents should be a
// YAML map" (platformsh/platformsh-docs#4239). So the include works, but the file is read twice.
// And an include of a file that does not exist: the Upsun CLI refuses it ("doesn't exist in the
// repository", upsun/cli internal/lint/source.go), as the platform does.

import * as path from 'path';
import { configFileKind } from '../config/fileKinds';
import { includeNodes } from '../config/includes';
import type { Problem, ProjectModel } from '../config/model';
import { nodeRange } from '../config/yamlNodes';
import { CODES } from './codes';
import { problem } from './problem';

/** `/p/apps/a.yaml` as the user knows it: relative to the project's folder. */
function shown(model: ProjectModel, target: string): string {
  return path.relative(model.root, target).split(path.sep).join('/') || target;
}

export function checkIncludes(model: ProjectModel): Problem[] {
  const problems: Problem[] = [];
  for (const file of model.files) {
    for (const { node, target } of includeNodes(file.document.contents, file.path)) {
      const range = nodeRange(node);
      if (!range) continue;
      // The node's range leaves out its tag: mark from `!include` on.
      const tag = file.text.lastIndexOf('!include', range.start);
      const span = { file: file.path, start: tag >= 0 && file.text.slice(tag + '!include'.length, range.start).trim() === '' ? tag : range.start, end: range.end };
      if (model.missingIncludes?.has(target.path)) {
        // A checkout of only the config (a sparse clone) lacks a `string` or `binary` include's
        // file, and so does a file generated later: an error only where an entry's body is missing.
        const severity = target.type === 'yaml' ? 'error' : 'warning';
        problems.push(problem(span, severity, CODES.includeNotFound, `\`${shown(model, target.path)}\`, which this \`!include\` names, does not exist${severity === 'warning' ? ' in this checkout' : ''}: the platform refuses an include of a missing file. Fix the path (it is relative to this file), or add the file.`));
        continue;
      }
      if (file.kind === 'upsun' && configFileKind(target.path) === 'upsun') {
        const name = target.path.replace(/\\/g, '/').split('/').slice(-2).join('/');
        problems.push(
          problem(span, 'error', CODES.includeInConfigFolder, `\`${name}\` is in \`.upsun/\`, where Upsun reads every YAML file as configuration of its own: besides this \`!include\`, it is merged as a top-level config file, and the deploy fails unless its top level is \`applications:\`, \`services:\` or \`routes:\`. Move it out of \`.upsun/\` (next to the application's code, for example) and include it from there.`),
        );
      }
    }
  }
  return problems;
}
